"""The template variables of the monitoring order: items numbered in the order they are printed,
so that adding a step never leaves a gap or a repeated number in the signed document."""
from __future__ import annotations

from typing import Any

from .model import MonitoringOrderInput

FIRST_STEP = 4  # items 1–3 are fixed: conduct, approve the annexes, appoint the coordinator


def _numbered(steps, start: int) -> list[dict[str, Any]]:
    return [{"number": n, "action": s.action.rstrip("."), "responsible": s.responsible, "deadline": s.deadline}
            for n, s in enumerate(steps, start)]


def build_context(data: MonitoringOrderInput) -> dict[str, Any]:
    steps = _numbered(data.steps, FIRST_STEP)
    participants_item = FIRST_STEP + len(steps)
    decisions = _numbered(data.decisions, participants_item + 1)
    named = [data.coordinator, *(s.responsible for s in data.steps), *(d.responsible for d in data.decisions),
             data.control]
    return {
        "mechanism": data.mechanism,
        "basis": data.basis,
        "purpose": data.purpose,
        "period": data.period,
        "coordinator": data.coordinator,
        "indicators": data.indicators,
        "participants": data.participants,
        "submission_deadline": data.submission_deadline,
        "steps": steps,
        "participants_item": participants_item,
        "decisions": decisions,
        "control": data.control,
        "control_item": participants_item + len(decisions) + 1,
        "acquainted": data.organization.acquaintance_list(named),
    }
