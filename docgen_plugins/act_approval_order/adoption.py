"""The data of the order approving acts in one step (`docgen acts adopt`): what a clerk's data
file would hold — each act with its councils' protocols and the earlier order a new edition
repeals, the publication and the acquaintance with their deadlines, the executor."""
from __future__ import annotations

from typing import Any


def _protocol(protocol) -> dict[str, str] | None:
    return None if protocol is None else {"date": f"{protocol.held_on:%d.%m.%Y}", "number": protocol.number}


def _assignment(assignment) -> dict[str, str]:
    return {"person": assignment.person, "deadline": f"{assignment.deadline:%d.%m.%Y}"}


def order_data(package) -> dict[str, Any]:
    """``package``: docgen.registry.adoption.OrderAdoption. The councils' opinion is cited for an
    act whose protocols of both councils are there (the act's own type required them when the act
    touches pupils' rights)."""
    acts = []
    for adopted in package.acts:
        p = adopted.protocols
        both = p.get("students_council") is not None and p.get("parents_council") is not None
        item: dict[str, Any] = {
            "act": adopted.act, "council": _protocol(p.get("pedagogical_council")),
            "students_rights": "да" if both else "нет",
            "students_council": _protocol(p.get("students_council")),
            "parents_council": _protocol(p.get("parents_council")),
        }
        if adopted.replaces is not None:
            item["replaces"] = {"date": f"{adopted.replaces[0]:%d.%m.%Y}", "number": adopted.replaces[1]}
        acts.append(item)
    data: dict[str, Any] = {
        "organization": package.organization, "date": f"{package.order_date:%d.%m.%Y}", "number": None,
        "acts": acts, "publish": _assignment(package.publish), "acquaint": _assignment(package.acquaint),
    }
    if package.executor is not None:
        data["executor"] = {"person": package.executor.person, "phone": package.executor.phone}
    return data
