"""The site under load (issue 16, «Speed»): concurrent users of the running `docgen serve`, against
the engine's own per-document cost measured in the same run.

    .venv/bin/python benchmarks/bench_web.py [--users 20] [--seconds 60] [--think 3] [--db URL] [--quick]

Set-up, all in one temporary folder (nothing is written outside it: the store, the documents, the
template cache, the logs — XDG_DATA_HOME and XDG_CACHE_HOME point into it): a copy of the sample
school (samples/tayandinskaya) with its registry imported (`docgen acts import`), ``--users``
accounts of that one school, made with the functions `docgen users add` calls. One school with many
accounts, not many schools: every document then takes its number from the same school's journal,
the worst case for the journal's locking; a real school has two or three users, a district's site
many schools. Then `docgen serve --plain-http` on 127.0.0.1 and a free port, a real uvicorn
subprocess, stopped at the end whatever happens (its stderr is printed if it does not start).

Each simulated user (asyncio, its own httpx.AsyncClient and cookie jar) logs in (GET /login for the
form's token, POST), then until ``--seconds`` have passed: opens the working-group order's form,
«fills it in» for a think time, posts it as the secretary fills it (two members, one task, as
tests/test_web_documents.py's ``form_data``; the task's text differs per document, so each is a new
order with a new number) and downloads the .docx the done page links to. The latency is from the
POST's start to the last byte of the .docx. The think time is uniform in 0.5–1.5 × ``--think``
(default 3 s): a secretary fills an order in minutes, not 20 a second — 20 users thinking 3 s are
a heavier load than any district's real traffic; ``--think 0`` shows the site saturated.

The engine's per-document cost, in the same run, on the same store:

* in process — what `docgen generate` does per document after its start-up: ``load_document`` of a
  data file holding the same order (two members, one task, a different task each time) and
  ``Engine.produce`` with the journal in the store (render, check, number, write); ``--solo``
  documents after three untimed, in blocks alternating with the one-user run below;
* the whole `docgen generate working-group-order --data FILE` process, ``--cli-runs`` times after
  an untimed one: what a user of the command line waits per document — mostly Python's start-up
  and imports, which the site pays once.

The app's per-document cost is the no-load latency: one logged-in user (one kept-alive connection
through the standard library, ``PlainClient``: the client's own costs are not the site's), no think
time, ``--solo`` documents after three untimed (the engine's blocks between them, the server idle meanwhile), median
of POST-to-.docx — the engine's work plus everything the site adds (HTTP, session and CSRF checks,
the form's parsing and validation, the done page, the download). The ratio the target reads is that
median over the in-process engine median: the overhead of the site over the same engine work, which
a ratio against the whole CLI process (start-up ~0.5 s) would hide. The server's CPU time per
document in the same run (/proc, POST to .docx) and the engine's are printed beside it. Also
printed: the server's peak resident memory once the users have logged in together (each argon2
check holds its memory cost) and while they make documents (VmHWM, reset between the two), and,
once benchmarks/preview_timing.py exists, the preview's figures (see ``preview_figures``).

PostgreSQL instead of SQLite: ``--db URL`` (a role that may create databases) — a new database made
for the run and dropped at the end, never another database's tables.
``BENCH_WEB_PROFILE=FILE`` runs the server under cProfile (every thread) and writes its statistics to
FILE when it stops — for finding where a request's time goes; the figures of such a run mean nothing.
The profile's clock is the wall clock (waits included: fsync, locks, the GIL), or each thread's CPU
time with ``BENCH_WEB_PROFILE_CLOCK=cpu``. Best with ``--users 1 --think 0``: one request at a time.
Not a test: nothing asserted; absolute times drift on a shared machine.
"""
from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import ROOT, SLUG, spread  # noqa: E402

SAMPLE = ROOT / "samples" / "tayandinskaya"
PASSWORD = "замер-сайта-2026"
TARGET_P95 = 0.300  # s, form submit to .docx under load
TARGET_RATIO = 2.0  # the app's per-document cost over the engine's
TARGET_PREVIEW = 1.0  # s, generate to preview visible (issue 16)
WARM_DOCS = 3
TASK = "провести анализ локальных актов ВСОКО и представить его рабочей группе"
PURPOSE = "совершенствования внутренней системы оценки качества образования"
MEETINGS = "ежемесячно, по вторникам"
LINK = re.compile(r'href="(/org/\d+/documents/file/[^"]+\.docx)"')
NUMBER = re.compile(r'class="number">№\s*([^<]+)</strong>')
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


