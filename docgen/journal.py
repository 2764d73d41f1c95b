"""The journal of orders: registration numbers per organisation and calendar year.

A number is handed out in two steps, because rendering must not hold the database lock (a batch
renders on every core at once):

1. ``reserve`` — one short transaction (BEGIN IMMEDIATE on SQLite) decides the number and
   inserts a row with status ``reserved``: the next number of the organisation's year, the
   number the same input got before, or a number given by hand after checking it is free;
2. the document is written atomically (temporary file + rename);
3. ``complete`` — a second transaction marks the row ``complete`` with the file.

So after a crash at any point the journal never calls a document written that is not on disk,
and the unique constraints of the table make a duplicated number impossible. A ``reserved`` row
left by a killed run keeps its number for that input: the next run of the same input takes it
over (the numbers stay consecutive); meanwhile `docgen journal` shows it as «не сформирован».
When generation fails with an error, the row it created is removed again, so bad input changes
nothing.

The organisation is the one the registry knows (its short name from the profile); "the same
input" is the hash of the validated input without its number, together with the document type.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from .errors import InputError
from .registry.store import Store, database_errors, metadata, now, organizations, resolve_url

RESERVED = "reserved"
COMPLETE = "complete"
STATUS_LABELS = {RESERVED: "не сформирован", COMPLETE: "сформирован"}
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
    sa.UniqueConstraint("org_id", "year", "number", name="uq_order_journal_number"),
    sa.UniqueConstraint("org_id", "year", "seq", name="uq_order_journal_seq"),
    sa.Index("ix_order_journal_hash", "org_id", "year", "doc_type", "input_hash"),
)


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

    @property
    def state(self) -> str:
        """What the journal shows: a complete entry whose file was since removed says so."""
        if self.status == COMPLETE and self.file and not Path(self.file).exists():
            return "файл удалён"
        return STATUS_LABELS.get(self.status, self.status)


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


def input_hash(doc_type: str, data) -> str:
    """The identity of an input: its validated content without the number, canonically dumped."""
    try:
        payload = data.model_dump(mode="json", exclude={"number"})
    except Exception:  # noqa: BLE001 — a plugin model with exotic fields: fall back to their text
        payload = data.model_dump(mode="python", exclude={"number"})
    text = json.dumps({"type": doc_type, "data": payload}, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sequence_of(number_format: str, number: str) -> int | None:
    """The bare sequence number inside a formatted number («112-од» with «{n}-од» → 112)."""
    pattern = "^" + re.escape(number_format).replace(re.escape("{n}"), r"0*(\d+)") + "$"
    match = re.match(pattern, number.strip())
    return int(match.group(1)) if match else None


class Journal:
    """The journal in the registry's database. The database is opened on first use, so a command
    refusing bad input before it needs a number creates no database file."""

    def __init__(self, store: Store | str):
        if isinstance(store, Store):
            self.__dict__["store"] = store
            self.url = store.url
        else:
            self.url = store

    @classmethod
    def open(cls, db: str | None) -> "Journal":
        """--db, else DOCGEN_DB, else docgen.sqlite in the current folder — as the registry."""
        return cls(resolve_url(db))

    @cached_property
    def store(self) -> Store:
        return Store(self.url)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()

    # -- taking a number ----------------------------------------------------------------------

    def reserve(self, *, organization, doc_type: str, title: str, order_date: dt.date, digest: str,
                number: str | None = None, new_number: bool = False, replace: bool = False,
                file_for: Callable[[str], Path] | None = None) -> Reservation:
        """Decide the document's number in one transaction and record it as reserved."""
        with database_errors(self.store.url):
            for _attempt in range(_RETRIES):
                try:
                    with self.store.engine.begin() as conn:
                        return self._reserve(conn, organization, doc_type, title, order_date, digest, number,
                                             new_number, replace, file_for)
                except sa_exc.IntegrityError:
                    # Only a server database without BEGIN IMMEDIATE can race on max+1: try again.
                    continue
        raise InputError("не удалось получить номер приказа: журнал одновременно изменяют другие процессы, "
                         "повторите команду")

    def _reserve(self, conn, org, doc_type, title, order_date, digest, number, new_number, replace,
                 file_for) -> Reservation:
        org_id = Store.org_id(conn, org.short_name, org.full_name, list(org.levels))
        year = order_date.year
        j = order_journal.c
        mine = sa.and_(j.org_id == org_id, j.year == year)

        def reuse(row) -> Reservation:
            return Reservation(row.id, row.number, row.seq, False, digest, doc_type, title, order_date)

        if number is not None:
            seq = sequence_of(org.order_number_format, number)
            clash = sa.or_(j.number == number, j.seq == seq) if seq is not None else j.number == number
            row = conn.execute(sa.select(order_journal).where(mine, clash).with_for_update()).first()
            if row is not None:
                if (row.input_hash == digest and row.doc_type == doc_type) or replace:
                    return reuse(row)
                where = f" (файл {row.file})" if row.file else ""
                raise InputError(
                    f"поле «number» (регистрационный номер): номер {row.number} за {year} год уже присвоен в журнале "
                    f"приказов {org.short_name} другому документу — «{row.title}» от {row.order_date:%d.%m.%Y}{where}. "
                    "Укажите свободный номер или уберите поле number — номер будет присвоен по журналу; "
                    "исправленную редакцию того же приказа формируйте с параметром --replace")
            return self._insert(conn, org_id, year, seq, number, True, digest, doc_type, title, order_date, file_for)

        if not new_number:
            row = conn.execute(sa.select(order_journal)
                               .where(mine, j.doc_type == doc_type, j.input_hash == digest)
                               .order_by(j.id.desc()).limit(1)).first()
            if row is not None:
                return reuse(row)
        seq = (conn.execute(sa.select(sa.func.max(j.seq)).where(mine)).scalar() or 0) + 1
        while True:  # a hand number outside the sequence may already hold this text
            formatted = org.format_number(seq)
            taken = conn.execute(sa.select(j.id).where(mine, j.number == formatted)).first()
            if taken is None:
                break
            seq += 1
        return self._insert(conn, org_id, year, seq, formatted, False, digest, doc_type, title, order_date, file_for)

    @staticmethod
    def _insert(conn, org_id, year, seq, number, manual, digest, doc_type, title, order_date, file_for) -> Reservation:
        file = str(file_for(number)) if file_for else None
        result = conn.execute(sa.insert(order_journal).values(
            org_id=org_id, year=year, seq=seq, number=number, order_date=order_date, doc_type=doc_type, title=title,
            file=file, input_hash=digest, status=RESERVED, manual=manual, created_at=now()))
        return Reservation(result.inserted_primary_key[0], number, seq, True, digest, doc_type, title, order_date)

    def complete(self, reservation: Reservation, file: Path) -> None:
        """The document is on disk: record it (and, for a replaced edition, its new content)."""
        with self.store.transaction() as conn:
            conn.execute(sa.update(order_journal).where(order_journal.c.id == reservation.entry_id).values(
                status=COMPLETE, file=str(Path(file).resolve()), completed_at=now(),
                input_hash=reservation.input_hash, doc_type=reservation.doc_type, title=reservation.title,
                order_date=reservation.order_date))

    def release(self, reservation: Reservation) -> None:
        """Generation failed: give back a number this run took, so bad input changes nothing."""
        if not reservation.created:
            return
        with self.store.transaction() as conn:
            conn.execute(sa.delete(order_journal).where(order_journal.c.id == reservation.entry_id,
                                                        order_journal.c.status == RESERVED))

    # -- reading ------------------------------------------------------------------------------

    def entries(self, *, year: int | None = None, organization: str | None = None) -> list[Entry]:
        j, o = order_journal.c, organizations.c
        query = sa.select(order_journal, o.short_name).join(organizations, o.id == j.org_id)
        if year is not None:
            query = query.where(j.year == year)
        if organization is not None:
            query = query.where(o.short_name == organization)
        query = query.order_by(o.short_name, j.year, sa.case((j.seq.is_(None), 1), else_=0), j.seq, j.number)
        with self.store.transaction() as conn:
            return [Entry(r.id, r.short_name, r.year, r.seq, r.number, r.order_date, r.doc_type, r.title, r.file,
                          r.status, bool(r.manual), r.created_at, r.completed_at) for r in conn.execute(query)]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries())
