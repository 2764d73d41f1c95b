"""Template of the order approving the regulation of work on the ВСОКО, with the regulation table."""
from __future__ import annotations

from docgen.blocks import LAW_273, NBSP, ONLY, acquaintance_sheet, approval_grif, new_section, order_head, signature
from docgen.gost import CENTER, LEFT, Column, new_document, paragraph, table

TEMPLATE = "regulation-order.docx"


def build():
    doc = new_document()
    order_head(doc, "Об утверждении регламента работы по совершенствованию внутренней системы оценки качества "
                    "образования")
    paragraph(doc, (
        f"В соответствии с пунктом{NBSP}13 части{NBSP}3 статьи{NBSP}28 {LAW_273}, Порядком проведения самообследования "
        "образовательной организацией, утверждённым приказом Министерства образования и науки Российской "
        f"Федерации от 14.06.2013 №{NBSP}462, "
        "{% if basis %}{{ basis }}, {% endif %}в целях {{ purpose }}"
    ), indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "1. Утвердить регламент работы по совершенствованию внутренней системы оценки качества "
                   "образования (приложение).", indent=True)
    paragraph(doc, "2. Ответственным исполнителям обеспечить выполнение мероприятий регламента в установленные "
                   "сроки.", indent=True)
    paragraph(doc, "3. {{ coordinator.position|inflect('datv')|capfirst }} {{ coordinator|surname_initials('datv') }} "
                   "осуществлять мониторинг выполнения мероприятий регламента и {{ reporting }} информировать "
                   "директора о ходе и результатах их выполнения.", indent=True)
    paragraph(doc, "4. {% if control %}Контроль за исполнением приказа возложить на "
                   "{{ control.position|inflect('accs') }} {{ control|surname_initials('accs') }}"  # initials end the sentence
                   "{% else %}Контроль за исполнением приказа оставляю за собой.{% endif %}", indent=True,
              keep_with_next=True)
    signature(doc, executor=True)

    # The regulation's six columns need the width of a landscape page.
    new_section(doc, landscape=True)
    # The annex mark answers «(приложение)» in the text — the only annex is not numbered (ГОСТ Р 7.0.97);
    # the grif below it states the approval.
    approval_grif(doc, gender_word="УТВЕРЖДЕН", page_width_mm=297, annex=ONLY)  # Регламент → masculine
    paragraph(doc, "Регламент", align=CENTER, bold=True, space_before=12)
    paragraph(doc, "работы по совершенствованию внутренней системы оценки качества образования", align=CENTER,
              bold=True, space_after=12)
    regulation = table(doc, [Column("№ п/п", 12, CENTER), Column("Мероприятие", 80), Column("Сроки", 30, CENTER),
                Column("Ответственный исполнитель", 45), Column("Соисполнители", 40),
                Column("Результат (продукт)", 45)], [
        ["{%tr for a in activities %}", "", "", "", "", ""],
        # A row from the registry carries the act (title, status) instead of wording: the verb for
        # each status and the resulting order are worded here.
        ["{{ loop.index }}",
         "{% if a.act %}{% if a.act.status == 'needs_update' %}Актуализировать"
         "{% elif a.act.status == 'adopted' %}Утвердить{% else %}Разработать{% endif %} "
         "{{ a.act.title|inflect('accs') }}{% else %}{{ a.action|capfirst }}{% endif %}",
         "{{ a.term }}",
         "{{ a.responsible|surname_initials }}, {{ a.responsible.position }}",
         "{% for p in a.co_executors %}{{ p|surname_initials }}{% if not loop.last %}, {% endif %}"
         "{% else %}—{% endfor %}",
         "{% if a.act %}Приказ об утверждении {% if a.act.status == 'needs_update' %}новой редакции {% endif %}"
         "{{ a.act.title|inflect('gent') }}{% else %}{{ a.result|capfirst }}{% endif %}"],
        ["{%tr endfor %}", "", "", "", "", ""],
    ], keep_tail=True)

    new_section(doc, landscape=False)
    acquaintance_sheet(doc, "acquainted", page_break=False)
    return doc
