"""Table helpers the builders share: a fixed grid of given widths whose rows never split across
pages, a cell's text (typeset) in the table font, rows that only carry a docxtpl ``{%tr %}`` tag,
header rows that repeat (docgen.gost's ``repeat_header_row``), vertical merges. (A module whose
name starts with «_» is not a builder.)"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from docgen.gost import LEFT, TABLE_PT, keep_row_together
from docgen.russian import typeset_template


def grid_table(doc, widths_mm, n_rows: int):
    """A bordered fixed-layout table with the given column widths and empty rows, none of which
    splits across pages."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    t = doc.add_table(rows=n_rows, cols=len(widths_mm))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for width, col in zip(widths_mm, t.columns):
        col.width = Mm(width)
    for row in t.rows:
        keep_row_together(row)
        for width, cell in zip(widths_mm, row.cells):
            cell.width = Mm(width)
    return t


def put(cell, text: str, *, bold: bool = False, align=LEFT) -> None:
    """Write ``text`` into the cell's first paragraph in the table font."""
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.first_line_indent = Cm(0)
    if text:
        run = p.add_run(typeset_template(text))
        run.font.size = Pt(TABLE_PT)
        run.bold = True if bold else None


def control_row(row, tag: str) -> None:
    """A row that only carries a docxtpl ``{%tr … %}`` tag (the row disappears when rendered)."""
    put(row.cells[0], tag)


def v_merge(cell, restart: bool) -> None:
    """Merge the cell with the ones below (restart) or with the one above (continue)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:vMerge")
    if restart:
        el.set(qn("w:val"), "restart")
    tc_pr.append(el)


def title_row(row):
    """The row made one cell across the table, its text bold and left-aligned: the title of the
    block of rows under it (a plan's direction, a plan-graph's block). Returns the merged cell."""
    merged = row.cells[0].merge(row.cells[-1])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    merged.paragraphs[0].alignment = LEFT
    for run in merged.paragraphs[0].runs:
        run.bold = True
    return merged
