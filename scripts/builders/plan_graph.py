"""Template of the plan-graph (road map) of the working group: a landscape table of activities
grouped by block, status marks as of a date, an optional Gantt chart page."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.blocks import approval_grif
from docgen.gost import CENTER, LEFT, MARGINS_MM, Column, keep_row_together, new_document, paragraph, table
from docgen.russian import typeset_template

TEMPLATE = "plan-graph.docx"
PAGE_WIDTH_MM = 297
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
NOTE_PT = 12
# Nine columns share 252 mm: at the house 12 pt the long Russian words of the narrow columns
# («самообследования», «Соисполнители») would break mid-word, so this table is set in 10 pt,
# the smallest size ГОСТ practice allows for tables, with narrow cell margins.
TABLE_PT = 10
CELL_MARGIN_TWIPS = 51  # 0.9 mm left and right instead of Word's 1.9 mm

COLUMNS = [
    Column("№ п/п", 9, CENTER), Column("Мероприятие", 50), Column("Сроки", 23, CENTER),
    Column("Ответственный исполнитель", 30), Column("Соисполнители", 28), Column("Результат / продукт", 30),
    Column("Показатель выполнения", 30), Column("Форма отчётности / контроля", 29),
    Column("Отметка о выполнении", 23, CENTER),
]
CELLS = [
    "{{ r.number }}", "{{ r.action|capfirst }}", "{{ r.term }}",
    "{{ r.responsible|surname_initials }}, {{ r.responsible.position }}",
    "{% for p in r.co_executors %}{{ p|surname_initials }}{% if not loop.last %}, {% endif %}"
    "{% else %}—{% endfor %}",
    "{{ r.result|capfirst }}", "{{ r.indicator|capfirst }}", "{{ r.report_form|capfirst }}",
    None,  # the mark: built below, bold when overdue
]


def _landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


def _keep(row, *, with_next: bool = False) -> None:
    """A row never splits between pages; a block's title row stays with its first activity."""
    keep_row_together(row)
    if with_next:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _mark_cell(cell) -> None:
    """«просрочено» in bold, every other mark in the regular face (two runs, one of them empty)."""
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    # The row's state is an id (done, overdue, due_soon); its words are here.
    for text, bold in (("{% cellbg r.fill %}{% if r.state == 'overdue' %}просрочено{% endif %}", True),
                       ("{% if r.state == 'done' %}выполнено{% if r.done_on %} {{ r.done_on|date('numeric') }}"
                        "{% endif %}{% elif r.state == 'due_soon' %}срок истекает {{ r.end|date('numeric') }}"
                        "{% endif %}", None)):
        run = p.add_run(typeset_template(text))
        run.bold = bold
        run.font.size = Pt(TABLE_PT)


def _plan_table(doc):
    blank = [""] * len(COLUMNS)
    body = [["{%tr for b in blocks %}", *blank[1:]],
            ["{{ b.title }}", *blank[1:]],
            ["{%tr for r in b.rows %}", *blank[1:]],
            ["{% cellbg r.fill %}" + c if c else "" for c in CELLS],
            ["{%tr endfor %}", *blank[1:]],
            ["{%tr endfor %}", *blank[1:]]]
    t = table(doc, COLUMNS, body)
    # The block's title spans the whole width.
    title_row = t.rows[2]
    merged = title_row.cells[0].merge(title_row.cells[-1])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    merged.paragraphs[0].alignment = LEFT
    for run in merged.paragraphs[0].runs:
        run.bold = True
    _keep(title_row, with_next=True)
    activity = t.rows[4]
    _mark_cell(activity.cells[-1])
    _keep(activity)
    _compact(t)
    return t


def _compact(t) -> None:
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


def build():
    doc = new_document()
    _landscape(doc.sections[0])
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER, space_after=12)
    # План-график → masculine; approved by a separate order, named in the data.
    approval_grif(doc, gender_word="УТВЕРЖДЕН", page_width_mm=PAGE_WIDTH_MM,
                  date="approved.date", number="approved.number")
    paragraph(doc, "План-график (дорожная карта)", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "{{ subject }}", align=CENTER, bold=True, space_after=12)
    _plan_table(doc)

    paragraph(doc, "{%p if as_of %}")
    paragraph(doc, "Отметки о выполнении — по состоянию на {{ as_of|date }}: «выполнено» — мероприятие выполнено "
                   "(с датой, если она указана); «просрочено» — срок окончания истёк, а отметки о выполнении нет "
                   "(строка выделена цветом); «срок истекает» — срок окончания наступает не позднее чем через "
                   "{{ due_soon_days|plural('день') }}. В остальных строках отметку ставит ответственный "
                   "исполнитель.", size=NOTE_PT, space_before=6, indent=True)
    paragraph(doc, "Всего мероприятий: {{ total }}; выполнено: {{ done_count }}; просрочено: {{ overdue_count }}; "
                   "срок истекает: {{ due_soon_count }}.", size=NOTE_PT, indent=True)
    paragraph(doc, "{%p else %}")
    # Also keeps a paragraph after the table when nothing else follows it.
    paragraph(doc, "Отметку о выполнении ставит ответственный исполнитель после выполнения мероприятия.",
              size=NOTE_PT, space_before=6, indent=True)
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "{%p if head %}")
    sign = paragraph(doc, "Руководитель рабочей группы\t{{ head|initials }}", align=LEFT, space_before=30)
    sign.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "{%p if gantt_chart %}")
    paragraph(doc, "Диаграмма Ганта плана-графика", align=CENTER, bold=True, page_break_before=True,
              space_after=6, keep_with_next=True)
    paragraph(doc, "{{ gantt_chart }}", align=CENTER)
    paragraph(doc, "{%p if undated %}")
    paragraph(doc, "Мероприятия со сроком без календарных дат на диаграмме не показаны: "
                   "{{ undated|join('; ') }}.", size=NOTE_PT, space_before=6, indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endif %}")
    return doc
