"""Recording the publication, after the package is written: one transaction for every act put in
it — the edition's «published» step (CONTRACT.md of issue 17: the date it was placed, the site
address) and ``act_status.published_at``, the address as the registry has always kept it, through
the registry's one door (service.apply_change, so the history shows it). A re-publication of the
same edition records nothing twice."""
from __future__ import annotations

import datetime as dt

from ..registry import lifecycle as lc
from ..registry.service import OrgRef, apply_change, current_user
from ..registry.store import Store, now
from ..registry import steps as st


def mark_published(store: Store, org: OrgRef, entries: list, held_on: dt.date, place: str | None,
                   who: str | None, today: dt.date) -> int:
    """How many acts got their «published» step now (the rest had it for this edition)."""
    author = current_user(who)
    recorded = 0
    with store.transaction() as conn:
        org_id = store.org_id(conn, org, lock=not store.is_sqlite)
        stamp = now()
        for entry in entries:
            recorded += st.record_published(conn, org_id, entry.act.id, entry.edition, held_on, place, author, stamp)
            row = store.status_for_update(conn, org_id, entry.act.id)
            if place and row is not None and row.published_at != place:
                apply_change(store, conn, org, entry.act, lc.APPROVED, order_number=None, order_date=None,
                             published_at=place, note=None, responsible=None, author=author, today=today,
                             same_status_ok=True)
    return recorded
