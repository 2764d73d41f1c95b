"""The store, the registry and the journal on both engines — SQLite and PostgreSQL — through the
command line: the same commands, the same answers. Each test gets a database of its own (a new
SQLite file, or a new PostgreSQL database created and dropped around it).

PostgreSQL is the server DOCGEN_TEST_POSTGRES names (a URL whose user may create databases);
.ci/run starts one and sets it. Without it the PostgreSQL cases are skipped on a developer's
machine and fail in CI."""
from __future__ import annotations

import multiprocessing
import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from docgen.registry.schema import HEAD
from helpers import SAMPLES, invoke, numberless_order, read_yaml, write_yaml

TYPE = "working-group-order"
DUMP_V4 = Path(__file__).parent / "store_of_main_v4.sql"


def server() -> str | None:
    url = os.environ.get("DOCGEN_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI: DOCGEN_TEST_POSTGRES is not set (.ci/run starts PostgreSQL and sets it)")
        pytest.skip("DOCGEN_TEST_POSTGRES is not set: no PostgreSQL server to test on")
    return url


class Database:
    """One test's database: its URL, and a way to read it back with SQL."""

    def __init__(self, kind: str, url: str):
        self.kind, self.url = kind, url

    def rows(self, query: str, **params) -> list[tuple]:
        engine = sa.create_engine(self.url)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(sa.text(query), params)]
        finally:
            engine.dispose()

    def execute(self, *statements: str) -> None:
        engine = sa.create_engine(self.url)
        try:
            with engine.begin() as conn:
                for statement in statements:
                    conn.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def snapshot(self) -> dict[str, list[tuple]]:
        """Every row of every table, to show that a refused command changed nothing."""
        engine = sa.create_engine(self.url)
        try:
            with engine.connect() as conn:
                names = sorted(sa.inspect(conn).get_table_names())
                return {n: sorted(map(repr, conn.execute(sa.text(f'SELECT * FROM "{n}"')))) for n in names}
        finally:
            engine.dispose()


def _new_postgres_database(admin_url: str) -> tuple[str, callable]:
    name = f"docgen_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path, monkeypatch) -> Database:
    """An empty database of either engine, named by DOCGEN_DB; a PostgreSQL one already has
    docgen's tables (`docgen db upgrade`, as its administrator would run first)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'district.sqlite'}"
        drop = None
    else:
        url, drop = _new_postgres_database(server())
    monkeypatch.setenv("DOCGEN_DB", url)
    if drop is not None:
        request.addfinalizer(drop)
        result = invoke("db", "upgrade")
        assert result.exit_code == 0 and "Таблицы docgen созданы" in result.output, result.output
    return Database(request.param, url)


@pytest.fixture
def bare_postgres(request) -> Database:
    """An empty PostgreSQL database without docgen's tables."""
    url, drop = _new_postgres_database(server())
    request.addfinalizer(drop)
    return Database("postgresql", url)


def inn(nine: str) -> str:
    """A valid ИНН of a legal entity from its first nine digits (the check digit added)."""
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return nine + str(sum(int(d) * w for d, w in zip(nine, weights)) % 11 % 10)


def school(folder: Path, name: str, *, short_name: str | None = None, inn_: str | None = None) -> Path:
    """A copy of the Таяндинская sample in ``folder/name`` as another school: its own short name
    and ИНН; returns the folder (profile + the working-group order without its number)."""
    import shutil

    target = folder / name
    shutil.copytree(SAMPLES / "tayandinskaya", target)
    profile = read_yaml(target / "organization.yaml")
    if short_name is not None:
        profile["short_name"] = short_name
    if inn_ is not None:
        profile["inn"] = inn_
    write_yaml(target / "organization.yaml", profile)
    return target


def order(folder: Path, name: str = "order.yaml", **changes) -> Path:
    return numberless_order(folder, folder / name, **changes)


def generated(data: Path, out: Path, *extra) -> str:
    """The number `docgen generate` gave (read from the file name it printed)."""
    result = invoke("generate", TYPE, "-d", data, "--out", out, *extra)
    assert result.exit_code == 0, result.output
    name = Path(result.output.strip().splitlines()[-1]).name
    return name.split("№ ")[1].split(" от ")[0]


# -- the journal ----------------------------------------------------------------------------

