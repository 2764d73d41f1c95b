"""The rows of ``act_steps`` the package reads and writes.

LOCAL READER, to be unified at merge: the step vocabulary and ``edition_key`` belong to the adopt
helper's ``docgen.registry.steps`` (CONTRACT.md of issue 17); until it lands, this module holds the
few lines publishing needs, spelled exactly as the contract spells them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from ..registry.act_tables import act_steps

# The councils whose protocols an act's grifs print, in the order the contract names them; the
# names are also the fields of a local act's input (docgen_plugins.local_act.model).
PROTOCOL_STEPS = ("pedagogical_council", "students_council", "parents_council")
PUBLISHED = "published"


def edition_key(order_date: dt.date, order_number: str) -> str:
    """The current edition of an approved act: its approving order as «YYYY-MM-DD number»."""
    return f"{order_date:%Y-%m-%d} {order_number}"


@dataclass(frozen=True)
class Step:
    act_id: str
    step: str
    held_on: dt.date
    number: str | None
    place: str | None


def edition_steps(conn: sa.Connection, org_id: int, editions: dict[str, str]) -> dict[str, dict[str, Step]]:
    """For each act (``editions``: act id → edition key) its steps of that edition, the latest of
    each kind (a protocol recorded twice: the later record is the correction)."""
    if not editions:
        return {}
    s = act_steps.c
    rows = conn.execute(sa.select(s.act_id, s.edition, s.step, s.held_on, s.number, s.place)
                        .where(s.org_id == org_id, s.act_id.in_(list(editions)))
                        .order_by(s.id)).all()
    found: dict[str, dict[str, Step]] = {}
    for r in rows:
        if r.edition == editions[r.act_id]:
            found.setdefault(r.act_id, {})[r.step] = Step(r.act_id, r.step, r.held_on, r.number, r.place)
    return found


def record_published(conn: sa.Connection, org_id: int, act_id: str, edition: str, held_on: dt.date,
                     place: str | None, who: str, recorded_at: dt.datetime) -> bool:
    """The «published» step of the edition, unless one is recorded already (a re-publication of the
    same edition is the same fact); True when written."""
    s = act_steps.c
    exists = conn.execute(sa.select(s.id).where(s.org_id == org_id, s.act_id == act_id, s.edition == edition,
                                                s.step == PUBLISHED).limit(1)).first()
    if exists is not None:
        return False
    conn.execute(sa.insert(act_steps).values(org_id=org_id, act_id=act_id, edition=edition, step=PUBLISHED,
                                             held_on=held_on, place=place, who=who, recorded_at=recorded_at))
    return True
