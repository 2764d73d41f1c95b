"""Which schema a store has, and bringing it to this docgen's.

The schema's revisions are Alembic migrations (``docgen/migrations/versions``). Opening a store
reads one row — ``alembic_version`` — and compares it with ``HEAD``, so a current store costs a
query and never imports Alembic; only a store that needs upgrading loads it.

* A new store is built from the tables the code declares (``metadata.create_all``) and stamped
  with ``HEAD`` — what the migrations from nothing would build, which
  tests/test_store_migrations.py checks against Alembic's own comparison.
* A store of docgen before Alembic carries only ``schema_version`` (1 to 4): its own steps bring
  it to version 4, which is revision 0001, the baseline; then Alembic takes it to ``HEAD``.
* ``schema_version`` stays in every store and says 5 from revision 0002 on, so docgen before
  Alembic refuses such a store as «made by a newer docgen» instead of misreading it.
* A store whose revision this docgen does not know was made by a newer one: refused untouched.
* A database with other tables and none of docgen's belongs to another application: refused
  untouched. An empty server database gets docgen's tables only from ``docgen db upgrade``: a
  command that reads must not build a schema in whatever database a mistyped URL reaches.

Each upgrade is one transaction. On PostgreSQL an advisory lock makes concurrent first uses
upgrade once (the others wait, then find the store current); on SQLite BEGIN IMMEDIATE does the
same, and the table rebuilds Alembic's batch mode needs run with foreign keys off, checked with
``PRAGMA foreign_key_check`` before the commit.
"""
from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa

from ..errors import InputError

HEAD = "0005"
BASELINE = "0001"
CREATED = "пустая база"  # what ensure() returns for a store it built
LEGACY_LAST = 4  # the last hand-numbered schema_version, which is the baseline
GUARD = 5  # what schema_version says from revision 0002 on, for docgen before Alembic
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_ADVISORY_LOCK = 0x646F6367656E  # «docgen»: one upgrade of a server database at a time

# Alembic's own table, declared here so that stamping a new store needs no Alembic import.
_versions = sa.MetaData()
alembic_version = sa.Table(
    "alembic_version", _versions,
    sa.Column("version_num", sa.String(32), primary_key=True),
)

# The order journal as schema version 4 had it — frozen, for the steps of a pre-Alembic store.
_frozen = sa.MetaData()
sa.Table("organizations", _frozen, sa.Column("id", sa.Integer, primary_key=True))
_journal_v4 = sa.Table(
    "order_journal", _frozen,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("seq", sa.Integer),
    sa.Column("number", sa.String(100), nullable=False),
    sa.Column("order_date", sa.Date, nullable=False),
    sa.Column("doc_type", sa.String(100), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("file", sa.Text),
    sa.Column("input_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("manual", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("completed_at", sa.DateTime),
    sa.Column("void_reason", sa.Text),
    sa.Column("voided_by", sa.String(200)),
    sa.Column("voided_at", sa.DateTime),
    sa.UniqueConstraint("org_id", "year", "number", name="uq_order_journal_number"),
    sa.UniqueConstraint("org_id", "year", "seq", name="uq_order_journal_seq"),
    sa.Index("ix_order_journal_hash", "org_id", "year", "doc_type", "input_hash"),
    sa.Index("ix_order_journal_file", "file", "org_id"),
)


class State:
    """What a database holds: ``revision`` (Alembic's), else ``legacy`` (schema_version), else
    the names of ``foreign`` tables (empty for an empty database)."""

    def __init__(self, conn: sa.Connection):
        inspector = sa.inspect(conn)
        names = set(inspector.get_table_names())
        self.revision = self.legacy = None
        self.foreign: list[str] = []
        if "alembic_version" in names:
            self.revision = conn.execute(sa.select(alembic_version.c.version_num)).scalar()
        elif "schema_version" in names:
            self.legacy = conn.execute(sa.text("SELECT max(version) FROM schema_version")).scalar() or 0
        else:
            self.foreign = sorted(names)

    @property
    def current(self) -> bool:
        return self.revision == HEAD

    @property
    def empty(self) -> bool:
        return self.revision is None and self.legacy is None and not self.foreign

    @property
    def label(self) -> str:
        if self.revision is not None:
            return f"ревизия {self.revision}"
        if self.legacy is not None:
            return f"версия {self.legacy} (до перехода на миграции)"
        return "нет схемы docgen"


def check(state: State, where: str, *, create: bool) -> None:
    """Refuse what must stay untouched: another application's database, a newer docgen's store,
    an empty server database without ``docgen db upgrade``."""
    if state.foreign:
        shown = ", ".join(state.foreign[:5]) + (" …" if len(state.foreign) > 5 else "")
        raise InputError(f"это база данных другой программы (таблицы {shown}), а не реестр и журнал docgen; "
                         "docgen её не изменял. Укажите другую базу в --db (или DOCGEN_DB)", file=where)
    if state.legacy is not None and state.legacy > LEGACY_LAST:
        raise _newer(f"схема {state.legacy}", where)
    if state.revision is not None and state.revision != HEAD and state.revision not in known_revisions():
        raise _newer(f"ревизия схемы {state.revision}", where)
    if state.empty and not create:
        raise InputError("в базе данных нет таблиц docgen; создайте их командой "
                         "«docgen db upgrade --db АДРЕС» (база должна быть пустой или базой docgen)", file=where)


def _newer(what: str, where: str) -> InputError:
    return InputError(f"база данных создана более новой версией docgen ({what}; эта версия знает ревизии "
                      f"до {HEAD}); обновите docgen. База не изменена", file=where)


def known_revisions() -> set[str]:
    return {script.revision for script in _script().walk_revisions()}


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS))


