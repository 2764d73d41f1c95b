"""The template variables of the expert matrix, the scoring sheets and the protocol.

All arithmetic happens here, with ``docgen.scoring`` (Decimal, half-up), and reaches the
templates as ready strings with a decimal comma: a template must not round. A criterion's score
is the experts' mean rounded to ``mean_digits``; a participant's total is the sum of those
rounded scores (what the experts see on the sheet adds up); the share of the maximum and the
places are computed from that total. Kinds have different maxima, so places compare shares.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from docgen.russian import inflect_phrase
from docgen.russian.numbers import percent, plural
from docgen.scoring import Criterion, diverges, max_total, mean, rank

from .model import OVERALL, ExpertMatrixInput, Kind, Participant

EMU_PER_MM = 36000
TWIPS_PER_MM = 1440 / 25.4
DIGIT_WORDS = {0: "до целых", 1: "до десятых", 2: "до сотых"}


def number(value: Decimal | int, digits: int = 0) -> str:
    """«2,5», «19», «-0» never: the value already rounded, shown with a decimal comma."""
    text = f"{Decimal(value):.{digits}f}" if digits else f"{int(Decimal(value))}"
    return text.replace(".", ",")


def typo(text: str) -> str:
    """No-break spaces the loader's whitespace folding took out: «№ 176», «70–99 %», «2018 г.»."""
    text = re.sub(r"№\s+", "№\u00a0", text)
    text = re.sub(r"(\d)\s+%", "\\1\u00a0%", text)
    return re.sub(r"(\d)\s+(г\.|гг\.)", "\\1\u00a0\\2", text)


def polish(value: Any) -> Any:
    """``typo`` on every string of a context (people stay models: the filters format them)."""
    if isinstance(value, str):
        return typo(value)
    if isinstance(value, dict):
        return {k: polish(v) for k, v in value.items()}
    if isinstance(value, list):
        return [polish(v) for v in value]
    return value


def lower_first(text: str) -> str:
    """«Консалтинговый центр» → «консалтинговый центр» (a kind's title inside a sentence)."""
    return text[:1].lower() + text[1:]


def trim(value: Decimal) -> str:
    """A total without trailing zeros: «19,5», «28»."""
    text = f"{value.normalize():f}" if value != value.to_integral() else f"{int(value)}"
    return text.replace(".", ",")


# ---------------------------------------------------------------- layout of the blank matrix

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


def matrix_rows(data: ExpertMatrixInput) -> list[dict[str, Any]]:
    """Flat table rows: a section heading, a criterion's title row (with the procedure, merged
    down over its levels), then one row per level with its score."""
    numbers = {k.id: {c.id: n for n, c in enumerate(cs, 1)} for k, cs in
               zip(data.kinds, ordered_criteria(data).values())}
    empty_title = {"text": "", "procedure": ""}
    empty_level = {"text": "", "score": ""}
    rows: list[dict[str, Any]] = []
    for section in layout(data):
        if section["title"]:
            rows.append({"type": "section", "text": section["title"]})
        for row in section["rows"]:
            cells = []
            for kind, c in zip(data.kinds, row):
                cells.append(empty_title if c is None else {
                    "text": f"{numbers[kind.id][c.id]}. {c.title}", "procedure": c.procedure})
            rows.append({"type": "criterion", "cells": cells})
            depth = max(len(c.levels) for c in row if c is not None)
            for i in range(depth):
                rows.append({"type": "level", "cells": [
                    {"text": f"– {c.levels[i].descriptor}", "score": str(c.levels[i].score)}
                    if c is not None and i < len(c.levels) else empty_level for c in row]})
    return rows


def head_line(participant: Participant) -> dict[str, Any]:
    head = participant.head
    position = head.position
    return {"person": head, "position": f"{position[:1].upper()}{position[1:]} {participant.short_name}"}


