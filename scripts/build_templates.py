"""Rebuild the built-in .docx templates from code.

The .docx files under templates/ are the source users edit in Word; this script is how the
project writes them reproducibly, so a wording change is a reviewable diff here. Run it with
the project's Python after changing a template's text:  python scripts/build_templates.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.shared import Mm

from docgen.gost import CENTER, LEFT, MARGINS_MM, Column, new_document, paragraph, right_block, table

NBSP = "\u00a0"
OUT = Path(__file__).resolve().parent.parent / "templates"


def order_head(doc, title: str) -> None:
    """Organisation, «ПРИКАЗ», date and number, place, title: the requisites of an order."""
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER)
    paragraph(doc, "ПРИКАЗ", align=CENTER, bold=True, space_before=18, space_after=12)
    paragraph(doc, "{{ date|date }}\t{{ number|number_sign }}", align=LEFT, tab_right=True)
    paragraph(doc, "{{ organization.place }}", align=CENTER, space_before=6, space_after=18)
    paragraph(doc, title, align=CENTER, bold=True, space_after=12)


def signature(doc) -> None:
    paragraph(doc, "{{ director.position|capfirst }}\t{{ director|initials }}", align=LEFT, tab_right=True,
              space_before=30)


def annex_mark(doc, n: int) -> None:
    right_block(doc, [
        f"Приложение {n}",
        "к приказу {{ organization.short_name }}",
        "от {{ date|date('numeric') }} {{ number|number_sign }}",
    ], page_break_before=True)


def acquaintance_sheet(doc, people: str, *, page_break: bool = True) -> None:
    """«С приказом ознакомлены»: every person the order names signs and dates. ``page_break``
    is off when a section break already starts the page."""
    paragraph(doc, "Лист ознакомления", align=CENTER, bold=True, page_break_before=page_break)
    paragraph(doc, "с приказом от {{ date|date('numeric') }} {{ number|number_sign }}", align=CENTER, space_after=12)
    paragraph(doc, "С приказом ознакомлены:", align=LEFT, space_after=6)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Фамилия, инициалы", 45), Column("Должность", 58),
                Column("Подпись", 25), Column("Дата", 25)], [
        ["{%tr for p in " + people + " %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ p|surname_initials }}", "{{ p.position|capfirst }}", "", ""],
        ["{%tr endfor %}", "", "", "", ""],
    ])


def new_section(doc, *, landscape: bool):
    """A section from a new page, A4 portrait or landscape, house margins, every page numbered
    (only the document's first page goes without a number)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.different_first_page_header_footer = False
    return section


def working_group_order() -> None:
    doc = new_document()
    order_head(doc, "О создании рабочей группы по совершенствованию внутренней системы оценки качества образования")
    paragraph(doc, (
        f"В соответствии с пунктом 13 части 3 статьи 28 Федерального закона от 29.12.2012 №{NBSP}273-ФЗ "
        "«Об образовании в Российской Федерации»{% if basis %}, {{ basis }}{% endif %}, в целях {{ purpose }}"
    ), indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "1. Создать {{ group_name|inflect('accs') }} (далее — рабочая группа) на период "
                   "с {{ period.start|date('numeric') }} по {{ period.end|date('numeric') }}.", indent=True)
    paragraph(doc, "2. Утвердить состав рабочей группы (приложение 1).", indent=True)
    paragraph(doc, "3. Назначить {{ head|fio('accs') }}, {{ head.position|inflect('accs') }}, "
                   "руководителем рабочей группы.", indent=True)
    paragraph(doc, "4. Установить периодичность заседаний рабочей группы: {{ meetings }}.", indent=True)
    paragraph(doc, "{%p for t in tasks %}", indent=True)
    paragraph(doc, "{{ t.number }}. {{ t.responsible.position|inflect('datv')|capfirst }} "
                   "{{ t.responsible|surname_initials('datv') }} {{ t.action }} в срок до "
                   "{{ t.deadline|date('numeric') }}.", indent=True)
    paragraph(doc, "{%p endfor %}", indent=True)
    paragraph(doc, "{%p if publish_item %}", indent=True)
    paragraph(doc, "{{ publish_item }}. {{ publish_responsible.position|inflect('datv')|capfirst }} "
                   "{{ publish_responsible|surname_initials('datv') }} разместить настоящий приказ на официальном "
                   "сайте {{ organization.short_name }} в течение трёх рабочих дней со дня его подписания.", indent=True)
    paragraph(doc, "{%p endif %}", indent=True)
    paragraph(doc, "{{ control_item }}. {% if control %}Контроль за исполнением приказа возложить на "
                   "{{ control.position|inflect('accs') }} {{ control|surname_initials('accs') }}"  # initials end the sentence
                   "{% else %}Контроль за исполнением приказа оставляю за собой.{% endif %}", indent=True,
              keep_with_next=True)  # a signature never stands alone on a page
    signature(doc)

    annex_mark(doc, 1)
    paragraph(doc, "Состав", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "{{ group_name|inflect('gent') }}", align=CENTER, bold=True, space_after=12)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Фамилия, имя, отчество", 55), Column("Должность", 60),
                Column("Роль в рабочей группе", 38)], [
        ["{%tr for m in members %}", "", "", ""],
        ["{{ loop.index }}", "{{ m.person|fio }}", "{{ m.person.position|capfirst }}", "{{ m.role|capfirst }}"],
        ["{%tr endfor %}", "", "", ""],
    ])

    acquaintance_sheet(doc, "acquainted")
    doc.save(OUT / "working-group-order.docx")


