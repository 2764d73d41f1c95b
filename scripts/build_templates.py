"""Rebuild the built-in .docx templates from code.

The .docx files under templates/ are the source users edit in Word; this script is how the
project writes them reproducibly, so a wording change is a reviewable diff here. Run it with
the project's Python after changing a template's text:  python scripts/build_templates.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from docgen.gost import CENTER, LEFT, Column, new_document, paragraph, right_block, table

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


def acquaintance_sheet(doc, people: str) -> None:
    """«С приказом ознакомлены»: every person the order names signs and dates."""
    paragraph(doc, "Лист ознакомления", align=CENTER, bold=True, page_break_before=True)
    paragraph(doc, "с приказом от {{ date|date('numeric') }} {{ number|number_sign }}", align=CENTER, space_after=12)
    paragraph(doc, "С приказом ознакомлены:", align=LEFT, space_after=6)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Фамилия, инициалы", 45), Column("Должность", 58),
                Column("Подпись", 25), Column("Дата", 25)], [
        ["{%tr for p in " + people + " %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ p|surname_initials }}", "{{ p.position|capfirst }}", "", ""],
        ["{%tr endfor %}", "", "", "", ""],
    ])


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


BUILDERS = {"working-group-order": working_group_order}

if __name__ == "__main__":
    wanted = sys.argv[1:] or list(BUILDERS)
    for name in wanted:
        BUILDERS[name]()
        print(f"{OUT / name}.docx")