def declare_tables() -> None:
    """Import the modules that declare tables in the store's ``metadata`` beside its own: the
    journal's and the web application's (light modules: SQLAlchemy only). Every opened store has
    them declared, so ``metadata`` always describes the whole schema at ``HEAD``."""
    from .. import journal  # noqa: F401
    from . import act_tables  # noqa: F401
    from ..web import tables  # noqa: F401


def ensure(engine: sa.Engine, where: str, *, create: bool, announce: bool = True) -> str | None:
    """Bring the store behind ``engine`` to ``HEAD``. Returns what it was before when it changed
    anything (``None`` for a store already current); says so on stderr when ``announce``."""
    declare_tables()
    with engine.connect() as conn:
        state = State(conn)
        conn.rollback()
    if state.current:
        return None
    check(state, where, create=create)
    before = _upgrade(engine, where, create=create)
    if before not in (None, CREATED) and announce:
        print(f"Схема базы данных обновлена ({before} → ревизия {HEAD}): {where}", file=sys.stderr, flush=True)
    return before


def _upgrade(engine: sa.Engine, where: str, *, create: bool) -> str | None:
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        engine = _without_foreign_keys(engine)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
            state = State(conn)  # again, under the lock: another process may have done it meanwhile
            if state.current:
                return None
            check(state, where, create=create)
            if state.empty:
                _create(conn)
                return CREATED
            before = state.label
            if state.legacy is not None:
                _legacy_steps(conn, state.legacy)
                _versions.create_all(conn)
                conn.execute(sa.insert(alembic_version).values(version_num=BASELINE))
            _alembic_upgrade(conn)
            if sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise InputError(f"после обновления схемы нарушены связи таблиц ({broken[:3]}); "
                                     "база не изменена", file=where)
            return before
    finally:
        if sqlite:
            engine.dispose()


def _create(conn: sa.Connection) -> None:
    from .store import metadata, schema_version

    declare_tables()
    metadata.create_all(conn)
    _versions.create_all(conn)
    conn.execute(sa.insert(alembic_version).values(version_num=HEAD))
    conn.execute(sa.insert(schema_version).values(version=GUARD))


def _legacy_steps(conn: sa.Connection, version: int) -> None:
    """Bring a store of docgen before Alembic (schema_version 1–3) to version 4, the baseline."""
    if version < 2:  # no journal yet: it arrives whole, as version 4 has it
        _journal_v4.create(conn)
    else:
        present = {c["name"] for c in sa.inspect(conn).get_columns("order_journal")}
        quote = conn.dialect.identifier_preparer.quote
        for name in ("void_reason", "voided_by", "voided_at"):  # version 3
            if name not in present:
                kind = _journal_v4.c[name].type.compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE order_journal ADD COLUMN {quote(name)} {kind}")
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes("order_journal")}
        for index in _journal_v4.indexes:  # version 4 added the file index
            if index.name not in indexes:
                index.create(conn)
    conn.execute(sa.text("UPDATE schema_version SET version = :v"), {"v": LEGACY_LAST})


def _alembic_upgrade(conn: sa.Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def _without_foreign_keys(engine: sa.Engine) -> sa.Engine:
    """A second engine on the same SQLite file whose connections have foreign keys off (the
    pragma cannot change inside a transaction) and take the write lock at BEGIN."""
    from sqlalchemy import event

    other = sa.create_engine(engine.url, connect_args={"timeout": 30.0})

    @event.listens_for(other, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(other, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return other
