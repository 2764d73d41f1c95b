"""A region in one database (issue 15): `coverage --district` and `generate`, SQLite against PostgreSQL.

    .venv/bin/python benchmarks/bench_region.py [--schools 1000] [--repeat 3] [--postgres URL] [--quick]

Inputs, built afresh on each engine: a store created by docgen (``Store(url, create=True)``; on
PostgreSQL in a new database, dropped at the end), then filled by bulk inserts with SQLAlchemy Core
— what thousands of `docgen acts set` and `docgen generate` calls would have left, in seconds:

* ``--schools`` organisations made from the sample profile (samples/tayandinskaya): their own short
  names, school kinds (СОШ, ООШ with НОО and ООО, НОШ with НОО), teacher counts and valid ИНН, each
  row keeping its profile as docgen keeps it (JSON, digest);
* a year of history (up to ``TODAY``) of every applicable act of the catalogue: several status
  changes per act, each a transition docgen.registry.lifecycle allows, an approval with its order;
  the current row and the history rows as ``Store.write_change`` writes them;
* 30 orders per school in the journal (30,000 for 1,000 schools), numbered «N-од» through 2026,
  complete, a few annulled, each with its file, as docgen.journal leaves them.

On PostgreSQL the loaded database is ANALYZEd, as autovacuum would have done in one filled over a year.

Then, END TO END as a user waits (the whole `docgen` process, start-up included; one untimed run
first, then the median of ``--repeat`` runs, with min and max when there are several):

a. ``docgen coverage --district --format json`` over every organisation of the database (no
   profiles: read from the database), its answer checked to list them all;
b. ``docgen generate working-group-order`` of one more order (``--new-number``) for one school of
   that database — the registry check, the journal's number and file choice, the render;
c. (a) over ``--schools``/100, /10 and all of them, each its own database: how the time grows.

(a) and (b) are printed as ratios PostgreSQL / SQLite, (c) as ratios of the next size to the
previous on each engine. PostgreSQL is ``--postgres`` (default: env DOCGEN_TEST_POSTGRES; a role
that may create databases); without one only the SQLite figures are printed, with a note.
``--quick`` (100 schools, one run) proves the script works; its figures mean nothing. Absolute
times drift on shared machines; the ratios are the figures. Not a test: nothing asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import ROOT, SLUG, spread  # noqa: E402

SAMPLE = ROOT / "samples" / "tayandinskaya"
SEED = 15
TODAY = dt.date(2026, 11, 30)  # the last day of the year of history, given to coverage as --today
ORDERS_PER_SCHOOL = 30
ORDER_YEAR = 2026  # the journal's year: the sample order (01.09.2026) is one more of it

KINDS = (("СОШ", "средняя общеобразовательная школа", ["НОО", "ООО", "СОО"], 70),
         ("ООШ", "основная общеобразовательная школа", ["НОО", "ООО"], 22),
         ("НОШ", "начальная общеобразовательная школа", ["НОО"], 8))
FORMS = (("МКОУ", "Муниципальное казённое общеобразовательное учреждение"),
         ("МБОУ", "Муниципальное бюджетное общеобразовательное учреждение"),
         ("МАОУ", "Муниципальное автономное общеобразовательное учреждение"))
PLACES = ("Таяндинская", "Берёзовская", "Ключевская", "Заречная", "Сосновская", "Каменская", "Луговская",
          "Покровская", "Никольская", "Озёрная", "Весёлая", "Троицкая", "Ильинская", "Мироновская", "Кедровая",
          "Речная", "Степная", "Полевая", "Лесная", "Горная", "Тальская", "Юртинская", "Бирюсинская", "Шиткинская",
          "Квитокская", "Акульшетская", "Староакульшетская", "Соляновская", "Новотремская", "Разгонская")

# A status change's preferred next step: a school moves its acts forward most of the time.
FORWARD = {"not_started": "drafting", "drafting": "discussion", "discussion": "adopted", "adopted": "approved",
           "needs_update": "drafting", "repealed": "drafting"}


# -- the region's rows ---------------------------------------------------------------------------

def inn(index: int) -> str:
    """A valid ИНН of a legal entity (Иркутская область, 38…) for school ``index``."""
    nine = f"3815{index:05d}"
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return nine + str(sum(int(d) * w for d, w in zip(nine, weights)) % 11 % 10)


def school_profile(base: dict, index: int, rng: random.Random) -> dict:
    """The sample profile as school ``index`` of the region: names, kind, levels, ИНН, teachers."""
    short, long, levels, _ = rng.choices(KINDS, weights=[k[3] for k in KINDS])[0]
    form, form_long = rng.choice(FORMS)
    place = PLACES[index % len(PLACES)]
    suffix = f" № {index // len(PLACES) + 1}" if index >= len(PLACES) else ""
    total = rng.randrange(8, 90)
    return {**base, "short_name": f"{form} «{place} {short}{suffix}»",
            "full_name": f"{form_long} «{place} {long}{suffix}»", "levels": levels, "inn": inn(index),
            "teachers_total": total, "teachers_involved": rng.randrange(0, total + 1)}


def organisation_rows(count: int, rng: random.Random) -> list[dict]:
    """Rows of ``organizations``, each keeping its profile (validated, dumped as docgen does)."""
    import yaml

    from docgen.journal import profile_json
    from docgen.models import Organization

    base = yaml.safe_load((SAMPLE / "organization.yaml").read_text(encoding="utf-8"))
    rows = []
    for index in range(count):
        profile = Organization.model_validate(school_profile(base, index, rng))
        text = profile_json(profile)
        rows.append(dict(code=profile.registry_key, short_name=profile.short_name, full_name=profile.full_name,
                         levels=",".join(profile.levels), created_at=dt.datetime(ORDER_YEAR - 1, 11, 1, 9),
                         profile=text, profile_digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                         staff=[p.full_name for p in profile.staff]))
    return rows


def act_rows(org_id: int, levels: list[str], staff: list[str], catalogue, rng: random.Random) -> tuple[list, list]:
    """A year of one school's registry: its ``act_status`` and ``act_history`` rows."""
    from docgen.registry import lifecycle as lc

    statuses, history = [], []
    start = dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(8))
    for act in catalogue.applicable(levels):
        changes = rng.choices((0, 1, 2, 3, 4, 5, 6), weights=(8, 8, 18, 24, 22, 12, 8))[0]
        moments = sorted(start + dt.timedelta(minutes=rng.randrange(365 * 24 * 60)) for _ in range(changes))
        status, row = lc.NOT_STARTED, {}
        responsible = rng.choice(staff)
        for moment in moments:
            shown = lc.effective_status(status, row.get("order_date"), act.review_years, act.repealed_basis,
                                        moment.date())
            allowed = lc.allowed_next(status, shown)
            wanted = FORWARD.get(shown)
            new = wanted if wanted in allowed and rng.random() < 0.85 else rng.choice(allowed)
            lc.check_transition(status, new, shown)
            given = {"order_number": None, "order_date": None, "published_at": None, "note": None}
            if new == lc.APPROVED:
                given.update(order_number=f"{rng.randrange(1, 200)}-од", order_date=moment.date())
            elif new == lc.DISCUSSION:
                given.update(published_at=f"сайт школы, {moment:%d.%m.%Y}")
            elif new == lc.REPEALED:
                given.update(note="заменён новой редакцией")
            row = {"order_number": given["order_number"] or row.get("order_number"),
                   "order_date": given["order_date"] or row.get("order_date"),
                   "published_at": given["published_at"] or row.get("published_at"),
                   "note": given["note"] or row.get("note")}
            history.append(dict(org_id=org_id, act_id=act.id, changed_at=moment, who=rng.choice(staff),
                                from_status=shown, to_status=new, responsible=responsible, **given))
            status = new
        if moments:
            statuses.append(dict(org_id=org_id, act_id=act.id, status=status, responsible=responsible,
                                 updated_at=moments[-1], **row))
    return statuses, history


