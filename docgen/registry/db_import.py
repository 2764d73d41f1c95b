"""`docgen db import`: the stores of a district's schools, one SQLite file each, into one database.

All or nothing: every source is read first (from a private copy, upgraded there, so a school's
file is never changed), then everything is written in one transaction of the target. An
organisation already in the target is skipped when it holds exactly what the source holds (an
import run twice changes nothing) and refused when it holds anything else — which of the two
is current is for a person to decide, not for the import. The same organisation in two sources
is refused for the same reason.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from ..errors import InputError
from .district import store_files
from .store import Store, act_history, act_status, organizations, resolve_url

_ORG_COLUMNS = ("code", "short_name", "full_name", "levels", "created_at", "profile", "profile_digest")
_STATUS_COLUMNS = ("act_id", "status", "order_number", "order_date", "published_at", "note", "responsible", "updated_at")
_HISTORY_COLUMNS = ("act_id", "changed_at", "who", "from_status", "to_status", "order_number", "order_date",
                    "published_at", "note", "responsible")
_JOURNAL_COLUMNS = ("year", "seq", "number", "order_date", "doc_type", "title", "file", "input_hash", "status",
                    "manual", "created_at", "completed_at", "void_reason", "voided_by", "voided_at")
_STEP_COLUMNS = ("act_id", "edition", "step", "held_on", "number", "place", "note", "who", "recorded_at")
_SIGNATURE_COLUMNS = ("act_id", "edition", "person", "person_name", "signed_on", "who", "recorded_at")
_INDICATOR_COLUMNS = ("indicator", "period", "value", "who", "recorded_at")
_DRAFT_COLUMNS = ("doc_type", "data", "author", "created_at", "updated_at", "status", "number", "file")


def _tables() -> tuple[tuple[sa.Table, tuple[str, ...], str], ...]:
    """Every table whose rows belong to one organisation, as the import carries them (their ids
    dropped, ``org_id`` given anew), with what the messages call their rows. A table added to the
    store is added here, or a district's database would silently lose it."""
    from ..journal import order_journal
    from ..web.tables import web_drafts
    from .act_tables import act_acquaintance, act_steps, indicator_values

    return ((act_status, _STATUS_COLUMNS, "актов"), (act_history, _HISTORY_COLUMNS, "записей истории"),
            (order_journal, _JOURNAL_COLUMNS, "приказов"), (act_steps, _STEP_COLUMNS, "этапов принятия актов"),
            (act_acquaintance, _SIGNATURE_COLUMNS, "подписей об ознакомлении"),
            (indicator_values, _INDICATOR_COLUMNS, "значений показателей"),
            (web_drafts, _DRAFT_COLUMNS, "черновиков и ответов сайта"))


ALWAYS_COUNTED = 3  # acts, history and orders are named even when none: what a district expects to see


@dataclass
class Organisation:
    """One organisation's rows as a source holds them, without the source's ids: per table (see
    ``_tables``), in the table's order."""

    source: Path
    row: dict
    rows: dict[str, list[tuple]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.row["code"]

    @property
    def name(self) -> str:
        return self.row["short_name"]

    def content(self) -> dict[str, list]:
        return {name: sorted(rows, key=repr) for name, rows in self.rows.items()}

    def counts(self) -> str:
        """«актов: 22, записей истории: 22, приказов: 2» and any other table that has rows."""
        return counted([[len(self.rows.get(t.name, ())) for t, _, _ in _tables()]])


def counted(per_org: list[list[int]]) -> str:
    sums = [sum(column) for column in zip(*per_org)] if per_org else [0] * len(_tables())
    return ", ".join(f"{words}: {n}" for i, ((_, _, words), n) in enumerate(zip(_tables(), sums))
                     if i < ALWAYS_COUNTED or n)


@dataclass
class Imported:
    added: list[Organisation]
    unchanged: list[Organisation]

    @property
    def counts(self) -> str:
        return counted([[len(o.rows.get(t.name, ())) for t, _, _ in _tables()] for o in self.added])


def sources(paths: list[Path]) -> list[Path]:
    """Store files from files and folders (a folder: its *.sqlite, *.sqlite3, *.db), each once."""
    found: dict[Path, Path] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = store_files(path)
        elif path.is_file():
            files = [path]
        else:
            raise InputError("нет такого файла или папки", file=path)
        for f in files:
            found.setdefault(f.resolve(), f)
    return list(found.values())


def read_source(path: Path) -> list[Organisation]:
    """A school's store, read from a copy (an old one upgraded in the copy, never in place)."""
    with tempfile.TemporaryDirectory(prefix="docgen-import-") as tmp:
        copy = Path(tmp) / "store.sqlite"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise InputError(f"не удаётся прочитать файл: {exc.strerror or exc}", file=path) from None
        try:
            store = Store(resolve_url(str(copy)), announce=False, create=False)
        except InputError as exc:
            raise InputError(str(exc), file=path) from None
        try:
            with store.transaction() as conn:
                found = []
                for org in conn.execute(sa.select(organizations).order_by(organizations.c.id)).mappings():
                    found.append(Organisation(path, {c: org[c] for c in _ORG_COLUMNS}, _held(conn, org["id"])))
                return found
        finally:
            store.close()


def _held(conn: sa.Connection, org_id: int) -> dict[str, list[tuple]]:
    return {table.name: _rows(conn, table, columns, org_id) for table, columns, _ in _tables()}


def _rows(conn: sa.Connection, table: sa.Table, columns: tuple[str, ...], org_id: int) -> list[tuple]:
    order = [c for c in table.primary_key.columns if c.name != "org_id"]
    query = sa.select(*(table.c[c] for c in columns)).where(table.c.org_id == org_id).order_by(*order)
    return [tuple(_plain(v) for v in row) for row in conn.execute(query)]


def _plain(value):
    """A value as both engines give it back (SQLite's 0/1 for a boolean)."""
    return bool(value) if isinstance(value, bool) else value


def import_stores(paths: list[Path], target: Store) -> Imported:
    everything: list[Organisation] = []
    seen: dict[str, Organisation] = {}
    for path in sources(paths):
        for org in read_source(path):
            if org.code in seen:
                raise InputError(f"организация «{org.name}» есть и в {seen[org.code].source.name}, и в {path.name}; "
                                 "оставьте одну базу этой организации, актуальную. Ничего не импортировано", file=path)
            seen[org.code] = org
            everything.append(org)
    added, unchanged = [], []
    with target.transaction() as conn:
        for org in everything:
            present = conn.execute(sa.select(organizations.c.id).where(organizations.c.code == org.code)).scalar()
            if present is not None:
                held = Organisation(org.source, {}, _held(conn, present))
                if held.content() == org.content():
                    unchanged.append(org)
                    continue
                raise InputError(
                    f"организация «{org.name}» уже есть в базе {target.where} с другими данными ({held.counts()}; "
                    f"в импортируемой базе: {org.counts()}). "
                    "Какие данные актуальны, решает человек; импорт отменён, база не изменена", file=org.source)
            org_id = conn.execute(sa.insert(organizations).values(**org.row)).inserted_primary_key[0]
            for table, columns, _ in _tables():
                _insert(conn, table, columns, org_id, org.rows[table.name])
            added.append(org)
    return Imported(added, unchanged)


def _insert(conn: sa.Connection, table: sa.Table, columns: tuple[str, ...], org_id: int, rows: list[tuple]) -> None:
    if rows:
        conn.execute(sa.insert(table), [{"org_id": org_id, **dict(zip(columns, row))} for row in rows])
