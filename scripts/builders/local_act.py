"""Template of a local normative act (Положение, Порядок, Правила): the organisation, the grifs in
a borderless two-column table as school sites show them (ПРИНЯТО and УЧТЕНО on the left, УТВЕРЖДЕНО
or «ПРОЕКТ» on the right), the kind and the subject, then the numbered text the context code makes
from the act's content file — sections, clauses with their numbers, sub-clauses, dash lists, terms
and tables. A table of any shape is one template table: GRID equal grid columns, each cell spanning
its column's share (docxtpl's ``colspan``), header row repeated, no row split across pages."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.gost import (CENTER, LEFT, TABLE_PT, TEXT_WIDTH_MM, keep_row_together, new_document, paragraph,
                         repeat_header_row)
from docgen.russian import typeset_template

TEMPLATE = "local-act.docx"
GRID = 60  # docgen_plugins.local_act.context.GRID: the grid columns a table's width is split into
NBSP = "\u00a0"


def _borderless(t) -> None:
    tbl_pr = t._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_paragraph(cell, text: str, *, first: bool = False, bold: bool = False, space_before: int = 0,
                    size: int | None = None, align=LEFT):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = Mm(0)
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    if text:
        run = p.add_run(typeset_template(text))
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return p


GRIF_MM = 75  # ГОСТ Р 7.0.97-2016: an angular requisite is at most 7.5 cm wide


def grifs(doc) -> None:
    """ПРИНЯТО / УЧТЕНО (left) and УТВЕРЖДЕНО or ПРОЕКТ (right), 7.5 cm each at the text's edges
    with the gap between them as a middle column, no borders."""
    t = doc.add_table(rows=1, cols=3)
    t.autofit = False
    _borderless(t)
    widths = (GRIF_MM, TEXT_WIDTH_MM - 2 * GRIF_MM, GRIF_MM)
    for col, width in zip(t.columns, widths):
        col.width = Mm(width)
    left, gap, right = t.rows[0].cells
    for cell, width in zip((left, gap, right), widths):
        cell.width = Mm(width)
    _cell_paragraph(gap, "", first=True)
    keep_row_together(t.rows[0])
    repeat_header_row(t.rows[0])  # one row: nothing repeats, but every table of docgen marks its header
    _cell_paragraph(left, "{%p if adopted %}", first=True)
    _cell_paragraph(left, "{{ words.adopted }}")
    _cell_paragraph(left, "на заседании {{ adopted.council }}")
    _cell_paragraph(left, "(протокол от {{ adopted.date|date('numeric') }} {{ adopted.number|number_sign }})")
    _cell_paragraph(left, "{%p endif %}")
    _cell_paragraph(left, "{%p for c in considered %}")
    _cell_paragraph(left, "УЧТЕНО", space_before=12)
    _cell_paragraph(left, "мнение {{ c.council }}")
    _cell_paragraph(left, "(протокол от {{ c.date|date('numeric') }} {{ c.number|number_sign }})")
    _cell_paragraph(left, "{%p endfor %}")
    _cell_paragraph(left, "")  # a cell keeps a paragraph when a project has no protocol to show
    _cell_paragraph(right, "{%p if approved %}", first=True)
    _cell_paragraph(right, "{{ words.approved }}")
    _cell_paragraph(right, "{{ approved.by }}")
    _cell_paragraph(right, "{{ organization.short_name }}")
    _cell_paragraph(right, "от {{ approved.date|date('numeric') }} {{ approved.number|number_sign }}")
    _cell_paragraph(right, "{%p else %}")
    _cell_paragraph(right, "ПРОЕКТ", bold=True)
    _cell_paragraph(right, "{%p endif %}")


def _grid(t, n: int) -> None:
    """The table's grid: ``n`` equal columns across the text width."""
    grid = t._tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for _ in range(n):
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(int(TEXT_WIDTH_MM / n * 56.7)))
        grid.append(col)


def _auto_width(cell) -> None:
    """The cell's width from the grid (its span), not a width of its own."""
    tc_pr = cell._tc.get_or_add_tcPr()
    width = tc_pr.find(qn("w:tcW"))
    if width is None:
        width = OxmlElement("w:tcW")
        tc_pr.append(width)
    width.set(qn("w:w"), "0")
    width.set(qn("w:type"), "auto")


