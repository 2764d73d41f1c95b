"""Template of the education authority's order approving the Положение о муниципальном конкурсе
(seed 001). The Положение is a separate document carrying the grif «УТВЕРЖДЕНО приказом … от …
№ …» with this order's date and number: the order says «прилагаемое» and does not print it."""
from __future__ import annotations

from docgen.blocks import acquaintance_sheet, order_head, signature
from docgen.gost import LEFT, new_document, paragraph

from ._competition_orders import TITLE_LOCT, charge, control

TEMPLATE = "competition-regulation-order.docx"


def build():
    doc = new_document()
    order_head(doc, f"Об утверждении Положения о {TITLE_LOCT}")
    paragraph(doc, "{% if basis %}В соответствии с {{ basis }}, в{% else %}В{% endif %} целях {{ purpose }}",
              indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, f"{{{{ items.approve }}}}. Утвердить прилагаемое Положение о {TITLE_LOCT} (далее соответственно — "
                   "Положение, конкурс).", indent=True)
    paragraph(doc, "{{ items.hold }}. Провести конкурс с {{ competition.start|date('numeric') }} по "
                   "{{ competition.end|date('numeric') }} в сроки и в номинациях, установленных Положением: "
                   "{% for c in competition.categories %}«{{ c.title }}»{% if not loop.last %}, {% endif %}"
                   "{% endfor %}.", indent=True)
    charge(doc, "organizer", "organizer", "обеспечить организацию и проведение конкурса")
    charge(doc, "publish", "publish", "разместить Положение на официальном сайте {{ organization.short_name }} и "
                                      "довести его до сведения общеобразовательных организаций")
    control(doc)
    signature(doc, executor=True)
    acquaintance_sheet(doc, "acquainted")
    return doc
