"""The data of a local act adopted in one step (`docgen acts adopt`): what a clerk's data file
would hold for the act approved by the order — the councils' protocols from the act's recorded
steps or the command line, and the approving order's date and final journal number."""
from __future__ import annotations

from typing import Any

# The act's steps (docgen.registry.steps) → this type's fields.
PROTOCOLS = {"pedagogical_council": "pedagogical_council", "students_council": "students_council",
             "parents_council": "parents_council"}


def _protocol(protocol) -> dict[str, str] | None:
    return None if protocol is None else {"date": f"{protocol.held_on:%d.%m.%Y}", "number": protocol.number}


def act_data(adopted) -> dict[str, Any]:
    """``adopted``: docgen.registry.adoption.ActAdoption."""
    data: dict[str, Any] = {"organization": adopted.organization, "act": adopted.act}
    for step, field in PROTOCOLS.items():
        data[field] = _protocol(adopted.protocols.get(step))
    data["approved"] = {"date": f"{adopted.order_date:%d.%m.%Y}", "number": adopted.order_number}
    return data
