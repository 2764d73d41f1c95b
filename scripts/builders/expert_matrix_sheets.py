"""Template of the filled scoring sheets: one page per participant, a column per expert, the mean,
the maximum, totals, the share of the maximum, divergent marks and the experts' signatures.

The number of expert columns depends on the data. The template holds one plain table for each
number of experts from 1 to ``MAX_EXPERTS`` (chosen with ``{%p if p.experts|length == N %}``),
each with its own fixed column widths: the criterion column takes what the expert columns leave
of the text width. Nothing but text tags: the template survives a save in Word or LibreOffice,
and a clerk sees every table as it will print."""
from __future__ import annotations

from docx.shared import Pt

from builders._tables import control_row, grid_table, put
from builders.expert_matrix import keep_with_next_row, landscape
from builders.expert_matrix_protocol import MORE_THAN, ROUNDED, abbreviations
from docgen.gost import CENTER, LEFT, MARGINS_MM, paragraph, repeat_header_row
from docgen_plugins.expert_matrix.sheets import MAX_EXPERTS

TEMPLATE = "expert-scoring-sheets.docx"

# A participant's sheet is a one-page form: each starts on a new page of its own, landscape (the
# criteria's titles take a line or two across the page instead of four to six in a portrait
# column), its table in 11 pt (ГОСТ Р 7.0.97 allows a smaller size in tables) and its text in 12 pt
# (the smallest body size it allows), so that eleven criteria, the notes and the experts' signatures fit one page
# (tests/test_expert_layout.py prints the sheets to check).
SHEET_WIDTH_MM = 297 - MARGINS_MM["left"] - MARGINS_MM["right"]
NUMBER_MM, EXPERT_MM, MEAN_MM, MAX_MM = 10, 25, 21, 15
MIN_CRITERION_MM = 50
SHEET_TABLE_PT, SHEET_TEXT_PT = 11, 12


def widths(experts: int) -> tuple[float, ...]:
    """№, criterion, one column per expert, mean, maximum (mm): the text width when it can be; an
    expert column narrows only when the criterion column would fall below its minimum."""
    rest = SHEET_WIDTH_MM - NUMBER_MM - MEAN_MM - MAX_MM
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
    for table_row in t.rows:
        for cell in table_row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(SHEET_TABLE_PT)


def build():
    from docgen.gost import new_document

    doc = new_document()
    landscape(doc.sections[0])
    paragraph(doc, "{%p for p in participants %}")
    # Each sheet starts a page (no empty paragraph carrying the break, which could spill a full
    # sheet onto a blank page).
    # Several experts' marks side by side make the sheet a summary (the Положение's secretary keeps
    # it); one expert's is his own sheet.
    paragraph(doc, "{% if p.experts|length > 1 %}Сводный оценочный лист{% else %}Оценочный лист{% endif %}",
              align=CENTER, bold=True, page_break_before=True)
    text = {"size": SHEET_TEXT_PT}
    paragraph(doc, "{{ title }}{% if subtitle %} {{ subtitle }}{% endif %}", align=CENTER, space_after=3, **text)
    # Abbreviations are expanded before their first use: the participant's name or the nomination may hold one.
    abbreviations(doc, "p.abbreviations", indent=True, **text)
    paragraph(doc, "Участник: {{ p.name }}", align=LEFT, indent=True, **text)
    # A competition's sheet names the nomination, as its Положение and orders do.
    paragraph(doc, "{% if p.nomination %}Номинация «{{ p.nomination }}»{% else %}Вид участника: {{ p.kind_lower }}"
                   "{% endif %}.{% if period %} Оцениваемый период: {{ period }}"
                   "{% if not period.endswith('.') %}.{% endif %}{% endif %}", align=LEFT, indent=True, space_after=6,
              **text)
    for experts in range(1, MAX_EXPERTS + 1):
        paragraph(doc, f"{{%p {'if' if experts == 1 else 'elif'} p.experts|length == {experts} %}}")
        sheet_table(doc, experts)
    paragraph(doc, "{%p endif %}")
    note = {"indent": True, "keep_with_next": True, **text}
    # The sheet's own short statement of the protocol's rule (TOTAL_RULE): the total, how it is
    # made and rounded, the share from the exact mean; the rounded means may add up to a tenth off
    # the total, and the sheet says so with their sum; the bands of a criterion scored by percent.
    paragraph(doc, "Итоговый балл: {{ p.total }} из {{ p.max }} возможных ({{ p.share }} от максимального) — "
                   f"среднее арифметическое итоговых баллов экспертов, округлённое {ROUNDED}; доля от "
                   "максимального вычислена по неокруглённому среднему. Средние баллы по критериям приведены для "
                   "сведения и в итоговый балл не складываются{% if p.means_sum %}: их сумма ({{ p.means_sum }}) "
                   "отличается от итогового балла из-за округления{% endif %}.{% if p.banded %} В скобках — "
                   "процент выполнения, как его измерил эксперт; балл определён по нему без округления."
                   "{% for r in p.banded %} Баллы по критерию {{ r.n }}: {{ r.bands|join('; ') }}.{% endfor %}"
                   "{% endif %}", space_before=4, **note)
    paragraph(doc, "{%p if p.divergent %}")
    paragraph(doc, f"Оценки экспертов расходятся {MORE_THAN} — требуется дополнительная экспертиза:", **note)
    paragraph(doc, "{%p for r in p.divergent %}")
    paragraph(doc, "критерий {{ r.n }} «{{ r.title }}»: оценки {{ r.marks|join(', ', attribute='score') }}"
                   "{% if loop.last %}.{% else %};{% endif %}", **note)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")
    # The experts sign side by side across the landscape page; a line breaks only between them.
    paragraph(doc, "Эксперты:{% for e in p.experts %}\u2003\u2003______________\u00a0{{ e.person|initials }}"
                   "{% endfor %}", align=LEFT, indent=True, space_before=9, keep_with_next=True, **text)
    # The date the sheets were filled in, when the data has it; a blank line only when it has not.
    paragraph(doc, "Дата заполнения листа: {% if scored_on %}{{ scored_on|date }}{% else %}«____» ______________ "
                   "20____\u00a0г.{% endif %}", align=LEFT, indent=True, space_before=6, **text)
    paragraph(doc, "{%p endfor %}")
    return doc
