"""Where text sits in Word: the paragraphs and table cells of a .docx, each as the stretches of
text (and tabs, breaks, fields, pictures) its runs hold, named as a user finds them in Word.

Word splits text into runs wherever it pleases, so a tag is found in a paragraph's joined text,
and its pieces tell what docxtpl will do to it (drop a tab inside it, keep one run's formatting).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
"""A Jinja tag as it stands in a paragraph's text."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STANDINS = {f"{_W}tab": ("\t", "tab"), f"{_W}br": ("\n", "break"), f"{_W}cr": ("\n", "break"),
             f"{_W}fldChar": ("\u2060", "field"), f"{_W}drawing": ("\u2060", "picture"),
             f"{_W}pict": ("\u2060", "picture")}


@dataclass
class Piece:
    """One stretch of a paragraph's text: characters from a ``w:t`` of some run, or a stand-in
    for a tab, line break, field character or picture (which docxtpl drops inside a tag)."""

    text: str
    run: Any  # the w:r element, or None
    kind: str  # "text", "tab", "break", "field", "picture"


@dataclass
class Location:
    where: str
    pieces: list[Piece]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def tags(self) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group(0)) for m in TAG.finditer(self.text)]


def _pieces(p_element) -> list[Piece]:
    out: list[Piece] = []
    for el in p_element.iter():
        tag = el.tag
        run = el.getparent()
        if tag == f"{_W}t":
            if el.text:
                out.append(Piece(el.text, run, "text"))
        elif tag in _STANDINS and run is not None and run.tag == f"{_W}r":
            text, kind = _STANDINS[tag]
            out.append(Piece(text, run, kind))
    return out


def _cell_locations(table_el, label: str) -> Iterable[Location]:
    for r, tr in enumerate(table_el.iterchildren(f"{_W}tr"), 1):
        for c, tc in enumerate(tr.iterchildren(f"{_W}tc"), 1):
            paragraphs = list(tc.iterchildren(f"{_W}p"))
            for k, p in enumerate(paragraphs, 1):
                extra = f", абзац {k}" if len(paragraphs) > 1 else ""
                yield Location(f"{label}, строка {r}, столбец {c}{extra}", _pieces(p))
            for n, inner in enumerate(tc.iterchildren(f"{_W}tbl"), 1):
                yield from _cell_locations(inner, f"{label}, строка {r}, столбец {c}, вложенная таблица {n}")


def _container_locations(container, prefix: str) -> list[Location]:
    out: list[Location] = []
    paragraphs = tables = 0
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            paragraphs += 1
            out.append(Location(f"{prefix}абзац {paragraphs}", _pieces(child)))
        elif child.tag == f"{_W}tbl":
            tables += 1
            out.extend(_cell_locations(child, f"{prefix}таблица {tables}"))
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                for p in content.iter(f"{_W}p"):
                    paragraphs += 1
                    out.append(Location(f"{prefix}абзац {paragraphs}", _pieces(p)))
    return out


def locations(doc) -> dict[str, list[Location]]:
    """Paragraphs and table cells of the body and of each header and footer, named as a user
    finds them in Word: «абзац 7», «таблица 2, строка 3, столбец 4», «верхний колонтитул …»."""
    parts = {"body": _container_locations(doc.element.body, "")}
    seen: set[int] = set()
    for s, section in enumerate(doc.sections, 1):
        for attr, label in (("header", "верхний колонтитул"), ("first_page_header", "верхний колонтитул первой страницы"),
                            ("footer", "нижний колонтитул"), ("first_page_footer", "нижний колонтитул первой страницы")):
            part = getattr(section, attr)
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            parts[f"{attr}{s}"] = _container_locations(element, f"{label} раздела {s}, ")
    return parts


def format_key(run) -> str:
    """A run's formatting, without revision ids and spell-check marks, to compare tag parts."""
    from lxml import etree

    if run is None:
        return ""
    rpr = run.find(f"{_W}rPr")
    if rpr is None:
        return ""
    copy = etree.fromstring(etree.tostring(rpr))
    for el in list(copy):
        if el.tag in (f"{_W}lang", f"{_W}noProof"):
            copy.remove(el)
    for attr in list(copy.attrib):
        if "rsid" in attr:
            del copy.attrib[attr]
    return etree.tostring(copy, method="c14n").decode()


def short(text: str, limit: int = 60) -> str:
    """A tag or text quoted in a message: whitespace collapsed, cut with «…»."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
