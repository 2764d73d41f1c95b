"""Template of the coverage справка (справка о полноте ЛНА ВСОКО) of one organisation: the share of
required acts approved, the other shares, a chart of the acts' statuses, the table of acts, what
is missing, the director's signature. Rendered by `docgen coverage --format docx` and `docgen demo`
(docgen.registry.report); a district overrides it by a file of the same name in its templates."""
from __future__ import annotations

from docgen.blocks import NBSP
from docx.shared import Mm

from docgen.gost import CENTER, LEFT, Column, new_document, paragraph, table

TEMPLATE = "coverage-report.docx"


# The addressee's block starts at the middle of the text width (ГОСТ Р 7.0.97: the right half).
ADDRESSEE_INDENT = Mm(85)


def head(doc, title: str, default_addressee: str | None = None) -> None:
    """The organisation, the addressee (the profile's ``report_addressee``, else ``default_addressee``
    when given), «СПРАВКА», its title, the date and the place."""
    doc.core_properties.title = f"Справка {title}"
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True, keep_with_next=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER, bold=True, keep_with_next=True)
    if default_addressee is None:
        paragraph(doc, "{%p if addressee %}")
        paragraph(doc, "{{ addressee }}", align=LEFT, left_indent=ADDRESSEE_INDENT, space_before=12)
        paragraph(doc, "{%p endif %}")
    else:
        paragraph(doc, "{% if addressee %}{{ addressee }}{% else %}" + default_addressee + "{% endif %}", align=LEFT,
                  left_indent=ADDRESSEE_INDENT, space_before=12)
    paragraph(doc, "СПРАВКА", align=CENTER, bold=True, space_before=12, keep_with_next=True)
    paragraph(doc, title, align=CENTER, bold=True, space_after=6, keep_with_next=True)
    paragraph(doc, "{{ today|date }}\t{{ organization.place }}", align=LEFT, tab_right=True, space_after=12)


def figure(doc, caption: str, name: str = "chart") -> None:
    """The chart (``name`` in the context, a docgen.Picture) and its caption under it (ГОСТ 7.32:
    «Рисунок N — …» below the figure), kept together. The caption, a centred line like every
    heading, keeps with what follows as well: a page never ends on it with the table it introduces overleaf."""
    paragraph(doc, "{{ " + name + " }}", align=CENTER, space_before=12, keep_with_next=True)
    paragraph(doc, caption, align=CENTER, space_after=12, keep_with_next=True)


def signature(doc) -> None:
    """The signature, then the «исполнитель» (ГОСТ Р 7.0.97): full name and phone, at the
    foot of the text, kept on the signature's page."""
    paragraph(doc, "{{ director.position|capfirst }}\t{{ director|initials }}", align=LEFT, tab_right=True,
              space_before=36, keep_with_next=True)
    paragraph(doc, "{%p if author %}")
    paragraph(doc, "{{ author.name }}", align=LEFT, space_before=36, keep_with_next=True)
    paragraph(doc, "{%p if author.phone %}")
    paragraph(doc, "{{ author.phone }}", align=LEFT)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endif %}")


def ratio(name: str, part: str) -> str:
    return f"{name}: {{{{ {part}.done }}}} из {{{{ {part}.total }}}} ({{{{ {part}.text }}}})."


