"""Hostile and odd text in every text field of every built-in document type that has a sample.

Whatever a user pastes — XML specials, Jinja syntax, control characters, emoji, right-to-left
text and bidi overrides, zero-width characters, ten thousand characters, Cyrillic with Latin
look-alikes — either validation refuses it with a clean InputError and nothing is written, or the
document renders, opens in python-docx, every XML part parses, and the text shows up literally
(a field holding «{{ 7*7 }}» prints those characters, never 49).

New built-in types are picked up from the engine; the samples (and their organisation profiles)
are the starting point, and one or a few of their text leaves are replaced per example.
"""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from lxml import etree

from docgen.errors import InputError
from docgen.loading import read_mapping
from helpers import builtin_engine, edit_text, generate

# Random examples on developers' machines find new cases; CI replays a fixed sequence, so
# a landing is never blocked by a draw nobody has seen before.
IN_CI = bool(os.environ.get("CI"))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DATE = re.compile(r"^\s*(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})\s*$")
_FILE_REF = (".yaml", ".yml", ".json", ".csv", ".xlsx", ".sqlite", ".db", ".docx")
# Keys whose string values are codes or references, not prose: replacing them can only be refused.
_REFERENCE_KEYS = {"organization", "id", "gender", "db"}
# Numbers that a user may equally write as text, and that reach file names.
_NUMBER_KEYS = {"number"}


ENGINE = builtin_engine()
SLUGS = sorted(slug for slug, dt in ENGINE.document_types.items() if dt.sample is not None)


def test_there_are_types_to_attack():
    """The tests below are made per type: with no type loaded they would be skipped, not failed."""
    assert {"working-group-order", "regulation-order", "plan-graph", "competition-regulation"} <= set(SLUGS)


@dataclass
class Case:
    slug: str
    folder: Path          # a private copy of the sample's folder (for relative references)
    data: dict[str, Any]
    profile: dict[str, Any] | None
    leaves: list[tuple]   # ("data"|"profile", key/index, …)
    out: Path
    seconds: float        # one render of the sample: types with charts get fewer examples

    def attempt(self, substitutions: dict[tuple, Any]) -> Path | InputError:
        """Write the edited data and profile as JSON, generate; the .docx or the refusal."""
        data_path = _write(self, substitutions)
        for stale in self.out.iterdir():
            stale.unlink()
        try:
            result = ENGINE.generate(self.slug, data_path, self.out)
        except InputError as exc:
            assert re.search("[а-яё]", exc.message, re.IGNORECASE), exc.message
            assert "hostile-" in exc.message, f"the message must name the file: {exc.message}"
            assert list(self.out.iterdir()) == [], "a refused input must write nothing"
            return exc
        assert result.path.parent == self.out, result.path
        assert [p.name for p in self.out.iterdir()] == [result.path.name]
        return result.path


def _dump(path: Path, value: Any) -> None:
    # ensure_ascii: every character — even a lone surrogate from a \\ud800 escape — survives as
    # an escape, exactly as a hostile JSON file can carry it.
    path.write_text(json.dumps(value, ensure_ascii=True, default=str), encoding="utf-8")


def _staff_refs(profile: dict | None) -> set[str]:
    refs: set[str] = set()
    for person in [*(profile or {}).get("staff", []), (profile or {}).get("director") or {}]:
        for key in ("id", "full_name"):
            if isinstance(person.get(key), str):
                refs.add(person[key].casefold())
    return refs


def _text_leaves(node: Any, path: tuple, refs: set[str]) -> list[tuple]:
    out: list[tuple] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        here = (*path, key)
        if isinstance(value, (dict, list)):
            out += _text_leaves(value, here, refs)
        elif key in _NUMBER_KEYS and isinstance(value, (int, str)) and not isinstance(value, bool):
            out.append(here)
        elif isinstance(value, str):
            if key in _REFERENCE_KEYS or _DATE.match(value) or value.lower().endswith(_FILE_REF):
                continue
            if path[0] == "data" and value.strip().casefold() in refs:
                continue  # a staff reference: replacing it can only be refused
            out.append(here)
    return out


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    made: dict[str, Case] = {}

    def get(slug: str) -> Case:
        if slug not in made:
            sample = ENGINE.document_types[slug].sample
            folder = tmp_path_factory.mktemp(slug)
            shutil.copytree(sample.parent, folder, dirs_exist_ok=True)
            data = read_mapping(sample)
            profile = None
            if isinstance(data.get("organization"), str):
                profile = read_mapping(sample.parent / data["organization"])
            leaves = _text_leaves(data, ("data",), _staff_refs(profile)) + _text_leaves(profile or {}, ("profile",), set())
            out = folder / "out"
            out.mkdir()
            started = time.perf_counter()
            ENGINE.render(ENGINE.get_type(slug), ENGINE.load(ENGINE.get_type(slug), sample))
            made[slug] = Case(slug, folder, data, profile, leaves, out, time.perf_counter() - started)
        return made[slug]

    return get


def check_docx(path: Path) -> str:
    """Every XML part parses strictly; python-docx opens the file; the visible text, part by part."""
    import docx

    texts = []
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(package.read(name))  # raises on any malformed XML
                if name.startswith("word/") and root.tag in (f"{W}document", f"{W}hdr", f"{W}ftr"):
                    for paragraph in root.iter(f"{W}p"):
                        texts.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
    document = docx.Document(str(path))
    assert document.paragraphs or document.tables
    return "\n".join(texts)


# --- the explicit cases: every text field at once, with text that must come out literally ---------

