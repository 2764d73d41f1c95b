"""Template of the education authority's order forming the jury and the expert group of the
municipal competition (seed 001): two annexes with their compositions, the terms of the
expertise and of the expert group's protocol. No member works at a competing school: the
competition's data refuses that before this template is filled."""
from __future__ import annotations

from docgen.blocks import acquaintance_sheet, order_head, signature
from docgen.gost import LEFT, new_document, paragraph

from ._competition_orders import BY_REGULATION, TITLE_GENT, composition, control

TEMPLATE = "competition-jury-order.docx"


def build():
    doc = new_document()
    order_head(doc, f"О составе жюри и экспертной группы {TITLE_GENT}")
    paragraph(doc, BY_REGULATION, indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "{{ items.jury }}. Утвердить состав жюри конкурса (приложение 1).", indent=True)
    paragraph(doc, "{{ items.experts }}. Утвердить состав экспертной группы конкурса (приложение 2).",
              indent=True)
    paragraph(doc, "{{ items.expertise }}. Экспертной группе провести экспертизу конкурсных материалов в период "
                   "{{ expertise.title|inflect('gent') }} с {{ expertise.start|date('numeric') }} по "
                   "{{ expertise.end|date('numeric') }}{% if defence %} и оценить защиту моделей в период "
                   "{{ defence.title|inflect('gent') }} с {{ defence.start|date('numeric') }} по "
                   "{{ defence.end|date('numeric') }}{% endif %} по критериям оценки, установленным Положением, и "
                   "представить жюри протокол заседания экспертной группы с результатами экспертизы и "
                   "предлагаемыми местами участников не позднее {{ protocol_due|date('numeric') }}.", indent=True)
    paragraph(doc, "{{ items.results }}. Жюри на основании протокола экспертной группы "
                   "определить победителей и призёров конкурса и оформить решение протоколом заседания жюри не "
                   "позднее {{ results_due|date('numeric') }}.", indent=True)
    control(doc)
    signature(doc, executor=True)
    composition(doc, 1, "жюри", "jury", "жюри")
    composition(doc, 2, "экспертной группы", "experts", "экспертной группе")
    acquaintance_sheet(doc, "acquainted")
    return doc
