"""Template of the district's coverage справка: the pooled share of required acts approved in
the organisations, a chart of each one's share, the ranking table, signed by the head of the
education authority. Rendered by `docgen coverage --district --format docx` (docgen.registry.report)."""
from __future__ import annotations

from builders.coverage_report import figure, head, signature
from docgen.blocks import NBSP
from docgen.gost import CENTER, LEFT, Column, new_document, paragraph, table

TEMPLATE = "district-coverage-report.docx"


def build():
    doc = new_document()
    head(doc, "о полноте локальных нормативных актов внутренней системы оценки качества образования "
              "в образовательных организациях")
    paragraph(doc, "По состоянию на {{ today|date }} в {{ count|plural('организация', 'loct') }} утверждено и "
                   "действует {{ approved }} из {{ required }} обязательных локальных нормативных актов внутренней системы "
                   "оценки качества образования (далее\u00a0— ВСОКО), "
                   "применимых к их уровням образования, что составляет {{ share }} от необходимого общего числа.",
              indent=True)
    paragraph(doc, "Доля по району рассчитана как отношение суммы утверждённых актов к сумме обязательных актов "
                   "всех организаций; организации с равной долей занимают одно место.", indent=True)
    figure(doc, f"Рисунок 1{NBSP}— Доля утверждённых обязательных актов по организациям")
    paragraph(doc, f"Таблица 1{NBSP}— Рейтинг организаций", align=LEFT, keep_with_next=True)
    ranking = table(doc, [Column("Место", 17, CENTER), Column("Организация", 68),
                          Column("Утверждено актов", 29, CENTER), Column("Обязательных актов", 33, CENTER),
                          Column("Доля", 18, CENTER)], [
        ["{%tr for e in entries %}", "", "", "", ""],
        ["{{ e.place }}", "{{ e.organization }}", "{{ e.approved }}", "{{ e.required }}", "{{ e.share }}"],
        ["{%tr endfor %}", "", "", "", ""],
        ["", "Итого по району", "{{ approved }}", "{{ required }}", "{{ share }}"],
    ], keep_tail=True)
    # Выводы and предложения: which organisations have not approved every required act, and the
    # deadline for them (report.DISTRICT_PROPOSAL_DAYS from the справка's date).
    paragraph(doc, "Выводы", align=LEFT, bold=True, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p if behind %}")
    paragraph(doc, "Обязательные локальные нормативные акты ВСОКО утверждены в полном объёме "
                   "{% if complete %}в {{ complete }} из {{ count }} организаций{% else %}ни в одной из "
                   "{{ count }} организаций{% endif %}; не в полном объёме{NBSP}— в "
                   "{{ behind|length|plural('организация', 'loct') }}: {{ behind|join('; ') }}.".replace("{NBSP}", NBSP),
              indent=True)
    paragraph(doc, "Предложения", align=LEFT, bold=True, space_before=12, keep_with_next=True)
    paragraph(doc, f"Руководителям организаций, названных выше, утвердить недостающие и актуализировать "
                   f"устаревшие обязательные акты, срок{NBSP}— до {{{{ deadline|date('numeric') }}}}, "
                   f"ответственные{NBSP}— руководители организаций; сведения об утверждённых актах внести "
                   "в реестр локальных нормативных актов.", indent=True, keep_with_next=True)
    paragraph(doc, "{%p else %}")
    paragraph(doc, "Все обязательные локальные нормативные акты ВСОКО утверждены и действуют во всех "
                   "организациях ({{ share }}).", indent=True, keep_with_next=True)
    paragraph(doc, "{%p endif %}")
    signature(doc)
    return doc
