"""The template variables of the regulation order.

Activities come from the data file and, when ``from_registry`` is given, from the registry of
acts: every applicable required act whose effective status on the order's date is not
«утверждён» becomes a row that carries the act (its title and status) instead of wording. The
template words it («Разработать …», «Актуализировать …», «Утвердить …» and the resulting order),
so a district changes the wording in Word, not here.
"""
from __future__ import annotations

from typing import Any

from docgen import Activity, InputError, Term
from docgen.acts import APPROVED, act_statuses, basis_text

from .model import FromRegistry, RegulationOrderInput


def registry_rows(data: RegulationOrderInput, spec: FromRegistry) -> list[dict[str, Any]]:
    """A row per required act not approved and current, its responsible person resolved against
    the staff (the registry may name someone who has left: then the data's default is used)."""
    org = data.organization
    rows = []
    for act in act_statuses(org, data.date, spec.db):
        if not act.required or act.status == APPROVED:
            continue
        responsible = (org.find_person(act.responsible) if act.responsible else None) or spec.responsible
        rows.append({
            "act": {"title": act.title, "status": act.status},
            "action": "", "result": "",
            "term": Term(end=spec.deadline).term_text,
            "responsible": responsible,
            "co_executors": [],
        })
    return rows


def activity_row(activity: Activity) -> dict[str, Any]:
    return {
        "act": None,
        "action": activity.action.rstrip("."),
        "term": activity.term_text,
        "responsible": activity.responsible,
        "co_executors": activity.co_executors,
        "result": activity.result.rstrip("."),
    }


def build_context(data: RegulationOrderInput) -> dict[str, Any]:
    rows = [activity_row(a) for a in data.activities]
    if data.from_registry is not None:
        at = len(rows) if data.from_registry.after is None else data.from_registry.after
        rows[at:at] = registry_rows(data, data.from_registry)
    if not rows:
        raise InputError("в регламенте нет мероприятий: все обязательные акты реестра утверждены и действуют, "
                         "а в activities мероприятий нет")

    named = [data.coordinator] + ([data.control] if data.control else [])
    for row in rows:
        named += [row["responsible"], *row["co_executors"]]
    acquainted = data.organization.acquaintance_list(named)

    return {
        "purpose": data.purpose,
        "basis": basis_text(data.basis),
        "activities": rows,
        "coordinator": data.coordinator,
        "reporting": data.reporting,
        "control": data.control,
        "executor": data.executor,
        "acquainted": acquainted,
    }