def test_numbers_the_same_input_and_an_annulled_number(db, sample_dir, tmp_path):
    out = tmp_path / "out"
    first, second = order(sample_dir, "a.yaml"), order(sample_dir, "b.yaml", meetings="по средам")
    assert generated(first, out) == "1-од"
    assert generated(first, out) == "1-од"  # the same input keeps its number
    assert generated(second, out) == "2-од"
    result = invoke("journal", "void", "2-од", "--year", "2026", "--reason", "ошибочно")
    assert result.exit_code == 0, result.output
    assert generated(order(sample_dir, "c.yaml", meetings="по пятницам"), out) == "3-од"  # 2 is never given again
    assert db.rows("SELECT number, status FROM order_journal ORDER BY seq") == [
        ("1-од", "complete"), ("2-од", "void"), ("3-од", "complete")]
    listing = invoke("journal", "--format", "csv", "--out", tmp_path / "j.csv")
    assert listing.exit_code == 0
    assert "аннулирован: ошибочно" in (tmp_path / "j.csv").read_text(encoding="utf-8-sig")


def test_two_schools_of_one_short_name_are_told_apart_by_their_inn(db, tmp_path):
    """A region has many «МБОУ «СОШ № 1»»: each keeps its own numbering and registry."""
    one = school(tmp_path, "one", short_name="МБОУ «СОШ № 1»", inn_=inn("381500001"))
    two = school(tmp_path, "two", short_name="МБОУ «СОШ № 1»", inn_=inn("381500002"))
    out = tmp_path / "out"
    assert generated(order(one), out / "1") == "1-од"
    assert generated(order(two), out / "2") == "1-од"
    assert generated(order(two, "b.yaml", meetings="по средам"), out / "2") == "2-од"
    result = invoke("acts", "set", "vsoko-regulation", "drafting", "--org", one / "organization.yaml")
    assert result.exit_code == 0, result.output
    codes = db.rows("SELECT code, short_name FROM organizations ORDER BY code")
    assert codes == [(inn("381500001"), "МБОУ «СОШ № 1»"), (inn("381500002"), "МБОУ «СОШ № 1»")]
    assert db.rows("SELECT o.code, count(*) FROM order_journal j JOIN organizations o ON o.id = j.org_id "
                   "GROUP BY o.code ORDER BY o.code") == [(inn("381500001"), 1), (inn("381500002"), 2)]
    assert db.rows("SELECT o.code, a.status FROM act_status a JOIN organizations o ON o.id = a.org_id") == [
        (inn("381500001"), "drafting")]
    mine = invoke("journal", "--org", two / "organization.yaml", "--format", "csv", "--out", tmp_path / "two.csv")
    assert mine.exit_code == 0
    assert len((tmp_path / "two.csv").read_text(encoding="utf-8-sig").strip().splitlines()) == 1 + 2


def test_a_school_that_adds_its_inn_keeps_its_registry_and_journal(db, sample_dir, tmp_path):
    out = tmp_path / "out"
    profile = read_yaml(sample_dir / "organization.yaml")
    write_yaml(sample_dir / "organization.yaml", {k: v for k, v in profile.items() if k != "inn"})
    assert generated(order(sample_dir, "a.yaml"), out) == "1-од"
    profile = read_yaml(sample_dir / "organization.yaml")
    write_yaml(sample_dir / "organization.yaml", {**profile, "inn": inn("381500003")})
    assert generated(order(sample_dir, "b.yaml", meetings="по средам"), out) == "2-од"
    assert db.rows("SELECT code FROM organizations") == [(inn("381500003"),)]


# -- the registry ---------------------------------------------------------------------------

def test_registry_and_district_coverage_read_from_the_one_database(db, tmp_path):
    one = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500011"))
    two = school(tmp_path, "two", short_name="МБОУ «Вторая СОШ»", inn_=inn("381500012"))
    result = invoke("acts", "import", one / "acts.csv", "--org", one / "organization.yaml")
    assert result.exit_code == 0, result.output
    for status in ("drafting", "discussion"):
        result = invoke("acts", "set", "vsoko-regulation", status, "--org", two / "organization.yaml")
        assert result.exit_code == 0, result.output
    history = invoke("acts", "history", "vsoko-regulation", "--org", two / "organization.yaml")
    assert history.exit_code == 0 and "на обсуждении" in history.output
    listed = invoke("coverage", "--district", "--format", "json", "--today", "30.11.2026")
    assert listed.exit_code == 0, listed.output
    import json

    data = json.loads(listed.output)
    assert [o["organization"] for o in data["organizations"]] == ["МБОУ «Первая СОШ»", "МБОУ «Вторая СОШ»"]
    by_profiles = invoke("coverage", "--district", one / "organization.yaml", two / "organization.yaml",
                         "--format", "json", "--today", "30.11.2026")
    assert json.loads(by_profiles.output)["share"] == data["share"]  # the stored profiles say what the files say
    status = invoke("db", "status")
    assert status.exit_code == 0 and "организаций: 2" in status.output and inn("381500012") in status.output


