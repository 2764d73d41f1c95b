"""The protocol of the expert group's meeting: who sat, the ranking (equal shares share a place),
divergent marks, the decisions. The sentences are the template's."""
from __future__ import annotations

from typing import Any

from docgen.scoring import rank

from .common import common, kind_of, scored
from .model import OVERALL, ExpertMatrixInput


def place_groups(data: ExpertMatrixInput, participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ranking tables: one for all participants (by share of the maximum) or one per kind; ties
    name the participants who share a place."""
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
        g["ties"] = [{"place": place, "names": names} for place in sorted(set(places))
                     if len(names := [p["short_name"] for pl, p in ranked if pl == place]) > 1]
    return groups


def protocol_context(data: ExpertMatrixInput) -> dict[str, Any]:
    protocol = data.protocol
    participants = scored(data)
    experts = {e.id: e for e in data.experts}
    home = data.organization.short_name

    def sitting(eid: str) -> dict[str, Any]:
        return {"person": experts[eid].person, "workplace": experts[eid].workplace or home}

    kinds = [kind_of(k) for k in data.kinds]
    return {
        **common(data),
        "org_full": data.organization.full_name,
        "protocol": {"date": protocol.date, "number": protocol.number,
                     "place": protocol.place or data.organization.place,
                     "decisions": [d.rstrip(".;") for d in protocol.decisions]},
        "chair": sitting(protocol.chair),
        "secretary": sitting(protocol.secretary) if protocol.secretary else None,
        "members": [sitting(e.id) for e in data.experts if e.id not in {protocol.chair, protocol.secretary}],
        "kinds": kinds,
        "different_max": len({k["max"] for k in kinds}) > 1,
        "overall": data.ranking == OVERALL,
        "groups": place_groups(data, participants),
        "divergent": [{"participant": p["short_name"], "n": r["n"], "title": r["title"], "marks": r["marks"]}
                      for p in participants for r in p["divergent"]],
    }
