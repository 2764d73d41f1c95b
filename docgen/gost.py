"""Building blocks of a ГОСТ Р 7.0.97 page, for writing .docx templates in code.

Used by the scripts that build the built-in templates and by the plugin scaffold, so every
template starts from the same house style: A4, margins 30/15/20/20 mm, Times New Roman 14,
single spacing, paragraph indent 1.25 cm, pages from the second numbered at the top centre.
The words given to ``paragraph`` and ``table`` are typeset (docgen.russian.typography: «№ 5»,
«10 %», «273‑ФЗ», no dash at a line's start; Jinja tags untouched), and a table row never splits
across pages, its header row repeating on each page; with ``keep_tail`` neither its header nor its
last row is left alone on a page (docgen.pdf_layout checks this on the printed page).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from .russian.typography import typeset_template

__all__ = ["BODY_PT", "CENTER", "Column", "FONT", "INDENT", "JUSTIFY", "LEFT", "MARGINS_MM", "RIGHT", "TABLE_PT",
           "TEXT_WIDTH_MM", "keep_row_together", "keep_row_with_next", "keep_with_next_when", "new_document", "paragraph",
           "repeat_header_row", "right_block", "setup_section", "table"]

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
MARGINS_MM = {"left": 30, "right": 15, "top": 20, "bottom": 20}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
INDENT = Cm(1.25)
# Angular requisites (annex mark, grif) sit in a block at most 8 cm wide against the right margin.
RIGHT_BLOCK_INDENT = Mm(TEXT_WIDTH_MM - 80)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _font_element(rpr) -> None:
    """Name Times New Roman for every script in ``rpr``, dropping theme fonts (Calibri)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _russian_language(rpr) -> None:
    """Russian as the text language, so Word checks spelling (and hyphenates) in Russian instead
    of marking every word of the document as misspelt English."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")


def new_document():
    """An empty A4 document in the house style, with page numbers from page 2."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _font_element(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    # docDefaults too, so that table cells and fields never fall back to Calibri.
    default_rpr = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if default_rpr is not None:
        _font_element(default_rpr)
        _russian_language(default_rpr)
    doc.core_properties.author = "docgen"
    doc.core_properties.title = ""
    doc.core_properties.comments = ""
    section = doc.sections[0]
    setup_section(section)
    return doc


