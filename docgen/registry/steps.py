"""The lifecycle steps of an act (table ``act_steps``), as data, and their reading and recording.

A status says where an act stands; a step is the evidence an inspection asks for: when the
project was posted for discussion and where, which protocol of which council, which order. The
steps of the project in progress have no edition (NULL); adoption stamps them with the approving
order's key (``edition_key``), so each edition keeps its own proof.

Only three steps move the registry's status (discussion → «на обсуждении», the pedagogical
council → «принят», the order → «утверждён»); the councils' opinion and the publication only
record their requisites. The status moves through lifecycle.py's transitions, never around them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import sqlalchemy as sa

from ..cleaning import clean_optional
from ..errors import InputError
from . import lifecycle as lc
from .act_tables import act_steps
from .catalogue import Act
from .store import StatusRow, Store, now

DISCUSSION = "discussion"
PEDAGOGICAL = "pedagogical_council"
STUDENTS = "students_council"
PARENTS = "parents_council"
APPROVED = "approved"
PUBLISHED = "published"


@dataclass(frozen=True)
class StepKind:
    """One kind of step: its Russian label and the names a user may type, the status it moves the
    act to (None: requisites only), what it needs, and its rank in time (a step of a lower rank
    is never dated after one of a higher rank of the same edition)."""

    id: str
    label: str
    names: tuple[str, ...]
    moves_to: str | None
    rank: int
    protocol: bool = False  # a council's protocol: a number is required
    place: bool = False  # where the project or the act was posted: a place is required


KINDS: dict[str, StepKind] = {k.id: k for k in (
    StepKind(DISCUSSION, "проект размещён для обсуждения", ("обсуждение",), lc.DISCUSSION, 0, place=True),
    StepKind(STUDENTS, "учтено мнение совета обучающихся", ("совет-обучающихся", "совет обучающихся"), None, 1,
             protocol=True),
    StepKind(PARENTS, "учтено мнение совета родителей", ("совет-родителей", "совет родителей"), None, 1,
             protocol=True),
    StepKind(PEDAGOGICAL, "принят педагогическим советом", ("педсовет", "педагогический совет"), lc.ADOPTED, 2,
             protocol=True),
    StepKind(APPROVED, "утверждён приказом", ("утверждение", "приказ"), lc.APPROVED, 3, protocol=True),
    StepKind(PUBLISHED, "размещён на официальном сайте", ("публикация", "сайт"), None, 4, place=True),
)}

# The councils whose protocols an act's grifs print, in the order they print them; the names are
# also the fields of a local act's input (docgen_plugins.local_act.model).
PROTOCOL_STEPS = (PEDAGOGICAL, STUDENTS, PARENTS)

# The statuses in the order a project passes them: a step moves the status only forward.
PROJECT_ORDER = (lc.NOT_STARTED, lc.DRAFTING, lc.DISCUSSION, lc.ADOPTED)


def edition_key(order_date: dt.date, order_number: str) -> str:
    """The key of the edition an order approved: «2026-12-11 131-од»."""
    return f"{order_date:%Y-%m-%d} {order_number}"


def parse_kind(text: str) -> StepKind:
    """A step typed as its id («pedagogical_council»), its short Russian name («педсовет») or label."""
    wanted = " ".join(text.replace("ё", "е").replace("_", "-").lower().split())
    for kind in KINDS.values():
        names = (kind.id.replace("_", "-"), *kind.names, kind.label)
        if wanted in {" ".join(n.replace("ё", "е").lower().split()) for n in names}:
            return kind
    choices = "; ".join(f"{k.names[0]} ({k.id}) — {k.label}" for k in KINDS.values())
    raise InputError(f"неизвестный шаг «{text}»; возможные шаги: {choices}")


@dataclass(frozen=True)
class Step:
    act_id: str
    step: str
    held_on: dt.date
    number: str | None = None
    place: str | None = None
    edition: str | None = None
    note: str | None = None
    who: str | None = None

    @property
    def kind(self) -> StepKind:
        return KINDS[self.step]

    def describe(self) -> str:
        """«принят педагогическим советом 03.12.2026, протокол № 3» — as the history prints it."""
        text = f"{self.kind.label} {self.held_on:%d.%m.%Y}"
        if self.number:
            text += f", {'приказ' if self.step == APPROVED else 'протокол'} №\u00a0{self.number}"
        if self.place:
            text += f", {self.place}"
        return text


def _row(r) -> Step:
    return Step(r["act_id"], r["step"], r["held_on"], r["number"], r["place"], r["edition"], r["note"], r["who"])


def steps_of(conn: sa.Connection, org_id: int, act_id: str, edition: str | None = None) -> list[Step]:
    """The steps of one edition of an act (None: the open project's), oldest first."""
    s = act_steps.c
    query = sa.select(act_steps).where(s.org_id == org_id, s.act_id == act_id,
                                       s.edition.is_(None) if edition is None else s.edition == edition)
    return [_row(r) for r in conn.execute(query.order_by(s.held_on, s.id)).mappings()]


def read_steps(store: Store, org, act_id: str, edition: str | None = None) -> list[Step]:
    with store.reading() as conn:
        org_id = org if isinstance(org, int) else store.org_id(conn, org, create=False)
        return [] if org_id is None else steps_of(conn, org_id, act_id, edition)


def all_steps(store: Store, org, act_id: str) -> list[Step]:
    """Every step of an act, every edition, oldest first (the registry page lists them)."""
    s = act_steps.c
    with store.reading() as conn:
        org_id = org if isinstance(org, int) else store.org_id(conn, org, create=False)
        if org_id is None:
            return []
        query = sa.select(act_steps).where(s.org_id == org_id, s.act_id == act_id).order_by(s.held_on, s.id)
        return [_row(r) for r in conn.execute(query).mappings()]


def latest(steps: list[Step], step: str) -> Step | None:
    found = [s for s in steps if s.step == step]
    return found[-1] if found else None


def check_order(steps: list[Step], new: Step, today: dt.date) -> None:
    """A step of the same edition: not in the future, not before a step that comes earlier in the
    act's way, not after one that comes later (the discussion before the councils' opinion, the
    opinion before the pedagogical council, all of them before the order)."""
    if new.held_on > today:
        raise InputError(f"шаг «{new.kind.label}»: дата {new.held_on:%d.%m.%Y} ещё не наступила "
                         f"(сегодня {today:%d.%m.%Y})")
    for other in steps:
        if other.step == new.step:
            continue
        if other.kind.rank < new.kind.rank and other.held_on > new.held_on:
            raise InputError(f"шаг «{new.kind.label}» ({new.held_on:%d.%m.%Y}) не может быть раньше шага "
                             f"«{other.kind.label}» ({other.held_on:%d.%m.%Y})")
        if other.kind.rank > new.kind.rank and other.held_on < new.held_on:
            raise InputError(f"шаг «{new.kind.label}» ({new.held_on:%d.%m.%Y}) не может быть позже шага "
                             f"«{other.kind.label}» ({other.held_on:%d.%m.%Y})")


def insert_step(conn: sa.Connection, org_id: int, step: Step, who: str) -> None:
    """Write a step, replacing the same kind's row of the same edition (a corrected protocol)."""
    s = act_steps.c
    same = sa.and_(s.org_id == org_id, s.act_id == step.act_id, s.step == step.step,
                   s.edition.is_(None) if step.edition is None else s.edition == step.edition)
    conn.execute(sa.delete(act_steps).where(same))
    conn.execute(sa.insert(act_steps).values(
        org_id=org_id, act_id=step.act_id, edition=step.edition, step=step.step, held_on=step.held_on,
        number=clean_optional(step.number), place=clean_optional(step.place), note=clean_optional(step.note),
        who=clean_optional(who) or "неизвестно", recorded_at=now()))


def stamp_open(conn: sa.Connection, org_id: int, act_id: str, edition: str) -> None:
    """The open project's steps become the steps of the edition just approved."""
    s = act_steps.c
    conn.execute(sa.update(act_steps).where(s.org_id == org_id, s.act_id == act_id, s.edition.is_(None))
                 .values(edition=edition))


def project_path(current: str, target: str) -> list[str]:
    """The statuses a project passes from ``current`` up to ``target`` (both of PROJECT_ORDER or
    «утверждён»), each a transition of lifecycle.py: a council that adopted an act «не разработан»
    in the registry means the act was drafted first. Empty when the act is already there or past."""
    chain = [*PROJECT_ORDER, lc.APPROVED]
    if current not in PROJECT_ORDER or chain.index(target) <= chain.index(current):
        return []
    path, at = [], current
    while at != target:
        if target in lc.TRANSITIONS[at]:
            at = target
        else:  # a discussion nobody recorded is not invented: drafted, then adopted
            at = next(s for s in (lc.DRAFTING, lc.ADOPTED)
                      if s in lc.TRANSITIONS[at] and chain.index(s) > chain.index(at))
        path.append(at)
    return path


@dataclass(frozen=True)
class Recorded:
    act: Act
    step: Step
    from_status: str
    to_status: str


def record_step(store: Store, org, act: Act, step: Step, *, author: str, today: dt.date) -> Recorded:
    """Check the step against the open project's other steps, write it, move the status where the
    step does (through lifecycle.py's transitions) and write the history row — one transaction."""
    from .service import apply_change, effective

    if not set(org.levels).intersection(act.levels):
        raise InputError(f"акт «{act.id}» относится к уровням {', '.join(act.levels)}, "
                         f"а у организации уровни: {', '.join(org.levels)}")
    if step.step == APPROVED:
        raise InputError("утверждение записывается командой docgen acts adopt (она формирует акт и приказ) "
                         "или docgen acts set КОД утверждён --order … --date …")
    with store.transaction() as conn:
        org_id = store.org_id(conn, org, lock=not store.is_sqlite)
        previous = store.status_for_update(conn, org_id, act.id)
        stored = previous.status if previous else lc.NOT_STARTED
        shown = effective(act, previous, today)
        if step.step == PUBLISHED:
            if stored not in (lc.APPROVED, lc.NEEDS_UPDATE) or previous is None or previous.order_date is None:
                raise InputError(f"акт «{act.id}» ещё не утверждён приказом: размещают на сайте утверждённый акт")
            step = replace(step, edition=edition_key(previous.order_date, previous.order_number))
            if step.held_on < previous.order_date:
                raise InputError(f"дата размещения {step.held_on:%d.%m.%Y} раньше приказа об утверждении "
                                 f"({previous.order_date:%d.%m.%Y})")
            check_order([], step, today)
        else:
            check_order(steps_of(conn, org_id, act.id), step, today)
        insert_step(conn, org_id, step, author)
        target = step.kind.moves_to or (lc.DRAFTING if stored == lc.NOT_STARTED else None)
        path = project_path(stored, target) if target else []
        if path:
            for n, status in enumerate(path):
                apply_change(store, conn, org, act, status, order_number=None, order_date=None, published_at=None,
                             note=step.describe() if n == len(path) - 1 else None, responsible=None,
                             author=author, today=today)
            return Recorded(act, step, shown, path[-1])
        # No move: the history still shows the step (the status row itself unchanged but for the address).
        keep = previous or StatusRow(act.id, lc.NOT_STARTED)
        published_at = step.place if step.step == PUBLISHED else None
        row = StatusRow(act.id, keep.status, keep.order_number, keep.order_date, published_at or keep.published_at,
                        keep.note, keep.responsible, now())
        given = StatusRow(act.id, keep.status, None, None, published_at, step.describe(), keep.responsible)
        store.write_change(conn, org_id, previous, row, author, shown, given)
        return Recorded(act, step, shown, keep.status)


# -- what the site package reads and writes (docgen.site) ---------------------------------------

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
            found.setdefault(r.act_id, {})[r.step] = Step(r.act_id, r.step, r.held_on, r.number, r.place, r.edition)
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
