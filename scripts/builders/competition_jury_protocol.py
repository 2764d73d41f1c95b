"""Template of the protocol of the jury's meeting of the municipal competition (seed 001), laid
out as ГОСТ Р 7.0.97 lays out a protocol and as the expert group's protocol is: the organiser's
full name and abbreviation, ПРОТОКОЛ, date and number, place, heading; the chair and the secretary,
who was present against the quorum; the agenda; СЛУШАЛИ — the head of the expert group on its
protocol and the очный этап; РЕШИЛИ — the places in each category, the vote; the chair's and the
secretary's signatures. A list of people is in full names, or in surnames and initials for
everyone when one of them is known by initials only (``by_initials``)."""
from __future__ import annotations

from docgen.blocks import NBSP
from docgen.gost import CENTER, LEFT, new_document, paragraph

from ._competition_orders import TITLE_GENT

TEMPLATE = "competition-jury-protocol.docx"

NAME = "{% if by_initials %}{{ m.person|surname_initials }}{% else %}{{ m.person|fio }}{% endif %}"
ROLE = ("{% if m.role == 'член жюри' %}{% else %} ({{ m.role }} жюри){% endif %}")
CHAIR = "{% if chair_is_deputy %}Заместитель председателя жюри{% else %}Председатель жюри{% endif %}"


def build():
    doc = new_document()
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER)
    paragraph(doc, "ПРОТОКОЛ", align=CENTER, bold=True, space_before=18)
    paragraph(doc, f"заседания жюри {TITLE_GENT}", align=CENTER, space_after=12)
    # The date on the left, the number at the right margin, as in the orders (docgen.blocks).
    paragraph(doc, "{{ protocol.date|date }}\t{{ protocol.number|number_sign }}", align=LEFT, tab_right=True)
    paragraph(doc, "{{ protocol.place }}", align=CENTER, space_before=6, space_after=18)
    paragraph(doc, "Об определении победителей и призёров конкурса", align=CENTER, bold=True, space_after=12)

    paragraph(doc, "{% if chair_is_deputy %}Председательствующий — заместитель председателя жюри "
                   "{{ chair.person|initials }}{% else %}Председатель — {{ chair.person|initials }}{% endif %}.",
              indent=True)
    paragraph(doc, "{%p if secretary %}")
    paragraph(doc, "Секретарь — {{ secretary.person|initials }}.", indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "Присутствовали: {{ present|length }} из {{ members|plural('член', 'gent') }} жюри (кворум — не "
                   "менее двух третей состава жюри, {{ quorum|plural('член', 'gent') }}; кворум имеется).",
              indent=True, keep_with_next=True)
    paragraph(doc, "{%p for m in present %}")
    paragraph(doc, f"–{NBSP}{NAME} — {{{{ m.person.position }}}}, {{{{ m.workplace }}}}{ROLE}"
                   "{% if loop.last %}.{% else %};{% endif %}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p if absent %}")
    paragraph(doc, "Отсутствовали: {% for m in absent %}" + NAME + " ({{ m.person.position }}, {{ m.workplace }})"
                   "{% if not loop.last %}, {% endif %}{% endfor %}.", indent=True)
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "Повестка дня:", indent=True, space_before=12, keep_with_next=True)
    paragraph(doc, "Об итогах конкурса: результаты экспертизы конкурсных материалов{% if in_person %} и защиты "
                   "моделей{% endif %}, определение победителей и призёров в каждой номинации.", indent=True)

    paragraph(doc, "СЛУШАЛИ:", align=LEFT, space_before=12, keep_with_next=True)
    paragraph(doc, "{% if leader %}{{ leader.person|surname_initials('accs') }}, руководителя экспертной группы, "
                   "{% else %}Руководителя экспертной группы {% endif %}о результатах экспертизы конкурсных "
                   "материалов{% for s in in_person %} и оценки защиты моделей в период "
                   "{{ s.title|inflect('gent') }} (с {{ s.start|date('numeric') }} по {{ s.end|date('numeric') }})"
                   "{% endfor %} и о предлагаемых местах участников (протокол "
                   "заседания экспертной группы от {{ expert_protocol.date|date('numeric') }} "
                   "{{ expert_protocol.number|number_sign }}).", indent=True)

    # The decision, the vote and the signatures hold together: no page with signatures alone.
    paragraph(doc, "РЕШИЛИ:", align=LEFT, space_before=12, keep_with_next=True)
    paragraph(doc, "1. Определить победителей и призёров конкурса в каждой номинации:", indent=True,
              keep_with_next=True)
    paragraph(doc, "{%p for c in categories %}")
    # A category's long quoted title would stretch a justified line: set flush left.
    paragraph(doc, "1.{{ loop.index }}. В номинации «{{ c.title }}»:", align=LEFT, indent=True, keep_with_next=True)
    paragraph(doc, "{%p for p in c.places %}")
    # As the results order prints them; the totals are the expert group's protocol's.
    paragraph(doc, f"–{NBSP}{{{{ p.place|roman }}}} место{{% if p.place == 1 %}} (победитель){{% else %}} (призёр)"
                   "{% endif %} — {{ p.school }}{% if loop.last %}.{% else %};{% endif %}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "2. Представить настоящий протокол организатору конкурса для утверждения итогов конкурса "
                   "приказом организатора.", indent=True, keep_with_next=True)
    paragraph(doc, "ГОЛОСОВАЛИ: за — {{ votes['for'] }}, против — {{ votes.against }}, воздержались — "
                   "{{ votes.abstained }}.", indent=True, keep_with_next=True)

    paragraph(doc, f"{CHAIR}\t{{{{ chair.person|initials }}}}", align=LEFT, tab_right=True, space_before=30,
              keep_with_next=True)
    paragraph(doc, "{%p if secretary %}")
    paragraph(doc, "Секретарь жюри\t{{ secretary.person|initials }}", align=LEFT, tab_right=True, space_before=18)
    paragraph(doc, "{%p endif %}")
    return doc
