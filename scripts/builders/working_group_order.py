"""Template of the order creating the ВСОКО working group."""
from __future__ import annotations

from docgen.blocks import LAW_273, NBSP, acquaintance_sheet, approval_grif, order_head, signature
from docgen.gost import CENTER, LEFT, Column, new_document, paragraph, table

TEMPLATE = "working-group-order.docx"


def build():
    doc = new_document()
    order_head(doc, "О создании рабочей группы по совершенствованию внутренней системы оценки качества образования")
    # The purpose first: it names the system in full, so a basis that cites an act by its short
    # title («Положением о рабочей группе по совершенствованию ВСОКО») follows «(далее — ВСОКО)».
    paragraph(doc, (
        f"В целях {{{{ purpose }}}}, в соответствии с пунктом{NBSP}13 части{NBSP}3 статьи{NBSP}28 {LAW_273}"
        "{% if basis %}, {{ basis }}{% endif %}"
    ), indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "1. Создать {{ group_name|inflect('accs') }} (далее — рабочая группа) на период "
                   "с {{ period.start|date('numeric') }} по {{ period.end|date('numeric') }}.", indent=True)
    # The composition and the plan-graph (a document of its own) are both «прилагаемый» and both
    # carry the grif «УТВЕРЖДЕН приказом …»: neither is numbered, so the two read alike.
    paragraph(doc, "2. Утвердить прилагаемый состав рабочей группы.", indent=True)
    paragraph(doc, "{%p if plan_graph_item %}", indent=True)
    paragraph(doc, "{{ plan_graph_item }}. Утвердить прилагаемый план-график (дорожную карту) работы рабочей "
                   "группы.", indent=True)
    paragraph(doc, "{%p endif %}", indent=True)
    paragraph(doc, "{{ head_item }}. Назначить {{ head|fio('accs') }}, {{ head.position|inflect('accs') }}, "
                   "руководителем рабочей группы.", indent=True)
    paragraph(doc, "{{ meetings_item }}. Установить периодичность заседаний рабочей группы: {{ meetings }}.",
              indent=True)
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
    signature(doc, executor=True)

    # Styled as the plan-graph's grif: the order approves both annexes.
    approval_grif(doc, gender_word="УТВЕРЖДЕН", page_break=True)  # Состав → masculine
    paragraph(doc, "Состав", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "{{ group_name|inflect('gent') }}", align=CENTER, bold=True, space_after=12)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Фамилия, имя, отчество", 55), Column("Должность", 60),
                Column("Роль в рабочей группе", 38)], [
        ["{%tr for m in members %}", "", "", ""],
        ["{{ loop.index }}", "{{ m.person|fio }}", "{{ m.person.position|capfirst }}", "{{ m.role|capfirst }}"],
        ["{%tr endfor %}", "", "", ""],
    ], keep_tail=True)

    acquaintance_sheet(doc, "acquainted")
    return doc
