"""Template of the education authority's order approving the Положение о муниципальном конкурсе
(seed 001). The Положение is a separate document carrying the grif «УТВЕРЖДЕНО приказом … от …
№ …» with this order's date and number: the order says «прилагаемое» and does not print it."""
from __future__ import annotations

from docgen.blocks import acquaintance_sheet, order_head, signature
from docgen.gost import LEFT, new_document, paragraph

from ._competition_orders import LAW_273_INS, TITLE_LOCT, charge, control

TEMPLATE = "competition-regulation-order.docx"


def build():
    doc = new_document()
    order_head(doc, f"Об утверждении Положения о {TITLE_LOCT}")
    # The law first, as the Положение cites it (domain.md §1.1), then the project being carried out.
    paragraph(doc, f"В соответствии с {LAW_273_INS}{{% if basis %}}, {{{{ basis }}}}{{% endif %}}, в целях "
                   "{% if project %}реализации {{ project }}, {% endif %}{{ purpose }}", indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, f"{{{{ items.approve }}}}. Утвердить прилагаемое Положение о {TITLE_LOCT} (далее соответственно — "
                   "Положение, конкурс).", indent=True)
    paragraph(doc, "{%p if items.also %}", indent=True)
    paragraph(doc, "{{ items.also }}. Утвердить {{ also_approve }}.", indent=True)
    paragraph(doc, "{%p endif %}", indent=True)
    paragraph(doc, "{{ items.hold }}. Провести конкурс с {{ competition.start|date('numeric') }} по "
                   "{{ competition.end|date('numeric') }} в {% if competition.categories|length > 1 %}номинациях"
                   "{% else %}номинации{% endif %} {% for c in competition.categories %}«{{ c.title }}»"
                   "{% if loop.revindex > 2 %}, {% elif loop.revindex == 2 %} и {% endif %}{% endfor %}.", indent=True)
    charge(doc, "organizer", "organizer", "обеспечить организацию и проведение конкурса")
    charge(doc, "publish", "publish", "разместить Положение на официальном сайте {{ organization.short_name }} и "
                                      "довести его до сведения общеобразовательных организаций")
    control(doc)
    signature(doc, executor=True)
    acquaintance_sheet(doc, "acquainted")
    return doc
