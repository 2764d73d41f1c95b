"""The template variables of the regulation order.

Activities come from the data file and, when ``from_registry`` is given, from the registry of
acts: every applicable required act whose effective status on the order's date is not
«утверждён» becomes an activity. The terms are formatted here because an activity has one of
three kinds of term (dates, a deadline, words); the wording of the order stays in the template.
"""
from __future__ import annotations

from typing import Any

from docgen import InputError, Person

from .model import Activity, FromRegistry, RegulationOrderInput


def registry_activities(data: RegulationOrderInput, spec: FromRegistry) -> list[Activity]:
    from docgen.registry import lifecycle as lc
    from docgen.registry.catalogue import default_catalogue
    from docgen.registry.coverage import states
    from docgen.registry.service import OrgRef
    from docgen.registry.store import Store
    from docgen.russian import inflect_phrase

    org = data.organization
    catalogue = default_catalogue()
    store = Store(spec.db)
    try:
        rows = store.statuses(org.short_name)
    finally:
        store.close()
    ref = OrgRef(org.short_name, org.full_name, list(org.levels))
    out = []
    for state in states(catalogue, ref, rows, data.date):
        if not state.act.required or state.status == lc.APPROVED:
            continue
        title = state.act.title
        if state.status == lc.NEEDS_UPDATE:
            action = f"актуализировать {inflect_phrase(title, 'accs')}"
            result = f"приказ об утверждении новой редакции {inflect_phrase(title, 'gent')}"
        elif state.status == lc.ADOPTED:
            action = f"утвердить {inflect_phrase(title, 'accs')}"
            result = f"приказ об утверждении {inflect_phrase(title, 'gent')}"
        else:
            action = f"разработать {inflect_phrase(title, 'accs')}"
            result = f"приказ об утверждении {inflect_phrase(title, 'gent')}"
        responsible: Person = spec.responsible
        if state.responsible:
            responsible = org.find_person(state.responsible) or responsible
        out.append(Activity.model_construct(
            action=action, start=None, end=spec.deadline, term=None, responsible=responsible, co_executors=[],
            result=result,
        ))
    return out


def build_context(data: RegulationOrderInput) -> dict[str, Any]:
    activities = list(data.activities)
    if data.from_registry is not None:
        derived = registry_activities(data, data.from_registry)
        at = len(activities) if data.from_registry.after is None else data.from_registry.after
        activities[at:at] = derived
    if not activities:
        raise InputError("в регламенте нет мероприятий: все обязательные акты реестра утверждены и действуют, "
                         "а в activities мероприятий нет")

    rows = [{
        "action": a.action.rstrip("."),
        "term": a.term_text,
        "responsible": a.responsible,
        "co_executors": a.co_executors,
        "result": a.result.rstrip("."),
    } for a in activities]

    named = [data.coordinator] + ([data.control] if data.control else [])
    for a in activities:
        named += [a.responsible, *a.co_executors]
    acquainted = data.organization.acquaintance_list(named)

    return {
        "purpose": data.purpose,
        "basis": data.basis,
        "activities": rows,
        "coordinator": data.coordinator,
        "reporting": data.reporting,
        "control": data.control,
        "acquainted": acquainted,
    }

