"""The template variables of the report on the execution of the plan-graph.

Each activity's state as of the report's date follows from the approved terms and the facts,
by one rule (README, «plan-graph-report»):

- ``done`` — a date of execution is given (``late`` when it is after the activity's end);
- ``overdue`` — not done, and its end is before the report's date;
- ``not_started`` — not done, and its start is after the report's date;
- ``in_progress`` — every other activity: its term has begun (a start on or before the date,
  a deadline «до …» or a term in words such as «ежемесячно») and has not run out.

The template words the states; here they are ids, counted for the summary.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docgen import Picture
from docgen.russian import percent, share

from .context import grouped, subject
from .model import Activity
from .report_model import Fact, PlanGraphReportInput

DONE, IN_PROGRESS, OVERDUE, NOT_STARTED = "done", "in_progress", "overdue", "not_started"
STATES = (DONE, IN_PROGRESS, OVERDUE, NOT_STARTED)


def state(activity: Activity, fact: Fact | None, as_of: dt.date) -> str:
    if fact is not None and fact.done is not None:
        return DONE
    if activity.end is not None and activity.end < as_of:
        return OVERDUE
    if activity.start is not None and activity.start > as_of:
        return NOT_STARTED
    return IN_PROGRESS


def whole_or_tenths(part: int, total: int) -> str:
    """«20 %», «21,1 %»: a whole share without a decimal, any other to a tenth, rounded half-up."""
    value = share(part, total, 1)
    return percent(value, 0 if value == value.to_integral_value() else 1)


def build_report_context(data: PlanGraphReportInput) -> dict[str, Any]:
    plan = data.plan

    def facts(number: str, activity: Activity) -> dict[str, Any]:
        fact = data.fact(number)
        done_on = fact.done if fact is not None else None
        return {
            "state": state(activity, fact, data.as_of),
            "done_on": done_on,
            "late": done_on is not None and activity.end is not None and done_on > activity.end,
            "note": fact.note.rstrip(".") if fact is not None and fact.note else "—",
        }

    blocks = grouped(plan, facts)
    rows = [r for b in blocks for r in b["rows"]]
    total = len(rows)
    counts = {s: sum(r["state"] == s for r in rows) for s in STATES}
    late = sum(r["late"] for r in rows)
    due = [r for r in rows if r["end"] is not None and r["end"] < data.as_of]
    due_done = sum(r["state"] == DONE for r in due)
    chart = None
    if data.chart:
        from .gantt import gantt_png

        chart = Picture(gantt_png(blocks, as_of=data.as_of, period=plan.period), width_mm=250)
    return {
        "plan": {"subject": subject(plan), "approved": plan.approved},
        "as_of": data.as_of,
        "compiled": data.date or data.as_of,
        "blocks": blocks,
        "head": plan.head,
        "total": total,
        "count": counts,
        "share": {s: whole_or_tenths(n, total) for s, n in counts.items()},
        "overdue": [r["number"] for r in rows if r["state"] == OVERDUE],
        "late_count": late,
        "due_count": len(due),
        "due_done_count": due_done,
        "due_done_share": whole_or_tenths(due_done, len(due)) if due else "",
        "gantt_chart": chart,
        "undated": [f"{r['number']} ({r['term']})" for r in rows if r["end"] is None] if chart else [],
    }
