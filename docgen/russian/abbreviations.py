"""Abbreviations introduced at their first use: «… внутренней системы оценки качества образования
(далее — ВСОКО)».

An official text writes a name out in full once and says which abbreviation stands for it from
then on; an inspector reads «ВСОКО» in a basis clause with no such introduction as a slip. The
words of a document come from its template and its data, written by different people at different
times, so no template can know which of them names the system first: the rule runs on the rendered
body, the one text every document has (docgen.rendering applies ``Table.expand`` on both of its
render paths, so a district's own document types get it too).

The rule, for every abbreviation of the table that the body's text uses and does not introduce
already («(далее — X)» or «(X)» anywhere): the first occurrence of its full name, in any case and
number, in an ordinary paragraph or table cell (not centred, not bold, not in capitals — not a
title or a heading), outside «…» quotes and (…) brackets and outside the unquoted title of an act cited as
approved («Положением о …, утверждённым приказом …») — a cited title or a parenthesis is not where
a term is introduced —, not followed by a bracket of its own, and before the abbreviation's first use in
such a paragraph, gets « (далее — X)» right after it — inside the run where the name ends, so it
takes that run's formatting. No such occurrence: nothing is added (the shared checker then warns).

The table is data: ``abbreviations.yaml`` on the template search path (docgen.templates), so a
district's plugin or a school's template folder replaces it by dropping a file of that name. Each
entry is the abbreviation and either its full name in the nominative singular (the forms of every
case in both numbers are built by docgen.russian.titles.phrase_forms) or a list of its forms.

Speed: the body's text is read once (one regular expression over the XML) and each abbreviation
is a substring test on it — a document that uses none, or introduces them itself, stops there;
otherwise only the paragraphs that may hold a name or an abbreviation are read, in order, up to
the first use. The working-group order pays about a tenth of a millisecond per document.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import TemplateError
from .typography import NBSP

ABBREVIATIONS_FILE = "abbreviations.yaml"

_LETTERS = "А-Яа-яЁёA-Za-z"
_EDGE = re.compile(r"<w:p[ >]|</w:p>|<w:tc[ >]|</w:tc>")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_RUN_START = "<w:r>", "<w:r "
_CENTRED = re.compile(r'<w:jc w:val="center"/>')
_HEADING_STYLE = re.compile(r'<w:pStyle w:val="(?:[^"]*(?:Heading|Title|heading|title|Заголов|заголов)[^"]*)"/>')
_BOLD = re.compile(r'<w:b(?: w:val="(?:1|true|on)")?/>')
_CAPS = re.compile(r'<w:caps(?: w:val="(?:1|true|on)")?/>')
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-z]+);")
_SPACES = "[\\s\u00a0]+"


class AbbreviationsError(TemplateError):
    """A table that cannot be read; the message names the file and the entry."""


@dataclass
class Abbreviation:
    short: str
    phrase: str | tuple[str, ...]  # the nominative singular, or every form written out
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _anchor: str = field(default="", repr=False)

    def use(self, text: str) -> int | None:
        """Where the abbreviation first stands as a word of its own («ВСОКО», not «МСОКО»).
        str.find and a look at the neighbours: a look-behind makes re try every position."""
        start = text.find(self.short)
        while start >= 0:
            end = start + len(self.short)
            if not (start and text[start - 1].isalpha()) and not (end < len(text) and text[end].isalpha()):
                return start
            start = text.find(self.short, start + 1)
        return None

    def introduced(self, text: str) -> bool:
        """The text introduces it itself: «(X)», «(далее — X)», «(далее X)» — looked for at each
        «далее» (str.find), not by a pattern tried at every position."""
        if f"({self.short})" in text:
            return True
        at = text.find("далее")
        while at >= 0:
            if self.introduction.match(text, at):
                return True
            at = text.find("далее", at + 5)
        return False

    @functools.cached_property
    def introduction(self) -> re.Pattern[str]:
        return re.compile(rf"далее\s*[—–-]?\s*{re.escape(self.short)}(?![{_LETTERS}])")

    @property
    def pattern(self) -> re.Pattern[str]:
        """The full name in any of its forms, as a whole phrase; the first letter in either case."""
        if self._pattern is None:
            if isinstance(self.phrase, str):
                from .titles import phrase_forms

                forms = phrase_forms(self.phrase)
            else:
                forms = self.phrase
            forms = [f for f in forms if f.strip()]
            alternatives = sorted({_form_pattern(f) for f in forms}, key=len, reverse=True)
            self._pattern = re.compile("|".join(alternatives))  # whole words: checked by _eligible
            self._anchor = _anchor(forms)
        return self._pattern

    def may_stand_in(self, xml: str, start: int, end: int) -> bool:
        """Whether a paragraph's XML may hold the name or the abbreviation — two str.find calls,
        so that only such paragraphs are read. The name's anchor is the start its forms share
        after the first letter («нутренн»): a name whose first word Word split across runs (a
        spelling mark inside a word) is missed, and the shared checker still warns."""
        self.pattern  # noqa: B018 — sets the anchor
        return xml.find(self.short, start, end) >= 0 or xml.find(self._anchor, start, end) >= 0


def _anchor(forms: list[str]) -> str:
    """The longest start every form shares, without the first letter (either case); «» — none."""
    words = [f.split()[0][1:] for f in forms]
    common = words[0]
    for word in words[1:]:
        while not word.startswith(common):
            common = common[:-1]
    common = common.split("-")[0]  # a hyphen may be typed as the no-break one
    return common if len(common) >= 3 else ""


def _form_pattern(form: str) -> str:
    """A form as a pattern: any run of spaces between words, either hyphen inside one, and the
    first letter in either case (a sentence may begin with the name)."""
    words = form.split()
    parts = ["[-\u2011]".join(re.escape(piece) for piece in word.split("-")) for word in words]
    first = words[0][0]
    if first.isalpha():
        parts[0] = f"[{first.lower()}{first.upper()}]" + parts[0][len(re.escape(first)):]
    return _SPACES.join(parts)


class Table:
    """The abbreviations of one data file and the rule that introduces them."""

    def __init__(self, entries: list[Abbreviation]):
        self.entries = {e.short: e for e in entries}

    def __len__(self) -> int:
        return len(self.entries)

    def expand(self, xml: str) -> str:
        """The body's XML with « (далее — X)» after the first eligible full name of each X it uses.

        Cheapest first: the text of the w:t elements (one regular expression over the XML) and a
        substring test per abbreviation — most documents stop here, using none or introducing
        them already; then only the paragraphs that may hold a name or an abbreviation (two
        str.find each) are read, in order, up to the last first use."""
        if not self.entries:
            return xml
        whole = "\n".join(_TEXT.findall(xml))  # escaped, but no abbreviation or «далее» holds an escape
        pending = [e for e in self.entries.values()
                   if e.short in whole and e.use(whole) is not None and not e.introduced(whole)]
        if not pending:
            return xml
        insertions: list[tuple[int, str]] = []
        found: dict[str, int] = {}  # the place for «(далее — X)», kept once a use follows it
        for start, end, in_table in _paragraphs(xml):
            if not pending:
                break
            if not any(entry.may_stand_in(xml, start, end) for entry in pending):
                continue
            segments = _segments(xml, start, end)
            text = "".join(t for _, _, t in segments)
            if not text or (not in_table and _is_heading(xml[start:end], text)):
                continue  # a title's use is not the text's first use; a centred cell's is
            for entry in list(pending):
                use = entry.use(text)
                # A table's cell may take it too when the text names the system first there (a
                # plan-graph is a title and a table); a centred or capitalised cell is a heading.
                if entry.short not in found and not (in_table and _is_heading(xml[start:end], text)):
                    place = _eligible(entry.pattern, text, len(text) if use is None else use, xml, segments)
                    if place is not None:
                        found[entry.short] = place
                if use is not None:
                    if entry.short in found:
                        insertions.append((found[entry.short], f" (далее{NBSP}— {entry.short})"))
                    pending.remove(entry)
        for position, words in sorted(insertions, reverse=True):
            xml = xml[:position] + words + xml[position:]
        return xml


def _paragraphs(xml: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, inside a table) of every paragraph holding no other paragraph (a text box's
    inside), in the order they close — the document's order but for a text box, which comes
    before its anchor's paragraph. Lazy: the walk stops at the last first use."""
    stack: list[list[Any]] = []
    cells = 0
    for match in _EDGE.finditer(xml):
        tag = match.group(0)
        if tag.startswith("<w:tc"):
            cells += 1
        elif tag == "</w:tc>":
            cells -= 1
        elif tag != "</w:p>":
            if stack:
                stack[-1][1] = True  # the outer one holds a paragraph: its text is not its own
            stack.append([match.start(), False])
        elif stack:
            start, nested = stack.pop()
            if not nested:
                yield start, match.end(), cells > 0


