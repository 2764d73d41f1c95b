"""Who must read each approved act, and who has signed («ознакомлен(а)», ТК РФ ст. 22).

The readers are not stored: they are worked out each time from the catalogue's ``audience`` of
the act and the profile's staff list, so a new teacher in the profile is at once a reader still
owing a signature, and one who left stops counting. The words of the groups («педагогические
работники» = whose position names a teaching post) are data: ``staff-groups.yaml`` found along
the template path like a local act's content file, so a district overrides the list. A signature
is stored per edition of the act — the approving order (``edition_key``) — so a new edition
starts a new sheet and old signatures stay as evidence. An act not in force has no acquaintance.

Every write is one transaction and checks everything before it writes: one bad person or date
among many leaves the store unchanged. A signature already recorded with the same date is
accepted again without a second row (a sheet read back twice changes nothing); with another date
it is refused, naming the recorded one.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from pydantic import Field

from ..errors import InputError
from ..models import Strict, Text
from ..staff_index import name_key
from . import lifecycle as lc
from .act_tables import act_acquaintance
from .catalogue import Act, Catalogue
from .steps import edition_key
from .store import StatusRow, Store, now

GROUPS_FILE = "staff-groups.yaml"
IN_FORCE = frozenset({lc.APPROVED, lc.NEEDS_UPDATE})  # an edition in force, even when due for review


class Group(Strict):
    name: Text = Field(title="название группы", description="как её пишут в audience каталога")
    everyone: bool = Field(default=False, title="все работники")
    positions: list[Text] = Field(default_factory=list, title="слова должностей")


class Groups(Strict):
    groups: list[Group] = Field(min_length=1, title="группы работников")



@dataclass(frozen=True)
class Edition:
    key: str
    number: str
    date: dt.date

    @property
    def order_text(self) -> str:
        return f"от {self.date:%d.%m.%Y} № {self.number}"


def edition_of(row: StatusRow | None) -> Edition | None:
    """The edition in force: an approved act (or one due for review, still in force) with its order."""
    if row is None or row.status not in IN_FORCE or not row.order_number or row.order_date is None:
        return None
    return Edition(edition_key(row.order_date, row.order_number), row.order_number, row.order_date)


# -- who reads -----------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).casefold()


def _groups_path() -> Path | None:
    from ..templates import template_file

    found = template_file(GROUPS_FILE)
    return found.path if found is not None else None


@lru_cache(maxsize=8)
def _load_groups(path: str, _mtime: int) -> dict[str, Group]:
    from ..loading import load_data

    return {_norm(g.name): g for g in load_data(Groups, Path(path)).groups}


def groups() -> dict[str, Group]:
    """The groups of staff-groups.yaml (the first along the template path), by normalised name."""
    path = _groups_path()
    if path is None:
        return {}
    return _load_groups(str(path), path.stat().st_mtime_ns)


def _holds(position: str, words: str) -> bool:
    """«учитель» is in «учитель-логопед» and «учитель математики», not in «заместитель» or
    «воспитательной»: the words stand alone in the position."""
    return re.search(r"(?<![\w])" + re.escape(_norm(words)) + r"(?![\w])", _norm(position)) is not None


def person_key(person) -> str:
    """How a signature names its signer: the staff id, else the full name as a key."""
    return person.id.casefold() if person.id else name_key(person.full_name)


def readers(profile, act: Act) -> list:
    """The staff members who must read ``act`` (docgen.Person, profile order), each once, without
    the director, who approves the act by an order."""
    known = groups()
    wanted = [known.get(_norm(entry)) or Group(name=entry, positions=[entry]) for entry in act.audience]
    everyone = any(g.everyone for g in wanted)
    words = [w for g in wanted for w in g.positions]
    out, seen = [], set()
    for person in profile.staff:
        if name_key(person.full_name) == name_key(profile.director.full_name):
            continue
        key = person_key(person)
        if key in seen:
            continue
        if everyone or any(_holds(person.position, w) for w in words):
            seen.add(key)
            out.append(person)
    return out


def audience_text(act: Act) -> str:
    return ", ".join(act.audience)


# -- reading -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signature:
    person: str
    person_name: str
    signed_on: dt.date


@dataclass(frozen=True)
class ActAcquaintance:
    """One act in force: its edition, its readers and their signatures (by person key)."""

    act: Act
    edition: Edition
    readers: list
    signatures: dict[str, Signature] = field(default_factory=dict)

    @property
    def required(self) -> int:
        return len(self.readers)

    @property
    def signed(self) -> int:
        return sum(1 for p in self.readers if person_key(p) in self.signatures)

    @property
    def missing(self) -> list:
        return [p for p in self.readers if person_key(p) not in self.signatures]

    def signature(self, person) -> Signature | None:
        return self.signatures.get(person_key(person))

    @property
    def share(self) -> float | None:
        return self.signed / self.required if self.required else None


@dataclass(frozen=True)
class Shares:
    """Per act in force, and the package: signatures of required readers over required readers."""

    acts: list[ActAcquaintance]

    @property
    def act_ids(self) -> set[str]:
        return {a.act.id for a in self.acts}

    @property
    def required(self) -> int:
        return sum(a.required for a in self.acts)

    @property
    def signed(self) -> int:
        return sum(a.signed for a in self.acts)

    @property
    def share(self) -> float | None:
        return self.signed / self.required if self.required else None


def share_text(share: float | None) -> str:
    """«75 %», «33,3 %», or «—» when nobody has to read."""
    if share is None:
        return "—"
    from ..russian.numbers import percent

    return percent(share * 100)


def _signatures(conn, org_id: int, act_id: str | None = None) -> dict[tuple[str, str], dict[str, Signature]]:
    a = act_acquaintance.c
    query = sa.select(a.act_id, a.edition, a.person, a.person_name, a.signed_on).where(a.org_id == org_id)
    if act_id is not None:
        query = query.where(a.act_id == act_id)
    out: dict[tuple[str, str], dict[str, Signature]] = {}
    for r in conn.execute(query):
        out.setdefault((r.act_id, r.edition), {})[r.person] = Signature(r.person, r.person_name, r.signed_on)
    return out


def _profile(org):
    profile = getattr(org, "profile", None) or (org if hasattr(org, "staff") else None)
    if profile is None:
        raise InputError("профиль организации с её штатным списком неизвестен: укажите --org PROFILE.yaml")
    return profile


def acquainted_shares(store: Store, org, catalogue: Catalogue, today: dt.date) -> Shares:
    """Every act in force on ``today`` that applies to ``org`` (an OrgRef with its profile), with its
    readers and the signatures made by ``today``; the package is all of them. What the coverage
    report shows (a справка dated in the past counts what was true then)."""
    profile = _profile(org)
    with store.reading() as conn:
        org_id = store.org_id(conn, org, create=False)
        rows = store.statuses_in(conn, org_id) if org_id is not None else {}
        signed = _signatures(conn, org_id) if org_id is not None else {}
    out = []
    for act in catalogue.applicable(org.levels):
        edition = edition_of(rows.get(act.id))
        if edition is not None and edition.date <= today:
            made = {k: s for k, s in signed.get((act.id, edition.key), {}).items() if s.signed_on <= today}
            out.append(ActAcquaintance(act, edition, readers(profile, act), made))
    return Shares(out)


def act_state(store: Store, org, catalogue: Catalogue, act_id: str) -> ActAcquaintance:
    """One act's acquaintance; an unknown act, one outside the school's levels or not in force is refused."""
    act = _applicable(catalogue, org, act_id)
    profile = _profile(org)
    with store.reading() as conn:
        org_id = store.org_id(conn, org, create=False)
        row = store.statuses_in(conn, org_id).get(act.id) if org_id is not None else None
        edition = _in_force(act, row)
        signed = _signatures(conn, org_id, act.id).get((act.id, edition.key), {})
    return ActAcquaintance(act, edition, readers(profile, act), signed)


def _applicable(catalogue: Catalogue, org, act_id: str) -> Act:
    act = catalogue.get(act_id)
    if not set(org.levels).intersection(act.levels):
        raise InputError(f"акт «{act.id}» относится к уровням {', '.join(act.levels)}, "
                         f"а у организации уровни: {', '.join(org.levels)}")
    return act


def _in_force(act: Act, row: StatusRow | None) -> Edition:
    edition = edition_of(row)
    if edition is None:
        now_status = lc.label(row.status if row else lc.NOT_STARTED)
        raise InputError(f"акт «{act.id}» не утверждён (статус «{now_status}»): с актом знакомят после его "
                         f"утверждения приказом — docgen acts set {act.id} утверждён --order НОМЕР --date ДАТА")
    return edition


def _genitive(person) -> str:
    from ..russian.names import decline_name

    try:
        return decline_name(person.full_name, person.gender, "gent")
    except Exception:  # noqa: BLE001 — a name the decliner does not know is shown as written
        return person.full_name


# -- writing -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """A signature to record: who (as given), the date, and where it came from (for messages)."""

    ref: str
    signed_on: dt.date
    where: str = ""  # «строка 7» of a sheet; empty for the command line

    def prefix(self) -> str:
        return f"{self.where}: " if self.where else ""


@dataclass(frozen=True)
class Recorded:
    act: ActAcquaintance  # after the write
    added: list  # people newly recorded
    again: list  # people already recorded with the same date


def find_reader(profile, act: Act, ref: str, prefix: str = ""):
    """The reader ``ref`` names (staff id or full name, as every data file names staff)."""
    found = profile.matches(ref)
    if not found:
        raise InputError(f"{prefix}«{ref}» нет в штатном списке профиля организации «{profile.short_name}»")
    if len(found) > 1:
        named = "; ".join(f"{p.full_name}, {p.position}" + (f", код «{p.id}»" if p.id else "") for p in found)
        raise InputError(f"{prefix}«{ref}» подходит нескольким сотрудникам ({named}) — укажите код (id) сотрудника")
    person = found[0]
    if person_key(person) not in {person_key(p) for p in readers(profile, act)}:
        raise InputError(f"{prefix}{person.full_name} ({person.position}) не входит в круг ознакомляемых с актом "
                         f"«{act.id}» ({audience_text(act)}); ознакомление записывается только для них")
    return person


def record(store: Store, catalogue: Catalogue, org, act_id: str, entries: list[Entry], *, who: str | None,
           today: dt.date, edition_check=None) -> Recorded:
    """Check every entry, then write them all in one transaction (or none). ``edition_check``
    (a sheet's) is called with the edition in force inside the transaction and may refuse."""
    from .service import current_user

    act = _applicable(catalogue, org, act_id)
    profile = _profile(org)
    people = []
    seen: dict[str, str] = {}
    for entry in entries:
        person = find_reader(profile, act, entry.ref, entry.prefix())
        key = person_key(person)
        if key in seen:
            raise InputError(f"{entry.prefix()}{person.full_name} уже указан(а){' в ' + seen[key] if seen[key] else ''}")
        seen[key] = entry.where
        if entry.signed_on > today:
            raise InputError(f"{entry.prefix()}дата ознакомления {entry.signed_on:%d.%m.%Y} ещё не наступила "
                             f"(сегодня {today:%d.%m.%Y})")
        people.append((entry, person, key))
    author = current_user(who)
    added, again = [], []
    with store.transaction() as conn:
        org_id = store.org_id(conn, org, lock=not store.is_sqlite)
        row = store.status_for_update(conn, org_id, act.id)
        edition = _in_force(act, row)
        if edition_check is not None:
            edition_check(edition)
        stored = _signatures(conn, org_id, act.id).get((act.id, edition.key), {})
        for entry, person, key in people:
            if entry.signed_on < edition.date:
                raise InputError(f"{entry.prefix()}дата ознакомления {entry.signed_on:%d.%m.%Y} раньше приказа об "
                                 f"утверждении акта ({edition.order_text}): знакомят с утверждённым актом")
            old = stored.get(key)
            if old is not None:
                if old.signed_on != entry.signed_on:
                    raise InputError(f"{entry.prefix()}ознакомление {_genitive(person)} с актом «{act.id}» уже записано: "
                                     f"{old.signed_on:%d.%m.%Y}; другая дата ({entry.signed_on:%d.%m.%Y}) не записана")
                again.append(person)
                continue
            conn.execute(sa.insert(act_acquaintance).values(
                org_id=org_id, act_id=act.id, edition=edition.key, person=key, person_name=person.full_name,
                signed_on=entry.signed_on, who=author, recorded_at=now()))
            stored = {**stored, key: Signature(key, person.full_name, entry.signed_on)}
            added.append(person)
    return Recorded(ActAcquaintance(act, edition, readers(profile, act), stored), added, again)
