"""The template variables of the working-group order.

Item numbers are computed here because the optional items (tasks, publication, control) shift
the ones after them; the wording itself stays in the template.
"""
from __future__ import annotations

from typing import Any

from docgen.acts import basis_text

from .model import ROLE_ORDER, WorkingGroupOrderInput

def build_context(data: WorkingGroupOrderInput) -> dict[str, Any]:
    members = sorted(data.members, key=lambda m: ROLE_ORDER[m.role])
    plan_graph_item = 3 if data.approve_plan_graph else None  # create, composition, [plan-graph], head, meetings
    head_item = 4 if plan_graph_item else 3
    meetings_item = head_item + 1
    tasks = [{"number": meetings_item + i, **dict(t), "action": t.action.rstrip(".")} for i, t in enumerate(data.tasks, 1)]
    next_item = meetings_item + len(tasks) + 1
    publish_item = next_item if data.publish_responsible else None
    control_item = next_item + (1 if publish_item else 0)

    return {
        "purpose": data.purpose,
        "basis": basis_text(data.basis),
        "group_name": data.group_name,
        "period": data.period,
        "meetings": data.meetings,
        "head": data.head,
        "members": members,
        "tasks": tasks,
        "plan_graph_item": plan_graph_item,
        "head_item": head_item,
        "meetings_item": meetings_item,
        "publish_responsible": data.publish_responsible,
        "publish_item": publish_item,
        "control": data.control,
        "executor": data.executor,
        "control_item": control_item,
        "acquainted": data.acquainted(),
    }