def _segments(xml: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The paragraph's w:t elements: where each one's raw content starts and ends, and its text."""
    return [(m.start(1), m.end(1), _unescape(m.group(1))) for m in _TEXT.finditer(xml, start, end)]


def _unescape(raw: str) -> str:
    if "&" not in raw:
        return raw
    import html

    return html.unescape(raw)


def _raw_offset(raw: str, count: int) -> int:
    """Where, in a w:t's escaped content, its text's ``count``-th character ends."""
    if "&" not in raw:
        return count
    position = 0
    for _ in range(count):
        entity = _ENTITY.match(raw, position)
        position = entity.end() if entity else position + 1
    return position


def _is_heading(paragraph: str, text: str) -> bool:
    properties = paragraph.split("</w:pPr>", 1)[0] if "</w:pPr>" in paragraph else ""
    if _CENTRED.search(properties) or _HEADING_STYLE.search(properties):
        return True
    return text.isupper()  # «ПРИКАЗ», «ПОЛОЖЕНИЕ»


def _inside_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "-\u2011")


# An act cited by its title without quotes: «Положением о муниципальном конкурсе …, утверждённым
# приказом …». The title runs from the act's kind to the comma before «утверждённ…».
_ACT_KIND = re.compile(r"(?<![А-Яа-яЁё])(?:положени|порядк|порядок|правил|регламент|инструкци)[а-яё]*"
                       rf"{_SPACES}об?{_SPACES}", re.IGNORECASE)
_APPROVED_AFTER = re.compile(rf"[^,;.()«»]*,{_SPACES}утвержд[её]нн", re.IGNORECASE)


def _in_cited_title(before: str, after: str) -> bool:
    """Whether the name stands inside the title of an act the text cites as approved («…
    Положением о конкурсе моделей внутренних систем оценки качества образования, утверждённым
    приказом …»): a title is quoted as the act names itself, so it takes no «(далее — X)» — the
    abbreviation goes to the next occurrence outside, or nowhere."""
    clause = re.split(r"[,;.()«»]", before)[-1]
    return bool(_ACT_KIND.search(clause)) and bool(_APPROVED_AFTER.match(after))


def _eligible(pattern: re.Pattern[str], text: str, limit: int, xml: str,
              segments: list[tuple[int, int, str]]) -> int | None:
    """The raw XML position after the first full name in ``text`` before ``limit`` that may take
    «(далее — …)», or None."""
    for match in pattern.finditer(text, 0, limit):
        if _inside_word(text, match.start() - 1) or _inside_word(text, match.end()):
            continue  # «…образования» inside a longer word, or a hyphenated compound
        before, after = text[: match.start()], text[match.end():]
        if before.count("«") > before.count("»") or before.count("„") > before.count("“"):
            continue
        if before.count('"') % 2 or before.count("(") > before.count(")"):
            continue
        if after.lstrip(f" {NBSP}").startswith("("):
            continue
        if _in_cited_title(before, after):
            continue
        offset = 0
        for raw_start, raw_end, piece in segments:
            if offset < match.end() <= offset + len(piece):
                run = max(xml.rfind(_RUN_START[0], 0, raw_start), xml.rfind(_RUN_START[1], 0, raw_start))
                properties = xml[run:raw_start]
                if _BOLD.search(properties) or _CAPS.search(properties):
                    break
                return raw_start + _raw_offset(xml[raw_start:raw_end], match.end() - offset)
            offset += len(piece)
    return None


# -- the data file --------------------------------------------------------------------------------


def parse_table(data: Any, source: str) -> Table:
    """A table from the YAML's mapping; a wrong shape is a Russian message naming file and entry."""
    if data is None:
        return Table([])
    if not isinstance(data, dict):
        raise AbbreviationsError(f"{source}: ожидается список сокращений вида «ВСОКО: внутренняя система оценки "
                                 "качества образования»")
    entries = []
    for short, phrase in data.items():
        if not isinstance(short, str) or not re.fullmatch(rf"[{_LETTERS}]+", short):
            raise AbbreviationsError(f"{source}: сокращение «{short}» — ожидаются только буквы, например ВСОКО")
        if isinstance(phrase, str) and phrase.strip():
            entries.append(Abbreviation(short, phrase.strip()))
        elif isinstance(phrase, list) and phrase and all(isinstance(p, str) and p.strip() for p in phrase):
            entries.append(Abbreviation(short, tuple(p.strip() for p in phrase)))
        else:
            raise AbbreviationsError(f"{source}: сокращение «{short}» — ожидается полное наименование "
                                     "(строка) или список его форм")
    return Table(entries)


def load_table(path: Path) -> Table:
    """The table of a file, read once per process and version of the file."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return Table([])
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load(path: str, _mtime: int, _size: int) -> Table:
    from ..yaml_budget import load_yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
        data = load_yaml(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise AbbreviationsError(f"файл сокращений «{path}» не читается: {exc}") from None
    except Exception as exc:  # noqa: BLE001 — a YAML error of either loader, or the budget's
        raise AbbreviationsError(f"файл сокращений «{path}»: ошибка YAML: {exc}") from None
    return parse_table(data, f"файл сокращений «{path}»")


def builtin_table() -> Table:
    """The built-in list (templates/abbreviations.yaml), for a render no engine located a list for."""
    from ..resources import data_dir

    return load_table(data_dir("templates") / ABBREVIATIONS_FILE)