def journal_rows(org_id: int, folder: str, count: int, titles: dict, rng: random.Random) -> list[dict]:
    """``count`` orders of one school's year, numbered in date order, as docgen.journal leaves them."""
    first = dt.date(ORDER_YEAR, 1, 9)
    days = sorted(first + dt.timedelta(days=rng.randrange(234)) for _ in range(count))  # to 31.08
    rows = []
    for seq, day in enumerate(days, 1):
        kind = rng.choice(list(titles))
        number = f"{seq}-од"
        made = dt.datetime.combine(day, dt.time(rng.randrange(8, 18), rng.randrange(60)))
        void = rng.random() < 0.01
        rows.append(dict(org_id=org_id, year=ORDER_YEAR, seq=seq, number=number, order_date=day, doc_type=kind,
                         title=titles[kind], file=f"{folder}/{titles[kind]} № {number} от {day:%d.%m.%Y}.docx",
                         input_hash=hashlib.sha256(f"{org_id}/{seq}/{rng.random()}".encode()).hexdigest(),
                         status="void" if void else "complete", manual=False, created_at=made,
                         completed_at=made + dt.timedelta(seconds=1),
                         void_reason="ошибочно зарегистрирован" if void else None,
                         voided_by=rng.choice(("Бондаренко О. Н.", "секретарь")) if void else None,
                         voided_at=made + dt.timedelta(days=1) if void else None))
    return rows


