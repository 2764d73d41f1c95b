"""The protocol of the expert group's meeting: who sat (count, quorum, positions), the ranking
within each kind of participant (equal totals share a place), divergent marks, and the decisions
that follow from them — each with a deadline, a responsible person and the vote. The sentences
are the template's.

What the data says decides what is resolved: results of a kind whose marks diverge are not
approved but sent to additional expertise (``protocol.review``); the others are approved."""
from __future__ import annotations

from typing import Any

from docgen.scoring import rank

from .common import abbreviations, common, kind_of, scored
from .meeting import Votes
from .model import OVERALL, ProtocolInput


def place_groups(data: ProtocolInput, participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ranking tables, one per kind (one for all when every participant is of one kind: the
    model refuses an overall list across kinds). Places compare totals; ties name who shares a
    place; a kind with one participant gets no place; a kind with divergent marks is provisional."""
    if data.ranking == OVERALL:
        groups = [{"title": "", "nomination": None, "kind": None, "members": participants}]
    else:
        # A competition's kinds are its nominations: the places are headed by the nomination, as
        # the Положение and the results order name it.
        groups = [{"title": k.nomination or k.title, "nomination": k.nomination, "kind": kind_of(k),
                   "members": [p for p in participants if p["kind_id"] == k.id]} for k in data.kinds]
        groups = [g for g in groups if g["members"]]
    for g in groups:
        places = rank([p["total_value"] for p in g["members"]])
        ranked = sorted(zip(places, g["members"]), key=lambda pm: pm[0])  # stable: ties keep the file's order
        g["single"] = len(ranked) == 1
        g["rows"] = [{"place": None if g["single"] else place, **p} for place, p in ranked]  # the template writes it
        g["ties"] = [{"place": place, "names": names} for place in sorted(set(places))
                     if len(names := [p["short_name"] for pl, p in ranked if pl == place]) > 1]
        g["provisional"] = any(p["divergent"] for p in g["members"])
    return groups


def protocol_context(data: ProtocolInput) -> dict[str, Any]:
    protocol = data.protocol
    participants = scored(data)
    home = data.organization.short_name
    absent = set(protocol.absent)
    roles = {protocol.chair: "chair", protocol.secretary: "secretary"}

    def sitting(expert) -> dict[str, Any]:
        return {"person": expert.person, "workplace": expert.workplace or home,
                "role": roles.get(expert.id, "member"), "leader": expert.leader}

    def who(ref: str) -> dict[str, Any]:
        expert = next((e for e in data.experts if e.id == ref), None)
        if expert is not None:
            return sitting(expert)
        participant = next((p for p in data.participants if p.id == ref), None)
        if participant is not None:
            return {"person": participant.head, "workplace": participant.short_name, "role": "head"}
        return {"person": data.person_of(ref), "workplace": home, "role": "staff"}

    present = [sitting(e) for e in data.experts if e.id not in absent]
    unanimous = Votes(for_=len(present))

    def decision(kind: str, deadline, responsible: str, votes: Votes | None, text: str = "") -> dict[str, Any]:
        # The group binds only its members: a decision for anyone else (a participant's head, the
        # organisation's staff) is a recommendation to them, with a recommended deadline.
        person = who(responsible)
        return {"kind": kind, "text": text.rstrip(".;"), "deadline": deadline, "who": person,
                "recommend": kind == "custom" and person["role"] in ("head", "staff"), "votes": votes or protocol.votes or unanimous}

    groups = place_groups(data, participants)
    # Who scored whom, from the marks: each participant's experts, and the members who work at it
    # and so did not score it (conflict of interest).
    # Members who work at a participant and score participants of another kind: not a conflict
    # of interest the model refuses (their organisation is ranked apart and their marks do not
    # make its total), but a tie the protocol discloses, so a reader weighs it.
    kinds_by_id = {k.id: k for k in data.kinds}
    cross = []
    for employer in data.participants:
        staff = [e for e in data.experts if (w := data.employer(e)) is not None and w.id == employer.id
                 and any(s.expert == e.id and s.participant != employer.id for s in data.scores)]
        if staff:
            cross.append({"experts": [e.person for e in staff], "employer": employer.short_name,
                          "kind_gent": kind_of(kinds_by_id[employer.kind])["gent"],
                          "nomination": kinds_by_id[employer.kind].nomination})
    scorers = [{"short_name": p["short_name"], "experts": [e["person"] for e in p["experts"]],
                "recused": [e.person for e in data.experts
                            if (employer := data.employer(e)) is not None and employer.id == p["id"]]}
               for p in participants]
    decisions = []
    approved = [g for g in groups if not g["provisional"]]
    if approved:
        decisions.append(decision("approve", protocol.approval_deadline or protocol.date, protocol.chair, None))
    if protocol.review is not None and any(g["provisional"] for g in groups):
        review = protocol.review
        decisions.append(decision("review", review.deadline, review.responsible, review.votes))
    decisions += [decision("custom", d.deadline, d.responsible, d.votes, d.text) for d in protocol.decisions]
    for n, d in enumerate(decisions, 1):
        d["n"] = n

    kinds = [kind_of(k) for k in data.kinds]
    divergent = [{"participant": p["short_name"], "n": r["n"], "title": r["title"], "marks": r["marks"]}
                 for p in participants for r in p["divergent"]]
    printed = [data.title, *(k.nomination or k.title for k in data.kinds), *(p.short_name for p in data.participants),
               *(d["title"] for d in divergent), *(d.text for d in protocol.decisions)]
    return {
        **common(data),
        "org_full": data.organization.full_name,
        "org_short": home,
        "competition": data.competition,  # the competition's title when the data come from its file
        # In a competition the jury decides the places (and breaks ties unless places are shared):
        # the group proposes a ranking.
        "jury_decides": bool(data.competition),
        "shared_places": data.shared_places,
        "has_bands": any(c.thresholds for k in data.kinds for c in k.criteria),
        "protocol": {"date": protocol.date, "number": protocol.number,
                     "place": protocol.place or data.organization.place},
        "chair": sitting(next(e for e in data.experts if e.id == protocol.chair)),
        "secretary": sitting(next(e for e in data.experts if e.id == protocol.secretary)) if protocol.secretary else None,
        "present": present,
        "absent": [sitting(e) for e in data.experts if e.id in absent],
        "members": len(data.experts),
        "quorum": protocol.quorum,
        "kinds": kinds,
        "nominations": any(k["nomination"] for k in kinds),
        "different_max": len({k["max"] for k in kinds}) > 1,
        "overall": data.ranking == OVERALL,
        "groups": groups,
        "approved_groups": [g["title"] for g in approved if g["title"]],
        "all_approved": len(approved) == len(groups),
        "review_groups": [g["title"] for g in groups if g["provisional"] and g["title"]],
        "divergent": divergent,
        "abbreviations": abbreviations(data, printed),
        "decisions": decisions,
        "scorers": scorers,
        "cross": cross,
        "all_scored_all": all(len(p["experts"]) == len(data.experts) for p in participants),
    }
