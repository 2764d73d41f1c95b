"""The template variables of the order approving local acts.

Item numbers are computed here because the optional item (earlier orders repealed) shifts the ones
after it; each protocol is listed once, however many acts it adopted, so the preamble names every
protocol exactly once. The wording stays in the template.
"""
from __future__ import annotations

from typing import Any

from docgen.russian import head_form

from .model import ActApprovalOrderInput, Protocol


def _unique(protocols: list[Protocol | None]) -> list[Protocol]:
    """Each protocol once (one meeting may adopt several acts), earliest first."""
    out: dict[tuple, Protocol] = {}
    for protocol in protocols:
        if protocol is not None:
            out.setdefault(protocol.key, protocol)
    return sorted(out.values(), key=lambda p: (p.date, p.number))


def _repealed(data: ActApprovalOrderInput) -> list[dict[str, Any]]:
    """The earlier orders this one repeals, each once: its date, number, and its title — given, or
    the act's title when it approved just that act (the template words it «Об утверждении …»)."""
    found: dict[tuple, dict[str, Any]] = {}
    for item in data.acts:
        old = item.replaces
        if old is None:
            continue
        entry = found.setdefault((old.date, old.number), {"date": old.date, "number": old.number, "title": old.title,
                                                          "act_titles": []})
        entry["title"] = entry["title"] or old.title
        entry["act_titles"].append(item.title)
    return [{"date": e["date"], "number": e["number"], "title": e["title"],
             "act_title": e["act_titles"][0] if len(e["act_titles"]) == 1 else None} for e in found.values()]


def build_context(data: ActApprovalOrderInput) -> dict[str, Any]:
    # «form» (m, f, n, pl) is the head noun's, for the words that agree with it: «прилагаемое Положение».
    acts = [{"title": item.title, "head": item.title.split()[0], "form": head_form(item.title), "number": f"1.{n}"}
            for n, item in enumerate(data.acts, 1)]
    students = _unique([item.students_council for item in data.acts])
    parents = _unique([item.parents_council for item in data.acts])
    repealed = _repealed(data)
    repeal_item = 3 if repealed else None
    publish_item = (repeal_item or 2) + 1
    return {
        "acts": acts,
        "single": len(acts) == 1,
        "council": _unique([item.council for item in data.acts]),
        "students": students,
        "parents": parents,
        "in_force": data.in_force,
        "repealed": repealed,
        "repeal_item": repeal_item,
        "publish": data.publish,
        "publish_item": publish_item,
        "acquaint": data.acquaint,
        "acquaint_item": publish_item + 1,
        "control": data.control,
        "control_item": publish_item + 2,
        "executor": data.executor,
        "acquainted": data.acquainted(),
    }
