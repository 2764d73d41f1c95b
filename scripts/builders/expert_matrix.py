"""Template of the blank expert matrix (seed 002): landscape, kinds of participants side by side,
each criterion with its levels and scores, the procedure merged down beside its levels."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from builders._tables import control_row, grid_table, put, v_merge
from builders.expert_matrix_protocol import abbreviations
from docgen.blocks import approval_grif
from docgen.gost import CENTER, LEFT, keep_row_together, new_document, paragraph, repeat_header_row
from docgen.russian import typeset_template

TEMPLATE = "expert-matrix.docx"

# Criterion and levels, score, procedure — one kind of participant; the same for a matrix of one
# kind, across the landscape page. The table is set in 11 pt (ГОСТ Р 7.0.97 allows a smaller size
# in tables) with the criterion's column as wide as the others allow: a criterion's block is kept
# on one page, so the shorter the blocks, the fuller each page (five pages, not eight).
SIDE_MM = (76, 13, 37)
SINGLE_MM = (160, 14, 78)
MATRIX_PT = 11


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
        # A kind without a criterion in this row reads «—», not an empty cell.
        put(crit.cells[s * per], "{%% if r.cells[%d].title %%}{{ r.cells[%d].n }}. {{ r.cells[%d].title }}"
            "{%% else %%}—{%% endif %%}" % (s, s, s), bold=True)
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
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(MATRIX_PT)


def agreements(doc) -> None:
    """The heads' agreement marks two abreast, in a table without borders whose rows neither split
    nor leave the notes above them: no page holds the signatures alone (seed 002 has two)."""
    t = doc.add_table(rows=3, cols=2)
    t.autofit = False
    for col in t.columns:
        col.width = Mm(SIDE_MM[0] + SIDE_MM[1] + SIDE_MM[2])
    control_row(t.rows[0], "{%tr for pair in agreed_rows %}")
    control_row(t.rows[2], "{%tr endfor %}")
    row = t.rows[1]
    keep_row_together(row)
    repeat_header_row(row)  # every table of a document marks its first row (the rows never part anyway)
    for i, cell in enumerate(row.cells):
        a = f"pair[{i}]"
        lines = [("СОГЛАСОВАНО", 18), (f"{{{{ {a}.person.position|capfirst }}}} {{{{ {a}.short_name }}}}", 0),
                 (f"______________ {{{{ {a}.person|initials }}}}", 6),
                 # The date of agreement when the data has it; otherwise a line for the hand (seed 002).
                 (f"{{% if {a}.date %}}{{{{ {a}.date|date }}}}{{% else %}}«____» ______________ 20____\u00a0г."
                  "{% endif %}", 0)]
        for n, (text, before) in enumerate(lines):
            p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            p.alignment = LEFT
            p.paragraph_format.space_before = Pt(before)
            p.paragraph_format.keep_with_next = True
            p.add_run(typeset_template(f"{{% if {a} %}}{text}{{% endif %}}"))


# One maximum for one kind, or for kinds judged alike («… — 27 (для обеих номинаций)»); otherwise
# each kind's own, «для …» making the genitive hang on a word.
MAXIMUM = ("Максимальная сумма баллов{% if kinds|length == 1 %} — {{ kinds[0].max }}{% if kinds[0].both %} (для "
           "{% if max_first %}обеих номинаций{% else %}обоих видов участников{% endif %}){% endif %}.{% else %}: "
           "{% for k in kinds %}для {{ k.gent }} — {{ k.max }}{% if not loop.last %}, {% endif %}{% endfor %}."
           "{% endif %}")


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
    # A competition's matrix (no agreement marks, nothing under the table) states the maximum
    # first: after the table that line alone could fill the last page.
    paragraph(doc, "{%p if max_first %}")
    paragraph(doc, MAXIMUM, indent=True, space_before=6)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "", space_after=6)

    paragraph(doc, "{%p if two %}")
    matrix_table(doc, 2)
    paragraph(doc, "{%p else %}")
    matrix_table(doc, 1)
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "{%p if not max_first %}")
    paragraph(doc, MAXIMUM, indent=True, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p endif %}")
    # The lines under the table keep with the agreement marks: no page holds the signatures alone.
    paragraph(doc, "{%p for b in banded %}")
    paragraph(doc, "Балл по критерию {{ b.n }} {{ b.kind_gent }} «{{ b.title }}» определяется по проценту "
                   "выполнения, как он измерен, без округления: {{ b.bands|join('; ') }}.", indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p endfor %}")

    # A matrix without agreement marks (a competition's) has no table for them: a table whose every
    # row its loop removed is no table at all, and Word refuses such a file.
    paragraph(doc, "{%p if agreed_rows %}")
    agreements(doc)
    paragraph(doc, "{%p endif %}")
    return doc
