"""The template variables of the three competition orders.

Item numbers are computed here because optional items (awards, control) shift the ones after
them; the people are sorted by role (the chair first, whatever the order in the file) and the
places by category and place. The wording stays in the templates.
"""
from __future__ import annotations

from typing import Any

from docgen.russian import known_by_initials

from .competition import GROUP_ROLES, Competition
from .model import ROLES
from .orders import JuryOrderInput, RegulationOrderInput, ResultsOrderInput


def _competition(c: Competition) -> dict[str, Any]:
    return {"title": c.title, "start": c.stages[0].start, "end": c.stages[-1].end,
            "applications_due": c.stages[0].end,
            "categories": [{"title": x.title.strip("«»\"")} for x in c.categories]}


def _numbered(items: list[tuple[str, bool]]) -> dict[str, int | None]:
    """Item name → its number; an absent item (False) is None and shifts no number."""
    out: dict[str, int | None] = {}
    n = 0
    for name, present in items:
        n += present
        out[name] = n if present else None
    return out


def regulation_order_context(data: RegulationOrderInput) -> dict[str, Any]:
    items = _numbered([("approve", True), ("also", bool(data.also_approve.strip())),
                       *((name, True) for name in ("hold", "organizer", "publish", "control"))])
    return {
        "competition": _competition(data.competition),
        "purpose": data.purpose.rstrip("."),
        "basis": data.basis.strip().rstrip("."),
        "project": data.project.strip().rstrip("."),
        "also_approve": data.also_approve.strip().rstrip("."),
        "organizer": data.organizer,
        "publish": data.publish,
        "control": data.control,
        "executor": data.executor,
        "items": items,
        "acquainted": data.acquainted(),
    }


def _member(person, workplace, role: str, home: str) -> dict[str, Any]:
    return {"person": person, "workplace": workplace or home, "role": role}


def jury_order_context(data: JuryOrderInput) -> dict[str, Any]:
    c = data.competition
    home = data.organization.short_name
    jury = sorted(c.jury, key=lambda m: ROLES.index(m.role))
    experts = sorted(c.experts, key=lambda e: GROUP_ROLES.index(e.role))
    expertise = c.stages[1]
    items = _numbered([(name, True) for name in ("jury", "experts", "expertise", "results", "control")])
    by_initials = any(known_by_initials(p.full_name) for p in [*(m.person for m in jury), *(e.person for e in experts)])
    return {
        "competition": _competition(c),
        "regulation": {"date": data.regulation.date, "number": data.regulation.number},
        "jury": [_member(m.person, m.workplace, m.role, home) for m in jury],
        "experts": [_member(e.person, e.workplace, e.role, home) for e in experts],
        # Someone known by initials only: both annexes in surnames and initials, so that one person
        # (a juror who is also an expert) is not written two ways in one order.
        "jury_by_initials": by_initials,
        "experts_by_initials": by_initials,
        "expertise": {"title": expertise.title, "start": expertise.start, "end": expertise.end},
        # The очный этап, whose defence the experts score too (their protocol follows it).
        "defence": ({"title": c.scored_stage.title, "start": c.scored_stage.start, "end": c.scored_stage.end}
                    if c.scored_stage is not expertise else None),
        "protocol_due": data.due,
        "results_due": c.stages[-1].end,
        "control": data.control,
        "executor": data.executor,
        "items": items,
        "acquainted": data.acquainted(),
    }


def results_order_context(data: ResultsOrderInput) -> dict[str, Any]:
    c = data.competition
    placed: set[str] = set()
    categories = []
    for result in c.results:
        places = sorted(result.places, key=lambda p: p.place)
        placed |= {p.participant for p in places}
        categories.append({
            "title": c.category(result.category).title.strip("«»\""),
            "places": [{"place": p.place, "school": c.participant(p.participant).short_name,
                        "name": c.participant(p.participant).name} for p in places],
        })
    others = [p.short_name for p in c.participants if p.id not in placed]
    items = _numbered([("approve", True), ("winners", True), ("others", bool(others)),
                       ("awards", data.awards_by is not None), ("publish", True), ("control", True)])
    return {
        "competition": _competition(c),
        "regulation": {"date": data.regulation.date, "number": data.regulation.number},
        "protocol": {"date": c.jury_protocol.date, "number": c.jury_protocol.number},
        "categories": categories,
        # The prize places the jury actually awarded: the order names no place nobody took.
        "prize_places": sorted({p.place for r in c.results for p in r.places if p.place > 1}),
        "others": others,
        "awards_by": data.awards_by,
        "publish": data.publish,
        "control": data.control,
        "executor": data.executor,
        "items": items,
        "acquainted": data.acquainted(),
    }