def build():
    doc = new_document()
    head(doc, "о полноте локальных нормативных актов, обеспечивающих функционирование внутренней системы "
              "оценки качества образования",
         default_addressee="Педагогическому совету {{ organization.short_name }}")
    # «утверждён 1 из 8 актов», «утверждены 4 из 8»: the predicate agrees with the count
    paragraph(doc, "По состоянию на {{ today|date }} {% if required.done % 10 == 1 and required.done % 100 != 11 %}"
                   "утверждён и действует{% else %}утверждены и действуют{% endif %} {{ required.done }} из "
                   "{{ required.total }} обязательных локальных нормативных актов внутренней системы оценки качества "
                   "образования (далее\u00a0— ВСОКО), применимых к уровням образования организации "
                   "({{ organization.levels|join(', ') }}), что составляет {{ required.text }} от необходимого "
                   "общего числа.", indent=True)
    # the acts in force are one share; placed on the site and known to the staff are two more
    paragraph(doc, "{%p if published %}")
    paragraph(doc, ratio("Обязательные акты в действующей редакции размещены на официальном сайте", "published"),
              indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p if acquainted %}")
    paragraph(doc, "Работники ознакомлены с действующими обязательными актами под подпись: {{ acquainted.done }} из "
                   "{{ acquainted.total }} необходимых подписей ({{ acquainted.text }}).", indent=True)
    paragraph(doc, "{%p endif %}")
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
    # of Times New Roman): «Ответственный» in bold 34 mm, «рекомендуется» 32 mm, «актуализации» 28 mm.
    acts = table(doc, [Column("№", 10, CENTER), Column("Акт", 54), Column("Уровень требования", 33),
                       Column("Статус, приказ", 33), Column("Ответственный", 35)], [
        ["{%tr for a in acts %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ a.title }}", "{{ a.level }}",
         "{{ a.status }}{% if a.reason %} ({{ a.reason }}){% endif %}{% if a.order %}; приказ"
         "{% if a.order.date %} от {{ a.order.date|date('numeric') }}{% endif %} {{ a.order.number|number_sign }}"
         "{% endif %}", "{{ a.responsible or '—' }}"],
        ["{%tr endfor %}", "", "", "", ""],
    ], keep_tail=True)

    # «Не применяется»: out of every share, each with the school's reason.
    paragraph(doc, "{%p if excluded %}")
    paragraph(doc, "Не применяются в организации и не входят в расчёт долей:", indent=True, space_before=6,
              keep_with_next=True)
    paragraph(doc, "{%p for x in excluded %}")
    paragraph(doc, "{{ loop.index }}. {{ x.title }}. Причина: {{ x.reason|trim('.') }}.", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")

    # Seed 000's indicators, this academic year against last, and their chart.
    paragraph(doc, "{%p if indicators %}")
    paragraph(doc, "Индикативные показатели проекта совершенствования ВСОКО за {{ period }} учебный год в сравнении "
                   "с {{ last_period }} учебным годом приведены в таблице 2 и на рисунке 2.", indent=True,
              space_before=6)
    paragraph(doc, f"Таблица 2{NBSP}— Индикативные показатели: динамика", align=LEFT, keep_with_next=True)
    # The header words in bold at 12 pt with the cells' margins: «Изменение» and «Динамика» need about
    # 25 mm each (at 20 mm «Динамика» broke in two), «2025/2026» 22 mm; «изменений» is the longest in a cell.
    table(doc, [Column("№", 8, CENTER), Column("Показатель", 50), Column("Ед.", 10, CENTER),
                Column("{{ last_period }}", 22, CENTER), Column("{{ period }}", 22, CENTER),
                Column("Изменение", 26, CENTER), Column("Динамика", 27, CENTER)], [
        ["{%tr for i in indicators %}", "", "", "", "", "", ""],
        ["{{ i.number }}", "{{ i.title }}", "{{ i.unit }}", "{{ i.before }}", "{{ i.now }}", "{{ i.change }}",
         "{{ i.word }}"],
        ["{%tr endfor %}", "", "", "", "", "", ""],
    ], keep_tail=True)
    figure(doc, f"Рисунок 2{NBSP}— Динамика индикативных показателей (номера — по таблице 2)", "dynamics_chart")
    paragraph(doc, "{%p endif %}")

    # Выводы: the share and what is missing.
    paragraph(doc, "Выводы", align=LEFT, bold=True, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p if missing %}")
    paragraph(doc, "Обязательные локальные нормативные акты ВСОКО утверждены не в полном объёме: действуют "
                   "{{ required.done }} из {{ required.total }} ({{ required.text }}). Не хватает "
                   "{{ missing|length }} из {{ required.total }} обязательных актов"
                   "{% if outdated %} (из них {{ outdated }} "
                   "{{ 'требует' if outdated % 10 == 1 and outdated % 100 != 11 else 'требуют' }} актуализации)"
                   "{% endif %}:", indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p for m in missing %}")
    # The items are acts' titles, which keep their capital: a list numbered «1.», each item a sentence.
    paragraph(doc, f"{{{{ loop.index }}}}. {{{{ m.title }}}}{NBSP}— {{{{ m.status }}}}"
                   "{% if m.reason %} ({{ m.reason }}){% endif %}.", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p else %}")
    paragraph(doc, "Все обязательные локальные нормативные акты ВСОКО утверждены и действуют "
                   "({{ required.text }}).", indent=True)
    paragraph(doc, "{%p endif %}")
    # The organisation's own deadline for its acts (profile: acts_deadline), passed with acts missing.
    paragraph(doc, "{%p if overdue %}")
    paragraph(doc, "Установленный организацией срок утверждения обязательных актов ({{ overdue|date('numeric') }}) "
                   "истёк.", indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p if recommended.total and recommended.done < recommended.total %}")
    paragraph(doc, "Рекомендуемые акты утверждены и действуют не в полном объёме: {{ recommended.done }} из "
                   "{{ recommended.total }} ({{ recommended.text }}).", indent=True)
    paragraph(doc, "{%p endif %}")
    # Late publication: no «published» step past the deadline, or one dated after it.
    paragraph(doc, "{%p if late %}")
    paragraph(doc, f"Нарушен срок размещения актов на официальном сайте (срок{NBSP}— "
                   "{{ publication_days|plural('день') }} после утверждения; считаются рабочие дни, без выходных и "
                   "нерабочих праздничных дней):", indent=True, keep_with_next=True)
    paragraph(doc, "{%p for x in late %}")
    paragraph(doc, f"{{{{ loop.index }}}}. {{{{ x.title }}}} (приказ от {{{{ x.order.date|date('numeric') }}}} "
                   f"{{{{ x.order.number|number_sign }}}}){NBSP}— {{% if x.published %}}размещён "
                   f"{{{{ x.published|date('numeric') }}}} при сроке до {{{{ x.deadline|date('numeric') }}}}"
                   f"{{% else %}}нет отметки о размещении, срок истёк {{{{ x.deadline|date('numeric') }}}}{{% endif %}}.",
              indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p if instruments %}")
    paragraph(doc, "Процедуры ВСОКО без разработанного инструментария: {{ procedures.without|length }} из "
                   "{{ procedures.total }}.", indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p if renew %}")
    paragraph(doc, "Требуют актуализации рекомендуемые акты: {{ renew|map(attribute='title')|join('; ') }}.", indent=True)
    paragraph(doc, "{%p endif %}")
    # Предложения: for each act above, what to do, by when, who (deadline: lifecycle.PROPOSAL_DAYS, not
    # past the organisation's acts_deadline); then the instruments the procedures lack.
    # The actions by status are set in the heading's own paragraph: docxtpl's «{%p» cannot hold «}».
    paragraph(doc, "{%p if missing or instruments or renew or unpublished %}")
    paragraph(doc, "{% set actions = {'not_started': 'разработать проект, обсудить и утвердить приказом', "
                   "'drafting': 'завершить разработку проекта, обсудить и утвердить приказом', "
                   "'discussion': 'рассмотреть на педагогическом совете и утвердить приказом', "
                   "'adopted': 'утвердить приказом', "
                   "'needs_update': 'актуализировать и утвердить новую редакцию приказом', "
                   "'repealed': 'разработать новую редакцию и утвердить приказом'} %}Предложения", align=LEFT, bold=True,
              space_before=12, keep_with_next=True)
    # the required acts missing, then the recommended ones due for review: one numbered list
    paragraph(doc, "{%p for m in missing + renew %}")
    paragraph(doc, f"{{{{ loop.index }}}}. {{{{ m.title }}}}: {{{{ actions[m.status_id] }}}}, срок{NBSP}— до "
                   f"{{{{ m.deadline|date('numeric') }}}}, ответственный{NBSP}— {{{{ m.responsible }}}}"
                   # Initials end the item: no second period after «Н.И.».
                   "{{ '' if m.responsible.endswith('.') else '.' }}", indent=True,
              keep_with_next=True)  # the signature stays with the last proposals
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p for i in instruments %}")
    paragraph(doc, f"{{{{ missing|length + renew|length + loop.index }}}}. Разработать инструментарий для процедур "
                   f"ВСОКО: {{{{ i.procedures|join('; ') }}}}, срок{NBSP}— до {{{{ i.deadline|date('numeric') }}}}, "
                   f"ответственный{NBSP}— {{{{ i.responsible }}}}"
                   "{{ '' if i.responsible.endswith('.') else '.' }}", indent=True, keep_with_next=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p if unpublished %}")
    paragraph(doc, f"{{{{ missing|length + renew|length + instruments|length + 1 }}}}. Разместить на официальном сайте "
                   f"{{{{ 'акт' if unpublished.titles|length == 1 else 'акты' }}}}: {{{{ unpublished.titles|join('; ') }}}}, "
                   f"срок{NBSP}— до {{{{ unpublished.deadline|date('numeric') }}}}, ответственный{NBSP}— "
                   "{{ unpublished.responsible }}{{ '' if unpublished.responsible.endswith('.') else '.' }}", indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endif %}")

    signature(doc)
    return doc
