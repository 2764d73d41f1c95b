"""The store of act statuses: SQLAlchemy Core, a SQLite file by default, any database URL
(PostgreSQL) with the same code.

Every change is read-check-write inside one transaction. On SQLite the transaction starts with
BEGIN IMMEDIATE (pysqlite's own deferred BEGIN would let two processes both read the old status
and one of them then fail to upgrade its lock), so concurrent `docgen acts set` calls queue up
and lose nothing; on a server every write first locks its organisation's row (``org_id(lock=True)``),
which queues the writers of one organisation and lets those of others run.

One database holds any number of organisations, each keyed by a stable code (see
``organizations``). The journal of orders (`docgen.journal`) shares this module's ``metadata``.
The schema is Alembic's (docgen.registry.schema): opening a store creates, upgrades or refuses it.

A new SQLite store is built in a temporary file beside it and renamed into place, so a full disk
or a killed run never leaves an empty or half-made store behind; creating one says so on stderr,
because a new store means a new journal whose numbering starts again at 1.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy import event, exc as sa_exc

from ..errors import InputError, OutputError
from . import schema

metadata = sa.MetaData()

# Schema version 4 and earlier kept their number here; it stays for docgen before Alembic, which
# reads only this table (docgen.registry.schema keeps it at GUARD).
schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, nullable=False),
)

# One row per organisation, keyed by ``code`` (Organization.registry_key: ИНН, district code or,
# in a school's own store, the short name); the profile as last used, for reading a district's
# coverage from the database alone. The tables as they stand at docgen.registry.schema.HEAD.
organizations = sa.Table(
    "organizations", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("short_name", sa.String(500), nullable=False),
    sa.Column("full_name", sa.Text),
    sa.Column("levels", sa.String(100)),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("code", sa.String(200), nullable=False),
    sa.Column("profile", sa.Text),
    sa.Column("profile_digest", sa.String(64)),
    sa.UniqueConstraint("code", name="uq_organizations_code"),
    sa.Index("ix_organizations_short_name", "short_name"),
)

act_status = sa.Table(
    "act_status", metadata,
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), primary_key=True),
    sa.Column("act_id", sa.String(200), primary_key=True),
    sa.Column("status", sa.String(40), nullable=False),
    sa.Column("order_number", sa.String(100)),
    sa.Column("order_date", sa.Date),
    sa.Column("published_at", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("responsible", sa.String(500)),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

act_history = sa.Table(
    "act_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
    sa.Column("act_id", sa.String(200), nullable=False),
    sa.Column("changed_at", sa.DateTime, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("from_status", sa.String(40), nullable=False),
    sa.Column("to_status", sa.String(40), nullable=False),
    sa.Column("order_number", sa.String(100)),
    sa.Column("order_date", sa.Date),
    sa.Column("published_at", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("responsible", sa.String(500)),
    sa.Index("ix_act_history_org_act", "org_id", "act_id"),
)

NEW_STORE_NOTICE = "Создан новый журнал и реестр: {}"
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK}


@dataclass(frozen=True)
class StatusRow:
    act_id: str
    status: str
    order_number: str | None = None
    order_date: dt.date | None = None
    published_at: str | None = None
    note: str | None = None
    responsible: str | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class HistoryRow:
    act_id: str
    changed_at: dt.datetime
    who: str
    from_status: str
    to_status: str
    order_number: str | None
    order_date: dt.date | None
    published_at: str | None
    note: str | None
    responsible: str | None


def resolve_url(db: str | None, *, profile: Path | None = None) -> str:
    """--db, else DOCGEN_DB, else the docgen.yaml beside ``profile`` or here, else `docgen.sqlite`
    in the user's data folder (see docgen.settings.database); a path becomes a SQLite URL."""
    from ..settings import database

    value = database(db, profile=profile)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _describe(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return url


# What a database server answers (libpq's words) → what the user is told; the password is never shown.
SERVER_FAILURES = (
    ("password authentication failed", "сервер базы данных отклонил имя пользователя или пароль; проверьте их в адресе --db"),
    ("no password supplied", "сервер базы данных требует пароль: укажите его в адресе --db (postgresql+psycopg://имя:пароль@сервер/база)"),
    ("does not exist", "на сервере нет такой базы данных или пользователя; проверьте адрес --db"),
    ("Connection refused", "сервер базы данных недоступен (соединение отклонено): проверьте, что он запущен, и адрес в --db"),
    ("could not translate host name", "сервер базы данных не найден: проверьте имя сервера в адресе --db"),
    ("failed to resolve host", "сервер базы данных не найден: проверьте имя сервера в адресе --db"),
    ("timeout expired", "сервер базы данных не ответил вовремя: проверьте сеть и адрес в --db"),
    ("No route to host", "сервер базы данных недоступен по сети: проверьте адрес в --db"),
    ("permission denied", "у пользователя базы данных нет прав на таблицы docgen; обратитесь к администратору базы"),
)


def _without_password(text: str, url: str) -> str:
    try:
        password = sa.engine.make_url(url).password
    except Exception:  # noqa: BLE001
        return text
    return text.replace(password, "***") if password else text


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """A locked, corrupt or unreachable database becomes a Russian message (exit 2)."""
    try:
        yield
    except sa_exc.OperationalError as exc:
        text = str(exc.orig) if exc.orig is not None else str(exc)
        if "locked" in text or "busy" in text:
            raise InputError("база данных занята другим процессом, повторите позже", file=_describe(url)) from None
        if "unable to open" in text:
            raise InputError("не удаётся открыть базу данных: нет доступа к файлу или его папке", file=_describe(url)) from None
        for clue, message in SERVER_FAILURES:
            if clue in text:
                raise InputError(message, file=_describe(url)) from None
        # An unforeseen driver error: its own (English) text is the only clue, kept after the Russian
        raise InputError(f"не удаётся открыть базу данных (ответ базы: {_without_password(text, url)})",
                         file=_describe(url)) from None
    except sa_exc.IntegrityError:
        raise InputError("запись изменена одновременно другим процессом, повторите команду",
                         file=_describe(url)) from None
    except sa_exc.DatabaseError:
        raise InputError("файл базы данных повреждён или не является базой docgen", file=_describe(url)) from None


class Store:
    def __init__(self, url: str, *, timeout: float = 30.0, announce: bool = True, create: bool | None = None):
        """``announce``: say on stderr when the store is created or upgraded (not for a
        demonstration's throw-away one). ``create``: build docgen's tables in an empty database —
        always for a SQLite file docgen names, for a server only when asked (`docgen db upgrade`)."""
        self.url = url
        self.announce = announce
        try:
            parsed = sa.engine.make_url(url)
        except sa_exc.ArgumentError:
            raise InputError(f"«{url}»: это не путь к файлу и не адрес базы данных (например sqlite:///docgen.sqlite)") from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.timeout = timeout
        self.where = _describe(url)
        self.upgraded_from: str | None = None
        file = Path(parsed.database) if self.is_sqlite and parsed.database and parsed.database != ":memory:" else None
        if file is not None:
            if not file.parent.is_dir():
                raise InputError(f"папки для базы данных нет: {file.parent}", file=self.where)
            if file.is_dir():
                raise InputError("это папка, а не файл базы данных (укажите файл, например docgen.sqlite)",
                                 file=self.where)
            if not file.exists():
                self._create_file(file)
        self.engine = self._engine(url)
        with database_errors(url):
            self.upgraded_from = schema.ensure(self.engine, self.where, create=self.is_sqlite if create is None else create,
                                               announce=announce)

    def _engine(self, url: str) -> sa.Engine:
        kwargs: dict = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": self.timeout}
        elif url.startswith("postgresql"):
            kwargs["connect_args"] = {"connect_timeout": 10}  # an unreachable server: an answer, not a hang
        try:
            engine = sa.create_engine(url, **kwargs)
        except ImportError as exc:  # the URL names a server whose Python driver is not installed
            raise InputError(f"не установлен драйвер этой базы данных «{exc.name or exc}» — установите его "
                             f"(pip install {exc.name or '…'}) или укажите файл SQLite", file=_describe(url)) from None
        except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError):
            raise InputError(f"не удаётся подключиться к базе данных: неизвестный вид базы данных «{url.split('://')[0]}»",
                             file=_describe(url)) from None
        if self.is_sqlite:
            _begin_immediate(engine)
        return engine

    def _create_file(self, file: Path) -> None:
        """A new SQLite store, whole or not at all: the schema is built in a temporary file in the
        same folder, which is then linked into place (a store another process created meanwhile
        wins, and ours is dropped)."""
        from ..fileio import default_mode, describe_os_error

        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".~docgen-", suffix=".sqlite", dir=file.parent)
            os.close(fd)
            engine = self._engine(f"sqlite:///{tmp}")
            try:
                with database_errors(self.url):
                    schema.ensure(engine, self.where, create=True)
            finally:
                engine.dispose()
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, default_mode())
            try:
                os.link(tmp, file)
            except FileExistsError:
                return
            except OSError as exc:
                if exc.errno not in _NO_HARD_LINKS:
                    raise
                if file.exists():
                    return
                os.replace(tmp, file)  # a file system without hard links (FAT, some network shares)
        except OSError as exc:
            raise OutputError(f"не удаётся создать базу данных {file}: {describe_os_error(exc)}") from None
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        if self.announce:
            print(NEW_STORE_NOTICE.format(file), file=sys.stderr, flush=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        with database_errors(self.url), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A transaction that only reads. On SQLite it begins DEFERRED: a writer's BEGIN IMMEDIATE
        (``transaction``) takes the file's write lock at once, which readers need not wait for —
        a site's pages and sessions are read far more often than anything is written. On a server
        the same as ``transaction``."""
        with database_errors(self.url), self.engine.connect() as conn:
            conn.execution_options(docgen_read_only=True)
            with conn.begin():
                yield conn

    # -- organisations ------------------------------------------------------------------------

    @staticmethod
    def org_id(conn: sa.Connection, org, *, create: bool = True, lock: bool = False) -> int | None:
        """The row of ``org`` (a profile, `docgen.Organization`, an `OrgRef`, or a key), found by its key;
        created when ``create``, its names and profile brought up to date when they changed.
        ``lock`` holds the row until the transaction ends (FOR UPDATE on a server; SQLite's BEGIN
        IMMEDIATE already holds the whole file): the writers of one organisation queue on it."""
        key = org_key(org)
        short_name, full_name = getattr(org, "short_name", key), getattr(org, "full_name", None)
        o = organizations.c
        columns = (o.id, o.code, o.short_name, o.full_name, o.levels, o.profile_digest)
        query = sa.select(*columns).where(o.code == key)
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None and key != short_name:
            # the same school in a store made before its profile gave an ИНН or a code: a row keyed by
            # its short name (a row with a key of its own belongs to another school of that name)
            legacy = sa.select(*columns).where(o.code == short_name, o.short_name == short_name)
            row = conn.execute(legacy.with_for_update() if lock else legacy).first()
        if row is None and not create:
            return None
        if not create:
            return row.id
        levels = ",".join(getattr(org, "levels", None) or [])
        values = dict(code=key, short_name=short_name, full_name=full_name, levels=levels)
        profile, digest = _profile_text(org)
        if profile is not None:
            values.update(profile=profile, profile_digest=digest)
        if row is None:
            return conn.execute(sa.insert(organizations).values(created_at=now(), **values)).inserted_primary_key[0]
        if (row.code, row.short_name, row.full_name, row.levels) != (key, short_name, full_name, levels) \
                or (profile is not None and row.profile_digest != digest):
            conn.execute(sa.update(organizations).where(o.id == row.id).values(**values))
        return row.id

    def organizations(self) -> list[dict]:
        """Every organisation of the store: key, names, levels and the stored profile (JSON text)."""
        o = organizations.c
        with self.transaction() as conn:
            return [dict(r) for r in conn.execute(
                sa.select(o.id, o.code, o.short_name, o.full_name, o.levels, o.profile).order_by(o.short_name, o.code)
            ).mappings()]

    # -- reading ------------------------------------------------------------------------------

    def statuses(self, org) -> dict[str, StatusRow]:
        with self.transaction() as conn:
            return self.statuses_in(conn, org)

    def statuses_in(self, conn: sa.Connection, org) -> dict[str, StatusRow]:
        org_id = self.org_id(conn, org, create=False) if not isinstance(org, int) else org
        if org_id is None:
            return {}
        rows = conn.execute(sa.select(act_status).where(act_status.c.org_id == org_id)).mappings()
        return {
            r["act_id"]: StatusRow(r["act_id"], r["status"], r["order_number"], r["order_date"], r["published_at"],
                                   r["note"], r["responsible"], r["updated_at"])
            for r in rows
        }

    @staticmethod
    def status_for_update(conn: sa.Connection, org: int, act_id: str) -> StatusRow | None:
        """One act's current row, locked until the transaction ends (FOR UPDATE on servers; on
        SQLite the BEGIN IMMEDIATE lock already covers it)."""
        r = conn.execute(sa.select(act_status)
                         .where(act_status.c.org_id == org, act_status.c.act_id == act_id)
                         .with_for_update()).mappings().first()
        if r is None:
            return None
        return StatusRow(r["act_id"], r["status"], r["order_number"], r["order_date"], r["published_at"],
                         r["note"], r["responsible"], r["updated_at"])

    def history(self, org, act_id: str | None = None) -> list[HistoryRow]:
        with self.transaction() as conn:
            org_id = self.org_id(conn, org, create=False) if not isinstance(org, int) else org
            if org_id is None:
                return []
            query = sa.select(act_history).where(act_history.c.org_id == org_id)
            if act_id is not None:
                query = query.where(act_history.c.act_id == act_id)
            rows = conn.execute(query.order_by(act_history.c.id)).mappings()
            return [
                HistoryRow(r["act_id"], r["changed_at"], r["who"], r["from_status"], r["to_status"], r["order_number"],
                           r["order_date"], r["published_at"], r["note"], r["responsible"])
                for r in rows
            ]

    # -- writing ------------------------------------------------------------------------------

    def write_change(self, conn: sa.Connection, org: int, previous: StatusRow | None, new: StatusRow, who: str,
                     from_status: str, given: StatusRow) -> None:
        """Upsert the current status and append the history row, in the caller's transaction.
        The current row carries earlier details forward; the history row holds what *this* change
        said (``given``), so a note written once does not reappear on every later change."""
        values = dict(status=new.status, order_number=new.order_number, order_date=new.order_date,
                      published_at=new.published_at, note=new.note, responsible=new.responsible, updated_at=new.updated_at)
        if previous is None:
            conn.execute(sa.insert(act_status).values(org_id=org, act_id=new.act_id, **values))
        else:
            conn.execute(sa.update(act_status)
                         .where(act_status.c.org_id == org, act_status.c.act_id == new.act_id).values(**values))
        conn.execute(sa.insert(act_history).values(
            org_id=org, act_id=new.act_id, changed_at=new.updated_at, who=who, from_status=from_status,
            to_status=new.status, order_number=given.order_number, order_date=given.order_date,
            published_at=given.published_at, note=given.note, responsible=new.responsible))


def _begin_immediate(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("docgen_read_only") else "BEGIN IMMEDIATE")


def now() -> dt.datetime:
    """The time a row records: local, whole seconds (what a clerk reads in the history)."""
    return dt.datetime.now().replace(microsecond=0)


def org_key(org) -> str:
    """The key of an organisation in a store (Organization.registry_key; an OrgRef's ``key``; a
    text is the key itself)."""
    if isinstance(org, str):
        return org
    return getattr(org, "registry_key", None) or getattr(org, "key", None) or org.short_name


def _profile_text(org) -> tuple[str | None, str | None]:
    """The organisation's validated profile as JSON and its digest, when ``org`` is (or carries)
    a profile; dumped once per profile object (docgen.journal keeps the text)."""
    import hashlib

    from ..journal import profile_json

    profile = org if hasattr(org, "registry_key") else getattr(org, "profile", None)
    if profile is None or not hasattr(profile, "model_dump"):
        return None, None
    text = profile_json(profile)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()
