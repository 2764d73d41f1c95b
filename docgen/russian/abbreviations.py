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
number, in an ordinary paragraph (not centred, not bold, not in capitals — not a title or a
heading), outside «…» quotes and (…) brackets (a cited title or a parenthesis is not where a term
is introduced), not followed by a bracket of its own, and before the abbreviation's first use in
such a paragraph, gets « (далее — X)» right after it — inside the run where the name ends, so it
takes that run's formatting. No such occurrence: nothing is added (the shared checker then warns).

The table is data: ``abbreviations.yaml`` on the template search path (docgen.templates), so a
district's plugin or a school's template folder replaces it by dropping a file of that name. Each
entry is the abbreviation and either its full name in the nominative singular (the forms of every
case in both numbers are built by docgen.russian.titles.phrase_forms) or a list of its forms.

Most documents hold none of the abbreviations, and a document that does is looked at paragraph
by paragraph only up to the first use: one regular-expression search decides for most documents.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import TemplateError
from .typography import NBSP

ABBREVIATIONS_FILE = "abbreviations.yaml"

_LETTERS = "А-Яа-яЁёA-Za-z"
_PARAGRAPH_EDGE = re.compile(r"<w:p[ >]|</w:p>")
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

    @property
    def pattern(self) -> re.Pattern[str]:
        """The full name in any of its forms, as a whole phrase; the first letter in either case."""
        if self._pattern is None:
            if isinstance(self.phrase, str):
                from .titles import phrase_forms

                forms = phrase_forms(self.phrase)
            else:
                forms = self.phrase
            alternatives = sorted({_form_pattern(f) for f in forms if f.strip()}, key=len, reverse=True)
            self._pattern = re.compile(rf"(?<![{_LETTERS}\d\u2011-])(?:{'|'.join(alternatives)})(?![{_LETTERS}\d\u2011-])")
        return self._pattern


def _form_pattern(form: str) -> str:
    words = form.strip().split()
    parts = [re.escape(w).replace("\\-", "[-\u2011]").replace("-", "[-\u2011]") for w in words]
    text = _SPACES.join(parts)
    first = form.strip()[0]
    if first.isalpha():
        text = f"[{first.lower()}{first.upper()}]" + text[len(re.escape(first)):]
    return text


class Table:
    """The abbreviations of one data file and the rule that introduces them."""

    def __init__(self, entries: list[Abbreviation]):
        self.entries = {e.short: e for e in entries}
        names = sorted(self.entries, key=len, reverse=True)
        self._any = re.compile(rf"(?<![{_LETTERS}])(?:{'|'.join(map(re.escape, names))})(?![{_LETTERS}])") \
            if names else None

    def __len__(self) -> int:
        return len(self.entries)

    def expand(self, xml: str) -> str:
        """The body's XML with « (далее — X)» after the first eligible full name of each X it uses."""
        if self._any is None:
            return xml
        used = set(self._any.findall(xml))
        if not used:
            return xml
        paragraphs = _paragraphs(xml)
        texts = [_segments(xml, start, end) for start, end in paragraphs]
        whole = "\n".join("".join(t for _, _, t in segs) for segs in texts)
        pending = [self.entries[s] for s in sorted(used) if not _introduced(whole, s)]
        insertions: list[tuple[int, str]] = []
        for (start, end), segments in zip(paragraphs, texts):
            if not pending:
                break
            text = "".join(t for _, _, t in segments)
            if not text or _is_heading(xml[start:end], text):
                continue
            for entry in list(pending):
                use = re.search(rf"(?<![{_LETTERS}]){re.escape(entry.short)}(?![{_LETTERS}])", text)
                limit = use.start() if use else len(text)
                place = _eligible(entry.pattern, text, limit, xml, segments)
                if place is not None:
                    insertions.append((place, f" (далее{NBSP}— {entry.short})"))
                if place is not None or use:
                    pending.remove(entry)
        for position, words in sorted(insertions, reverse=True):
            xml = xml[:position] + words + xml[position:]
        return xml


def _introduced(text: str, short: str) -> bool:
    return re.search(rf"\((?:далее\s*[—–-]\s*)?{re.escape(short)}\)|далее\s*[—–-]\s*{re.escape(short)}(?![{_LETTERS}])",
                     text) is not None


def _paragraphs(xml: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph holding no other paragraph (a text box's inside), in order."""
    found, stack = [], []
    for match in _PARAGRAPH_EDGE.finditer(xml):
        if match.group(0) != "</w:p>":
            if stack:
                stack[-1][1] = True  # the outer one holds a paragraph: its text is not its own
            stack.append([match.start(), False])
        elif stack:
            start, nested = stack.pop()
            if not nested:
                found.append((start, match.end()))
    found.sort()
    return found


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
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _eligible(pattern: re.Pattern[str], text: str, limit: int, xml: str,
              segments: list[tuple[int, int, str]]) -> int | None:
    """The raw XML position after the first full name in ``text`` before ``limit`` that may take
    «(далее — …)», or None."""
    for match in pattern.finditer(text, 0, limit):
        before, after = text[: match.start()], text[match.end():]
        if before.count("«") > before.count("»") or before.count("„") > before.count("“"):
            continue
        if before.count('"') % 2 or before.count("(") > before.count(")"):
            continue
        if after.lstrip(f" {NBSP}").startswith("("):
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
