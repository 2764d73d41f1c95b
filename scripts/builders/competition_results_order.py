"""Template of the education authority's order on the results of the municipal competition
(seed 001): the places within each category as the jury decided them (its protocol's date and
number cited), diplomas to the winners (I place) and prize-winners (the places actually awarded),
certificates to the other participants, publication."""
from __future__ import annotations

from docgen.blocks import NBSP, acquaintance_sheet, order_head, signature
from docgen.gost import LEFT, new_document, paragraph

from ._competition_orders import BY_REGULATION, TITLE_GENT, charge, control

TEMPLATE = "competition-results-order.docx"


def build():
    doc = new_document()
    order_head(doc, f"Об итогах {TITLE_GENT}")
    paragraph(doc, BY_REGULATION + ", на основании протокола заседания жюри "
                   "конкурса от {{ protocol.date|date('numeric') }} {{ protocol.number|number_sign }}", indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "{{ items.approve }}. Утвердить итоги конкурса.", indent=True)
    paragraph(doc, "{{ items.winners }}. Признать победителями (I место){% if prize_places %} и призёрами "
                   "({% for n in prize_places %}{{ n|roman }}{% if not loop.last %} и {% endif %}{% endfor %} "
                   "{% if prize_places|length > 1 %}места{% else %}место{% endif %}){% endif %} конкурса и "
                   "наградить дипломами {{ organization.short_name }}:", indent=True, keep_with_next=True)
    paragraph(doc, "{%p for c in categories %}", indent=True)
    # A category's long quoted title would stretch a justified line: this short heading line is set flush left.
    paragraph(doc, "{{ items.winners }}.{{ loop.index }}. В номинации «{{ c.title }}»:", align=LEFT, indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p for p in c.places %}", indent=True)
    paragraph(doc, f"–{NBSP}{{{{ p.place|roman }}}} место{{% if p.place == 1 %}} (победитель){{% else %}} (призёр)"
                   "{% endif %} — {{ p.school }}{% if loop.last %}.{% else %};{% endif %}", indent=True)
    paragraph(doc, "{%p endfor %}", indent=True)
    paragraph(doc, "{%p endfor %}", indent=True)
    paragraph(doc, "{%p if items.others %}", indent=True)
    paragraph(doc, "{{ items.others }}. Вручить сертификаты участника конкурса: {{ others|join(', ') }}.",
              indent=True)
    paragraph(doc, "{%p endif %}", indent=True)
    paragraph(doc, "{%p if awards_by %}", indent=True)
    charge(doc, "awards", "awards_by", "организовать вручение дипломов{% if others %} и сертификатов{% endif %}")
    paragraph(doc, "{%p endif %}", indent=True)
    charge(doc, "publish", "publish", "разместить итоги конкурса на официальном сайте {{ organization.short_name }}")
    control(doc)
    signature(doc, executor=True)
    acquaintance_sheet(doc, "acquainted")
    return doc
