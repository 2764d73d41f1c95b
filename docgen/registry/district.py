"""Coverage across a district: many organisations' profiles, one store, a ranking and the
district's overall share.

Decisions:

* **Overall share** — the sum of approved acts over the sum of required acts of all the
  organisations (a pooled share), not the mean of their shares: a small school with three
  applicable acts must not weigh as much as a large one with ten. Exact Decimal, half-up.
* **Ranking** — by the exact ratio approved/required (a Fraction), highest first; equal ratios
  share a place and the next place is skipped (1, 1, 3), as in competition rankings. Ranking by
  the exact ratio rather than the rounded percentage keeps the order honest when two shares
  differ only beyond the first decimal. An organisation with no applicable required act has a
  share of 0 and ranks by it.
* **Profiles** — each path is a profile file, or a folder whose *.yaml/*.yml files are all
  profiles. The same organisation (its key: ИНН, code or short name) given twice is an error: it
  would be counted twice in the district's total. Given no profiles, the district is every
  organisation of its database, read from the profiles the store keeps beside them.
* **Stores** — one store for the whole district, or a folder of stores (each school keeps its
  own `docgen.sqlite` and sends it to the district): every *.sqlite/*.sqlite3/*.db file in the
  folder is read. An organisation found in two of them is an error (which one is current?); one
  found in none has no statuses yet — nothing approved — and is ranked as such, not dropped.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import sqlalchemy as sa

from ..errors import InputError
from ..russian.numbers import percent, share
from .catalogue import Catalogue
from .coverage import DRAFT_STATUSES, Coverage, Reached, compute
from .service import OrgRef, load_org
from .store import StatusRow, Store, act_history, act_status, organizations


@dataclass(frozen=True)
class Entry:
    place: int
    profile: Path
    coverage: Coverage

    def as_json(self) -> dict:
        c = self.coverage
        return {"place": self.place, "organization": c.organization, "profile": str(self.profile),
                "required": c.required.total, "approved": c.required.done, "share": str(c.required.share)}


@dataclass(frozen=True)
class District:
    today: dt.date
    entries: list[Entry]

    @property
    def required(self) -> int:
        return sum(e.coverage.required.total for e in self.entries)

    @property
    def approved(self) -> int:
        return sum(e.coverage.required.done for e in self.entries)

    @property
    def share(self) -> Decimal:
        return share(self.approved, self.required)

    @property
    def share_text(self) -> str:
        return percent(self.share)

    def as_json(self) -> dict:
        return {"today": self.today.isoformat(), "organizations": [e.as_json() for e in self.entries],
                "required": self.required, "approved": self.approved, "share": str(self.share),
                "share_text": self.share_text}


def profile_files(paths: list[Path]) -> list[Path]:
    """Profile files from files and folders, each once, in the order given (a folder sorted)."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise InputError("в папке нет профилей организаций (*.yaml)", file=path)
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("нет такого файла или папки", file=path)
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


def load_orgs(paths: list[Path]) -> list[tuple[Path, OrgRef]]:
    """Every profile validated before the store is opened, so a bad one changes nothing."""
    orgs: list[tuple[Path, OrgRef]] = []
    seen: dict[str, Path] = {}
    for f in profile_files(paths):
        org = load_org(f)
        if org.key in seen:
            raise InputError(f"организация «{org.short_name}» уже описана в профиле {seen[org.key]}; "
                             "в районной сводке каждая организация учитывается один раз", file=f)
        seen[org.key] = f
        orgs.append((f, org))
    return orgs


def rank(items: list[tuple[Path, Coverage]]) -> list[Entry]:
    def ratio(c: Coverage) -> Fraction:
        return Fraction(c.required.done, c.required.total) if c.required.total else Fraction(0)

    ordered = sorted(items, key=lambda item: (-ratio(item[1]), item[1].organization.casefold()))
    entries: list[Entry] = []
    for index, (path, cov) in enumerate(ordered):
        if entries and ratio(entries[-1].coverage) == ratio(cov):
            place = entries[-1].place
        else:
            place = index + 1
        entries.append(Entry(place, path, cov))
    return entries


def district_coverage(store: Store, catalogue: Catalogue, orgs: list[tuple[Path, OrgRef]], today: dt.date) -> District:
    """Every organisation's statuses, and the statuses its acts ever reached, read in one
    transaction by three queries (per 500 organisations): two transactions and four queries per
    organisation were most of the time over a region's thousand schools
    (benchmarks/bench_region.py), and a server pays a round trip for each."""
    with store.transaction() as conn:
        ids = _org_ids(conn, [org for _, org in orgs])
        rows, reached = _statuses(conn, ids), _reached(conn, ids)
    items = [(path, compute(catalogue, org, rows.get(org_id, {}), reached.get(org_id, []), today, org.teachers))
             for (path, org), org_id in zip(orgs, ids)]
    return District(today, rank(items))


