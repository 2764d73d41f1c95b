"""Pieces the two project templates share (project_passport.py, project_application.py): headings,
dash lists repeated by docxtpl, the mechanisms table with a direction cell spanning its activities,
the risks and indicators tables, and the paragraph on who answers for the project in each
executor organisation (heads declined in the accusative)."""
from __future__ import annotations

from docgen.blocks import NBSP
from docx.shared import Mm

from docgen.gost import CENTER, INDENT, JUSTIFY, LEFT, Column, keep_row_with_next, keep_with_next_when, paragraph, table

# The mechanisms table's widths, measured (docgen_plugins/project/layout.py): the context estimates
# a direction's height with the same numbers to decide whether it may break across pages.
from builders._tables import title_row
from docgen_plugins.project.layout import ACTIVITY_MM, NUMBER_MM, RESPONSIBLE_MM, TERMS_MM


PERIOD = "{{ start|date('numeric') }}" + NBSP + "– {{ end|date('numeric') }}"


def heading(doc, text: str) -> None:
    paragraph(doc, text, align=CENTER, bold=True, space_before=12, space_after=6, keep_with_next=True)


def item(doc, text: str, **kw) -> None:
    paragraph(doc, text, indent=True, **kw)


def goal_and_tasks(doc) -> None:
    item(doc, "Цель проекта — {{ goal }}.")
    item(doc, "Задачи проекта:", keep_with_next=True)
    numbered(doc, "x in tasks", "{{ x|capfirst }}")


def when(doc, condition: str) -> None:
    paragraph(doc, "{%p if " + condition + " %}")


def end(doc) -> None:
    paragraph(doc, "{%p endif %}")


# «– » at the body's 14 pt: an en dash and a no-break space, what a hanging item's lines align after.
DASH_MM = 3.7


def listing(doc, loop: str, text: str, *, hanging: bool = False) -> None:
    """A dash list repeated by docxtpl: «– …;» and «– ….» for the last element, justified like the
    text around it. A ``hanging`` list — items whose end is a long unbreakable name, which justified
    would stretch the line before it — is left-aligned with its lines under the text after the
    dash, so it reads as a list and not as a ragged paragraph."""
    paragraph(doc, "{%p for " + loop + " %}", indent=True)
    item = paragraph(doc, "–" + NBSP + text + "{% if loop.last %}.{% else %};{% endif %}", indent=True,
                     align=LEFT if hanging else JUSTIFY)
    if hanging:
        item.paragraph_format.left_indent = INDENT + Mm(DASH_MM)
        item.paragraph_format.first_line_indent = -Mm(DASH_MM)
    paragraph(doc, "{%p endfor %}", indent=True)


def numbered(doc, loop: str, text: str, *, prefix: str = "") -> None:
    """«1. …» (or «1.1. …» under a numbered section, ``prefix`` «1.»), one paragraph an element, each a sentence."""
    paragraph(doc, "{%p for " + loop + " %}", indent=True)
    paragraph(doc, prefix + "{{ loop.index }}. " + text + ".", indent=True)
    paragraph(doc, "{%p endfor %}", indent=True)


def lead_list(doc, items: str, lead: str, text: str = "{{ x }}") -> None:
    """«Lead:» and its dash list, both only when the list has elements."""
    when(doc, items)
    item(doc, lead, keep_with_next=True)
    listing(doc, "x in " + items, text)
    end(doc)


def mechanisms_table(doc) -> None:
    """The plan by direction, as the plan-graph prints the same plan: a bold row across the table
    names the direction («1. Нормативно-правовое обеспечение») and keeps with its first activity;
    under it one row an activity — number «1.1», activity, deadlines, responsible. The direction
    needs no column of its own, so the activities and the responsible get the width, and a
    direction's activities carried over to the next page still say whose they are by their number
    under the repeated header. Whether a row keeps with the next is the context's ``r.keep``: a
    short direction keeps together, a long one may break between its rows
    (docgen_plugins/project/context.py). No row splits; the header never ends a page alone."""
    t = table(doc, [Column("№ п/п", NUMBER_MM, CENTER), Column("Мероприятия", ACTIVITY_MM),
                    Column("Сроки исполнения", TERMS_MM, CENTER), Column("Ответственные", RESPONSIBLE_MM)], [
        ["{%tr for b in directions_plan %}", "", "", ""],
        ["{{ b.number }}. {{ b.title }}", "", "", ""],
        ["{%tr for r in b.rows %}", "", "", ""],
        ["{{ b.number }}.{{ loop.index }}", "{{ r.action|capfirst }}", "{{ r.term }}", "{{ r.responsible }}"],
        ["{%tr endfor %}", "", "", ""],
        ["{%tr endfor %}", "", "", ""],
    ])
    keep_row_with_next(t.rows[0])
    merged = title_row(t.rows[2])  # the direction's name spans the table
    merged.paragraphs[0].paragraph_format.keep_with_next = True
    keep_with_next_when(t.rows[4], "r.keep")


