"""The template variables of the approved plan-graph.

Rows are grouped and numbered here (1.1, 1.2 … within the blocks that have activities), because
the numbering depends on the data's shape; the execution report refers to activities by these
numbers, so both documents number them in this one place.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from docgen.blocks import NBSP

from .blocks import BLOCKS
from .model import Activity, PlanGraphInput


def numbered(data: PlanGraphInput) -> Iterator[tuple[str, list[tuple[str, Activity]]]]:
    """Blocks in their fixed order, empty ones left out, each with its activities numbered
    «block.row» as the approved document prints them."""
    n = 0
    for key in BLOCKS:
        activities = [a for a in data.activities if a.block == key]
        if activities:
            n += 1
            yield key, [(f"{n}.{i}", a) for i, a in enumerate(activities, 1)]


def row(number: str, a: Activity) -> dict[str, Any]:
    return {
        "number": number,
        "block": a.block,
        "action": a.action.rstrip("."),
        "term": a.term_text,
        "start": a.start,
        "end": a.end,
        "responsible": a.responsible,
        "co_executors": a.co_executors,
        "result": a.result.rstrip("."),
        "indicator": a.indicator.strip().rstrip(".") or "—",
        "report_form": a.report_form.strip().rstrip(".") or "—",
    }


def grouped(data: PlanGraphInput, extra=None) -> list[dict[str, Any]]:
    """The blocks with their rows; ``extra(number, activity)`` adds a document's own keys to a row."""
    out = []
    for n, (key, activities) in enumerate(numbered(data), 1):
        rows = [{**row(number, a), **(extra(number, a) if extra else {})} for number, a in activities]
        out.append({"key": key, "number": n, "title": f"{n}. {BLOCKS[key]}", "rows": rows})
    return out


_SCHOOL_YEAR = re.compile(r"(\d{4}/\d{4}) (учебный|учебного|учебном|учебному) (год\w*)")


def subject(data: PlanGraphInput) -> str:
    """The title's subject with «2026/2027 учебный год» held on one line: a centred title must
    not leave «учебный год» alone on its last line."""
    return _SCHOOL_YEAR.sub(lambda m: NBSP.join(m.groups()), data.subject.rstrip("."))


def build_context(data: PlanGraphInput) -> dict[str, Any]:
    return {
        "approved": {"date": data.approved.date, "number": data.approved.number},
        "subject": subject(data),
        "blocks": grouped(data),
    }