# -- the school, its store and its users ---------------------------------------------------------

def environment(work: Path, url: str) -> dict:
    """Every docgen process of the run: this checkout, the run's store, data and cache in ``work``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DOCGEN_DB": url, "XDG_DATA_HOME": str(work / "data"),
           "XDG_CACHE_HOME": str(work / "cache")}
    for name in ("DOCGEN_CONFIG", "DOCGEN_CACHE", "DOCGEN_TEMPLATES"):
        env.pop(name, None)
    return env


def docgen(args: list, env: dict, cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "docgen", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd)
    if done.returncode:
        raise SystemExit(f"docgen {' '.join(map(str, args[:2]))} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(work: Path, url: str, users: int, env: dict, server_db: bool) -> tuple[Path, int, list[str]]:
    """The school in the store with its registry, and ``users`` accounts of it: (profile, org id, logins)."""
    from docgen.registry.service import load_org
    from docgen.registry.store import Store
    from docgen.web.accounts import add_user

    school = work / "school"
    shutil.copytree(SAMPLE, school)
    profile = school / "organization.yaml"
    if server_db:
        docgen(["db", "upgrade"], env, work)  # a server's tables are made by its administrator, first
    docgen(["acts", "import", school / "acts.csv", "--org", profile], env, work)
    org = load_org(profile)
    store = Store(url)
    try:
        logins = [f"secretary{n:02d}" for n in range(1, users + 1)]
        org_id = {add_user(store, login, "school", PASSWORD, org=org).org_id for login in logins}
    finally:
        store.close()
    return profile, org_id.pop(), logins


def order_data(folder: Path, profile: Path, index: int) -> Path:
    """The order the site's form posts, as a data file: two members, one task (its text numbered)."""
    import yaml

    data = {"organization": str(profile), "date": "01.12.2026", "purpose": PURPOSE,
            "period": {"start": "01.12.2026", "end": "31.05.2027"}, "meetings": MEETINGS,
            "members": [{"person": "bondarenko", "role": "руководитель"},
                        {"person": "zaichenko", "role": "член рабочей группы"}],
            "tasks": [{"action": f"{TASK} (engine {index})", "responsible": "belykh", "deadline": "20.12.2026"}]}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"order-{index:04d}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def form_data(token: str, task: str) -> dict[str, str]:
    """What the secretary's browser posts (tests/test_web_documents.py's ``form_data``)."""
    return {"csrf_token": token, "date": "2026-12-01", "purpose": PURPOSE, "period.start": "2026-12-01",
            "period.end": "2027-05-31", "meetings": MEETINGS,
            "members.0.person": "bondarenko", "members.0.role": "руководитель",
            "members.1.person": "zaichenko", "members.1.role": "член рабочей группы",
            "tasks.0.action": task, "tasks.0.responsible": "belykh", "tasks.0.deadline": "20.12.2026",
            "_action": "generate"}


# -- the engine, as the command line runs it ------------------------------------------------------

class EngineRun:
    """``load_document`` + ``Engine.produce`` with the journal in the store, in this process: what
    `docgen generate` does per document after its start-up. Open for the run, timed one at a time."""

    def __init__(self, work: Path, profile: Path, url: str):
        from docgen.engine import Engine
        from docgen.journal import Journal
        from docgen.registry.store import Store

        self.work, self.profile = work, profile
        self.engine = Engine()
        self.kind = self.engine.get_type(SLUG)
        self.store = Store(url)
        self.journal = Journal(self.store)
        self.made = 0
        self.cpu = 0.0  # CPU seconds of the timed documents (this thread's: nothing else runs here)

    def one(self) -> float:
        data = order_data(self.work / "engine-data", self.profile, self.made)
        self.made += 1
        started, cpu = time.perf_counter(), time.thread_time()
        loaded = self.engine.load_document(self.kind, data)
        self.engine.produce(self.kind, loaded.data, self.work / "engine-out", journal=self.journal, data_path=data,
                            profile=loaded.profile)
        self.cpu += time.thread_time() - cpu
        return time.perf_counter() - started

    def close(self) -> None:
        self.journal.close()
        self.store.close()


