"""The journal of orders: registration numbers per organisation and calendar year.

A number is handed out in two steps, because rendering must not hold the database lock (a batch
renders on every core at once):

1. ``reserve`` (``reserve_all`` for a batch's chunk) — one short transaction (BEGIN IMMEDIATE on
   SQLite) decides the number and inserts a row with status ``reserved``: the next number of the
   organisation's year, the number the same input got before, or a number given by hand after
   checking it is free;
2. the document is written atomically (temporary file + rename);
3. ``complete_all`` — a second transaction marks the rows ``complete`` with their files.

So after a crash at any point the journal never calls a document written that is not on disk,
and the unique constraints of the table make a duplicated number impossible. A ``reserved`` row
left by a killed run keeps its number for that input: the next run of the same input takes it
over (the numbers stay consecutive); meanwhile `docgen journal` shows it as «не сформирован».
When generation fails with an error, the row it created is removed again, so bad input changes
nothing. A number can be annulled (`docgen journal void`): the row stays, «аннулирован» with the
reason, who and when, and its number is never given again — neither to the next order nor to a
rerun of the same input.

The row also records the document's file, chosen by docgen.placement so that no document ever
replaces another's file.

The organisation is the one the registry knows (its short name from the profile); "the same
input" is the hash of the validated input without its number, together with the document type.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy import exc as sa_exc

from .errors import InputError, OutputError
from .placement import Placement, choose
from .registry.store import Store, database_errors, metadata, now, org_key, organizations, resolve_url

RESERVED = "reserved"
COMPLETE = "complete"
VOID = "void"
STATUS_LABELS = {RESERVED: "не сформирован", COMPLETE: "сформирован", VOID: "аннулирован"}
_RETRIES = 8

# One row per registration number of an organisation's calendar year; the unique constraints make
# a duplicated number impossible whatever the writers do. The store creates the table (schema
# version 2) when it opens a database, beside the registry's tables.
order_journal = sa.Table(
    "order_journal", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    # the bare sequence number; NULL for a hand-given number that does not follow the format
    sa.Column("seq", sa.Integer),
    sa.Column("number", sa.String(100), nullable=False),
    sa.Column("order_date", sa.Date, nullable=False),
    sa.Column("doc_type", sa.String(100), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("file", sa.Text),
    sa.Column("input_hash", sa.String(64), nullable=False),
    # "reserved": the number is taken, the document not (yet) written; "complete": the file exists
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("manual", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("completed_at", sa.DateTime),
    # an annulled number (schema version 3): why, who annulled it and when
    sa.Column("void_reason", sa.Text),
    sa.Column("voided_by", sa.String(200)),
    sa.Column("voided_at", sa.DateTime),
    sa.UniqueConstraint("org_id", "year", "number", name="uq_order_journal_number"),
    sa.UniqueConstraint("org_id", "year", "seq", name="uq_order_journal_seq"),
    sa.Index("ix_order_journal_hash", "org_id", "year", "doc_type", "input_hash"),
    # docgen.placement asks which entry holds a file, and whether a folder holds another school's
    # files (a range of paths): without it each document scanned the whole journal (schema version 4)
    sa.Index("ix_order_journal_file", "file", "org_id"),
)


# The statements a batch runs for every document, built once: building and keying a statement
# costs SQLAlchemy more than running it on an indexed table.
_j = order_journal.c
_SAME_INPUTS = (sa.select(order_journal)
                .where(_j.org_id == sa.bindparam("org"), _j.year == sa.bindparam("year"),
                       _j.doc_type == sa.bindparam("kind"), _j.input_hash.in_(sa.bindparam("digests", expanding=True)),
                       _j.status != VOID)
                .order_by(_j.id))
_NUMBER_HELD = sa.select(_j.id).where(_j.org_id == sa.bindparam("org"), _j.year == sa.bindparam("year"),
                                      _j.number == sa.bindparam("number"))
_INSERT = sa.insert(order_journal)


@dataclass(frozen=True)
class Entry:
    id: int
    organization: str
    year: int
    seq: int | None
    number: str
    order_date: dt.date
    doc_type: str
    title: str
    file: str | None
    status: str
    manual: bool
    created_at: dt.datetime
    completed_at: dt.datetime | None
    void_reason: str | None = None
    voided_by: str | None = None
    voided_at: dt.datetime | None = None

    @property
    def state(self) -> str:
        """What the journal shows: a complete entry whose file was since removed says so; an
        annulled one says why, who and when."""
        if self.status == VOID:
            when = f"{self.voided_at:%d.%m.%Y %H:%M}" if self.voided_at else ""
            who = ", ".join(x for x in (self.voided_by, when) if x)
            return f"аннулирован: {self.void_reason}" + (f" ({who})" if who else "")
        if self.status == COMPLETE and self.file and not Path(self.file).exists():
            return "файл удалён"
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class Request:
    """What ``reserve`` is asked for one document (see its parameters)."""

    organization: object
    doc_type: str
    title: str
    order_date: dt.date
    digest: str
    number: str | None = None
    new_number: bool = False
    replace: bool = False
    placement: Placement | None = None


@dataclass(frozen=True)
class Reservation:
    """A number taken for one document; ``created`` says whether this run inserted the row
    (and must remove it again if the document cannot be written)."""

    entry_id: int
    number: str
    seq: int | None
    created: bool
    input_hash: str
    doc_type: str
    title: str
    order_date: dt.date
    file: Path | None = None
    manual: bool = False


def input_hash(doc_type: str, data) -> str:
    """The identity of an input: its validated content without the number, canonically dumped.
    The organisation (a whole staff list) is dumped once per profile and spliced into the text
    where ``json.dumps`` would put it, so the digest is the one every earlier version wrote."""
    org = getattr(data, "organization", None)
    exclude = {"number", "organization"} if isinstance(org, BaseModel) else {"number"}
    try:
        payload = data.model_dump(mode="json", exclude=exclude)
    except Exception:  # noqa: BLE001 — a plugin model with exotic fields: fall back to their text
        payload = data.model_dump(mode="python", exclude=exclude)
    if "organization" in exclude:
        payload["organization"] = _ORG_MARK
    text = json.dumps({"type": doc_type, "data": payload}, ensure_ascii=False, sort_keys=True, default=str)
    if "organization" in exclude:
        text = text.replace(json.dumps(_ORG_MARK), profile_json(org), 1)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_ORG_MARK = "\x00organization\x00"  # no validated text holds a NUL (docgen.cleaning removes it)
_ORG_TEXTS: dict[int, tuple] = {}  # id → (weak reference, its JSON text), a few profiles at a time


def profile_json(org) -> str:
    """``org`` as it stands inside the dump of a document that holds it (and as the store keeps
    it beside the organisation's row)."""
    import weakref

    kept = _ORG_TEXTS.get(id(org))
    if kept is not None and kept[0]() is org:
        return kept[1]
    try:
        payload = org.model_dump(mode="json")
    except Exception:  # noqa: BLE001 — as above
        payload = org.model_dump(mode="python")
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    if len(_ORG_TEXTS) >= 32:
        _ORG_TEXTS.clear()
    _ORG_TEXTS[id(org)] = (weakref.ref(org), text)
    return text


def sequence_of(number_format: str, number: str) -> int | None:
    """The bare sequence number inside a formatted number («112-од» with «{n}-од» → 112)."""
    pattern = "^" + re.escape(number_format).replace(re.escape("{n}"), r"0*(\d+)") + "$"
    match = re.match(pattern, number.strip())
    return int(match.group(1)) if match else None


class Journal:
    """The journal in the registry's database. The database is opened on first use, so a command
    refusing bad input before it needs a number creates no database file.

    Opened with ``open`` and no --db or DOCGEN_DB, the journal follows the school: ``locate``
    (called with the profile of the document's organisation) picks the store its settings name
    — see docgen.settings.database — so one worker can number several schools' documents."""

    def __init__(self, store: Store | str, *, option: str | None = None, movable: bool = False,
                 announce: bool = True, also=None):
        self._stores: dict[str, Store] = {}
        # ``also(conn, written)``: a caller's own record of the documents (the site's answers),
        # written in the transaction that completes them — one commit, not two. It runs in a
        # savepoint: whatever it fails on, the documents are still recorded as made.
        self._also = also
        self._option, self._movable, self._announce = option, movable, announce
        if isinstance(store, Store):
            self._stores[store.url] = store
            self.url = store.url
        else:
            self.url = store

    @classmethod
    def open(cls, db: str | None, *, profile: Path | None = None, announce: bool = True) -> "Journal":
        """--db, else DOCGEN_DB, else the school's docgen.yaml or the user's data folder."""
        from .settings import load_settings

        fixed = db is not None or load_settings().source("db") == "DOCGEN_DB"
        return cls(resolve_url(db, profile=profile), option=db, movable=not fixed, announce=announce)

    def locate(self, profile: Path | None) -> None:
        """Follow the school whose profile is ``profile`` (nothing to do under --db or DOCGEN_DB)."""
        if self._movable and profile is not None:
            self.url = resolve_url(self._option, profile=profile)

    @property
    def store(self) -> Store:
        if self.url not in self._stores:
            self._stores[self.url] = Store(self.url, announce=self._announce)
        return self._stores[self.url]

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        self._stores.clear()

    # -- taking a number ----------------------------------------------------------------------

    def reserve(self, *, organization, doc_type: str, title: str, order_date: dt.date, digest: str,
                number: str | None = None, new_number: bool = False, replace: bool = False,
                placement: Placement | None = None) -> Reservation:
        """Decide the document's number in one transaction and record it as reserved."""
        taken = self.reserve_all([Request(organization, doc_type, title, order_date, digest, number, new_number,
                                          replace, placement)])[0]
        if isinstance(taken, Exception):
            raise taken
        return taken

    def reserve_all(self, requests: list["Request"], *,
                    giving_back: list[Reservation] = ()) -> list["Reservation | InputError | OutputError"]:
        """Numbers for several documents in one transaction — a batch's chunk, so the cost of a
        commit (a sync of the database file) is paid once per chunk, not per document. In the order
        given, each as ``reserve`` would decide it alone: a request refused (a hand-given number
        taken by another order) gets its error and changes nothing, the others get their numbers.

        ``giving_back`` — reservations of this run whose documents were not written (one failed):
        they are released in the same transaction, and their sequence numbers, smallest first, go
        to the new numbers asked for, so a failure in a chunk leaves no hole between the numbers
        another process took meanwhile."""
        with database_errors(self.store.url):
            for _attempt in range(_RETRIES):
                try:
                    with self.store.engine.begin() as conn:
                        freed = self._release(conn, giving_back)
                        known: dict = {}  # what this transaction looked up once: organisations, school folders
                        self._same_inputs(conn, requests, known)
                        taken: list = []
                        for r in requests:
                            try:
                                taken.append(self._reserve(conn, r.organization, r.doc_type, r.title, r.order_date,
                                                           r.digest, r.number, r.new_number, r.replace, r.placement,
                                                           known, freed))
                            except (InputError, OutputError) as exc:  # raised before this request wrote anything
                                taken.append(exc)
                        return taken
                except sa_exc.IntegrityError:
                    # Only a server database without BEGIN IMMEDIATE can race on max+1: try again.
                    continue
        raise InputError("не удалось получить номер приказа: журнал одновременно изменяют другие процессы, "
                         "повторите команду")

    @staticmethod
    def _org_id(conn, org, known: dict) -> int:
        key = ("organization", org_key(org))
        if key not in known:  # one look-up per school and transaction, which locks its row on a server
            known[key] = Store.org_id(conn, org, lock=conn.dialect.name != "sqlite")
        return known[key]

    def _same_inputs(self, conn, requests: list["Request"], known: dict) -> None:
        """The entries the chunk's inputs got before, in one query per school, year and type (the
        latest of each input: a renumbered edition replaces its predecessor)."""
        groups: dict[tuple, set[str]] = {}
        for r in requests:
            if r.number is None and not r.new_number:
                key = (self._org_id(conn, r.organization, known), r.order_date.year, r.doc_type)
                groups.setdefault(key, set()).add(r.digest)
        for (org_id, year, kind), digests in groups.items():
            found: dict = {}
            for row in conn.execute(_SAME_INPUTS, {"org": org_id, "year": year, "kind": kind,
                                                   "digests": sorted(digests)}):
                found[row.input_hash] = row  # ordered by id: the latest wins
            known[("same", org_id, year, kind)] = found

    def _reserve(self, conn, org, doc_type, title, order_date, digest, number, new_number, replace,
                 placement, known: dict, freed: list[int]) -> Reservation:
        org_id = self._org_id(conn, org, known)
        year = order_date.year
        same = known.get(("same", org_id, year, doc_type))  # prefetched by _same_inputs
        j = order_journal.c
        mine = sa.and_(j.org_id == org_id, j.year == year)

        def place(number: str, own=None) -> Path | None:
            if placement is None:
                return None
            return choose(conn, order_journal, placement, number, org_id=org_id, folders=known,
                          own_id=own.id if own is not None else None, own_file=own.file if own is not None else None)

        following = ("next", org_id, year)  # the sequence's next number, looked up once per transaction

        def taken_seq(seq: int | None) -> None:
            if seq is not None and following in known:
                known[following] = max(known[following], seq + 1)

        def reuse(row) -> Reservation:
            file = place(row.number, row)
            if row.status == RESERVED and file is not None:  # claim the name now, for concurrent runs
                conn.execute(sa.update(order_journal).where(j.id == row.id).values(file=str(file)))
            return Reservation(row.id, row.number, row.seq, False, digest, doc_type, title, order_date, file)

        if number is not None:
            seq = sequence_of(org.order_number_format, number)
            clash = sa.or_(j.number == number, j.seq == seq) if seq is not None else j.number == number
            row = conn.execute(sa.select(order_journal).where(mine, clash).with_for_update()).first()
            if row is not None and row.status == VOID:
                raise InputError(
                    f"поле «number» (регистрационный номер): номер {row.number} за {year} год в журнале приказов "
                    f"{org.short_name} аннулирован ({row.void_reason}) и повторно не присваивается. "
                    "Укажите свободный номер или уберите поле number — номер будет присвоен по журналу")
            if row is not None:
                if (row.input_hash == digest and row.doc_type == doc_type) or replace:
                    return reuse(row)
                where = f" (файл {row.file})" if row.file else ""
                raise InputError(
                    f"поле «number» (регистрационный номер): номер {row.number} за {year} год уже присвоен в журнале "
                    f"приказов {org.short_name} другому документу — «{row.title}» от {row.order_date:%d.%m.%Y}{where}. "
                    "Укажите свободный номер или уберите поле number — номер будет присвоен по журналу; "
                    "исправленную редакцию того же приказа формируйте с параметром --replace")
            taken_seq(seq)
            return self._inserted(same, self._insert(conn, org_id, year, seq, number, True, digest, doc_type, title,
                                                     order_date, place(number)))

        if not new_number:
            row = same.get(digest)  # every such request's group was fetched by _same_inputs
            if row is not None:
                return reuse(row)
        if freed:
            seq = freed.pop(0)
        else:
            if following not in known:
                known[following] = (conn.execute(sa.select(sa.func.max(j.seq)).where(mine)).scalar() or 0) + 1
            seq = known[following]
        while True:  # a hand number outside the sequence may already hold this text
            formatted = org.format_number(seq)
            taken = conn.execute(_NUMBER_HELD, {"org": org_id, "year": year, "number": formatted}).first()
            if taken is None:
                break
            seq += 1
        taken_seq(seq)
        return self._inserted(same, self._insert(conn, org_id, year, seq, formatted, False, digest, doc_type, title,
                                                 order_date, place(formatted)))

    @staticmethod
    def _inserted(same: dict | None, taken: Reservation) -> Reservation:
        """A later input of the chunk equal to this one finds this entry, as a query would."""
        if same is not None:
            same[taken.input_hash] = SimpleNamespace(
                id=taken.entry_id, number=taken.number, seq=taken.seq, status=RESERVED,
                file=str(taken.file) if taken.file is not None else None)
        return taken

    @staticmethod
    def _insert(conn, org_id, year, seq, number, manual, digest, doc_type, title, order_date, file) -> Reservation:
        result = conn.execute(_INSERT, dict(
            org_id=org_id, year=year, seq=seq, number=number, order_date=order_date, doc_type=doc_type, title=title,
            file=str(file) if file is not None else None, input_hash=digest, status=RESERVED, manual=manual,
            created_at=now()))
        return Reservation(result.inserted_primary_key[0], number, seq, True, digest, doc_type, title, order_date,
                           file, manual)

    def complete_all(self, written: list[tuple[Reservation, Path]]) -> None:
        """The documents are on disk: record them (and, for a replaced edition, its new content),
        in one transaction."""
        if not written:
            return
        j = order_journal.c
        statement = (sa.update(order_journal).where(j.id == sa.bindparam("entry"), j.status != VOID)
                     .values(status=COMPLETE, file=sa.bindparam("path"), completed_at=sa.bindparam("at"),
                             input_hash=sa.bindparam("digest"), doc_type=sa.bindparam("kind"),
                             title=sa.bindparam("name"), order_date=sa.bindparam("day")))
        at = now()
        with self.store.transaction() as conn:
            conn.execute(statement, [{"entry": r.entry_id, "path": str(Path(file).resolve()), "at": at,
                                      "digest": r.input_hash, "kind": r.doc_type, "name": r.title,
                                      "day": r.order_date} for r, file in written])
            if self._also is not None:
                try:
                    with conn.begin_nested():
                        self._also(conn, written)
                except Exception as exc:  # noqa: BLE001 — the journal's record must not depend on it
                    print(f"docgen: ответы документа не сохранены: {exc}", file=sys.stderr, flush=True)

    def release_all(self, reservations: list[Reservation]) -> None:
        """Generation failed or was interrupted: give back the numbers this run took, in one
        transaction, so bad input changes nothing."""
        if any(r.created for r in reservations):
            with self.store.transaction() as conn:
                self._release(conn, reservations)

    @staticmethod
    def _release(conn, reservations) -> list[int]:
        """Remove the entries this run created; their sequence numbers (not hand-given), ascending."""
        mine = [r for r in reservations if r.created]
        if mine:
            conn.execute(sa.delete(order_journal).where(order_journal.c.id.in_([r.entry_id for r in mine]),
                                                        order_journal.c.status == RESERVED))
        return sorted(r.seq for r in mine if not r.manual and r.seq is not None)

    def void(self, number: str, *, year: int, reason: str, who: str, organization: str | None = None) -> Entry:
        """Annul ``number`` of ``year``: the row stays, marked «аннулирован» with the reason, who and
        when; its number is never given again. ``organization`` (a short name) may be omitted when
        only one organisation of the journal has that number; given, it is the organisation's key
        (Organization.registry_key)."""
        reason = reason.strip()
        if not reason:
            raise InputError("параметр --reason: укажите причину аннулирования номера")
        j, o = order_journal.c, organizations.c
        with self.store.transaction() as conn:
            query = (sa.select(order_journal.c.id, j.status, j.void_reason, o.short_name, o.code)
                     .join(organizations, o.id == j.org_id).where(j.year == year, j.number == number.strip()))
            if organization is not None:
                query = query.where(o.code == organization)
            rows = conn.execute(query).all()
            whose = f" организации {organization}" if organization else ""
            if not rows:
                raise InputError(f"номера {number} за {year} год в журнале приказов{whose} нет; "
                                 "список номеров — docgen journal --year " + str(year))
            if len(rows) > 1:
                names = ", ".join(sorted(r.short_name for r in rows))
                raise InputError(f"номер {number} за {year} год есть в журналах нескольких организаций ({names}); "
                                 "укажите организацию: --org ПРОФИЛЬ")
            row = rows[0]
            if row.status == VOID:
                raise InputError(f"номер {number} за {year} год ({row.short_name}) уже аннулирован: {row.void_reason}")
            conn.execute(sa.update(order_journal).where(j.id == row.id).values(
                status=VOID, void_reason=reason, voided_by=who, voided_at=now()))
        return next(e for e in self.entries(year=year, organization=row.code) if e.id == row.id)

    # -- reading ------------------------------------------------------------------------------

    def entries(self, *, year: int | None = None, organization: str | None = None) -> list[Entry]:
        j, o = order_journal.c, organizations.c
        query = sa.select(order_journal, o.short_name).join(organizations, o.id == j.org_id)
        if year is not None:
            query = query.where(j.year == year)
        if organization is not None:
            query = query.where(o.code == organization)
        query = query.order_by(o.short_name, j.year, sa.case((j.seq.is_(None), 1), else_=0), j.seq, j.number)
        with self.store.transaction() as conn:
            return [Entry(r.id, r.short_name, r.year, r.seq, r.number, r.order_date, r.doc_type, r.title, r.file,
                          r.status, bool(r.manual), r.created_at, r.completed_at, r.void_reason, r.voided_by,
                          r.voided_at) for r in conn.execute(query)]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries())
