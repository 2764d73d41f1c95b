"""Template of the blank expert matrix (seed 002): landscape, kinds of participants side by side,
each criterion with its levels and scores, the procedure merged down beside its levels.

Also the small table helpers the scoring-sheet and protocol builders share."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

from docgen.blocks import approval_grif
from docgen.gost import CENTER, LEFT, TABLE_PT, new_document, paragraph

TEMPLATE = "expert-matrix.docx"

SIDE_MM = (70, 15, 41)            # criterion and levels, score, procedure — one kind of participant
SINGLE_MM = (150, 20, 82)         # the same for a matrix of one kind, across the landscape page


# ---------------------------------------------------------------- helpers shared by the expert builders

def grid_table(doc, widths_mm, n_rows: int):
    """A bordered fixed-layout table with the given column widths and empty rows."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    t = doc.add_table(rows=n_rows, cols=len(widths_mm))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for width, col in zip(widths_mm, t.columns):
        col.width = Mm(width)
    for row in t.rows:
        for width, cell in zip(widths_mm, row.cells):
            cell.width = Mm(width)
    return t


def put(cell, text: str, *, bold: bool = False, align=LEFT) -> None:
    """Write ``text`` into the cell's first paragraph in the table font."""
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.first_line_indent = Cm(0)
    if text:
        run = p.add_run(text)
        run.font.size = Pt(TABLE_PT)
        run.bold = True if bold else None


def control_row(row, tag: str) -> None:
    """A row that only carries a docxtpl ``{%tr … %}`` tag (the row disappears when rendered)."""
    put(row.cells[0], tag)


def repeat_header(row) -> None:
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def v_merge(cell, restart: bool) -> None:
    """Merge the cell with the ones below (restart) or with the one above (continue)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:vMerge")
    if restart:
        el.set(qn("w:val"), "restart")
    tc_pr.append(el)


def jinja_replace(element, replacement: str) -> None:
    """Keep ``element`` in the template (so Word opens it as is) but render ``replacement`` in its
    place. Both Jinja tags sit in XML comments, which Word ignores; the replacement's markup is
    written between ``xml.close`` and ``xml.open`` (context strings «-->» and «<!--»), so the
    template file holds no «--» inside a comment and the rendered XML holds only empty comments."""
    parent = element.getparent()
    i = parent.index(element)
    parent.insert(i, etree.Comment("{% if false %}"))
    parent.insert(i + 2, etree.Comment(
        "{% endif %}{{ xml.close|safe }}" + replacement + "{{ xml.open|safe }}"))


def landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


# ---------------------------------------------------------------- the matrix table

def matrix_table(doc, sides: int) -> None:
    widths = SIDE_MM * 2 if sides == 2 else SINGLE_MM
    t = grid_table(doc, widths, 11)
    per = 3
    head, sub = t.rows[0], t.rows[1]
    for s in range(sides):
        left = head.cells[s * per].merge(head.cells[s * per + per - 1])
        put(left, "{{ kinds[%d].title }}" % s, bold=True, align=CENTER)
        for j, title in enumerate(("Критерий, показатель", "Балл", "Процедура, инструмент")):
            put(sub.cells[s * per + j], title, bold=True, align=CENTER)
    repeat_header(head)
    repeat_header(sub)

    control_row(t.rows[2], "{%tr for r in rows %}")
    control_row(t.rows[3], "{%tr if r.type == 'section' %}")
    section = t.rows[4].cells[0].merge(t.rows[4].cells[len(widths) - 1])
    put(section, "{{ r.text }}", bold=True, align=CENTER)
    control_row(t.rows[5], "{%tr elif r.type == 'criterion' %}")
    crit, level = t.rows[6], t.rows[8]
    for s in range(sides):
        put(crit.cells[s * per], "{{ r.cells[%d].text }}" % s, bold=True)
        put(crit.cells[s * per + 2], "{{ r.cells[%d].procedure }}" % s)
        v_merge(crit.cells[s * per + 2], restart=True)
        put(level.cells[s * per], "{{ r.cells[%d].text }}" % s)
        put(level.cells[s * per + 1], "{{ r.cells[%d].score }}" % s, align=CENTER)
        v_merge(level.cells[s * per + 2], restart=False)
    cant_split(crit)
    cant_split(level)
    control_row(t.rows[7], "{%tr else %}")
    control_row(t.rows[9], "{%tr endif %}")
    control_row(t.rows[10], "{%tr endfor %}")
    # A criterion's title stays on the page of its first level.
    for cell in crit.cells:
        cell.paragraphs[0].paragraph_format.keep_with_next = True


def build():
    doc = new_document()
    landscape(doc.sections[0])
    paragraph(doc, "{%p if approved %}")
    approval_grif(doc, gender_word="УТВЕРЖДЕНА", page_width_mm=297, by="приказом {{ org_short }}",
                  date="approved.date", number="approved.number")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{{ title }}", align=CENTER, bold=True, space_before=12)
    paragraph(doc, "{%p if subtitle %}")
    paragraph(doc, "{{ subtitle }}", align=CENTER, bold=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "", space_after=6)

    paragraph(doc, "{%p if two %}")
    matrix_table(doc, 2)
    paragraph(doc, "{%p else %}")
    matrix_table(doc, 1)
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "Максимальная сумма баллов: {% for k in kinds %}{{ k.gent }} — {{ k.max }}"
                   "{% if not loop.last %}, {% endif %}{% endfor %}.", indent=True, space_before=12)

    paragraph(doc, "{%p for a in agreed %}")
    paragraph(doc, "СОГЛАСОВАНО", align=LEFT, space_before=18, keep_with_next=True)
    paragraph(doc, "{{ a.position }}", align=LEFT, keep_with_next=True)
    paragraph(doc, "______________ {{ a.person|initials }}", align=LEFT, space_before=6, keep_with_next=True)
    paragraph(doc, "«____» ______________ 20____\u00a0г.", align=LEFT)
    paragraph(doc, "{%p endfor %}")
    return doc