def cli_generate(work: Path, profile: Path, env: dict, runs: int) -> list[float]:
    """Wall seconds of whole `docgen generate` processes, after an untimed one."""
    spent = []
    for index in range(1 + runs):
        data = order_data(work / "cli-data", profile, 1000 + index)
        started = time.perf_counter()
        docgen(["generate", SLUG, "--data", data, "--out", work / "cli-out"], env, work)
        if index:
            spent.append(time.perf_counter() - started)
    return spent


# -- the server ----------------------------------------------------------------------------------

PROFILED = """
import cProfile, pstats, runpy, signal, sys, threading, time
clock = CLOCK
profiles = [cProfile.Profile(clock)]
def start(*_):
    profile = cProfile.Profile(clock)
    profiles.append(profile)
    profile.enable()
threading.setprofile(start)
sys.argv = ["docgen", *sys.argv[2:]]
profiles[0].enable()
try:
    runpy.run_module("docgen", run_name="__main__")
except SystemExit:
    pass
finally:
    stats = pstats.Stats(profiles[0])
    for profile in profiles[1:]:
        profile.disable()
        stats.add(profile)
    stats.dump_stats(OUT)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`docgen serve` as a subprocess: started, waited for, measured from /proc, always stopped."""

    def __init__(self, work: Path, url: str, env: dict):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = work / "server.log"
        command = ["serve", "--host", "127.0.0.1", "--port", str(self.port), "--plain-http", "--db", url]
        profile_to = os.environ.get("BENCH_WEB_PROFILE")
        if profile_to:
            clock = "time.thread_time" if os.environ.get("BENCH_WEB_PROFILE_CLOCK") == "cpu" else "time.perf_counter"
            code = PROFILED.replace("OUT", repr(str(Path(profile_to).resolve()))).replace("CLOCK", clock)
            argv = [sys.executable, "-c", code, "-", *command]
        else:
            argv = [sys.executable, "-m", "docgen", *command]
        self._log = open(self.log, "wb")
        self.process = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=work)

    def wait_ready(self, seconds: float = 60) -> float:
        """Seconds until GET /login answers 200; the server's output if it dies or never answers."""
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            if self.process.poll() is not None:
                raise SystemExit(f"docgen serve exited with {self.process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.base}/login", timeout=2) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"docgen serve did not answer within {seconds:.0f} s:\n{self.output()}")

    def output(self) -> str:
        self._log.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the server process so far (its threads included)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mib(self, field: str = "VmRSS") -> float:
        """Resident memory now (VmRSS) or at its peak (VmHWM), from /proc (psutil is not a dependency)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def reset_peak(self) -> bool:
        """Start VmHWM again from the present RSS (Linux's clear_refs «5»): the peak of one phase."""
        try:
            Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
            return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # uvicorn's graceful stop (a profile is written)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


# -- users ---------------------------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.latencies: list[float] = []
        self.forms: list[float] = []
        self.numbers: list[str] = []
        self.errors: list[str] = []


async def logged_in(base: str, login: str):
    import httpx

    client = httpx.AsyncClient(base_url=base, timeout=120, follow_redirects=False)
    page = await client.get("/login")
    answer = await client.post("/login", data={"login": login, "password": PASSWORD,
                                               "csrf_token": CSRF.search(page.text).group(1)})
    if answer.status_code != 303:
        await client.aclose()
        raise SystemExit(f"login of {login} failed: {answer.status_code}\n{answer.text[:2000]}")
    return client


class PlainClient:
    """The one user's browser for the solo run: one kept-alive HTTP/1.1 connection through the
    standard library, with the session cookie of a login made by httpx. httpx's own Python costs
    ~0.7 ms a request on this machine — time the client spends, which a browser (native code) does
    not and which the site cannot shorten; the solo figure is what the site adds to the engine.
    Blocking calls behind httpx's async names: the solo run has one user and nothing else to wait for."""

    class Answer:
        def __init__(self, status: int, content: bytes):
            self.status_code, self.content = status, content

        @property
        def text(self) -> str:
            return self.content.decode("utf-8")

    def __init__(self, base: str, cookies):
        import http.client
        from urllib.parse import urlsplit

        where = urlsplit(base)
        self.connection = http.client.HTTPConnection(where.hostname, where.port, timeout=120)
        self.cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())

    def _ask(self, method: str, url: str, body: bytes | None = None, kind: str | None = None) -> "PlainClient.Answer":
        headers = {"Cookie": self.cookie, **({"Content-Type": kind} if kind else {})}
        self.connection.request(method, url, body=body, headers=headers)
        answer = self.connection.getresponse()
        return self.Answer(answer.status, answer.read())

    async def get(self, url: str):
        return self._ask("GET", url)

    async def post(self, url: str, data: dict):
        from urllib.parse import urlencode

        return self._ask("POST", url, urlencode(data).encode(), "application/x-www-form-urlencoded")

    async def aclose(self) -> None:
        self.connection.close()


