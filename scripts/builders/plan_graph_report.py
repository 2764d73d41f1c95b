"""Template of the report on the execution of the plan-graph «по состоянию на» a date: the plan's
activities with their marks and notes, the Gantt chart of terms and execution, the summary
(counts and shares), and the signature of the head of the working group kept with the summary.
The table's layout is the approved plan-graph's (plan_graph.py), so the two read alike."""
from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt

from builders.plan_graph import (
    NUMBER, RESPONSIBLE, TABLE_PT, TEXT_WIDTH_MM, block_table, keep_last_activities, landscape, organization_head,
)
from docgen.gost import CENTER, LEFT, Column, new_document, paragraph
from docgen.russian import typeset_template

TEMPLATE = "plan-graph-report.docx"
COLUMNS = [
    NUMBER,
    (Column("Мероприятие", 70), "{{ r.action|capfirst }}"),
    (Column("Срок по плану", 24, CENTER), "{{ r.term }}"),
    (Column("Ответственный исполнитель", 36), RESPONSIBLE),
    (Column("Результат / продукт", 36), "{{ r.result|capfirst }}"),
    (Column("Отметка об исполнении", 30, CENTER), ""),  # runs of its own, below
    (Column("Примечание", 46), "{{ r.note|capfirst }}"),
]
MARK_COLUMN = 5
# The row's state is an id (done, in_progress, overdue, not_started); its words are here.
MARK_RUNS = (
    ("{% if r.state == 'overdue' %}просрочено{% endif %}", True),
    ("{% if r.state == 'done' %}выполнено {{ r.done_on|date('numeric') }}{% if r.late %}, позже срока{% endif %}"
     "{% elif r.state == 'in_progress' %}выполняется{% elif r.state == 'not_started' %}срок не наступил{% endif %}",
     None),
)
SUMMARY = [
    "Всего мероприятий в плане-графике — {{ total }}, из них:",
    "выполнено — {{ count.done }} ({{ share.done }}){% if late_count %}, в том числе позже срока — "
    "{{ late_count }}{% endif %};",
    "выполняется — {{ count.in_progress }} ({{ share.in_progress }});",
    "просрочено — {{ count.overdue }} ({{ share.overdue }}){% if overdue %}: "
    "{% if overdue|length == 1 %}пункт{% else %}пункты{% endif %} {{ overdue|join(', ') }}{% endif %};",
    "срок не наступил — {{ count.not_started }} ({{ share.not_started }}).",
]
DUE = ("Из {{ due_count|plural('мероприятие', 'gent') }}, срок окончания "
       "{% if due_count % 10 == 1 and due_count % 100 != 11 %}которого{% else %}которых{% endif %} истёк "
       "к {{ as_of|date('numeric') }}, выполнено {{ due_done_count }} ({{ due_done_share }}).")


def _mark_cell(cell) -> None:
    """«просрочено» in bold, every other mark in the regular face (two runs, one of them empty)."""
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    for text, bold in MARK_RUNS:
        run = p.add_run(typeset_template(text))
        run.bold = bold
        run.font.size = Pt(TABLE_PT)


def _title(doc) -> None:
    paragraph(doc, "ОТЧЁТ", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "об исполнении плана-графика (дорожной карты) {{ plan.subject }},", align=CENTER, bold=True)
    paragraph(doc, "утверждённого приказом {{ organization.short_name }} от {{ plan.approved.date|date('numeric') }} "
                   "{{ plan.approved.number|number_sign }},", align=CENTER, bold=True)
    paragraph(doc, "по состоянию на {{ as_of|date('numeric') }}", align=CENTER, bold=True, space_after=12)


def _chart(doc) -> None:
    paragraph(doc, "{%p if gantt_chart %}")
    paragraph(doc, "Диаграмма Ганта: сроки мероприятий и их исполнение на {{ as_of|date('numeric') }}",
              align=CENTER, bold=True, page_break_before=True, space_after=6)
    paragraph(doc, "{{ gantt_chart }}", align=CENTER)
    paragraph(doc, "{%p if undated %}")
    paragraph(doc, "Мероприятия со сроком без календарных дат на диаграмме не показаны: {{ undated|join('; ') }}.",
              space_before=6, indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endif %}")


def _summary(doc) -> None:
    """The figures, each line kept with the next down to the signature: the signature never
    starts a page alone, and the summary is never parted from it."""
    paragraph(doc, "Итоги исполнения на {{ as_of|date('numeric') }}", align=CENTER, bold=True, space_before=12,
              space_after=6)
    paragraph(doc, SUMMARY[0], indent=True, keep_with_next=True)
    for line in SUMMARY[1:]:
        paragraph(doc, line, indent=True, keep_with_next=True)
    paragraph(doc, "{%p if due_count %}")
    paragraph(doc, DUE, indent=True, keep_with_next=True)
    paragraph(doc, "{%p endif %}")
    sign = paragraph(doc, "Руководитель рабочей группы\t{{ head|initials }}", align=LEFT, space_before=24,
                     keep_with_next=True)
    sign.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    # The date the report was drawn up (ГОСТ Р 7.0.97: the date of a document its author signs).
    paragraph(doc, "{{ compiled|date('numeric') }}", align=LEFT, space_before=6)


def build():
    doc = new_document()
    landscape(doc.sections[0])
    organization_head(doc)
    _title(doc)
    paragraph(doc, "Исполнение мероприятий", align=CENTER, bold=True, space_after=6)
    _table, activity = block_table(doc, COLUMNS)
    _mark_cell(activity.cells[MARK_COLUMN])
    keep_last_activities(activity)
    _chart(doc)
    _summary(doc)
    return doc