def _put(cell, text: str, *, bold: bool = False) -> None:
    """A cell's run; its size is the table's own (context: ``half_points``, 12 pt by house style,
    smaller only for a table whose longest words would not fit at 12 pt)."""
    p = cell.paragraphs[0]
    p.alignment = CENTER if bold else LEFT
    p.paragraph_format.first_line_indent = Mm(0)
    run = p.add_run(text)
    run.bold = bold or None
    if "{{" in text:
        r_pr = run._r.get_or_add_rPr()
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), "{{ s.table.half_points }}")
            r_pr.append(el)
    else:
        run.font.size = Pt(TABLE_PT)


def _keep_when(cell, condition: str) -> None:
    """The cell's paragraph keeps with the next when ``condition`` holds (the row before the last,
    so that the last row never stands alone on a page). Its paragraph is held twice in docxtpl
    paragraph tags; the ``colspan`` tag stays in one copy only (docxtpl moves the first one to the
    cell's properties), as in docgen.gost.keep_with_next_when."""
    import copy
    import re

    from docx.text.paragraph import Paragraph

    p = cell.paragraphs[0]._p
    kept = copy.deepcopy(p)
    for t in kept.iter(qn("w:t")):
        t.text = re.sub(r"\{% colspan [^%]*%\}", "", t.text)
    Paragraph(kept, cell).paragraph_format.keep_with_next = True
    for tag, where in (("{%p if " + condition + " %}", "before"), ("kept", "before"), ("{%p else %}", "before"),
                       ("{%p endif %}", "after")):
        if tag == "kept":
            p.addprevious(kept)
            continue
        el = OxmlElement("w:p")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = tag
        r.append(t)
        el.append(r)
        (p.addprevious if where == "before" else p.addnext)(el)


def _spacer(doc) -> None:
    """The paragraph a table must be followed by, 1 pt high: an empty line of text size would
    open the next page when the table ends at a page's foot."""
    p = paragraph(doc, "", space_after=0)
    p.paragraph_format.line_spacing = Pt(1)
    from docx.enum.text import WD_LINE_SPACING

    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    r_pr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    r_pr.append(size)
    p._p.get_or_add_pPr().append(r_pr)


def content_table(doc) -> None:
    """The section's table: a caption, then a header row and body rows whose cells loop over the
    columns, each spanning its share of the grid."""
    paragraph(doc, "Таблица {{ s.table.number }} — {{ s.table.caption }}", align=LEFT, space_before=6,
              space_after=6, keep_with_next=True)
    t = doc.add_table(rows=4, cols=3)
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    from docx.enum.table import WD_TABLE_ALIGNMENT

    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid(t, GRID)
    rows = [
        ["{%tc for h in s.table.header %}", "{{ h.text }}{% colspan h.span %}", "{%tc endfor %}"],
        ["{%tr for r in s.table.rows %}", "", ""],
        ["{%tc for c in r %}", "{{ c.text }}{% colspan c.span %}", "{%tc endfor %}"],
        ["{%tr endfor %}", "", ""],
    ]
    for index, (row, texts) in enumerate(zip(t.rows, rows)):
        keep_row_together(row)
        for cell, text in zip(row.cells, texts):
            _auto_width(cell)
            _put(cell, text, bold=index == 0)
    repeat_header_row(t.rows[0])
    _keep_when(t.rows[2].cells[1], "c.keep")
    _spacer(doc)


def body(doc) -> None:
    paragraph(doc, "{%p for s in sections %}")
    paragraph(doc, "{{ s.number }}. {{ s.title }}", align=CENTER, bold=True, space_before=12, space_after=6)
    paragraph(doc, "{%p for c in s.clauses %}")
    # A clause a list follows («… имеют право:») stays on the page of the list's first line.
    paragraph(doc, "{%p if c.leads %}")
    paragraph(doc, "{{ c.number }} {{ c.text }}", indent=True, keep_with_next=True)
    paragraph(doc, "{%p else %}")
    paragraph(doc, "{{ c.number }} {{ c.text }}", indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p for i in c.dashes %}")
    paragraph(doc, "–" + NBSP + "{{ i }}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p for t in c.terms %}")
    paragraph(doc, "{{ t }}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p for sc in c.clauses %}")
    paragraph(doc, "{{ sc.number }} {{ sc.text }}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p if s.table %}")
    content_table(doc)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")


def build():
    doc = new_document()
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER, space_after=18)
    grifs(doc)
    paragraph(doc, "{{ act.kind_caps }}", align=CENTER, bold=True, space_before=24)
    paragraph(doc, "{{ act.subject }}", align=CENTER, bold=True, space_after=12)
    body(doc)
    return doc
