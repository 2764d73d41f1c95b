"""The template variables of the jury's protocol.

The chair is the jury's chair (the deputy when the chair is absent), the secretary the jury's
secretary: their roles in the competition's file, not a second entry. A list of people is written
in full names unless one of them is known by initials only — then everyone by surname and
initials, and the column says so (``by_initials``)."""
from __future__ import annotations

from typing import Any

from docgen.russian import known_by_initials

from .competition import LEADER, jury_quorum
from .model import CHAIR, DEPUTY, ROLES, SECRETARY
from .protocol import JuryProtocolInput


def jury_protocol_context(data: JuryProtocolInput) -> dict[str, Any]:
    c = data.competition
    p = c.jury_protocol
    home = data.organization.short_name
    present = c.present_members()
    absent = [m for m in sorted(c.jury, key=lambda m: ROLES.index(m.role)) if m not in present]
    chair = next((m for m in present if m.role == CHAIR), None) or next(m for m in present if m.role == DEPUTY)
    secretary = next((m for m in present if m.role == SECRETARY), None)
    leader = next((e for e in c.experts if e.role == LEADER), None)

    def member(m) -> dict[str, Any]:
        return {"person": m.person, "workplace": m.workplace or home, "role": m.role}

    categories = []
    for result in c.results:
        places = sorted(result.places, key=lambda x: x.place)
        categories.append({
            "title": c.category(result.category).title.strip("«»\""),
            "places": [{"place": x.place, "school": c.participant(x.participant).short_name} for x in places],
        })
    # The stages between the expertise (the second) and the summing-up (the last): the очный этап.
    in_person = [{"title": s.title, "start": s.start, "end": s.end} for s in c.stages[2:-1]]
    return {
        "competition": {"title": c.title},
        "protocol": {"date": p.date, "number": p.number, "place": p.place or data.organization.place},
        "expert_protocol": {"date": c.protocol.date, "number": c.protocol.number},
        "members": len(c.jury),
        "quorum": jury_quorum(len(c.jury)),
        "present": [member(m) for m in present],
        "absent": [member(m) for m in absent],
        "by_initials": any(known_by_initials(m.person.full_name) for m in c.jury),
        "chair": member(chair),
        "chair_is_deputy": chair.role == DEPUTY,
        "secretary": member(secretary) if secretary else None,
        "leader": {"person": leader.person, "workplace": leader.workplace or home} if leader else None,
        "in_person": in_person,
        "categories": categories,
        "votes": c.jury_votes(),
    }
