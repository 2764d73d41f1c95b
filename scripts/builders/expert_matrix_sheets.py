"""Template of the filled scoring sheets: one page per participant, a column per expert, the mean,
the maximum, totals, the share of the maximum, divergent marks and the experts' signatures.

The number of expert columns depends on the data. The template holds one plain table for each
number of experts from 1 to ``MAX_EXPERTS`` (chosen with ``{%p if p.experts|length == N %}``),
each with its own fixed column widths: the criterion column takes what the expert columns leave
of the text width. Nothing but text tags: the template survives a save in Word or LibreOffice,
and a clerk sees every table as it will print."""
from __future__ import annotations

from docx.enum.text import WD_BREAK
from docx.shared import Pt

from builders._tables import control_row, grid_table, put
from builders.expert_matrix import keep_with_next_row
from builders.expert_matrix_protocol import MORE_THAN, TOTAL_RULE, abbreviations
from docgen.gost import CENTER, LEFT, TEXT_WIDTH_MM, paragraph, repeat_header_row
from docgen_plugins.expert_matrix.sheets import MAX_EXPERTS

TEMPLATE = "expert-scoring-sheets.docx"

NUMBER_MM, EXPERT_MM, MEAN_MM, MAX_MM = 10, 25, 21, 15
MIN_CRITERION_MM = 50


def widths(experts: int) -> tuple[float, ...]:
    """№, criterion, one column per expert, mean, maximum (mm): the text width when it can be; an
    expert column narrows only when the criterion column would fall below its minimum."""
    rest = TEXT_WIDTH_MM - NUMBER_MM - MEAN_MM - MAX_MM
    expert = min(EXPERT_MM, (rest - MIN_CRITERION_MM) / experts)
    return (NUMBER_MM, rest - expert * experts, *[expert] * experts, MEAN_MM, MAX_MM)


def sheet_table(doc, experts: int) -> None:
    t = grid_table(doc, widths(experts), 9)
    head, loop, if_row, row, else_row, last_row, endif, end, total = t.rows
    ids = range(experts)
    for cell, text in zip(head.cells, ("№", "Критерий (показатель)",
                                       *[f"{{{{ p.experts[{i}].surname }}}} {{{{ p.experts[{i}].initials }}}}"
                                         for i in ids], "Средний балл", "Макс. балл")):
        put(cell, text, bold=True, align=CENTER)
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(11)  # «Соколова», «Средний» fit their narrow columns unbroken
    repeat_header_row(head)
    control_row(loop, "{%tr for r in p.criteria %}")
    marks = [f"{{{{ r.marks[{i}].score }}}}{{% if r.marks[{i}].percent %}} ({{{{ r.marks[{i}].percent }}}})"
             "{% endif %}" for i in ids]
    # The last criterion's row keeps with «Итого», «Итого» with the lines and signatures below:
    # no page holds «Итого» or the signatures alone.
    control_row(if_row, "{%tr if not loop.last %}")
    for body in (row, last_row):
        for cell, text, align in zip(body.cells, ("{{ r.n }}", "{{ r.title }}", *marks, "{{ r.mean }}", "{{ r.max }}"),
                                     (CENTER, LEFT, *[CENTER] * experts, CENTER, CENTER)):
            put(cell, text, align=align)
    control_row(else_row, "{%tr else %}")
    control_row(endif, "{%tr endif %}")
    control_row(end, "{%tr endfor %}")
    for cell, text, align in zip(total.cells, ("", "Итого", *[f"{{{{ p.expert_totals[{i}] }}}}" for i in ids],
                                               "{{ p.total }}", "{{ p.max }}"),
                                 (CENTER, LEFT, *[CENTER] * experts, CENTER, CENTER)):
        put(cell, text, bold=bool(text), align=align)
    for body in (last_row, total):
        keep_with_next_row(body)


def build():
    from docgen.gost import new_document

    doc = new_document()
    paragraph(doc, "{%p for p in participants %}")
    paragraph(doc, "{%p if not loop.first %}")
    paragraph(doc).add_run().add_break(WD_BREAK.PAGE)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "Оценочный лист", align=CENTER, bold=True)
    paragraph(doc, "{{ title }}{% if subtitle %} {{ subtitle }}{% endif %}", align=CENTER, space_after=12)
    paragraph(doc, "Участник: {{ p.name }}", align=LEFT, indent=True)
    paragraph(doc, "Вид участника: {{ p.kind_lower }}", indent=True)
    paragraph(doc, "{%p if period %}")
    paragraph(doc, "Оцениваемый период: {{ period }}", indent=True)
    paragraph(doc, "{%p endif %}")
    abbreviations(doc, "p.abbreviations", indent=True)
    paragraph(doc, "", space_after=6)
    for experts in range(1, MAX_EXPERTS + 1):
        paragraph(doc, f"{{%p {'if' if experts == 1 else 'elif'} p.experts|length == {experts} %}}")
        sheet_table(doc, experts)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "Итоговый балл: {{ p.total }} из {{ p.max }} возможных ({{ p.share }} от максимального).",
              indent=True, space_before=12, keep_with_next=True)
    paragraph(doc, f"{TOTAL_RULE} В скобках — процент выполнения, как его измерил эксперт: балл определён по "
                   "нему без округления.", indent=True, keep_with_next=True)
    paragraph(doc, "{%p for r in p.criteria if r.bands %}")
    paragraph(doc, "Баллы по критерию {{ r.n }} по проценту выполнения: {{ r.bands|join('; ') }}.", indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p if p.divergent %}")
    paragraph(doc, f"Оценки экспертов расходятся {MORE_THAN} — требуется дополнительная экспертиза:", indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p for r in p.divergent %}")
    paragraph(doc, "критерий {{ r.n }} «{{ r.title }}»: оценки {{ r.marks|join(', ', attribute='score') }}"
                   "{% if loop.last %}.{% else %};{% endif %}", indent=True, keep_with_next=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "Эксперты:", align=LEFT, space_before=18, keep_with_next=True)
    paragraph(doc, "{%p for e in p.experts %}")
    paragraph(doc, "Эксперт\t______________ {{ e.person|initials }}", align=LEFT,
              tab_right=True, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p endfor %}")
    # The date the sheets were filled in, when the data has it; a blank line only when it has not.
    paragraph(doc, "Дата заполнения листа: {% if scored_on %}{{ scored_on|date }}{% else %}«____» ______________ "
                   "20____\u00a0г.{% endif %}", align=LEFT, space_before=12)
    paragraph(doc, "{%p endfor %}")
    return doc
