"""Template of the coverage справка (справка о полноте ЛНА ВСОКО) of one organisation: the share of
required acts approved, the other shares, a chart of the acts' statuses, the table of acts, what
is missing, the director's signature. Rendered by `docgen coverage --format docx` and `docgen demo`
(docgen.registry.report); a district overrides it by a file of the same name in its templates."""
from __future__ import annotations

from docgen.blocks import NBSP
from docgen.gost import CENTER, LEFT, Column, new_document, paragraph, table

TEMPLATE = "coverage-report.docx"


def head(doc, title: str) -> None:
    """The organisation, «СПРАВКА», its title, the date and the place."""
    doc.core_properties.title = f"Справка {title}"
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True, keep_with_next=True)
    paragraph(doc, "СПРАВКА", align=CENTER, bold=True, space_before=12, keep_with_next=True)
    paragraph(doc, title, align=CENTER, bold=True, space_after=6, keep_with_next=True)
    paragraph(doc, "{{ today|date }}\t{{ organization.place }}", align=LEFT, tab_right=True, space_after=12)


def figure(doc, caption: str) -> None:
    """The chart (``chart``, a docgen.Picture) and its caption, kept together."""
    paragraph(doc, "{{ chart }}", align=CENTER, space_before=12, keep_with_next=True)
    paragraph(doc, caption, align=CENTER, space_after=12, keep_with_next=False)  # under the chart it names


def signature(doc) -> None:
    paragraph(doc, "{{ director.position|capfirst }}\t{{ director|initials }}", align=LEFT, tab_right=True,
              space_before=36)


def ratio(name: str, part: str) -> str:
    return f"{name}: {{{{ {part}.done }}}} из {{{{ {part}.total }}}} ({{{{ {part}.text }}}})."


def build():
    doc = new_document()
    head(doc, "о полноте локальных нормативных актов, обеспечивающих функционирование ВСОКО")
    paragraph(doc, "По состоянию на {{ today|date }} утверждено и действует обязательных локальных нормативных "
                   "актов ВСОКО, применимых к уровням образования организации ({{ organization.levels|join(', ') }}): "
                   "{{ required.done }} из {{ required.total }}, что составляет {{ required.text }} от необходимого "
                   "общего числа.", indent=True)
    paragraph(doc, ratio("Рекомендуемые акты утверждены и действуют", "recommended"), indent=True)
    paragraph(doc, "{%p if discussion.total %}")
    paragraph(doc, ratio("Проекты актов, вынесенные на обсуждение", "discussion"), indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p if teachers %}")
    paragraph(doc, ratio("Педагогические работники, вовлечённые в ВСОКО", "teachers"), indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p if procedures %}")
    paragraph(doc, ratio("Процедуры ВСОКО, обеспеченные разработанным инструментарием", "procedures")
              + "{% if procedures.without %} Нет инструментария: {{ procedures.without|join('; ') }}.{% endif %}",
              indent=True)
    paragraph(doc, "{%p endif %}")

    figure(doc, f"Рисунок 1{NBSP}— Статусы применимых актов")

    paragraph(doc, f"Таблица 1{NBSP}— Локальные нормативные акты ВСОКО", align=LEFT, keep_with_next=True)
    # Widths hold the longest unbreakable words at 12 pt (measured in Liberation Serif, metric twin
    # of Times New Roman): «Ответственный» in bold 34 mm, «рекомендуемый» 32 mm, «актуализации» 28 mm.
    acts = table(doc, [Column("№", 10, CENTER), Column("Акт", 54), Column("Уровень требования", 33),
                       Column("Статус, приказ", 33), Column("Ответственный", 35)], [
        ["{%tr for a in acts %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ a.title }}", "{{ a.level }}",
         "{{ a.status }}{% if a.reason %} ({{ a.reason }}){% endif %}{% if a.order %}; приказ"
         "{% if a.order.date %} от {{ a.order.date|date('numeric') }}{% endif %} {{ a.order.number|number_sign }}"
         "{% endif %}", "{{ a.responsible or '—' }}"],
        ["{%tr endfor %}", "", "", "", ""],
    ])

    paragraph(doc, "{%p if missing %}")
    paragraph(doc, "Отсутствуют, не утверждены или требуют актуализации обязательные акты:", indent=True,
              space_before=12, keep_with_next=True)
    paragraph(doc, "{%p for m in missing %}")
    # The responsible person's initials end the sentence: no second period after «Н.И.».
    paragraph(doc, f"{{{{ loop.index }}}}) {{{{ m.title }}}}{NBSP}— {{{{ m.status }}}}"
                   "{% if m.reason %} ({{ m.reason }}){% endif %}; ответственный: "
                   "{{ m.responsible or 'не назначен' }}{% if not (m.responsible or '').endswith('.') %}.{% endif %}",
              indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p else %}")
    paragraph(doc, "Все обязательные акты утверждены и действуют.", indent=True, space_before=12)
    paragraph(doc, "{%p endif %}")

    signature(doc)
    return doc