def populate(url: str, schools: int, out: Path) -> dict:
    """A store created by docgen at ``url``, filled with ``schools`` schools; the counts of rows."""
    import sqlalchemy as sa

    from docgen.engine import Engine
    from docgen.fileio import safe_file_stem
    from docgen.journal import order_journal
    from docgen.registry.catalogue import default_catalogue
    from docgen.registry.store import Store, act_history, act_status, organizations

    rng = random.Random(SEED)
    engine = Engine()
    titles = {slug: engine.get_type(slug).title for slug in (SLUG, "regulation-order")}
    catalogue = default_catalogue()
    orgs = organisation_rows(schools, rng)
    store = Store(url, create=True, announce=False)
    counts = {"schools": schools, "statuses": 0, "history": 0, "orders": 0}
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.insert(organizations), [{k: v for k, v in o.items() if k != "staff"} for o in orgs])
            ids = dict(conn.execute(sa.select(organizations.c.code, organizations.c.id)).all())
            statuses, history, journal = [], [], []
            for org in orgs:
                org_id = ids[org["code"]]
                made = act_rows(org_id, org["levels"].split(","), org["staff"], catalogue, rng)
                statuses += made[0]
                history += made[1]
                journal += journal_rows(org_id, str(out / safe_file_stem(org["short_name"])), ORDERS_PER_SCHOOL,
                                        titles, rng)
            for table, rows in ((act_status, statuses), (act_history, history), (order_journal, journal)):
                for start in range(0, len(rows), 5000):
                    conn.execute(sa.insert(table), rows[start:start + 5000])
            counts.update(statuses=len(statuses), history=len(history), orders=len(journal))
        if not store.is_sqlite:
            with store.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    finally:
        store.close()
    return counts


def one_school(folder: Path, index: int) -> Path:
    """School ``index``'s profile on disk (as ``populate`` made it: the same draws of the same seed)
    and a numberless order of it."""
    import yaml

    rng = random.Random(SEED)
    base = yaml.safe_load((SAMPLE / "organization.yaml").read_text(encoding="utf-8"))
    profiles = [school_profile(base, i, rng) for i in range(index + 1)]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organization.yaml").write_text(yaml.safe_dump(profiles[index], allow_unicode=True), encoding="utf-8")
    order = yaml.safe_load((SAMPLE / "working-group-order.yaml").read_text(encoding="utf-8"))
    order.pop("number", None)
    order["organization"] = "organization.yaml"
    (folder / "order.yaml").write_text(yaml.safe_dump(order, allow_unicode=True), encoding="utf-8")
    return folder / "order.yaml"


# -- engines -------------------------------------------------------------------------------------

class Postgres:
    """New databases on a PostgreSQL server, each dropped at the end."""

    def __init__(self, url: str):
        import sqlalchemy as sa

        self.url = url
        self.admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        self.made: list[str] = []
        with self.admin.connect() as conn:
            self.version = conn.exec_driver_sql("SHOW server_version").scalar()

    def database(self) -> str:
        import sqlalchemy as sa

        name = f"docgen_bench_{uuid.uuid4().hex[:10]}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return sa.engine.make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop(self) -> None:
        with self.admin.connect() as conn:
            for name in self.made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


# -- timing --------------------------------------------------------------------------------------

