"""Template of the order approving local acts of the catalogue: one act («Об утверждении Положения
о …», «Утвердить прилагаемое Положение …») or a package («Об утверждении локальных нормативных актов
…», items 1.1, 1.2). The acts themselves are separate documents carrying the grif «УТВЕРЖДЕНО
приказом …»: this order does not print their text."""
from __future__ import annotations

from docgen.blocks import LAW_273, NBSP, acquaintance_sheet, order_head, signature
from docgen.gost import LEFT, new_document, paragraph

TEMPLATE = "act-approval-order.docx"


def _protocols(variable: str) -> str:
    """«(протокол от 03.12.2026 № 3)», or «(протоколы от … № …, от … № …)» for several meetings."""
    return (f"(протокол{{% if {variable}|length > 1 %}}ы{{% endif %}} {{% for p in {variable} %}}от "
            f"{{{{ p.date|date('numeric') }}}} №{NBSP}{{{{ p.number }}}}{{% if not loop.last %}}, {{% endif %}}"
            "{% endfor %})")


def _person(variable: str) -> str:
    """«Заместителю директора по учебно-воспитательной работе Бондаренко О.Н.»"""
    return (f"{{{{ {variable}.position|inflect('datv')|capfirst }}}} {{{{ {variable}|surname_initials('datv') }}}}")


def build():
    doc = new_document()
    order_head(doc, "Об утверждении {% if single %}{{ acts[0].title|inflect('gent') }}{% else %}локальных "
                    "нормативных актов по вопросам внутренней системы оценки качества образования{% endif %}")
    # ст. 28 ч. 3 п. 1: the school adopts its local acts; ст. 30 ч. 3: the councils' opinion, cited
    # only when it was taken. Each protocol once: one meeting may have adopted several acts.
    paragraph(doc, (
        f"В соответствии с пунктом{NBSP}1 части{NBSP}3 статьи{NBSP}28{{% if students or parents %}}, частью{NBSP}3 "
        f"статьи{NBSP}30{{% endif %}} {LAW_273}, на основании решени{{% if council|length > 1 %}}й{{% else %}}я"
        "{% endif %} педагогического совета " + _protocols("council")
        + "{% if students or parents %}, с учётом мнения {% endif %}"
        "{% if students %}совета обучающихся " + _protocols("students") + "{% endif %}"
        "{% if students and parents %} и {% endif %}"
        "{% if parents %}совета родителей (законных представителей) несовершеннолетних обучающихся "
        + _protocols("parents") + "{% endif %}"
    ), indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    # The acts are separate documents with the grif «УТВЕРЖДЕНО приказом … от … № …» (ГОСТ Р 7.0.97),
    # not annexes with a mark «Приложение N»: the text says «прилагаемое», as for the working group's
    # composition. A package numbers its acts 1.1, 1.2.
    paragraph(doc, "{%p if single %}", indent=True)
    paragraph(doc, "1. Утвердить {% if acts[0].form == 'pl' %}прилагаемые{% elif acts[0].form == 'f' %}прилагаемую"
                   "{% elif acts[0].form == 'n' %}прилагаемое{% else %}прилагаемый{% endif %} "
                   "{{ acts[0].title|inflect('accs') }}.", indent=True)
    paragraph(doc, "{%p else %}", indent=True)
    paragraph(doc, "1. Утвердить прилагаемые локальные нормативные акты:", indent=True, keep_with_next=True)
    paragraph(doc, "{%p for a in acts %}", indent=True)
    paragraph(doc, "{{ a.number }}. {{ a.title|inflect('accs') }}{% if loop.last %}.{% else %};{% endif %}",
              indent=True)
    paragraph(doc, "{%p endfor %}", indent=True)
    paragraph(doc, "{%p endif %}", indent=True)
    paragraph(doc, "2. Ввести в действие {% if single %}{{ acts[0].head|inflect('accs') }}{% else %}локальные "
                   "нормативные акты, утверждённые пунктом{NBSP}1 настоящего приказа,{% endif %} "
                   "с {{ in_force|date('numeric') }}.".replace("{NBSP}", NBSP), indent=True)
    paragraph(doc, "{%p if repeal_item %}", indent=True)
    paragraph(doc, "{{ repeal_item }}. Признать утратившим{% if repealed|length > 1 %}и{% endif %} силу "
                   "приказ{% if repealed|length > 1 %}ы{% endif %} {{ organization.short_name }} "
                   "{% for r in repealed %}от {{ r.date|date('numeric') }} " + f"№{NBSP}" + "{{ r.number }}"
                   # The old title is one printed value: the words of a short quoted name would be glued.
                   "{% if r.title %} «{{ r.title }}»{% elif r.act_title %} «{{ 'Об утверждении ' ~ "
                   "r.act_title|inflect('gent') }}»{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}.",
              indent=True)
    paragraph(doc, "{%p endif %}", indent=True)
    paragraph(doc, "{{ publish_item }}. " + _person("publish.person") + " разместить {% if single %}"
                   "{{ acts[0].head|inflect('accs') }}{% else %}утверждённые локальные нормативные акты{% endif %} "
                   "на официальном сайте {{ organization.short_name }} в срок до "
                   "{{ publish.deadline|date('numeric') }}.", indent=True)
    paragraph(doc, "{{ acquaint_item }}. " + _person("acquaint.person") + " в соответствии со статьёй" + NBSP
                   + "22 Трудового кодекса Российской Федерации ознакомить работников с {% if single %}"
                   "{{ acts[0].head|inflect('ablt') }}{% else %}утверждёнными локальными нормативными актами"
                   "{% endif %} под подпись в срок до {{ acquaint.deadline|date('numeric') }}.", indent=True)
    paragraph(doc, "{{ control_item }}. {% if control %}Контроль за исполнением приказа возложить на "
                   "{{ control.position|inflect('accs') }} {{ control|surname_initials('accs') }}"  # initials end the sentence
                   "{% else %}Контроль за исполнением приказа оставляю за собой.{% endif %}", indent=True,
              keep_with_next=True)  # a signature never stands alone on a page
    signature(doc, executor=True)
    acquaintance_sheet(doc, "acquainted")
    return doc