def risks_table(doc) -> None:
    table(doc, [Column("№ п/п", 12, CENTER), Column("Риск", 70), Column("Способ преодоления", 83)], [
        ["{%tr for r in risks %}", "", ""],
        ["{{ loop.index }}", "{{ r.risk }}", "{{ r.measure }}"],
        ["{%tr endfor %}", "", ""],
    ], keep_tail=True)


def indicators_table(doc) -> None:
    table(doc, [Column("№ п/п", 12, CENTER), Column("Показатель", 77), Column("Единица измерения", 28, CENTER),
                Column("Базовое значение", 24, CENTER), Column("Целевое значение", 24, CENTER)], [
        ["{%tr for i in indicators %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ i.title }}", "{{ i.unit }}", "{{ i.base or 'нет данных' }}", "{{ i.target }}"],
        ["{%tr endfor %}", "", "", "", ""],
    ], keep_tail=True)
    # Which year the baselines are: a reader compares them with the справка's values of that year.
    paragraph(doc, "{%p if base_period %}")
    paragraph(doc, "Базовые значения показателей — за {{ base_period }} учебный год.", indent=True, space_before=6)
    paragraph(doc, "{%p endif %}")


def executors_table(doc) -> None:
    table(doc, [Column("№ п/п", 12, CENTER), Column("Организация-исполнитель", 78),
                Column("Руководитель организации", 75)], [
        ["{%tr for e in executors %}", "", ""],
        ["{{ loop.index }}", "{{ e.name }}", "{{ e.head|fio }}, {{ e.head.position }}"],
        ["{%tr endfor %}", "", ""],
    ], keep_tail=True)


def responsibility(doc) -> None:
    """Who leads the project, and who answers for it in each executor organisation (the heads,
    in the accusative: «на Журину Ирину Николаевну, директора МОУ «Средняя школа № 48»»; the name
    first). A project whose only executor is headed by its leader says only who leads it: the
    leader answering to herself is no sentence a reader needs. One executor headed by somebody
    else is named in the singular. The heads' dash items hang (``listing``): justified like the
    document's other lists, they would stretch around the glued organisation's name."""
    lead = "Руководство проектом осуществляет {{ leader.position }} {{ leader|fio }}{% if not (leader|fio).endswith('.') %}.{% endif %}"
    when(doc, "leader_heads_sole_executor")
    item(doc, lead)
    paragraph(doc, "{%p elif executors|length == 1 %}")
    item(doc, lead + " Ответственность за реализацию проекта в организации-исполнителе возлагается на её "
                     "руководителя — {{ executors[0].head|fio('accs') }}, {{ executors[0].head.position|inflect('accs') }} "
                     "{{ executors[0].name }}.")
    paragraph(doc, "{%p else %}")
    item(doc, lead + " Ответственность за реализацию проекта в организациях-исполнителях возлагается на их "
                     "руководителей:", keep_with_next=True)
    listing(doc, "e in executors", "на {{ e.head|fio('accs') }}, {{ e.head.position|inflect('accs') }} {{ e.name }}",
            hanging=True)
    end(doc)


def stages(doc) -> None:
    """Each stage: its title and period, what is done, the results and the products."""
    paragraph(doc, "{%p for s in stages %}")
    item(doc, "Этап {{ loop.index }}. {{ s.heading }} ({{ s.start|date('numeric') }}" + NBSP
              + "– {{ s.end|date('numeric') }}).", bold=True, align=LEFT, keep_with_next=True)
    item(doc, "Содержание этапа:", keep_with_next=True)
    listing(doc, "c in s.content", "{{ c }}")
    when(doc, "s.results")
    item(doc, "Прогнозируемые результаты:", keep_with_next=True)
    listing(doc, "x in s.results", "{{ x }}")
    end(doc)
    when(doc, "s.products")
    item(doc, "Продукты:", keep_with_next=True)
    listing(doc, "x in s.products", "{{ x }}")
    end(doc)
    paragraph(doc, "{%p endfor %}")


def resources(doc) -> None:
    lead_list(doc, "resources.staff", "Кадровые ресурсы:")
    lead_list(doc, "resources.legal", "Нормативно-правовые ресурсы:")
    lead_list(doc, "resources.material", "Материально-техническое обеспечение:")
