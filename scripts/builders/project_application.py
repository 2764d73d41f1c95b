"""Template of the application for the status of a municipal innovation platform (МИП), in the
sections of the competition's form as seed 004 has them (1–10; the executors as a table of
organisations and their heads), the project's indicators as section 11 when it has any, and the
project leader's signature with the date."""
from __future__ import annotations

from docgen.gost import CENTER, LEFT, new_document, paragraph, right_block

from builders._project import (PERIOD, end, executors_table, goal_and_tasks, indicators_table, item, lead_list, listing,
                               mechanisms_table, numbered, resources, risks_table, stages, when)

TEMPLATE = "project-application.docx"
MSO = "муниципальной системе образования"


def section(doc, text: str) -> None:
    """A numbered section title of the form, from the paragraph indent like the form's."""
    paragraph(doc, text, align=LEFT, indent=True, bold=True, space_before=12, space_after=6, keep_with_next=True)


def build():
    doc = new_document_with_title()
    section(doc, "1. Перечень приоритетных направлений инновационной деятельности в " + MSO
            + " {{ municipality }}, на решение которых направлена реализация проекта")
    # Numbered within the section («1.1.»), so an item never reads as the next section.
    numbered(doc, "d in directions", "{{ d|capfirst }}", prefix="1.")

    section(doc, "2. Обоснование актуальности и инновационности проекта")
    paragraph(doc, "{%p for x in rationale %}")
    item(doc, "{{ x }}")
    paragraph(doc, "{%p endfor %}")

    section(doc, "3. Цели, задачи и основная идея (идеи) предлагаемого проекта")
    goal_and_tasks(doc)
    when(doc, "idea")
    item(doc, "Основная идея проекта: {{ idea }}")
    end(doc)

    section(doc, "4. Срок и механизмы реализации инновационного проекта")
    item(doc, "Срок реализации проекта: " + PERIOD + ".")
    when(doc, "stages")
    item(doc, "Этапы реализации проекта:", keep_with_next=True)
    stages(doc)
    end(doc)
    paragraph(doc, "Основные механизмы реализации проекта", align=CENTER, bold=True, space_before=6, space_after=6)
    mechanisms_table(doc)

    section(doc, "5. Изменения в " + MSO + " {{ municipality }}, ожидаемые от реализации проекта")
    listing(doc, "x in changes", "{{ x }}")

    section(doc, "6. Описание ресурсного обеспечения проекта (кадровое, нормативно-правовое, "
                 "материально-техническое обеспечение проекта)")
    resources(doc)

    section(doc, "7. Описание ожидаемых инновационных продуктов")
    lead_list(doc, "results", "Ожидаемые результаты реализации проекта:")
    item(doc, "С целью распространения и внедрения в практику других образовательных организаций по итогам "
              "реализации проекта будут подготовлены следующие инновационные продукты:", keep_with_next=True)
    listing(doc, "x in products", "{{ x }}")

    section(doc, "8. Возможные риски при реализации проекта и предложения организации-соискателя по способам их "
                 "преодоления")
    risks_table(doc)

    section(doc, "9. Предложения по распространению и внедрению результатов проекта в " + MSO)
    item(doc, "Распространение и внедрение результатов проекта в " + MSO + " {{ municipality }} "
              "осуществляются через:", keep_with_next=True)
    listing(doc, "x in dissemination", "{{ x }}")

    section(doc, "10. Исполнители проекта")
    item(doc, "Руководитель проекта: {{ leader|fio }}, {{ leader.position }}.")
    item(doc, "Исполнители проекта — организации, ответственность за реализацию проекта в которых несут их "
              "руководители:", keep_with_next=True, space_after=6)
    executors_table(doc)

    when(doc, "indicators")
    section(doc, "11. Показатели результативности проекта")
    indicators_table(doc)
    end(doc)

    # The signature: who signs, in what capacity and of which organisation; it keeps with the date under
    # it, nothing after them, so neither is alone on a page.
    paragraph(doc, "Руководитель проекта,", align=LEFT, space_before=30, keep_with_next=True)
    paragraph(doc, "{{ leader.position }}{% if leader_organization %} {{ leader_organization }}{% endif %}"
                   "\t{{ leader|initials }}", align=LEFT, tab_right=True, keep_with_next=True)
    paragraph(doc, "{% if doc_date %}{{ doc_date|date }}{% else %}«____» ________________ {{ start|date('year') }}"
                   "{% endif %}", align=LEFT, space_before=12)
    return doc


def new_document_with_title():
    """Whom the application goes to (top right), the title, and who applies: the profile's
    organisation, its address and contacts, its head — or, for a network's project, its schools and
    the project's leader — what a commission needs to answer it."""
    doc = new_document()
    right_block(doc, ["В {{ addressee }}"])
    paragraph(doc, "ЗАЯВКА", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "на участие в конкурсном отборе на статус муниципальной инновационной площадки", align=CENTER,
              bold=True)
    paragraph(doc, "{{ kind|capfirst }} «{{ title }}»", align=CENTER, bold=True, space_before=12, space_after=12)
    # A network's schools one per line: their names do not break, and in one justified sentence they
    # would stretch the lines apart.
    when(doc, "applicant.network")
    item(doc, "Организации-соискатели (сетевой проект):", keep_with_next=True)
    listing(doc, "e in executors", "{{ e.name }}", hanging=True)
    paragraph(doc, "{%p else %}")
    item(doc, "Организация-соискатель: {{ organization.full_name }}{% if organization.short_name != "
              "organization.full_name %} ({{ organization.short_name }}){% endif %}.")
    end(doc)
    item(doc, "{% if applicant.network %}Адрес для переписки{% else %}Адрес{% endif %}: {{ applicant.address }}.")
    when(doc, "applicant.phone or applicant.email")
    item(doc, "{% if applicant.phone %}Телефон: {{ applicant.phone }}{% endif %}"
              "{% if applicant.phone and applicant.email %}; {% endif %}"
              "{% if applicant.email %}электронная почта: {{ applicant.email }}{% endif %}.")
    end(doc)
    item(doc, "{% if applicant.network %}Руководитель проекта: {{ leader|fio }}, {{ leader.position }}"
              "{% else %}Руководитель организации: {{ organization.director|fio }}, "
              "{{ organization.director.position }}{% endif %}.", space_after=6)
    return doc

