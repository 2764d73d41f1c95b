"""Template of the plan-graph (road map) of the working group as approved: a landscape table of
activities grouped by block — terms, executors, results, indicators, report forms — under the
grif of the approving order. No execution marks: they are the report's (plan_graph_report.py),
which shares the pieces below. No signature either: the annex is authenticated by the grif of
the signed order, and a signature after a long table is what ends up alone on a page."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.blocks import approval_grif
from builders._tables import title_row
from docgen.gost import (CENTER, MARGINS_MM, Column, keep_row_together, keep_row_with_next, keep_with_next_when,
                         new_document, paragraph, table)

TEMPLATE = "plan-graph.docx"
PAGE_WIDTH_MM = 297
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
# Eight columns share 252 mm: at the house 12 pt the long Russian words of the narrow columns
# («самообследования», «Соисполнители») would break mid-word, so the table is set in 10 pt,
# the smallest size ГОСТ practice allows for tables, with narrow cell margins.
TABLE_PT = 10
CELL_MARGIN_TWIPS = 51  # 0.9 mm left and right instead of Word's 1.9 mm

NUMBER = (Column("№ п/п", 10, CENTER), "{{ r.number }}")
RESPONSIBLE = "{{ r.responsible|surname_initials }}, {{ r.responsible.position }}"
COLUMNS = [
    NUMBER,
    (Column("Мероприятие", 56), "{{ r.action|capfirst }}"),
    (Column("Сроки", 24, CENTER), "{{ r.term }}"),
    (Column("Ответственный исполнитель", 36), RESPONSIBLE),
    (Column("Соисполнители", 28), "{% for p in r.co_executors %}{{ p|surname_initials }}"
                                  "{% if not loop.last %}, {% endif %}{% else %}—{% endfor %}"),
    (Column("Результат / продукт", 34), "{{ r.result|capfirst }}"),
    (Column("Показатель выполнения", 33), "{{ r.indicator|capfirst }}"),
    (Column("Форма отчётности / контроля", 31), "{{ r.report_form|capfirst }}"),
]


def landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


def _tag_row(tag: str, n: int) -> list[str]:
    return [tag, *[""] * (n - 1)]


def block_table(doc, columns: list[tuple[Column, str]]):
    """The activities grouped by block: a header repeated on every page, rows that never split,
    and a title row per block that keeps with its first activity. Returns the table and its
    activity row (for cells a document words itself)."""
    n = len(columns)
    body = [_tag_row("{%tr for b in blocks %}", n), _tag_row("{{ b.title }}", n),
            _tag_row("{%tr for r in b.rows %}", n), [text for _, text in columns],
            _tag_row("{%tr endfor %}", n), _tag_row("{%tr endfor %}", n)]
    t = table(doc, [c for c, _ in columns], body)
    merged = title_row(t.rows[2])  # the block's title spans the table
    keep_row_together(t.rows[2])
    keep_row_with_next(t.rows[0])  # the header never ends a page alone
    for p in merged.paragraphs:
        p.paragraph_format.keep_with_next = True
    compact(t)
    return t, t.rows[4]


def keep_last_activities(activity) -> None:
    """The table's last activity never starts a page alone: the activity before it (in the last
    block) keeps with it. Call it when the row's first cell is final: its paragraph is written twice."""
    keep_with_next_when(activity, "loop.revindex == 2 and b == blocks|last")


def compact(t) -> None:
    """The table's text in TABLE_PT, with narrow cell margins."""
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(TABLE_PT)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr = t._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))  # the schema wants tblCellMar before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


# The organisation's full name with its last two words held together: centred across a landscape
# page, the name must not leave «школа»» alone on its second line.
FULL_NAME = "{{ organization.full_name.rsplit(' ', 1)|join('\u00a0') }}"


def organization_head(doc) -> None:
    paragraph(doc, FULL_NAME, align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER, space_after=12)


def end_after_table(doc) -> None:
    """The paragraph a document must have after its last table, one point high, so that a table
    ending at a page's foot does not push an empty paragraph onto a page of its own."""
    p = paragraph(doc, "")
    p.paragraph_format.line_spacing = Pt(1)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    p._p.get_or_add_pPr().append(mark)


def build():
    doc = new_document()
    landscape(doc.sections[0])
    organization_head(doc)
    # План-график → masculine; approved by a separate order, named in the data.
    approval_grif(doc, gender_word="УТВЕРЖДЕН", page_width_mm=PAGE_WIDTH_MM,
                  date="approved.date", number="approved.number")
    paragraph(doc, "План-график (дорожная карта)", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "{{ subject }}", align=CENTER, bold=True, space_after=12)
    _table, activity = block_table(doc, COLUMNS)
    keep_last_activities(activity)
    end_after_table(doc)
    return doc