def run(command: list[str]) -> str:
    """One whole docgen process; its stdout. A failure stops the benchmark with docgen's message."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DOCGEN_DB", None)
    done = subprocess.run([sys.executable, "-m", "docgen", *command], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"docgen {' '.join(command[:2])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout


def timed(command: list[str], repeat: int) -> list[float]:
    """Wall seconds of ``repeat`` runs, after one untimed run (files cached, as a user's second call)."""
    run(command)
    spent = []
    for _ in range(repeat):
        started = time.perf_counter()
        run(command)
        spent.append(time.perf_counter() - started)
    return spent


def coverage(url: str, schools: int, repeat: int) -> list[float]:
    command = ["coverage", "--district", "--format", "json", "--db", url, "--today", f"{TODAY:%d.%m.%Y}"]
    listed = json.loads(run(command))["organizations"]
    if len(listed) != schools:
        raise SystemExit(f"coverage --district listed {len(listed)} organisations, expected {schools}")
    return timed(command, repeat)


def measure(name: str, new_database, args, work: Path) -> dict:
    """Every figure of one engine; ``new_database()`` gives the URL of an empty database."""
    found: dict = {"sizes": {}}
    urls = {}
    for size in args.sizes:
        url = urls[size] = new_database()
        started = time.perf_counter()
        counts = populate(url, size, work / name / "out")
        print(f"  {name}: {size} schools populated in {time.perf_counter() - started:.1f} s ({counts['statuses']} "
              f"statuses, {counts['history']} history rows, {counts['orders']} orders)", file=sys.stderr, flush=True)
        found["sizes"][size] = coverage(url, size, args.repeat)
        found["counts"] = counts
    data = one_school(work / name / "school", args.schools // 2)
    found["generate"] = timed(["generate", SLUG, "--data", str(data), "--out", str(work / name / "generated"),
                               "--db", urls[args.schools], "--new-number",
                               # the generated registry does not hold the sample's basis act as approved: the
                               # check against it still runs (and is timed), it only warns
                               "--force"], args.repeat)
    return found


# -- report --------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1000, help="schools of the region (growth: /100, /10, all)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each command (median, min, max shown)")
    parser.add_argument("--postgres", default=os.environ.get("DOCGEN_TEST_POSTGRES"),
                        help="PostgreSQL URL whose role may create databases (default: env DOCGEN_TEST_POSTGRES)")
    parser.add_argument("--quick", action="store_true", help="100 schools, one run: only proves the script runs")
    args = parser.parse_args(argv)
    if args.quick:
        args.schools, args.repeat = 100, 1
    args.sizes = sorted({max(1, args.schools // 100), max(1, args.schools // 10), args.schools})
    results: dict = {}
    server = Postgres(args.postgres) if args.postgres else None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results["SQLite"] = measure("SQLite", lambda: f"sqlite:///{work / f'region-{uuid.uuid4().hex[:8]}.sqlite'}",
                                    args, work)
        if server is not None:
            try:
                results["PostgreSQL"] = measure("PostgreSQL", server.database, args, work)
            finally:
                server.drop()
    report(args, results, server)


def report(args, results: dict, server) -> None:
    lite, pg = results["SQLite"], results.get("PostgreSQL")
    counts = lite["counts"]
    median = statistics.median
    print(f"docgen region benchmark: {args.schools} schools, {counts['statuses']} act statuses, {counts['history']} "
          f"status changes over a year, {counts['orders']} orders in the journal; whole docgen processes, "
          f"{args.repeat} run(s) each" + (": median (min, max) s" if args.repeat > 1 else ", s"))
    print("  engines: SQLite file; " + (f"PostgreSQL {server.version} (a new database each)" if pg else
          "PostgreSQL not measured — no server (give --postgres URL or set DOCGEN_TEST_POSTGRES)"))
    biggest = args.schools
    for key, label in (("a", f"coverage --district, {biggest} schools"), ("b", "generate one more order")):
        mine = lite["sizes"][biggest] if key == "a" else lite["generate"]
        if pg is None:
            print(f"  {key}. {label}: SQLite {spread(mine)} s; PostgreSQL / SQLite: not measured")
            continue
        theirs = pg["sizes"][biggest] if key == "a" else pg["generate"]
        print(f"  {key}. {label}: PostgreSQL / SQLite {median(theirs) / median(mine):.2f} "
              f"(PostgreSQL {spread(theirs)} s, SQLite {spread(mine)} s)")
    for name, found in results.items():
        steps = []
        sizes = args.sizes
        for small, large in zip(sizes, sizes[1:]):
            a, b = found["sizes"][small], found["sizes"][large]
            steps.append(f"{large}/{small} schools {median(b) / median(a):.2f}× ({spread(b)} s / {spread(a)} s)")
        print(f"  c. coverage --district growth, {name}: " + "; ".join(steps))


if __name__ == "__main__":
    main()
