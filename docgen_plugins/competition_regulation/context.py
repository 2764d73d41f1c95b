"""The template variables of the competition regulation.

The jury's order is prepared here because it depends on the data's shape (the chair first,
whatever the order in the file); the wording of the regulation, the stages' terms and the default
participants included, stays in the template.
"""
from __future__ import annotations

from typing import Any

from docgen.russian import known_by_initials
from docgen.scoring import max_total

from .model import DEPUTY, ROLES, SECRETARY, CompetitionRegulationInput

def sentence(text: str) -> str:
    """User text that ends a numbered item: with a final period unless it has one."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def build_context(data: CompetitionRegulationInput) -> dict[str, Any]:
    org = data.organization
    jury = sorted(data.jury, key=lambda m: ROLES.index(m.role))
    members = [{
        "person": m.person,
        "role": m.role,  # as in the data; the template words the column
        "workplace": m.workplace or org.short_name,
    } for m in jury]
    roles = {m.role for m in data.jury}
    stages = [{
        "title": s.title.rstrip("."),
        "start": s.start,
        "end": s.end,
        "content": sentence(s.content),
    } for s in data.stages]
    return {
        "approved": {"date": data.approved.date, "number": data.approved.number},
        "municipality": data.municipality,
        "basis": data.basis.strip().rstrip("."),
        "goal": data.goal.rstrip("."),
        "tasks": [t.rstrip(".;") for t in data.tasks],
        "participants": data.participants.strip().rstrip("."),  # empty: the template's default wording
        "team_max": data.team_max,
        "nominations": [{"title": n.title.strip("«»\""), "description": n.description.strip().rstrip(".;")}
                        for n in data.nominations],
        "stages": stages,
        "start": data.stages[0].start,
        "end": data.stages[-1].end,
        "applications_due": data.stages[0].end,
        "results_due": data.stages[-1].end,
        "forms_year": data.stages[0].end.year,
        "sheet_year": data.stages[-1].end.year,
        "address": data.address,
        "email": data.email.strip(),
        "contact": data.contact,
        "materials": [m.rstrip(".;") for m in data.materials],
        "format": data.format.strip().rstrip("."),
        "defence": data.defence.rstrip("."),
        "reviewers": data.reviewers,
        "criteria": data.criteria,
        "max_total": max_total(data.criteria),
        "mean": data.scoring == "среднее",
        "divergence": data.divergence,
        "divergence_by_criterion": data.divergence_by_criterion,
        "jury": members,
        "jury_by_initials": any(known_by_initials(m.person.full_name) for m in jury),
        "has_deputy": DEPUTY in roles,
        "has_secretary": SECRETARY in roles,
        "funding": data.funding.strip().rstrip("."),
        "jury_order": data.jury_order,
        "expert_group": data.expert_group,
        "shared_places": data.shared_places,
    }