def matrix_context(data: ExpertMatrixInput) -> dict[str, Any]:
    participants = {p.id: p for p in data.participants}
    criteria = ordered_criteria(data)
    return polish({
        "org_short": data.organization.short_name,
        "title": data.title,
        "subtitle": data.subtitle,
        "approved": {"date": data.approved.date, "number": data.approved.number} if data.approved else None,
        "kinds": [{"title": k.title, "max": max_total(k.criteria),
                   "gent": inflect_phrase(lower_first(k.title), "gent")} for k in data.kinds],
        "two": len(data.kinds) == 2,
        "rows": matrix_rows(data),
        "criteria_count": {k.id: len(criteria[k.id]) for k in data.kinds},
        "agreed": [head_line(participants[pid]) for pid in data.agreed_by],
    })


# ---------------------------------------------------------------- scoring

def mark_of(criterion: Criterion, raw) -> tuple[int, Decimal | None]:
    """(score, percent or None) of one expert's raw mark."""
    if isinstance(raw, int):
        return criterion.check_score(raw), None
    if raw.score is not None:
        return criterion.check_score(raw.score), None
    return criterion.score_for_percent(raw.percent), raw.percent


def scored(data: ExpertMatrixInput) -> list[dict[str, Any]]:
    """Per participant: each criterion's marks, mean, divergence; totals and share of the maximum."""
    kinds: dict[str, Kind] = {k.id: k for k in data.kinds}
    criteria = ordered_criteria(data)
    experts = {e.id: e for e in data.experts}
    digits = data.mean_digits
    out = []
    for p in data.participants:
        entries = [s for s in data.scores if s.participant == p.id]
        order = {e.id: i for i, e in enumerate(data.experts)}
        entries.sort(key=lambda s: order[s.expert])
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
                "marks": [{"score": str(s), "percent": percent(pc, 0) if pc is not None else ""}
                          for s, pc in marks],
                "mean": number(avg, digits), "mean_value": avg,
                "diverges": diverges(scores, data.divergence),
                "spread": ", ".join(str(s) for s in scores),
            })
        maximum = max_total(kinds[p.kind].criteria)
        share = total / maximum * 100
        out.append({
            "id": p.id, "name": p.name, "short_name": p.short_name,
            "kind": kinds[p.kind].title, "kind_id": p.kind, "kind_lower": lower_first(kinds[p.kind].title),
            "kind_gent": inflect_phrase(lower_first(kinds[p.kind].title), "gent"),
            "experts": [expert_heading(e.expert, experts[e.expert].person) for e in entries],
            "criteria": rows,
            "expert_totals": [str(t) for t in expert_totals],
            "total": number(total, digits), "total_value": total,
            "max": maximum, "share": percent(share, 1), "share_value": share,
            "divergent": [r for r in rows if r["diverges"]],
        })
    return out


def expert_heading(eid: str, person) -> dict[str, Any]:
    """The sheet's column heading «Соколова И.В.» with a no-break space so the initials never
    wrap apart; the surname may take a line of its own in a narrow column."""
    from docgen.russian.names import split_name

    parts = split_name(person.full_name)
    initials = "".join(f"{p[0]}." for p in parts[1:] if p)
    return {"id": eid, "person": person, "surname": parts[0], "initials": initials}


def common(data: ExpertMatrixInput) -> dict[str, Any]:
    digits = data.mean_digits
    limit = data.divergence
    return {
        "title": data.title,
        "subtitle": data.subtitle,
        "period": data.period,
        "digits_words": DIGIT_WORDS[digits],
        "divergence": data.divergence,
        "divergence_text": f"более {plural(limit, 'балл', 'gent')}",
    }


# ---------------------------------------------------------------- scoring sheets

# Column widths of the scoring sheet (mm): the expert columns repeat, the criterion takes the rest.
SHEET_WIDTH_MM = 165
SHEET_FIXED_MM = {"n": 10, "expert": 21, "mean": 21, "max": 15}
SHEET_MIN_CRITERION_MM = 50


