"""Template of the blank expert matrix (seed 002): landscape, kinds of participants side by side,
each criterion with its levels and scores, the procedure merged down beside its levels."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from builders._tables import control_row, grid_table, put, v_merge
from builders.expert_matrix_protocol import abbreviations
from docgen.blocks import approval_grif
from docgen.gost import CENTER, LEFT, new_document, paragraph, repeat_header_row

TEMPLATE = "expert-matrix.docx"

SIDE_MM = (70, 15, 41)            # criterion and levels, score, procedure — one kind of participant
SINGLE_MM = (150, 20, 82)         # the same for a matrix of one kind, across the landscape page


def landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


# ---------------------------------------------------------------- the matrix table

def keep_with_next_row(row) -> None:
    """The row stays on the page of the row after it (every paragraph of it keeps with next)."""
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def matrix_table(doc, sides: int) -> None:
    """A criterion's title row and its level rows hold together on one page: every row but the
    last level keeps with the next; rows never split (``grid_table``)."""
    widths = SIDE_MM * 2 if sides == 2 else SINGLE_MM
    t = grid_table(doc, widths, 13)
    per = 3
    head, sub = t.rows[0], t.rows[1]
    for s in range(sides):
        left = head.cells[s * per].merge(head.cells[s * per + per - 1])
        put(left, "{{ kinds[%d].title }}" % s, bold=True, align=CENTER)
        for j, title in enumerate(("Критерий, показатель", "Балл", "Процедура, инструмент")):
            put(sub.cells[s * per + j], title, bold=True, align=CENTER)
    repeat_header_row(head)
    repeat_header_row(sub)

    control_row(t.rows[2], "{%tr for r in rows %}")
    control_row(t.rows[3], "{%tr if r.type == 'section' %}")
    section = t.rows[4].cells[0].merge(t.rows[4].cells[len(widths) - 1])
    put(section, "{{ r.text }}", bold=True, align=CENTER)
    control_row(t.rows[5], "{%tr elif r.type == 'criterion' %}")
    crit = t.rows[6]
    control_row(t.rows[7], "{%tr elif r.type == 'level' %}")
    control_row(t.rows[9], "{%tr else %}")
    levels = (t.rows[8], t.rows[10])  # a level, and the last level of a criterion
    for s in range(sides):
        put(crit.cells[s * per], "{%% if r.cells[%d].title %%}{{ r.cells[%d].n }}. {{ r.cells[%d].title }}{%% endif %%}"
            % (s, s, s), bold=True)
        put(crit.cells[s * per + 2], "{{ r.cells[%d].procedure }}" % s)
        v_merge(crit.cells[s * per + 2], restart=True)
        for level in levels:
            put(level.cells[s * per], "{%% if r.cells[%d].descriptor %%}– {{ r.cells[%d].descriptor }}{%% endif %%}"
                % (s, s))
            put(level.cells[s * per + 1], "{{ r.cells[%d].score }}" % s, align=CENTER)
            v_merge(level.cells[s * per + 2], restart=False)
    control_row(t.rows[11], "{%tr endif %}")
    control_row(t.rows[12], "{%tr endfor %}")
    for row in (t.rows[4], crit, levels[0]):
        keep_with_next_row(row)


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
    abbreviations(doc, "abbreviations", indent=True, space_before=6)
    paragraph(doc, "", space_after=6)

    paragraph(doc, "{%p if two %}")
    matrix_table(doc, 2)
    paragraph(doc, "{%p else %}")
    matrix_table(doc, 1)
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "Максимальная сумма баллов: {% for k in kinds %}{{ k.gent }} — {{ k.max }}"
                   "{% if not loop.last %}, {% endif %}{% endfor %}.", indent=True, space_before=12,
              keep_with_next=True)
    # The lines under the table keep with the agreement blocks: no page holds the signatures alone.
    paragraph(doc, "{%p for b in banded %}")
    paragraph(doc, "Балл по критерию {{ b.n }} {{ b.kind_gent }} «{{ b.title }}» определяется по проценту "
                   "выполнения, как он измерен, без округления: {{ b.bands|join('; ') }}.", indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p endfor %}")

    paragraph(doc, "{%p for a in agreed %}")
    paragraph(doc, "СОГЛАСОВАНО", align=LEFT, space_before=18, keep_with_next=True)
    paragraph(doc, "{{ a.person.position|capfirst }} {{ a.short_name }}", align=LEFT, keep_with_next=True)
    paragraph(doc, "______________ {{ a.person|initials }}", align=LEFT, space_before=6, keep_with_next=True)
    # The date of agreement when the data has it; otherwise a line for the hand (seed 002).
    paragraph(doc, "{% if a.date %}{{ a.date|date }}{% else %}«____» ______________ 20____\u00a0г.{% endif %}",
              align=LEFT)
    paragraph(doc, "{%p endfor %}")
    return doc