def setup_section(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = CENTER
    _page_field(header)


def _page_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def paragraph(doc_or_cell, text: str = "", *, align=JUSTIFY, indent: bool = False, bold: bool = False,
              size: int | None = None, left_indent=None, space_before: int = 0, space_after: int = 0,
              page_break_before: bool = False, keep_with_next: bool | None = None, tab_right: bool = False):
    """One paragraph; ``tab_right`` puts a right tab stop at the text edge for «left\\tright» lines.

    A heading — bold or centred text — keeps with the paragraph after it unless told otherwise
    (``keep_with_next=False``, e.g. a caption under a figure), so no title is left alone at the
    foot of a page."""
    p = doc_or_cell.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = INDENT if indent else Cm(0)
    if left_indent is not None:
        fmt.left_indent = left_indent
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    if page_break_before:
        fmt.page_break_before = True
    if keep_with_next is None:
        keep_with_next = bool(text) and (bold or align == CENTER)
    if keep_with_next:
        fmt.keep_with_next = True
    if tab_right:
        fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    if text:
        run = p.add_run(typeset_template(text))
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return p


def right_block(doc, lines: list[str], *, page_break_before: bool = False) -> None:
    """An angular requisite at the top right: annex mark or approval grif, one line a paragraph."""
    for i, line in enumerate(lines):
        paragraph(doc, line, align=LEFT, left_indent=RIGHT_BLOCK_INDENT, page_break_before=page_break_before and i == 0)


@dataclass
class Column:
    title: str
    width_mm: float
    align: object = LEFT


def table(doc, columns: list[Column], rows: list[list[str]], *, keep_tail: bool = False):
    """A bordered table with a bold header row, repeated on every page, and the given body rows
    (cell texts may hold docxtpl row tags such as ``{%tr for x in xs %}``); no row splits.

    With ``keep_tail`` the header keeps with the first body row and the last two body rows keep
    together, so no page ends on a header alone and none begins with a
    table's last row alone."""
    t = doc.add_table(rows=1 + len(rows), cols=len(columns))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, col in zip(columns, t.columns):
        col.width = Mm(column.width_mm)  # the grid is what LibreOffice lays out by
    for row_index, texts in enumerate([[c.title for c in columns], *rows]):
        for col, (column, text) in enumerate(zip(columns, texts)):
            cell = t.cell(row_index, col)
            cell.width = Mm(column.width_mm)
            p = cell.paragraphs[0]
            p.alignment = CENTER if row_index == 0 else column.align
            p.paragraph_format.first_line_indent = Cm(0)
            run = p.add_run(typeset_template(text))
            run.font.size = Pt(TABLE_PT)
            run.bold = True if row_index == 0 else None
    for row in t.rows:
        keep_row_together(row)
    repeat_header_row(t.rows[0])
    if keep_tail:
        keep_row_with_next(t.rows[0])
        _keep_tail(t, rows)
    return t


def _row_tag(texts: list[str], tag: str) -> bool:
    return bool(texts) and texts[0].replace(" ", "").startswith("{%tr" + tag)


def _keep_tail(t, rows: list[list[str]]) -> None:
    """The table's last two rows as rendered stay on one page, also when they come from a docxtpl
    loop: the row before the last keeps with the next (``keep_row_with_next``). In a loop the
    rendered row that precedes the last is known only to Jinja, so the looped row keeps with the
    next only when it is that one (``keep_with_next_when``: ``loop.revindex == 2``, or
    ``loop.last`` when one fixed row such as «Итого» ends the table). ``rows`` are the texts ``t``'s body was
    built from; a table of nested loops is left as it is."""
    body = t.rows[1:]
    if len(rows) >= 3 and _row_tag(rows[-1], "endfor") and _row_tag(rows[-3], "for"):
        keep_with_next_when(body[-2], "loop.revindex == 2")
    elif len(rows) >= 4 and not _row_tag(rows[-1], "") and _row_tag(rows[-2], "endfor") and _row_tag(rows[-4], "for"):
        keep_with_next_when(body[-3], "loop.last")
    elif len(rows) >= 2 and not _row_tag(rows[-1], "") and not _row_tag(rows[-2], ""):
        keep_row_with_next(body[-2])


def keep_with_next_when(row, condition: str) -> None:
    """The row keeps with the next when the Jinja ``condition`` holds. Its first cell holds its
    paragraph twice, kept with the next in the branch where the condition holds (docxtpl
    paragraph tags, which work inside a cell). The first cell is enough — LibreOffice keeps a row
    with the next when its first paragraph does — and it is the row's number, so the wording a
    district edits in the other cells stays written once."""
    cell = row.cells[0]
    p = cell.paragraphs[0]._p
    kept = copy.deepcopy(p)
    p.addprevious(_tag_paragraph("{%p if " + condition + " %}"))
    p.addprevious(kept)
    p.addprevious(_tag_paragraph("{%p else %}"))
    p.addnext(_tag_paragraph("{%p endif %}"))
    Paragraph(kept, cell).paragraph_format.keep_with_next = True


def _tag_paragraph(tag: str):
    p = OxmlElement("w:p")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = tag
    r.append(t)
    p.append(r)
    return p


def keep_row_with_next(row) -> None:
    """Every paragraph of the row keeps with the next: LibreOffice and Word then keep the row on
    the page of the row after it."""
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def keep_row_together(row) -> None:
    """The row never splits across a page break: a reader must not meet half a row (cantSplit)."""
    _row_property(row, "w:cantSplit")


def repeat_header_row(row) -> None:
    """The row, a header, is repeated at the top of every page the table runs onto (tblHeader)."""
    _row_property(row, "w:tblHeader", "true")


def _row_property(row, tag: str, value: str | None = None) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn(tag)) is None:
        el = OxmlElement(tag)
        if value is not None:
            el.set(qn("w:val"), value)
        tr_pr.append(el)
