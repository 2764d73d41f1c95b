"""What the three expert documents share: the criteria in the order the matrix prints them, the
experts' marks per participant with means, totals and shares. (The no-break spaces of the data —
«№ 176», «70–99 %» — are the engine's: every value a template prints is typeset.)

All arithmetic happens here, with ``docgen.scoring`` (Decimal, half-up), and reaches the
templates as ready strings with a decimal comma (``docgen.russian.decimal``, ``percent``): a
template must not round. A criterion's score is the experts' mean rounded to ``mean_digits``; a
participant's total is the sum of those rounded scores (what the experts see on the sheet adds
up); the share of the maximum and the places are computed from that total. Kinds have different
maxima, so places compare shares. The sentences around these values are the templates'.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from docgen.russian import decimal, inflect_phrase, percent, split_name
from docgen.scoring import Criterion, diverges, max_total, mean

from .model import ExpertMatrixInput, Kind


def lower_first(text: str) -> str:
    """«Консалтинговый центр» → «консалтинговый центр» (a kind's title inside a sentence)."""
    return text[:1].lower() + text[1:]


def kind_of(kind: Kind) -> dict[str, Any]:
    """A kind's title as a sentence needs it: as is, lower case, in the genitive; its maximum."""
    lower = lower_first(kind.title)
    return {"id": kind.id, "title": kind.title, "lower": lower, "gent": inflect_phrase(lower, "gent"),
            "max": max_total(kind.criteria)}


def layout(data: ExpertMatrixInput) -> list[dict[str, Any]]:
    """Sections of rows; each row holds one criterion per kind (or None), numbered per kind."""
    kinds = {k.id: k for k in data.kinds}
    if data.sections is None:
        depth = max(len(k.criteria) for k in data.kinds)
        sections = [{"title": "", "rows": [
            {k.id: k.criteria[i].id for k in data.kinds if i < len(k.criteria)} for i in range(depth)]}]
    else:
        sections = [{"title": s.title, "rows": s.rows} for s in data.sections]
    return [{"title": s["title"], "rows": [
        [next(c for c in kinds[k.id].criteria if c.id == row[k.id]) if k.id in row else None for k in data.kinds]
        for row in s["rows"]]} for s in sections]


def ordered_criteria(data: ExpertMatrixInput) -> dict[str, list[Criterion]]:
    """Each kind's criteria in the order the matrix prints them (that is their number)."""
    out: dict[str, list[Criterion]] = {k.id: [] for k in data.kinds}
    for section in layout(data):
        for row in section["rows"]:
            for kind, criterion in zip(data.kinds, row):
                if criterion is not None:
                    out[kind.id].append(criterion)
    return out


def mark_of(criterion: Criterion, raw) -> tuple[int, Decimal | None]:
    """(score, percent or None) of one expert's raw mark."""
    if isinstance(raw, int):
        return criterion.check_score(raw), None
    if raw.score is not None:
        return criterion.check_score(raw.score), None
    return criterion.score_for_percent(raw.percent), raw.percent


def expert_heading(eid: str, person) -> dict[str, Any]:
    """The sheet's column heading «Соколова И.В.»: the surname may take a line of its own in a
    narrow column, the initials stay together."""
    parts = split_name(person.full_name)
    initials = "".join(f"{p[0]}." for p in parts[1:] if p)
    return {"id": eid, "person": person, "surname": parts[0], "initials": initials}


def scored(data: ExpertMatrixInput) -> list[dict[str, Any]]:
    """Per participant: each criterion's marks, mean, divergence; totals and share of the maximum."""
    kinds = {k.id: kind_of(k) for k in data.kinds}
    criteria = ordered_criteria(data)
    experts = {e.id: e for e in data.experts}
    order = {e.id: i for i, e in enumerate(data.experts)}
    digits = data.mean_digits
    out = []
    for p in data.participants:
        entries = sorted((s for s in data.scores if s.participant == p.id), key=lambda s: order[s.expert])
        rows = []
        expert_totals = [0] * len(entries)
        total = Decimal(0)
        for n, c in enumerate(criteria[p.kind], 1):
            marks = [mark_of(c, e.marks[c.id]) for e in entries]
            scores = [m[0] for m in marks]
            for i, s in enumerate(scores):
                expert_totals[i] += s
            avg = mean(scores, digits)
            total += avg
            rows.append({
                "n": n, "id": c.id, "title": c.title, "max": c.max_score,
                "marks": [{"score": str(s), "percent": percent(pc, 0) if pc is not None else ""} for s, pc in marks],
                "mean": decimal(avg, digits), "diverges": diverges(scores, data.divergence),
            })
        kind = kinds[p.kind]
        share = total / kind["max"] * 100
        out.append({
            "id": p.id, "name": p.name, "short_name": p.short_name,
            "kind": kind["title"], "kind_id": p.kind, "kind_lower": kind["lower"], "kind_gent": kind["gent"],
            "experts": [expert_heading(e.expert, experts[e.expert].person) for e in entries],
            "criteria": rows,
            "expert_totals": [str(t) for t in expert_totals],
            "total": decimal(total, digits), "max": kind["max"], "share": percent(share, 1), "share_value": share,
            "divergent": [r for r in rows if r["diverges"]],
        })
    return out


def common(data: ExpertMatrixInput) -> dict[str, Any]:
    """The matrix's title and the counting rules every scored document states."""
    return {"title": data.title, "subtitle": data.subtitle, "period": data.period,
            "mean_digits": data.mean_digits, "divergence": data.divergence}