async def one_document(client, org_id: int, task: str, tally: Tally, think: float, rng: random.Random,
                       deadline: float | None, server: Server | None = None) -> bool:
    """Form → think → POST → done page → .docx; False when the run's time ran out before the POST."""
    form_url = f"/org/{org_id}/documents/new/{SLUG}"
    started = time.perf_counter()
    page = await client.get(form_url)
    tally.forms.append(time.perf_counter() - started)
    if page.status_code != 200:
        tally.errors.append(f"form {page.status_code}")
        return True
    if think:
        pause = think * rng.uniform(0.5, 1.5)
        await asyncio.sleep(pause if deadline is None else max(0.0, min(pause, deadline - time.perf_counter())))
    if deadline is not None and time.perf_counter() >= deadline:
        return False
    cpu = server.cpu_seconds() if server else 0.0
    started = time.perf_counter()
    done = await client.post(form_url, data=form_data(CSRF.search(page.text).group(1), task))
    link = LINK.search(done.text) if done.status_code == 200 else None
    if link is None:
        tally.errors.append(f"submit {done.status_code}: {done.text[:300]!r}")
        return True
    docx = await client.get(link.group(1))
    if docx.status_code != 200 or not docx.content.startswith(b"PK"):
        tally.errors.append(f"download {docx.status_code}")
        return True
    tally.latencies.append(time.perf_counter() - started)
    if server:
        tally.cpu = getattr(tally, "cpu", 0.0) + server.cpu_seconds() - cpu
    number = NUMBER.search(done.text)
    tally.numbers.append(number.group(1) if number else "?")
    return True


async def simulated_user(base: str, login: str, org_id: int, think: float, seconds: float, tally: Tally,
                         ready: asyncio.Barrier) -> None:
    rng = random.Random(login)
    client = await logged_in(base, login)
    try:
        await ready.wait()  # every user logged in (argon2 is slow on purpose): the clock starts together
        deadline = time.perf_counter() + seconds
        index = 0
        while time.perf_counter() < deadline:
            index += 1
            if not await one_document(client, org_id, f"{TASK} ({login}, {index})", tally, think, rng, deadline):
                break
    finally:
        await client.aclose()


async def under_load(server: Server, logins: list[str], org_id: int, think: float, seconds: float) -> dict:
    """The users log in together, then work for ``seconds``; the server's memory peak of each phase."""
    tally = Tally()
    ready = asyncio.Barrier(len(logins) + 1)
    users = [asyncio.create_task(simulated_user(server.base, login, org_id, think, seconds, tally, ready))
             for login in logins]
    await ready.wait()
    found = {"rss_logins": server.rss_mib("VmHWM"), "peak_reset": server.reset_peak()}
    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*users)
    found.update(tally=tally, elapsed=time.perf_counter() - started, client_cpu=time.process_time() - cpu,
                 rss_documents=server.rss_mib("VmHWM"), rss_end=server.rss_mib())
    return found


async def solo(base: str, login: str, org_id: int, docs: int, server: Server, engine: EngineRun,
               block: int = 5) -> tuple[Tally, list[float]]:
    """One user, no think time — the app's per-document cost with nothing else running — and the
    engine in this process, in alternate blocks of ``block`` documents, so that a neighbour's load
    on the shared machine slows both alike. Three untimed documents of each first (the first render
    of a process prepares the template)."""
    logged = await logged_in(base, login)
    client = PlainClient(base, logged.cookies)
    await logged.aclose()
    try:
        rng = random.Random(0)
        for index in range(WARM_DOCS):
            engine.one()
            await one_document(client, org_id, f"{TASK} (warm-up {index})", Tally(), 0, rng, None)
        engine.cpu = 0.0
        tally, spent = Tally(), []
        while len(tally.latencies) < docs:
            if len(tally.errors) >= 5:  # the site refuses every document: say why rather than loop forever
                raise SystemExit("the site made no document: " + "; ".join(tally.errors[:3]))
            spent += [engine.one() for _ in range(block)]
            for _ in range(block):
                await one_document(client, org_id, f"{TASK} (solo {len(tally.latencies)})", tally, 0, rng, None,
                                   server)
        return tally, spent
    finally:
        await client.aclose()


