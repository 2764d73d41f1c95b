"""The blank matrix: kinds of participants side by side, each criterion with its levels and scores."""
from __future__ import annotations

from typing import Any

from .common import abbreviations, criterion_texts, kind_of, layout, ordered_criteria
from .model import ExpertMatrixInput


def matrix_rows(data: ExpertMatrixInput) -> list[dict[str, Any]]:
    """Flat table rows: a section heading, a criterion's title row (its number in its kind, the
    procedure merged down over its levels), then one row per level with its score."""
    numbers = {k.id: {c.id: n for n, c in enumerate(cs, 1)} for k, cs in
               zip(data.kinds, ordered_criteria(data).values())}
    empty_title = {"n": "", "title": "", "procedure": "—"}  # the template writes «—» for the title
    empty_level = {"descriptor": "", "score": ""}
    rows: list[dict[str, Any]] = []
    for section in layout(data):
        if section["title"]:
            rows.append({"type": "section", "text": section["title"]})
        for row in section["rows"]:
            cells = []
            for kind, c in zip(data.kinds, row):
                cells.append(empty_title if c is None else {
                    "n": numbers[kind.id][c.id], "title": c.title, "procedure": c.procedure})
            rows.append({"type": "criterion", "cells": cells})
            depth = max(len(c.levels) for c in row if c is not None)
            for i in range(depth):
                rows.append({"type": "level" if i < depth - 1 else "last", "cells": [
                    {"descriptor": c.levels[i].descriptor, "score": str(c.levels[i].score)}
                    if c is not None and i < len(c.levels) else empty_level for c in row]})
    return rows


def banded(data: ExpertMatrixInput) -> list[dict[str, Any]]:
    """Criteria scored by a percentage, with their bands in words (what 99,9 % earns)."""
    return [{"n": n, "title": c.title, "kind_gent": kind_of(kind)["gent"], "bands": c.band_texts()}
            for kind, criteria in zip(data.kinds, ordered_criteria(data).values())
            for n, c in enumerate(criteria, 1) if c.thresholds]


def _alike(data: ExpertMatrixInput) -> bool:
    """Two kinds judged by the very same criteria (a competition's categories): the blank matrix
    prints them once, under both kinds' names, not twice side by side."""
    if len(data.kinds) != 2 or data.sections is not None:
        return False
    first, second = ([c.model_dump() for c in k.criteria] for k in data.kinds)
    return first == second


def _one_kind(data: ExpertMatrixInput) -> tuple[ExpertMatrixInput, list[dict[str, Any]]]:
    """The data with one kind standing for both, and that kind as the template names it."""
    a, b = (kind_of(k) for k in data.kinds)
    merged = {**a, "title": f"{a['title']}, {b['lower']}", "lower": f"{a['lower']}, {b['lower']}",
              "gent": f"{a['gent']} и {b['gent']}", "both": True}
    return data.model_copy(update={"kinds": data.kinds[:1]}), [merged]


def matrix_context(data: ExpertMatrixInput) -> dict[str, Any]:
    kinds = [kind_of(k) for k in data.kinds]
    if _alike(data):
        data, kinds = _one_kind(data)
    participants = {p.id: p for p in data.participants}
    agreed = [{"person": participants[pid].head, "short_name": participants[pid].short_name,
               "date": data.agreed_on} for pid in data.agreed_by]
    return {
        "org_short": data.organization.short_name,
        "title": data.title,
        "subtitle": data.subtitle,
        "approved": {"date": data.approved.date, "number": data.approved.number} if data.approved else None,
        "kinds": kinds,
        "two": len(kinds) == 2,
        # A competition's matrix states its maximum above the table: nothing follows the table then,
        # and no page holds that line alone.
        "max_first": data.competition is not None,
        "rows": matrix_rows(data),
        "banded": banded(data),
        "abbreviations": abbreviations(data, [data.title, data.subtitle, *(k.title for k in data.kinds),
                                              *criterion_texts(c for k in data.kinds for c in k.criteria)]),
        "agreed": agreed,
        # Two agreement marks abreast: rows of pairs, the last one padded.
        "agreed_rows": [(agreed + [None])[i:i + 2] for i in range(0, len(agreed), 2)],
    }