# -- migrations -----------------------------------------------------------------------------

def _load_v4(db: Database, out: Path) -> None:
    """The store today's main wrote (schema version 4), into ``db``: on SQLite the dump as is; on
    PostgreSQL the baseline revision's tables (what schema 4 was) and the dump's rows."""
    dump = DUMP_V4.read_text(encoding="utf-8").replace("{OUT}", str(out))
    if db.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(db.url[len("sqlite:///"):]) as conn:
            conn.executescript(dump)
        return
    from alembic import command
    from alembic.config import Config

    from docgen.registry.schema import MIGRATIONS

    import sqlite3

    source = sqlite3.connect(":memory:")
    source.executescript(dump)
    engine = sa.create_engine(db.url)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql("DROP TABLE alembic_version")  # docgen before Alembic had none
        meta = sa.MetaData()
        meta.reflect(conn)
        for name in ("organizations", "act_status", "act_history", "order_journal"):
            cursor = source.execute(f"SELECT * FROM {name}")
            columns = [c[0] for c in cursor.description]
            table = meta.tables[name]
            rows = [dict(zip(columns, r)) for r in cursor]
            for row in rows:
                for column, value in row.items():
                    kind = table.c[column].type
                    if isinstance(kind, sa.Boolean):
                        row[column] = bool(value)
                    elif isinstance(kind, (sa.DateTime, sa.Date)) and value is not None:
                        import datetime as dt

                        parsed = dt.datetime.fromisoformat(value)
                        row[column] = parsed if isinstance(kind, sa.DateTime) else parsed.date()
            conn.execute(sa.insert(table), rows)
        for name in ("organizations", "act_history", "order_journal"):
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request, tmp_path, monkeypatch) -> Database:
    """A store of today's main (schema version 4), on either engine."""
    if request.param == "sqlite":
        database = Database("sqlite", f"sqlite:///{tmp_path / 'v4.sqlite'}")
    else:
        url, drop = _new_postgres_database(server())
        request.addfinalizer(drop)
        database = Database("postgresql", url)
    _load_v4(database, tmp_path / "out")
    monkeypatch.setenv("DOCGEN_DB", database.url)
    return database