_CHUNK = 500  # organisations per IN (…): far below any engine's limit of bound parameters


def _org_ids(conn, orgs: list[OrgRef]) -> list[int | None]:
    """The row of each organisation (None: not in the store yet), found as ``Store.org_id`` finds
    it: by key in one query for all; one not found so (a store from before keys) by its names."""
    by_key = dict(conn.execute(sa.select(organizations.c.code, organizations.c.id)).all())
    return [by_key[org.key] if org.key in by_key else Store.org_id(conn, org, create=False) for org in orgs]


def _chunks(ids: list[int | None]) -> list[list[int]]:
    known = sorted({i for i in ids if i is not None})
    return [known[i:i + _CHUNK] for i in range(0, len(known), _CHUNK)]


def _statuses(conn, ids: list[int | None]) -> dict[int, dict[str, StatusRow]]:
    a = act_status.c
    columns = (a.act_id, a.status, a.order_number, a.order_date, a.published_at, a.note, a.responsible, a.updated_at)
    found: dict[int, dict[str, StatusRow]] = {}
    for chunk in _chunks(ids):
        for org_id, *values in conn.execute(sa.select(a.org_id, *columns).where(a.org_id.in_(chunk))):
            found.setdefault(org_id, {})[values[0]] = StatusRow(*values)
    return found


def _reached(conn, ids: list[int | None]) -> dict[int, list[Reached]]:
    """The statuses of the drafts-posted share each organisation's acts ever reached: a few
    distinct pairs per act instead of every change (reading a region's whole history was half
    the time left after the per-organisation queries were gone)."""
    h = act_history.c
    found: dict[int, list[Reached]] = {}
    for chunk in _chunks(ids):
        query = (sa.select(h.org_id, h.act_id, h.to_status).distinct()
                 .where(h.org_id.in_(chunk), h.to_status.in_(DRAFT_STATUSES)))
        for org_id, act_id, to_status in conn.execute(query):
            found.setdefault(org_id, []).append(Reached(act_id, to_status))
    return found


NO_ORGANISATIONS = ("в базе данных нет ни одной организации — перечислите профили организаций района "
                    "(или папки с ними), например: docgen coverage --district школы/")


def stored_orgs(store: Store) -> list[tuple[Path, OrgRef]]:
    """Every organisation of a district's database, as its stored profile describes it (the
    profile it was last used with). ``Path`` is where it came from: the database."""
    from ..models import Organization

    orgs = []
    for row in store.organizations():
        if row["profile"] is None:  # a store made before profiles were kept: what its row knows
            org = OrgRef(row["short_name"], row["full_name"], [x for x in (row["levels"] or "").split(",") if x])
        else:
            profile = Organization.model_validate_json(row["profile"])
            teachers = ((profile.teachers_involved, profile.teachers_total)
                        if profile.teachers_total is not None else None)
            org = OrgRef(profile.short_name, profile.full_name, list(profile.levels), teachers, profile)
        orgs.append((Path(store.where), org))
    if not orgs:
        raise InputError(NO_ORGANISATIONS, file=store.where)
    return orgs


STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def store_files(folder: Path) -> list[Path]:
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in STORE_SUFFIXES)
    if not files:
        raise InputError(f"в папке нет баз данных реестра ({', '.join('*' + s for s in STORE_SUFFIXES)})", file=folder)
    return files


def _organizations_in(path: Path) -> set[str]:
    """Keys of the organisations a store file holds, read without changing the file (a store made
    before organisations had keys knows them by short name)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            columns = {row[1] for row in conn.execute("pragma table_info(organizations)")}
            key = "code" if "code" in columns else "short_name"
            return {row[0] for row in conn.execute(f"select {key} from organizations")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"это не база данных реестра docgen ({exc})", file=path) from None


def district_coverage_from_folder(folder: Path, catalogue: Catalogue, orgs: list[tuple[Path, OrgRef]],
                                  today: dt.date) -> District:
    """Coverage over a folder of stores: each organisation read from the one store that has it."""
    from .store import resolve_url

    holders: dict[str, list[Path]] = {}
    for path in store_files(folder):
        for name in _organizations_in(path):
            holders.setdefault(name, []).append(path)
    items = []
    for profile, org in orgs:
        found = holders.get(org.key, []) or holders.get(org.short_name, [])
        if len(found) > 1:
            raise InputError(f"организация «{org.short_name}» есть в нескольких базах: "
                             f"{', '.join(p.name for p in found)}; оставьте в папке одну, актуальную", file=folder)
        rows, history = {}, []
        if found:
            store = Store(resolve_url(str(found[0])))
            try:
                rows, history = store.statuses(org), store.history(org)
            finally:
                store.close()
        items.append((profile, compute(catalogue, org, rows, history, today, org.teachers)))
    return District(today, rank(items))
