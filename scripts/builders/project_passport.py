"""Template of a project's passport: the organisation, the grif when an order approves the
passport, a summary table (name, priority directions, leader, executors, participants, term),
then the project's parts, each under its heading and only when the data has it — goal and tasks,
rationale, the stages with their results and products, the mechanisms table, resources, expected
results and products, changes in the municipal system, risks, dissemination, indicators. The
wording is the builder's (scripts/builders/_project.py holds what the application shares)."""
from __future__ import annotations

from docx.shared import Mm

from docgen.blocks import approval_grif
from docgen.gost import CENTER, LEFT, Column, keep_row_with_next, new_document, paragraph, table

from builders._project import (PERIOD, end, goal_and_tasks, heading, indicators_table, item, lead_list, listing, mechanisms_table,
                               responsibility, resources, risks_table, stages, when)

TEMPLATE = "project-passport.docx"


def _cell_lines(cell, loop: str, text: str) -> None:
    """A cell's list: one paragraph an element (docxtpl paragraph tags work inside a cell)."""
    first = cell.paragraphs[0]
    for line in ("{%p for " + loop + " %}", text, "{%p endfor %}"):
        p = paragraph(cell, line, align=LEFT, size=12)
        p.paragraph_format.first_line_indent = Mm(0)
    first._p.getparent().remove(first._p)


def summary(doc) -> None:
    t = table(doc, [Column("Раздел паспорта", 55), Column("Содержание", 110)], [
        ["Наименование проекта", "«{{ title }}»"],
        ["{%tr if directions %}", ""],
        ["Приоритетные направления", ""],
        ["{%tr endif %}", ""],
        ["Руководитель проекта", "{{ leader|fio }}, {{ leader.position }}"],
        ["Исполнители проекта", ""],
        ["{%tr if participants %}", ""],
        ["Участники проекта", "{{ participants|capfirst }}"],
        ["{%tr endif %}", ""],
        ["Сроки реализации", PERIOD],
    ])
    _cell_lines(t.rows[3].cells[1], "d in directions", "{{ loop.index }}. {{ d|capfirst }}.")
    _cell_lines(t.rows[6].cells[1], "e in executors", "{{ e.name }} (руководитель — {{ e.head.position }} "
                                                     "{{ e.head|fio }})")
    keep_row_with_next(t.rows[0])


def build():
    doc = new_document()
    # The short name in brackets only when it is shorter: «Департамент образования мэрии города
    # Ярославля» has no other, and a reader must not see it twice.
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    when(doc, "organization.short_name != organization.full_name")
    paragraph(doc, "({{ organization.short_name }})", align=CENTER)
    end(doc)
    when(doc, "approved")
    paragraph(doc, "", space_after=6)  # the grif keeps its distance from the name
    approval_grif(doc, gender_word="УТВЕРЖДЁН", date="approved.date", number="approved.number")
    end(doc)
    paragraph(doc, "ПАСПОРТ", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "{{ kind|inflect('gent') }}", align=CENTER, bold=True)
    paragraph(doc, "«{{ title }}»", align=CENTER, bold=True, space_after=12)
    summary(doc)

    heading(doc, "Цель и задачи проекта")
    goal_and_tasks(doc)

    heading(doc, "Обоснование актуальности проекта")
    paragraph(doc, "{%p for x in rationale %}")
    item(doc, "{{ x }}")
    paragraph(doc, "{%p endfor %}")
    when(doc, "idea")
    item(doc, "Основная идея проекта: {{ idea }}")
    end(doc)

    when(doc, "stages")
    heading(doc, "Этапы реализации проекта")
    stages(doc)
    end(doc)

    when(doc, "directions_plan")
    heading(doc, "Механизмы реализации проекта")
    mechanisms_table(doc)
    end(doc)

    heading(doc, "Управление проектом")
    responsibility(doc)

    when(doc, "has_resources")
    heading(doc, "Ресурсное обеспечение проекта")
    resources(doc)
    end(doc)

    when(doc, "results")
    heading(doc, "Ожидаемые результаты")
    listing(doc, "x in results", "{{ x }}")
    end(doc)

    heading(doc, "Ожидаемые продукты")
    listing(doc, "x in products", "{{ x }}")

    when(doc, "changes")
    heading(doc, "Изменения в муниципальной системе образования, ожидаемые от реализации проекта")
    listing(doc, "x in changes", "{{ x }}")
    end(doc)

    when(doc, "risks")
    heading(doc, "Риски реализации проекта и способы их преодоления")
    risks_table(doc)
    end(doc)

    when(doc, "dissemination")
    heading(doc, "Распространение результатов проекта")
    lead_list(doc, "dissemination", "Распространение и внедрение результатов проекта осуществляются через:")
    end(doc)

    when(doc, "indicators")
    heading(doc, "Показатели результативности проекта")
    indicators_table(doc)
    end(doc)
    return doc