def test_a_store_of_todays_main_upgrades_in_place_and_keeps_every_row(old_store, sample_dir, tmp_path):
    before = {name: old_store.rows(f"SELECT * FROM {name} ORDER BY 1, 2") for name in
              ("act_status", "act_history", "order_journal")}
    orgs = old_store.rows("SELECT id, short_name, full_name, levels FROM organizations")
    result = invoke("journal", "--format", "csv", "--out", tmp_path / "j.csv")
    assert result.exit_code == 0, result.output
    assert f"Схема базы данных обновлена (версия 4 (до перехода на миграции) → ревизия {HEAD})" in result.stderr
    for name, rows in before.items():
        assert old_store.rows(f"SELECT * FROM {name} ORDER BY 1, 2") == rows, name
    assert old_store.rows("SELECT id, short_name, full_name, levels FROM organizations") == orgs
    assert old_store.rows("SELECT code FROM organizations") == [(orgs[0][1],)]  # keyed by its short name
    assert old_store.rows("SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert old_store.rows("SELECT version FROM schema_version") == [(5,)]
    # the school goes on where it stopped: its registry as it was, its next number after 112 and 105
    shown = invoke("acts", "list", "--org", sample_dir / "organization.yaml")
    assert shown.exit_code == 0 and "на обсуждении" in shown.output
    assert generated(order(sample_dir, "next.yaml", meetings="по средам"), tmp_path / "out") == "113-од"
    again = invoke("db", "upgrade")
    assert again.exit_code == 0 and "актуальна" in again.output and again.stderr == ""


def test_the_new_store_is_what_the_migrations_build(tmp_path):
    """create_all + stamp (a new store) and the revisions from nothing give one schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from docgen.registry.store import Store, metadata

    migrated = f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    _load_v4(Database("sqlite", migrated), tmp_path / "out")
    Store(migrated, announce=False).close()
    engine = sa.create_engine(migrated)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []


def test_a_store_of_a_newer_docgen_is_refused_untouched(db, sample_dir, tmp_path):
    generated(order(sample_dir), tmp_path / "out")
    db.execute("UPDATE alembic_version SET version_num = '0099'")
    before = db.snapshot()
    result = invoke("generate", TYPE, "-d", order(sample_dir, "b.yaml", meetings="по средам"), "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "более новой версией docgen (ревизия схемы 0099" in result.stderr and "обновите docgen" in result.stderr
    assert db.snapshot() == before


def test_another_applications_database_is_refused_untouched(db, sample_dir, tmp_path):
    if db.kind == "sqlite":
        path = Path(db.url[len("sqlite:///"):])
        import sqlite3

        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE pupils (id INTEGER PRIMARY KEY, name TEXT)")
    else:
        db.execute("DROP TABLE indicator_values", "DROP TABLE act_acquaintance", "DROP TABLE act_steps", "DROP TABLE web_drafts", "DROP TABLE login_attempts", "DROP TABLE web_sessions", "DROP TABLE users", "DROP TABLE act_history", "DROP TABLE act_status", "DROP TABLE order_journal",
                   "DROP TABLE organizations", "DROP TABLE schema_version", "DROP TABLE alembic_version",
                   "CREATE TABLE pupils (id INTEGER PRIMARY KEY, name TEXT)")
    before = db.snapshot()
    result = invoke("acts", "list", "--org", sample_dir / "organization.yaml")
    assert result.exit_code == 2 and "база данных другой программы (таблицы pupils)" in result.stderr
    assert db.snapshot() == before


def test_an_empty_server_database_gets_tables_only_from_db_upgrade(bare_postgres, sample_dir, monkeypatch):
    monkeypatch.setenv("DOCGEN_DB", bare_postgres.url)
    result = invoke("acts", "list", "--org", sample_dir / "organization.yaml")
    assert result.exit_code == 2 and "docgen db upgrade" in result.stderr
    assert bare_postgres.snapshot() == {}
    created = invoke("db", "upgrade")
    assert created.exit_code == 0 and f"Таблицы docgen созданы (ревизия {HEAD})" in created.output
    assert invoke("acts", "list", "--org", sample_dir / "organization.yaml").exit_code == 0


def test_a_wrong_password_and_an_unreachable_server_are_told_in_russian(sample_dir):
    url = sa.engine.make_url(server())
    wrong = url.set(password="не-тот-пароль-42").render_as_string(hide_password=False)
    result = invoke("journal", "--db", wrong)
    assert result.exit_code == 2 and "отклонил имя пользователя или пароль" in result.stderr
    assert "не-тот-пароль-42" not in result.output + result.stderr
    closed = url.set(port=1).render_as_string(hide_password=False)  # nothing listens on port 1
    result = invoke("journal", "--db", closed)
    assert result.exit_code == 2 and "сервер базы данных недоступен" in result.stderr
    assert ":***@" in result.stderr  # the address is shown, its password is not


# -- import ---------------------------------------------------------------------------------

def _school_store(tmp_path: Path, name: str, number: int, monkeypatch) -> Path:
    """A school's own SQLite store with one order and its registry, as the school sends it."""
    folder = school(tmp_path / "schools", name, short_name=f"МБОУ «{name.title()} СОШ»", inn_=inn(f"3815001{number:02d}"))
    store = tmp_path / "stores" / f"{name}.sqlite"
    store.parent.mkdir(exist_ok=True)
    monkeypatch.setenv("DOCGEN_DB", str(store))
    assert invoke("acts", "import", folder / "acts.csv", "--org", folder / "organization.yaml").exit_code == 0
    generated(order(folder), tmp_path / "out" / name)
    return store


def test_import_gathers_schools_stores_all_or_nothing(db, tmp_path, monkeypatch):
    stores = [_school_store(tmp_path, name, n, monkeypatch) for n, name in enumerate(("берёзовская", "кленовая"), 1)]
    import sqlite3

    with sqlite3.connect(stores[0]) as conn:  # an act's way, a signature, an indicator and a site's draft
        conn.execute("INSERT INTO act_steps (org_id, act_id, edition, step, held_on, number, place, who, recorded_at) "
                     "VALUES (1, 'vsoko-regulation', NULL, 'discussion', '2026-11-23', NULL, 'сайт школы', 'завуч', "
                     "'2026-11-23 10:00:00')")
        conn.execute("INSERT INTO act_acquaintance (org_id, act_id, edition, person, person_name, signed_on, who, "
                     "recorded_at) VALUES (1, 'internal-control', '2026-09-01 90-од', 'belykh', 'Белых Анна Петровна', "
                     "'2026-09-03', 'завуч', '2026-09-03 12:00:00')")
        conn.execute("INSERT INTO indicator_values (org_id, indicator, period, value, who, recorded_at) "
                     "VALUES (1, 'materials-published', '2025/2026', 14, 'завуч', '2026-06-30 09:00:00')")
        conn.execute("INSERT INTO web_drafts (org_id, doc_type, data, author, created_at, updated_at, status) "
                     "VALUES (1, 'working-group-order', '{}', 'secretary', '2026-11-30 09:00:00', "
                     "'2026-11-30 09:00:00', 'draft')")
    sources_before = [p.read_bytes() for p in stores]
    monkeypatch.setenv("DOCGEN_DB", db.url)
    result = invoke("db", "import", tmp_path / "stores")
    assert result.exit_code == 0, result.output
    assert ("Импортировано организаций: 2 (актов: 22, записей истории: 22, приказов: 2, этапов принятия актов: 1, "
            "подписей об ознакомлении: 1, значений показателей: 1, черновиков и ответов сайта: 1)") in result.output
    school_id = db.rows("SELECT id FROM organizations WHERE short_name = 'МБОУ «Берёзовская СОШ»'")[0][0]
    assert db.rows("SELECT org_id, step, place FROM act_steps") == [(school_id, "discussion", "сайт школы")]
    assert db.rows("SELECT org_id, person_name FROM act_acquaintance") == [(school_id, "Белых Анна Петровна")]
    assert db.rows("SELECT org_id, period, value FROM indicator_values") == [(school_id, "2025/2026", 14)]
    assert db.rows("SELECT org_id, status FROM web_drafts") == [(school_id, "draft")]
    assert [p.read_bytes() for p in stores] == sources_before  # a school's file is read, never changed
    assert db.rows("SELECT count(*) FROM act_status") == [(22,)]
    again = invoke("db", "import", tmp_path / "stores")
    assert again.exit_code == 0 and "Импортировано организаций: 0" in again.output
    assert "без изменений: 2" in again.output
    # the same school, since changed at home: which data are current is for a person to decide
    monkeypatch.setenv("DOCGEN_DB", str(stores[0]))
    folder = tmp_path / "schools" / "берёзовская"
    generated(order(folder, "b.yaml", meetings="по средам"), tmp_path / "out" / "b")
    monkeypatch.setenv("DOCGEN_DB", db.url)
    third = _school_store(tmp_path, "сосновая", 3, monkeypatch)
    monkeypatch.setenv("DOCGEN_DB", db.url)
    before = db.snapshot()
    refused = invoke("db", "import", tmp_path / "stores")
    assert refused.exit_code == 2
    assert "«МБОУ «Берёзовская СОШ»» уже есть в базе" in refused.stderr and "импорт отменён" in refused.stderr
    assert db.snapshot() == before  # not even the new school (сосновая) came in
    assert third.exists()


# -- numbering under load -------------------------------------------------------------------

def _writer(url: str, data_paths: list[str], out: str) -> None:
    from docgen.engine import Engine
    from docgen.journal import Journal

    engine = Engine()
    journal = Journal.open(url)
    for path in data_paths:
        engine.generate(TYPE, Path(path), Path(out), journal=journal)
    journal.close()


def test_eight_processes_get_distinct_consecutive_numbers(db, sample_dir, tmp_path):
    out = tmp_path / "out"
    generated(order(sample_dir, "first.yaml"), out)  # 1-од, then annulled: the only gap allowed
    assert invoke("journal", "void", "1-од", "--year", "2026", "--reason", "ошибка").exit_code == 0
    procs, each = 8, 3
    inputs = [[str(order(sample_dir, f"p{p}-{i}.yaml", meetings=f"по понедельникам, {p}-{i}")) for i in range(each)]
              for p in range(procs)]
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(db.url, paths, str(out))) for paths in inputs]
    for w in workers:
        w.start()
    for w in workers:
        w.join(300)
        assert w.exitcode == 0
    rows = db.rows("SELECT seq, status, file FROM order_journal ORDER BY seq")
    assert [r[0] for r in rows] == list(range(1, procs * each + 2))
    assert [r[1] for r in rows] == ["void"] + ["complete"] * procs * each
    assert len({r[2] for r in rows[1:]}) == procs * each and all(Path(r[2]).is_file() for r in rows[1:])
