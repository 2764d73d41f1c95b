"""What a site package holds: every act of the registry that is approved and current on the day,
with its approving order, review date and the document input its grifs need.

An act is rendered by the document type the catalogue names for it (``document_type``), from its
id, the protocols of the councils recorded for its current edition (``act_steps``) and the order
in ``act_status`` — so the core stays ignorant of what that type is. An act docgen cannot write
(no type, no content file, a protocol its grifs need not recorded) is still listed, without a
file, with the reason: the school sees what is missing instead of an act silently left out.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from ..errors import DocgenError
from ..registry import lifecycle as lc
from ..registry.catalogue import Act, Catalogue
from ..registry.coverage import states
from ..registry.service import OrgRef
from ..registry.store import Store
from ..registry import steps as st


@dataclass(frozen=True)
class Entry:
    act: Act
    order_number: str
    order_date: dt.date
    edition: str
    review_due: dt.date
    document_type: object | None = None  # docgen.DocumentType, when the act can be written
    data: BaseModel | None = None
    problem: str | None = None  # why there is no file (Russian)
    published_on: dt.date | None = None  # the edition's «published» step, if any

    @property
    def order_text(self) -> str:
        return f"приказ от {self.order_date:%d.%m.%Y} №\u00a0{self.order_number}"

    @property
    def writable(self) -> bool:
        return self.data is not None


def current_acts(store: Store, catalogue: Catalogue, org: OrgRef, today: dt.date):
    """The approved, current acts (effective status «утверждён»: not stale, not repealed), each with
    its status row and the steps of its current edition; and the organisation's row id (None when
    the store has never seen it)."""
    with store.reading() as conn:
        org_id = store.org_id(conn, org, create=False)
        if org_id is None:
            return None, []
        rows = store.statuses_in(conn, org_id)
        approved = [s for s in states(catalogue, org, rows, today)
                    if s.status == lc.APPROVED and s.row.order_number and s.row.order_date]
        editions = {s.act.id: st.edition_key(s.row.order_date, s.row.order_number) for s in approved}
        found = st.edition_steps(conn, org_id, editions)
    return org_id, [(s, editions[s.act.id], found.get(s.act.id, {})) for s in approved]


def build(engine, store: Store, catalogue: Catalogue, org: OrgRef, today: dt.date) -> list[Entry]:
    """The entries of the package, in catalogue order, each validated as the document it becomes."""
    _, acts = current_acts(store, catalogue, org, today)
    return [_entry(engine, org, state, edition, found) for state, edition, found in acts]


def _order(row) -> str:
    return f"приказ от {row.order_date:%d.%m.%Y} № {row.order_number}"


def _entry(engine, org: OrgRef, state, edition: str, found: dict) -> Entry:
    act, row = state.act, state.row
    base = dict(act=act, order_number=row.order_number, order_date=row.order_date, edition=edition,
                review_due=lc.review_due(row.order_date, act.review_years),
                published_on=found[st.PUBLISHED].held_on if st.PUBLISHED in found else None)
    if not act.document_type:
        return Entry(**base, problem="docgen не формирует этот акт (в каталоге не указан тип документа)")
    try:
        document_type = engine.get_type(act.document_type)
    except DocgenError as exc:
        return Entry(**base, problem=exc.message)
    model = document_type.input_model
    values: dict = {"organization": org.profile, "act": act.id,
                    "approved": {"date": row.order_date, "number": row.order_number}}
    if "pedagogical_council" in model.model_fields and "pedagogical_council" not in found:
        return Entry(**base, problem=f"не записан протокол педагогического совета, принявшего эту редакцию "
                                     f"(утверждена: {_order(row)})")
    for name in st.PROTOCOL_STEPS:
        step = found.get(name)
        if step is not None and name in model.model_fields:
            values[name] = {"date": step.held_on, "number": step.number}
    from ..messages import describe_all
    from ..templates import active

    try:
        with active(lambda: engine.template_path):  # the input model finds the act's content file
            data = model.model_validate(values, context={"organization": org.profile, "data_dir": None,
                                                         "profile": None})
    except ValidationError as exc:
        return Entry(**base, problem="; ".join(describe_all(exc, model)))
    except DocgenError as exc:
        return Entry(**base, problem=exc.message)
    return Entry(**base, document_type=document_type, data=data)
