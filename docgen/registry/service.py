"""The operations behind `docgen acts …`, kept out of the CLI so that tests (and the
concurrency test's worker processes) run exactly the code a user runs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..cleaning import clean_optional
from ..errors import InputError
from . import lifecycle as lc
from .catalogue import Act, Catalogue
from .store import StatusRow, Store, now


@dataclass(frozen=True)
class OrgRef:
    """The organisation as the registry knows it: keyed by ``key`` (the profile's ИНН or code, else
    its short name). ``teachers`` (involved, total) and the whole ``profile`` ride along for the
    coverage report, which needs the director's name and the teacher counts the profile states."""

    short_name: str
    full_name: str | None
    levels: list[str]
    teachers: tuple[int, int] | None = None
    profile: object = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        return getattr(self.profile, "registry_key", None) or self.short_name

    @property
    def procedures(self) -> list:
        """The profile's ВСОКО procedures (`docgen.models.VsokoProcedure`), for the instruments share."""
        return list(getattr(self.profile, "procedures", None) or [])


def load_org(profile: Path) -> OrgRef:
    from ..loading import load_profile

    org = load_profile(Path(profile))
    teachers = (org.teachers_involved, org.teachers_total) if org.teachers_total is not None else None
    return OrgRef(org.short_name, org.full_name, list(org.levels), teachers, org)


def current_user(who: str | None) -> str:
    if who and who.strip():
        return who.strip()
    from ..settings import user_name

    return user_name() or "неизвестно"


def parse_day(value: str, option: str) -> dt.date:
    from ..russian.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"параметр {option}: {exc}") from None


def effective(act: Act, row: StatusRow | None, today: dt.date) -> str:
    if row is None:
        return lc.NOT_STARTED
    return lc.effective_status(row.status, row.order_date, act.review_years, act.repealed_basis, today)


@dataclass(frozen=True)
class Change:
    act: Act
    from_status: str
    to_status: str
    row: StatusRow


def change_status(store: Store, catalogue: Catalogue, org: OrgRef, act_id: str, status_text: str, *,
                  order_number: str | None = None, order_date: dt.date | None = None,
                  published_at: str | None = None, note: str | None = None, responsible: str | None = None,
                  who: str | None = None, today: dt.date | None = None) -> Change:
    """Check everything first, then read the current status and write the change in one
    transaction; any refusal leaves the store untouched."""
    today = today or dt.date.today()
    act, new_status, order_number = check_request(catalogue, org, act_id, status_text, order_number, order_date, today)
    author = current_user(who)
    with store.transaction() as conn:
        return apply_change(store, conn, org, act, new_status, order_number=order_number, order_date=order_date,
                            published_at=published_at, note=note, responsible=responsible, author=author, today=today)


def check_request(catalogue: Catalogue, org: OrgRef, act_id: str, status_text: str, order_number: str | None,
                  order_date: dt.date | None, today: dt.date) -> tuple[Act, str, str | None]:
    """What can be refused without the store: unknown act, act outside the school's levels,
    unknown status, missing order for «утверждён», an order dated in the future."""
    act = catalogue.get(act_id)
    if not set(org.levels).intersection(act.levels):
        raise InputError(f"акт «{act.id}» относится к уровням {', '.join(act.levels)}, "
                         f"а у организации уровни: {', '.join(org.levels)}")
    new_status = lc.parse_status(status_text)
    order_number = order_number.strip() if order_number and order_number.strip() else None
    if new_status in lc.NEEDS_ORDER:
        missing = [name for name, value in (("--order (номер приказа)", order_number), ("--date (дата приказа)", order_date))
                   if value is None]
        if missing:
            raise InputError(f"для статуса «{lc.label(new_status)}» нужны номер и дата утверждающего приказа: "
                             f"укажите {' и '.join(missing)}")
    if order_date is not None and order_date > today:
        raise InputError(f"параметр --date: {order_date:%d.%m.%Y} — дата приказа ещё не наступила "
                         f"(сегодня {today:%d.%m.%Y})")
    return act, new_status, order_number


def apply_change(store: Store, conn, org: OrgRef, act: Act, new_status: str, *, order_number: str | None,
                 order_date: dt.date | None, published_at: str | None, note: str | None, responsible: str | None,
                 author: str, today: dt.date, same_status_ok: bool = False, initial_ok: bool = False) -> Change:
    """Read the current status and write the change inside the caller's transaction, so that an
    import of many rows is all or nothing. ``same_status_ok`` lets an import record new details
    (responsible, note) of an act whose status it does not change: that is not a transition.
    ``initial_ok`` lets an import register an act the registry has never seen in whatever status
    the school's own list gives: a school that starts using docgen already has approved acts, and
    their earlier history is on paper, not here. Every text is cleaned of control characters here,
    the one door to the store, so no later export can be broken by what was typed."""
    order_number, published_at, note, responsible, author = (
        clean_optional(v) for v in (order_number, published_at, note, responsible, author))
    org_id = store.org_id(conn, org, lock=not store.is_sqlite)
    previous = store.status_for_update(conn, org_id, act.id)
    stored = previous.status if previous else lc.NOT_STARTED
    shown = effective(act, previous, today)
    if same_status_ok and new_status == shown:
        new_status = stored
    elif not (initial_ok and previous is None):
        lc.check_transition(stored, new_status, shown)
    if new_status in lc.NEEDS_REASON and new_status != stored and not note:
        raise InputError(lc.reason_missing(new_status))
    keep = previous or StatusRow(act.id, lc.NOT_STARTED)
    row = StatusRow(
        act_id=act.id,
        status=new_status,
        order_number=order_number if order_number is not None else keep.order_number,
        order_date=order_date if order_date is not None else keep.order_date,
        published_at=published_at or keep.published_at,
        note=note or keep.note,
        responsible=responsible or keep.responsible,
        updated_at=now(),
    )
    given = StatusRow(act.id, new_status, order_number, order_date, published_at or None, note or None, responsible)
    store.write_change(conn, org_id, previous, row, author, shown, given)
    return Change(act, shown, new_status, row)
