"""The filled scoring sheets: one per participant, a column per expert.

The template holds one table for each number of experts up to ``MAX_EXPERTS`` (see
scripts/builders/expert_matrix_sheets.py): more columns would not fit the page's width.
"""
from __future__ import annotations

from typing import Any

from docgen import InputError

from .common import abbreviations, common, scored
from .model import ExpertMatrixInput

MAX_EXPERTS = 6


def sheets_context(data: ExpertMatrixInput) -> dict[str, Any]:
    participants = scored(data)
    for p in participants:
        if not 1 <= len(p["experts"]) <= MAX_EXPERTS:
            raise InputError(f"поле «scores»: участника «{p['id']}» оценили {len(p['experts'])} экспертов; "
                             f"оценочный лист вмещает от 1 до {MAX_EXPERTS} экспертов")
    for p in participants:
        p["banded"] = [r for r in p["criteria"] if r["bands"]]
        p["abbreviations"] = abbreviations(data, [data.title, data.subtitle, p["name"], p["nomination"] or "",
                                                  *(c["title"] for c in p["criteria"])])
    scored_on = data.scored_on or (data.protocol.date if data.protocol else None)
    return {**common(data), "participants": participants, "scored_on": scored_on}