def regulation_order() -> None:
    doc = new_document()
    order_head(doc, "Об утверждении регламента работы по совершенствованию внутренней системы оценки качества "
                    "образования")
    paragraph(doc, (
        f"В соответствии с пунктом 13 части 3 статьи 28 Федерального закона от 29.12.2012 №{NBSP}273-ФЗ "
        "«Об образовании в Российской Федерации», Порядком проведения самообследования образовательной "
        "организацией, утверждённым приказом Министерства образования и науки Российской Федерации "
        f"от 14.06.2013 №{NBSP}462, "
        "{% if basis %}{{ basis }}, {% endif %}в целях {{ purpose }}"
    ), indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "1. Утвердить регламент работы по совершенствованию внутренней системы оценки качества "
                   "образования (приложение 1).", indent=True)
    paragraph(doc, "2. Ответственным исполнителям обеспечить выполнение мероприятий регламента в установленные "
                   "сроки.", indent=True)
    paragraph(doc, "3. {{ coordinator.position|inflect('datv')|capfirst }} {{ coordinator|surname_initials('datv') }} "
                   "осуществлять мониторинг выполнения мероприятий регламента и {{ reporting }} информировать "
                   "директора о ходе и результатах их выполнения.", indent=True)
    paragraph(doc, "4. {% if control %}Контроль за исполнением приказа возложить на "
                   "{{ control.position|inflect('accs') }} {{ control|surname_initials('accs') }}"  # initials end the sentence
                   "{% else %}Контроль за исполнением приказа оставляю за собой.{% endif %}", indent=True,
              keep_with_next=True)
    signature(doc)

    # The regulation's six columns need the width of a landscape page.
    new_section(doc, landscape=True)
    width = 297 - MARGINS_MM["left"] - MARGINS_MM["right"]
    block = Mm(width - 80)  # the angular requisite, at most 8 cm wide, against the right margin
    # The annex mark answers «(приложение 1)» in the text; the grif below it states the approval.
    paragraph(doc, "Приложение 1", align=LEFT, left_indent=block)
    paragraph(doc, "УТВЕРЖДЕН", align=LEFT, left_indent=block, space_before=6)  # Регламент → masculine
    paragraph(doc, "приказом {{ organization.short_name }}", align=LEFT, left_indent=block)
    paragraph(doc, "от {{ date|date('numeric') }} {{ number|number_sign }}", align=LEFT, left_indent=block)
    paragraph(doc, "Регламент", align=CENTER, bold=True, space_before=12)
    paragraph(doc, "работы по совершенствованию внутренней системы оценки качества образования", align=CENTER,
              bold=True, space_after=12)
    regulation = table(doc, [Column("№ п/п", 12, CENTER), Column("Мероприятие", 80), Column("Сроки", 30, CENTER),
                Column("Ответственный исполнитель", 45), Column("Соисполнители", 40),
                Column("Результат (продукт)", 45)], [
        ["{%tr for a in activities %}", "", "", "", "", ""],
        ["{{ loop.index }}", "{{ a.action|capfirst }}", "{{ a.term }}",
         "{{ a.responsible|surname_initials }}, {{ a.responsible.position }}",
         "{% for p in a.co_executors %}{{ p|surname_initials }}{% if not loop.last %}, {% endif %}"
         "{% else %}—{% endfor %}",
         "{{ a.result|capfirst }}"],
        ["{%tr endfor %}", "", "", "", "", ""],
    ])
    # An activity row is never split between pages (docxtpl copies the row with this property).
    regulation.rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    new_section(doc, landscape=False)
    acquaintance_sheet(doc, "acquainted", page_break=False)
    doc.save(OUT / "regulation-order.docx")


BUILDERS = {"working-group-order": working_group_order, "regulation-order": regulation_order}

if __name__ == "__main__":
    wanted = sys.argv[1:] or list(BUILDERS)
    for name in wanted:
        BUILDERS[name]()
        print(f"{OUT / name}.docx")
