"""Template of the filled scoring sheets: one page per participant, a column per expert, the mean,
the maximum, totals, the share of the maximum, divergent marks and the experts' signatures.

The expert columns repeat (``{%tc for %}``); the table grid and the criterion column's width come
from the context (``p.grid``) so the table keeps the text width for any number of experts."""
from __future__ import annotations

from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from builders.expert_matrix import cant_split, control_row, grid_table, jinja_replace, put, repeat_header
from docgen.gost import CENTER, LEFT, paragraph

TEMPLATE = "expert-scoring-sheets.docx"

# №, criterion, {%tc for%}, expert, {%tc endfor%}, mean, max — the tag columns vanish when rendered.
WIDTHS_MM = (10, 56, 4, 21, 4, 21, 15)
CRITERION = 1


def sheet_table(doc) -> None:
    t = grid_table(doc, WIDTHS_MM, 6)
    head, loop, body, end, total = t.rows[0], t.rows[1], t.rows[2], t.rows[3], t.rows[4]
    t._tbl.remove(t.rows[5]._tr)
    for cell, text in zip(head.cells, ("№", "Критерий (показатель)", "{%tc for e in p.experts %}",
                                       "{{ e.surname }} {{ e.initials }}", "{%tc endfor %}",
                                       "Средний балл", "Макс. балл")):
        put(cell, text, bold=True, align=CENTER)
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(11)  # «Соколова», «Средний» fit their narrow columns unbroken
    repeat_header(head)
    control_row(loop, "{%tr for r in p.criteria %}")
    for cell, text, align in zip(body.cells, (
            "{{ r.n }}", "{{ r.title }}", "{%tc for m in r.marks %}",
            "{{ m.score }}{% if m.percent %} ({{ m.percent }}){% endif %}", "{%tc endfor %}", "{{ r.mean }}",
            "{{ r.max }}"), (CENTER, LEFT, LEFT, CENTER, LEFT, CENTER, CENTER)):
        put(cell, text, align=align)
    cant_split(body)
    control_row(end, "{%tr endfor %}")
    for cell, text, align in zip(total.cells, (
            "", "Итого", "{%tc for t in p.expert_totals %}", "{{ t }}", "{%tc endfor %}", "{{ p.total }}",
            "{{ p.max }}"), (CENTER, LEFT, LEFT, CENTER, LEFT, CENTER, CENTER)):
        put(cell, text, bold=text not in ("",) and not text.startswith("{%"), align=align)

    # The rendered grid: the context's column widths, one per expert.
    grid = t._tbl.tblGrid
    cols = list(grid)
    for col in cols[1:]:
        grid.remove(col)
    jinja_replace(cols[0], '{% for w in p.grid.columns %}<w:gridCol w:w="{{ w }}"/>{% endfor %}')
    for col in cols[1:]:
        grid.append(col)
    # Move the {% endif %}… comment after the last default column so all defaults are skipped.
    comment = grid[2]
    grid.remove(comment)
    grid.append(comment)
    for row in (head, body, total):
        tc_w = row.cells[CRITERION]._tc.tcPr.find(qn("w:tcW"))
        jinja_replace(tc_w, '<w:tcW w:w="{{ p.grid.criterion }}" w:type="dxa"/>')


def build():
    from docgen.gost import new_document

    doc = new_document()
    paragraph(doc, "{%p for p in participants %}")
    paragraph(doc, "{%p if not loop.first %}")
    paragraph(doc).add_run().add_break(WD_BREAK.PAGE)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "Оценочный лист", align=CENTER, bold=True)
    paragraph(doc, "{{ title }}{% if subtitle %} {{ subtitle }}{% endif %}", align=CENTER, space_after=12)
    paragraph(doc, "Участник: {{ p.name }}", align=LEFT)
    paragraph(doc, "Вид участника: {{ p.kind_lower }}", align=LEFT)
    paragraph(doc, "{%p if period %}")
    paragraph(doc, "Оцениваемый период: {{ period }}", align=LEFT)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "", space_after=6)
    sheet_table(doc)
    paragraph(doc, "Итоговый балл: {{ p.total }} из {{ p.max }} возможных ({{ p.share }} от максимального).",
              indent=True, space_before=12)
    paragraph(doc, "Средний балл по критерию — среднее арифметическое баллов экспертов, округлённое "
                   "{{ digits_words }} по правилам математического округления; итоговый балл — сумма средних "
                   "баллов по критериям. В скобках — процент выполнения, по которому эксперт определил балл.",
              indent=True)
    paragraph(doc, "{%p if p.divergent %}")
    paragraph(doc, "Расхождение оценок экспертов {{ divergence_text }} — требуется дополнительная экспертиза:",
              indent=True, keep_with_next=True)
    paragraph(doc, "{%p for r in p.divergent %}")
    paragraph(doc, "критерий {{ r.n }} «{{ r.title }}»: оценки {{ r.spread }}"
                   "{% if loop.last %}.{% else %};{% endif %}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "Эксперты:", align=LEFT, space_before=18, keep_with_next=True)
    paragraph(doc, "{%p for e in p.experts %}")
    paragraph(doc, "Эксперт\t______________ {{ e.person|initials }}", align=LEFT,
              tab_right=True, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "«____» ______________ 20____\u00a0г.", align=LEFT, space_before=12)
    paragraph(doc, "{%p endfor %}")
    return doc