INJECTION = "{{ 7*7 }}"
LOOP = '{% for x in "абв" %}Ы{% endfor %}'
MARKUP = '<b>&amp;</b>"\'</w:t>]]>'
HOSTILE = (f"Ж {MARKUP} {INJECTION} {LOOP} {{# комментарий #}} "
           "\u202eRTL\u202c שלום مرحبا 😀👩\u200d👩\u200d👧 Latin и кириллица сOOШ \u200b\ufeff\x01\x0b")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_text_field_keeps_hostile_text_literally(cases, slug):
    case = cases(slug)
    assert case.leaves, f"{slug}: no text fields found in the sample"
    accepted, refused = {}, []
    for index, leaf in enumerate(case.leaves):
        value = f"{HOSTILE} поле{index}"
        try:
            ENGINE.load(ENGINE.get_type(slug), _write(case, {leaf: value}))
        except InputError:
            refused.append(leaf)
            continue
        accepted[leaf] = value
    assert len(accepted) >= len(case.leaves) // 2, f"{slug}: most text fields refuse ordinary text: {refused}"
    result = case.attempt(accepted)
    assert isinstance(result, Path), f"{slug}: each field alone was accepted, all together refused: {result}"
    text = check_docx(result)
    assert INJECTION in text and LOOP in text, f"{slug}: Jinja syntax in data must print literally"
    assert "ЫЫЫ" not in text and "комментарий" in text, f"{slug}: data was executed as a template"
    assert MARKUP in text, f"{slug}: XML specials must print as typed, neither lost nor escaped twice"
    assert "\u202eRTL\u202c שלום مرحبا 😀👩\u200d👩\u200d👧" in text
    assert "\x01" not in text and "\x0b" not in text
    shown = [leaf for leaf, value in accepted.items() if f"поле{case.leaves.index(leaf)}" in text]
    assert shown, f"{slug}: none of the fields reached the document"


def _write(case: Case, substitutions: dict[tuple, Any]) -> Path:
    """The edited data file, without generating (to learn cheaply which fields accept text)."""
    roots = {"data": copy.deepcopy(case.data), "profile": copy.deepcopy(case.profile)}
    for leaf, value in substitutions.items():
        node = roots[leaf[0]]
        for key in leaf[1:-1]:
            node = node[key]
        node[leaf[-1]] = value
    if roots["profile"] is not None:
        _dump(case.folder / "hostile-profile.json", roots["profile"])
        roots["data"]["organization"] = "hostile-profile.json"
    _dump(case.folder / "hostile-data.json", roots["data"])
    return case.folder / "hostile-data.json"


def test_refused_value_is_not_replayed_to_the_terminal(sample_dir, tmp_path, in_test_folder):
    """The message quotes the bad value; escape sequences in it must not reach the terminal
    (they could retitle the window, recolour or hide text) and a bidi override must not
    reverse the rest of the line."""
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "date: 01.09.2026", 'date: "\\e]0;PWNED\\a\\e[31mКРАСНЫЙ\\u202eтекст"')
    result, written = generate("working-group-order", data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «date» (дата приказа)" in result.output and "КРАСНЫЙ" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output, ascii(result.output)
    assert "\u202e" not in result.output, ascii(result.output)


# --- the property: arbitrary text in one to three fields ------------------------------------------

FRAGMENTS = [
    "<", ">", "&", '"', "'", "&amp;", "&#x0;", "<w:t>", "</w:p>", "]]>", "<![CDATA[", INJECTION, LOOP,
    "{{", "}}", "{%", "%}", "{#", "{n}", "%s", "\\", "/", "../", "\x00", "\x01", "\x08", "\x0b", "\x0c",
    "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe", "\uffff", "\u2028", "\u2029", "\t", "\n", "\r\n",
    " ", "\u00a0", "\u3000", "😀", "👩\u200d👩\u200d👧", "🇷🇺", "\U0001f3f3\ufe0f\u200d\U0001f308", "שלום",
    "مرحبا", "\u202e", "\u202d", "\u200f", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "Ёлка",
    "Latin", "сOOШ", "x\u0306", "№", "ǅ", "ß", "İ", "ﬁ", "Ⅻ", "٣", "\U00010348", "\ue000",
]
texts = st.one_of(
    st.text(min_size=1, max_size=60),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=1, max_size=20).map("".join),
    st.builds(lambda piece, n: (piece * n)[:10_000],
              st.sampled_from(["Ж", "Жx ", "<&> ", "😀", f"{INJECTION} ", "שלום ", "а\u0301"]),
              st.integers(2_000, 10_000)),
)


EXAMPLES = 30
MIN_EXAMPLES = 8
BUDGET_SECONDS = 8.0  # per type: a document with charts renders ten times slower than an order


@pytest.mark.parametrize("slug", SLUGS)
def test_arbitrary_text_renders_or_is_refused_cleanly(cases, slug):
    case = cases(slug)
    examples = max(MIN_EXAMPLES, min(EXAMPLES, int(BUDGET_SECONDS / max(case.seconds, 0.01))))

    @settings(max_examples=examples, deadline=None, database=None, derandomize=IN_CI,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def run(data):
        leaves = data.draw(st.lists(st.sampled_from(case.leaves), min_size=1, max_size=3, unique=True), label="fields")
        substitutions = {leaf: data.draw(texts, label="/".join(map(str, leaf))) for leaf in leaves}
        result = case.attempt(substitutions)
        if isinstance(result, InputError):
            event("refused by validation")
            return
        event("rendered")
        text = check_docx(result)
        assert "ЫЫЫ" not in text
        name = result.name
        assert len(name.encode("utf-8")) <= 255 and not set('<>:"/\\|?*') & set(name)
        assert all(unicodedata.category(ch)[0] != "C" for ch in name)

    run()
