"""The template variables of the plan-graph.

Rows are grouped and numbered here (1.1, 1.2 … within the blocks that have activities) and each
row gets its state as of ``as_of`` (an id: done, overdue, due_soon), because both depend on the
data's shape; the template words the marks, like the rest of the document.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docgen import Picture

from .blocks import BLOCKS
from .model import Activity, PlanGraphInput

DONE, OVERDUE, DUE_SOON = "done", "overdue", "due_soon"  # the template words each state
OVERDUE_FILL = "F8D7DA"  # light red: readable in colour, a light grey in black-and-white print
NO_FILL = "auto"


def status(activity: Activity, as_of: dt.date | None, due_soon_days: int) -> str:
    """The row's state as of the date: done, overdue, due soon (end within ``due_soon_days``
    days, the boundary included) or nothing — then the responsible person marks it by hand."""
    if as_of is None:
        return ""
    if activity.is_done:
        return DONE
    if activity.end is None:
        return ""
    if activity.end < as_of:
        return OVERDUE
    if (activity.end - as_of).days <= due_soon_days:
        return DUE_SOON
    return ""


def grouped(data: PlanGraphInput) -> list[dict[str, Any]]:
    """Blocks in their fixed order, empty ones left out, rows numbered «block.row»."""
    out = []
    for key, title in BLOCKS.items():
        activities = [a for a in data.activities if a.block == key]
        if not activities:
            continue
        n = len(out) + 1
        rows = []
        for i, a in enumerate(activities, 1):
            state = status(a, data.as_of, data.due_soon_days)
            rows.append({
                "number": f"{n}.{i}",
                "block": key,
                "action": a.action.rstrip("."),
                "term": a.term_text,
                "start": a.start,
                "end": a.end,
                "responsible": a.responsible,
                "co_executors": a.co_executors,
                "result": a.result.rstrip("."),
                "indicator": a.indicator.strip().rstrip(".") or "—",
                "report_form": a.report_form.strip().rstrip(".") or "—",
                "state": state,
                "done_on": a.done if isinstance(a.done, dt.date) else None,
                "fill": OVERDUE_FILL if state == OVERDUE else NO_FILL,
            })
        out.append({"key": key, "number": n, "title": f"{n}. {title}", "rows": rows})
    return out


def build_context(data: PlanGraphInput) -> dict[str, Any]:
    blocks = grouped(data)
    rows = [r for b in blocks for r in b["rows"]]
    counts = {state: sum(r["state"] == state for r in rows) for state in (DONE, OVERDUE, DUE_SOON)}
    undated = [r for r in rows if r["end"] is None]
    chart = None
    if data.gantt:
        from .gantt import gantt_png

        chart = Picture(gantt_png(blocks, as_of=data.as_of, period=data.period), width_mm=250)
    return {
        "approved": {"date": data.approved.date, "number": data.approved.number},
        "subject": data.subject.rstrip("."),
        "blocks": blocks,
        "head": data.head,
        "as_of": data.as_of,
        "due_soon_days": data.due_soon_days,
        "total": len(rows),
        "done_count": counts[DONE],
        "overdue_count": counts[OVERDUE],
        "due_soon_count": counts[DUE_SOON],
        "gantt_chart": chart,
        "undated": [f"{r['number']} ({r['term']})" for r in undated],
    }