PREVIEW_RUNS = 5


def preview_figures(base: str, login: str, org_id: int, work: Path) -> dict | None:
    """The PDF preview's timing (issue 16: a one-page order's preview visible within 1 s of
    generating it): POST to the first page's picture received, as the page's HTMX polls for it
    (benchmarks/preview_timing.py), on the running site after its load, PREVIEW_RUNS times."""
    import httpx

    from preview_timing import _log_in, preview_seconds

    with httpx.Client(timeout=120) as client:
        _log_in(client, base, login, PASSWORD)
        preview_seconds(base, client, org_id)  # the converter's first document (its warm-up is the site's start)
        seconds = [preview_seconds(base, client, org_id) for _ in range(PREVIEW_RUNS)]
    return {"p50": percentile(seconds, 0.5), "p95": percentile(seconds, 0.95), "max": max(seconds),
            "count": len(seconds)}


# -- a run ---------------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(name: str, url: str, args, work: Path) -> dict:
    env = environment(work, url)
    os.environ.update({k: env[k] for k in ("XDG_DATA_HOME", "XDG_CACHE_HOME")})  # this process's engine, too
    started = time.perf_counter()
    profile, org_id, logins = prepare(work, url, args.users, env, server_db=not url.startswith("sqlite"))
    say(f"{name}: school, registry and {len(logins)} users in {time.perf_counter() - started:.1f} s")
    found: dict = {"name": name, "load_average": os.getloadavg()}
    found["cli"] = cli_generate(work, profile, env, args.cli_runs)
    say(f"{name}: docgen generate {spread(found['cli'])} s")
    engine = EngineRun(work, profile, url)
    server = Server(work, url, env)
    try:
        found["start"] = server.wait_ready()
        found["solo"], found["engine"] = asyncio.run(solo(server.base, logins[0], org_id, args.solo, server, engine))
        found["engine_cpu"] = engine.cpu / len(found["engine"])
        say(f"{name}: one user {spread([t * 1000 for t in found['solo'].latencies], '.1f')} ms, engine in process "
            f"{spread([t * 1000 for t in found['engine']], '.1f')} ms")
        found["rss_solo"] = server.rss_mib()
        found["load"] = asyncio.run(under_load(server, logins, org_id, args.think, args.seconds))
        found["preview"] = preview_figures(server.base, logins[0], org_id, work)
    except BaseException:
        say(f"server output:\n{server.output()}")
        raise
    finally:
        server.stop()
        engine.close()
    return found


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(args, found: dict, server_version: str | None) -> None:
    ms = lambda values: spread([v * 1000 for v in values], ".1f")  # noqa: E731
    load, solo_ = found["load"], found["solo"]
    tally = load["tally"]
    engine, cli = statistics.median(found["engine"]), statistics.median(found["cli"])
    app = statistics.median(solo_.latencies)
    store = found["name"] + (f" {server_version}" if server_version else "")
    print(f"docgen site under load: {SLUG}, {args.users} users of one school for {args.seconds:.0f} s, "
          f"store {store}; docgen serve (uvicorn, one process) on this {os.cpu_count()}-core machine, "
          f"the users' client on the same machine")
    think = (f"think time {args.think:g} s (uniform {args.think * 0.5:g}–{args.think * 1.5:g} s between opening "
             "the form and posting it: a secretary fills an order in minutes, so this is already a heavier "
             "load than a district's real traffic)" if args.think else
             "think time 0: every user posts again as soon as the .docx arrives — the site saturated")
    print(f"  {think}; load average before the run {' '.join(f'{x:.2f}' for x in found['load_average'])}")
    if not tally.latencies:
        print(f"  no document made; errors: {tally.errors[:5]}")
        return
    p50, p95 = statistics.median(tally.latencies), percentile(tally.latencies, 0.95)
    distinct = len(set(tally.numbers))
    print(f"  documents made: {len(tally.latencies)} in {load['elapsed']:.1f} s — "
          f"{len(tally.latencies) / load['elapsed']:.1f} docs/s; errors {len(tally.errors)}; journal numbers "
          f"{distinct} distinct of {len(tally.numbers)}" + (f" (first error: {tally.errors[0]})" if tally.errors else ""))
    print(f"  form submit to .docx under load: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {max(tally.latencies) * 1000:.0f} ms; opening the form p50 {statistics.median(tally.forms) * 1000:.0f} ms")
    server_cpu = getattr(solo_, "cpu", 0.0) / len(solo_.latencies)
    print(f"  one user, no think time, {len(solo_.latencies)} documents: submit to .docx {ms(solo_.latencies)} ms; "
          f"server CPU {server_cpu * 1000:.1f} ms per document (/proc, 10-ms ticks summed)")
    print(f"  engine in process (load_document + Engine.produce with the journal, the same order): "
          f"{ms(found['engine'])} ms per document, CPU {found['engine_cpu'] * 1000:.1f} ms "
          f"(CPU ratio server / engine {server_cpu / found['engine_cpu']:.2f}×, not the target's)")
    print(f"  whole `docgen generate` process: {spread(found['cli'])} s per document "
          f"(the site's one-user latency is {app / cli:.3f} of it)")
    documents_peak = (f"peak while making documents {load['rss_documents']:.0f} MiB" if load["peak_reset"] else
                      "(the peak of the documents alone is not measurable here: /proc/PID/clear_refs refused)")
    print(f"  server: ready {found['start']:.2f} s after start; resident memory {found['rss_solo']:.0f} MiB after the "
          f"one-user run; peak {load['rss_logins']:.0f} MiB once {args.users} users had logged in at once (each "
          f"login's argon2 check holds its memory cost); {documents_peak}; {load['rss_end']:.0f} MiB at the end")
    print(f"  client (the simulated users, same machine): {load['client_cpu']:.1f} s CPU during the load")
    print(f"  {verdict(p95 < TARGET_P95)}  p95 form submit to .docx under load {p95 * 1000:.0f} ms "
          f"(target < {TARGET_P95 * 1000:.0f} ms)")
    print(f"  {verdict(app / engine < TARGET_RATIO)}  app / engine per-document cost {app / engine:.2f}× — "
          f"one-user submit-to-.docx median {app * 1000:.1f} ms / in-process engine median {engine * 1000:.1f} ms "
          f"(target < {TARGET_RATIO:g}×)")
    preview = found.get("preview")
    if preview is None:
        print("  preview: not measured (benchmarks/preview_timing.py is not here yet)")
    else:
        figures = ", ".join(f"{k} {v * 1000:.0f} ms" if isinstance(v, float) else f"{k} {v}" for k, v in preview.items())
        print(f"  preview, generate to visible: {figures}")
        worst = preview.get("p95", preview.get("max"))
        if isinstance(worst, (int, float)):
            print(f"  {verdict(worst < TARGET_PREVIEW)}  preview visible within {TARGET_PREVIEW:g} s "
                  f"({worst * 1000:.0f} ms)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20, help="simulated users, each with its own account")
    parser.add_argument("--seconds", type=float, default=60, help="how long the users work")
    parser.add_argument("--think", type=float, default=3, help="mean seconds a user fills the form (0: saturate)")
    parser.add_argument("--solo", type=int, default=30, help="documents of the one-user, no-think run")
    parser.add_argument("--cli-runs", type=int, default=5, help="whole `docgen generate` processes timed")
    parser.add_argument("--db", help="a PostgreSQL URL whose role may create databases: run on a new database "
                                     "there instead of SQLite")
    parser.add_argument("--quick", action="store_true", help="3 users, 5 s, few runs: proves the script works")
    args = parser.parse_args(argv)
    if args.quick:
        args.users, args.seconds, args.solo, args.cli_runs = 3, 5, 5, 1
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        work = Path(tmp)
        if args.db:
            from bench_region import Postgres

            server = Postgres(args.db)
            try:
                found = measure("PostgreSQL", server.database(), args, work)
            finally:
                server.drop()
            report(args, found, server.version)
        else:
            found = measure("SQLite", f"sqlite:///{work / 'site.sqlite'}", args, work)
            report(args, found, None)


if __name__ == "__main__":
    main()
