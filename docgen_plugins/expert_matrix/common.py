"""What the three expert documents share: the criteria in the order the matrix prints them, the
experts' marks per participant with means, totals and shares. (The no-break spaces of the data —
«№ 176», «70–99 %» — are the engine's: every value a template prints is typeset.)

All arithmetic happens here, with ``docgen.scoring`` (Decimal, half-up), and reaches the
templates as ready strings with a decimal comma (``docgen.russian.decimal``, ``percent``): a
template must not round. One rule makes a participant's total, the one the sheets and the
protocol state in words: the mean of the experts' totals, rounded once (``scoring.total_of``).
The means per criterion, rounded to ``mean_digits``, are printed for the reader and never added
up (when their sum differs from the total, the sheet says so); the share of the maximum comes
from the exact mean (``scoring.share``). Places compare totals within a kind (kinds have different criteria and maxima and are ranked
apart). A percentage prints as the expert measured it. The sentences are the templates'.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterable

from docgen.russian import decimal, inflect_phrase, percent, split_name
from docgen.scoring import Criterion, diverges, half_up, max_total, mean, share, total_of

from .model import ExpertMatrixInput, Kind


def lower_first(text: str) -> str:
    """«Консалтинговый центр» → «консалтинговый центр» (a kind's title inside a sentence)."""
    return text[:1].lower() + text[1:]


def kind_of(kind: Kind) -> dict[str, Any]:
    """A kind's title as a sentence needs it: as is, lower case, in the genitive; its maximum."""
    lower = lower_first(kind.title)
    return {"id": kind.id, "title": kind.title, "lower": lower, "gent": inflect_phrase(lower, "gent"),
            "nomination": kind.nomination, "max": max_total(kind.criteria), "both": False}


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


def as_measured(value: Decimal) -> str:
    """«99,9 %», «100 %»: a percentage with the digits it was given, none for a whole one."""
    return percent(value, max(0, -value.normalize().as_tuple().exponent))


def share_of(value: Decimal) -> str:
    """A share of the maximum to tenths, a whole one without «,0» («100 %», «81,3 %»)."""
    rounded = half_up(value, 1)
    return percent(rounded, 0 if rounded == rounded.to_integral_value() else 1)


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
        sheets: list[list[int]] = [[] for _ in entries]
        for n, c in enumerate(criteria[p.kind], 1):
            marks = [mark_of(c, e.marks[c.id]) for e in entries]
            scores = [m[0] for m in marks]
            for sheet, score in zip(sheets, scores):
                sheet.append(score)
            rows.append({
                "n": n, "id": c.id, "title": c.title, "max": c.max_score,
                "marks": [{"score": str(s), "percent": as_measured(pc) if pc is not None else ""} for s, pc in marks],
                "mean": decimal(mean(scores, digits), digits), "diverges": diverges(scores, data.divergence),
                "bands": c.band_texts() if c.thresholds else [],
            })
        kind = kinds[p.kind]
        total = total_of(sheets, digits)
        # The rounded means per criterion may add up to a tenth more or less than the total: the
        # sheet says so when they do. The share comes from the exact mean, never from a rounded one.
        means = sum(mean(scores, digits) for scores in zip(*sheets)) if sheets else total
        out.append({
            "id": p.id, "name": p.name, "short_name": p.short_name,
            "kind": kind["title"], "kind_id": p.kind, "kind_lower": kind["lower"], "kind_gent": kind["gent"],
            "nomination": kind["nomination"],
            "experts": [expert_heading(e.expert, experts[e.expert].person) for e in entries],
            "criteria": rows,
            "expert_totals": [str(sum(sheet)) for sheet in sheets],
            "total": decimal(total, digits), "total_value": total, "max": kind["max"],
            "share": share_of(share(sheets, kind["max"])),
            "means_sum": decimal(means, digits) if means != total else "",
            "divergent": [r for r in rows if r["diverges"]],
        })
    return out


def abbreviations(data: ExpertMatrixInput, texts: Iterable[str]) -> list[dict[str, str]]:
    """The data's abbreviations that occur in ``texts`` (as whole words), in alphabetical order:
    what a document expands before it uses them."""
    text = "\n".join(texts)
    return [{"short": short, "full": full} for short, full in sorted(data.abbreviations.items())
            if re.search(rf"(?<![\w-]){re.escape(short)}(?![\w])", text)]


def criterion_texts(criteria: Iterable[Criterion]) -> list[str]:
    """Every word a criterion prints: title, levels, procedure."""
    return [t for c in criteria for t in (c.title, c.procedure, *(level.descriptor for level in c.levels))]


def common(data: ExpertMatrixInput) -> dict[str, Any]:
    """The matrix's title and the counting rules every scored document states."""
    return {"title": data.title, "subtitle": data.subtitle, "period": data.period,
            "mean_digits": data.mean_digits, "divergence": data.divergence}