def sheet_grid(experts: int) -> dict[str, Any]:
    """Twips of each column for ``experts`` expert columns; the criterion column shrinks as they grow."""
    f = SHEET_FIXED_MM
    criterion = max(SHEET_MIN_CRITERION_MM, SHEET_WIDTH_MM - f["n"] - f["mean"] - f["max"] - f["expert"] * experts)
    twips = {k: round(v * TWIPS_PER_MM) for k, v in {**f, "criterion": criterion}.items()}
    return {**twips, "columns": [twips["n"], twips["criterion"], *[twips["expert"]] * experts, twips["mean"],
                                 twips["max"]]}


def sheets_context(data: ExpertMatrixInput) -> dict[str, Any]:
    participants = scored(data)
    for p in participants:
        p["grid"] = sheet_grid(len(p["experts"]))
    return polish({**common(data), "participants": participants, "xml": {"open": "<!--", "close": "-->"}})


# ---------------------------------------------------------------- protocol

def place_groups(data: ExpertMatrixInput, participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ranking tables: one for all participants (by share of the maximum) or one per kind."""
    if data.ranking == OVERALL:
        groups = [{"title": "", "members": participants}]
    else:
        groups = [{"title": k.title, "members": [p for p in participants if p["kind_id"] == k.id]}
                  for k in data.kinds]
        groups = [g for g in groups if g["members"]]
    for g in groups:
        places = rank([p["share_value"] for p in g["members"]])
        ranked = sorted(zip(places, g["members"]), key=lambda pm: pm[0])  # stable: ties keep the file's order
        g["rows"] = [{"place": place, **p} for place, p in ranked]
        ties = []
        for place in sorted(set(places)):
            tied = [p for pl, p in ranked if pl == place]
            if len(tied) > 1:
                names = [p["short_name"] for p in tied]
                ties.append({"place": place, "names": ", ".join(names[:-1]) + " и " + names[-1]})
        g["ties"] = ties
    return groups


def agenda(data: ExpertMatrixInput) -> str:
    """The agenda item, one sentence: a period ending in «г.» takes no second period."""
    text = f"Подведение итогов оценки по матрице «{data.title}»"
    if data.period:
        text += f" за период: {data.period}"
    return text if text.endswith(".") else text + "."


def protocol_context(data: ExpertMatrixInput) -> dict[str, Any]:
    protocol = data.protocol
    participants = scored(data)
    experts = {e.id: e for e in data.experts}
    chair = experts[protocol.chair]
    secretary = experts[protocol.secretary] if protocol.secretary else None
    members = [e for e in data.experts if e.id not in {protocol.chair, protocol.secretary}]
    kinds_max = [{"title": k.title, "gent": inflect_phrase(lower_first(k.title), "gent"),
                  "max": max_total(k.criteria)} for k in data.kinds]
    divergent = [{"participant": p["short_name"], "n": r["n"], "title": r["title"], "spread": r["spread"]}
                 for p in participants for r in p["divergent"]]
    return polish({
        **common(data),
        "org_full": data.organization.full_name,
        "agenda": agenda(data),
        "org_short": data.organization.short_name,
        "protocol": {"date": protocol.date, "number": protocol.number,
                     "place": protocol.place or data.organization.place,
                     "decisions": [d.rstrip(".;") for d in protocol.decisions]},
        "chair": {"person": chair.person, "workplace": chair.workplace or data.organization.short_name},
        "secretary": {"person": secretary.person,
                      "workplace": secretary.workplace or data.organization.short_name} if secretary else None,
        "members": [{"person": e.person, "workplace": e.workplace or data.organization.short_name}
                    for e in members],
        "kinds": kinds_max,
        "different_max": len({k["max"] for k in kinds_max}) > 1,
        "overall": data.ranking == OVERALL,
        "groups": place_groups(data, participants),
        "divergent": divergent,
        "participants_count": len(participants),
    })
