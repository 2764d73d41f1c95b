"""The whole path of issue 13 — `docgen batch`, long orders, `docgen generate` — as ratios in one run.

    .venv/bin/python benchmarks/bench_batch.py [--n 1000] [--repeat 3] [--runs 3] [--members 100] [--quick]

Inputs: ``--n`` and 10×``--n`` different working-group orders for three schools (profiles built from
the sample school with 20, 60 and 150 generated staff and their own names), each order its own data
file in one folder beside the profiles, varying the date (within the profile's ``order_years``),
purpose, meetings, period, members, tasks; no number (the journal gives it, as in real use).

1. Throughput, on the 10×N orders (10,000 by default, as the issue asks). (a) ``docgen batch
   working-group-order --data FOLDER --jobs 2`` as a whole process with a fresh store (journal) and
   output folder: documents per second of wall time, start-up included. (b) "The renderer alone on
   the same inputs": the same files loaded here with ``Engine.load`` (not timed), the number the
   journal would give filled in, then ``Engine.render`` of every input in a 2-process fork pool whose
   workers have already rendered one document (template prepared); chunks of indices go in, byte
   counts come out; no journal, no files written. Ratio = batch docs/s / renderer docs/s (target
   ≥ 0.5); the 30,000-order time is 30,000 / batch docs/s.
2. Peak RSS of the batch: the sum of VmRSS over the batch process and all its descendants, read
   from /proc every 20 ms (not getrusage, whose RUSAGE_CHILDREN gives only the largest single
   descendant), for the 10×N jobs against the N jobs (target ≤ 1.1).
3. One order whose group has 10×``--members`` members against one with ``--members`` (profiles
   with as many staff, written afresh each run): ``Engine.load`` + ``Engine.render`` in this
   process, declension memory emptied, best of ``--runs`` (target ≤ 10×).
4. ``docgen generate`` of the sample order, whole process, against ``python -c pass``: medians of
   ``--runs`` × 3 runs, both shown with their ratio.

``--repeat K`` measures everything K times (fresh inputs, store and output each time) and prints each
figure's minimum, median and maximum — what the issue's closing note quotes. ``--quick`` (N=6, one
run, 10 and 20 members) proves the script works; its figures mean nothing. Absolute times drift on
shared machines; the ratios are the figures. Not a test: nothing asserted.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import (ACTIONS, MEETINGS, ROOT, SLUG, TOPICS, growth_files, spread,  # noqa: E402
                          median_seconds)

SCHOOLS = (("Берёзовская", 20), ("Ключевская", 60), ("Заречная", 150))
TARGET_THROUGHPUT = 0.5
TARGET_MEMORY = 1.1
TARGET_GROWTH = 10.0
REGION = 30_000


# -- inputs --------------------------------------------------------------------------------------

def schools(folder: Path) -> list[tuple[str, list[str]]]:
    """Three profiles in ``folder`` (sample school, renamed, with generated staff); their file names
    and staff ids."""
    import yaml

    made = []
    for name, staff in SCHOOLS:
        growth_files(folder / "tmp", staff)
        profile = yaml.safe_load((folder / "tmp" / "organization.yaml").read_text(encoding="utf-8"))
        profile["short_name"] = f"МКОУ «{name} СОШ»"
        profile["full_name"] = f"Муниципальное казённое общеобразовательное учреждение «{name} средняя школа»"
        file = f"school-{len(made) + 1}.yaml"
        (folder / file).write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
        made.append((file, [p["id"] for p in profile["staff"]]))
    shutil.rmtree(folder / "tmp")
    return made


def orders(folder: Path, count: int, seed: int = 13) -> Path:
    """``count`` different working-group orders in ``folder`` (profiles beside them); the folder."""
    import yaml

    folder.mkdir(parents=True)
    made = schools(folder)
    sample = yaml.safe_load((ROOT / "samples" / "tayandinskaya" / "working-group-order.yaml").read_text(encoding="utf-8"))
    sample.pop("number", None)
    rng = random.Random(seed)
    years = sorted(yaml.safe_load((folder / made[0][0]).read_text(encoding="utf-8"))["order_years"])
    first, last = date(years[0], 1, 9), date(years[1], 6, 30)
    for index in range(count):
        file, ids = made[index % len(made)]
        day = first + timedelta(days=rng.randrange((last - first).days))
        people = rng.sample(ids, rng.randrange(3, min(25, len(ids))))
        members = [{"person": people[0], "role": "руководитель"}] + [{"person": p} for p in people[1:]]
        order = {**sample, "organization": file, "date": day.strftime("%d.%m.%Y"),
                 "purpose": f"совершенствования {rng.choice(TOPICS)} и принятия управленческих решений",
                 "period": {"start": day.strftime("%d.%m.%Y"),
                            "end": (day + timedelta(days=rng.randrange(60, 300))).strftime("%d.%m.%Y")},
                 "meetings": rng.choice(MEETINGS), "members": members,
                 "publish_responsible": rng.choice(people),
                 "executor": {**sample["executor"], "person": rng.choice(people)},
                 "tasks": [{"action": rng.choice(ACTIONS).format(rng.choice(TOPICS)), "responsible": rng.choice(people),
                            "deadline": (day + timedelta(days=rng.randrange(10, 200))).strftime("%d.%m.%Y")}
                           for _ in range(rng.randrange(1, 6))]}
        (folder / f"order-{index:05d}.yaml").write_text(yaml.safe_dump(order, allow_unicode=True), encoding="utf-8")
    return folder


# -- 1 and 2: the batch --------------------------------------------------------------------------

def tree_rss_kib(root: int) -> int:
    """VmRSS summed over ``root`` and every descendant (via /proc/PID/task/TID/children)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def batch(folder: Path, work: Path) -> dict:
    """One whole `docgen batch --jobs 2` of the folder: wall seconds and peak RSS of its process tree."""
    out, db = work / "out", work / "db.sqlite"
    work.mkdir(exist_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    db.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "docgen", "batch", SLUG, "--data", str(folder), "--out", str(out),
               "--db", str(db), "--jobs", "2"]
    peak = [0]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)

    def watch() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_kib(process.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate()
    spent = time.perf_counter() - started
    watcher.join()
    if process.returncode:
        raise SystemExit(f"docgen batch failed ({process.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    written = sum(1 for _ in out.rglob("*.docx"))
    return {"seconds": spent, "docs": written, "peak_mib": peak[0] / 1024}


_POOL: dict = {}


def _init_renderer() -> None:
    from docgen.engine import Engine

    engine = Engine()
    _POOL.update(engine=engine, type=engine.get_type(SLUG))
    _render_chunk(range(1))  # the template prepared before the clock matters


def _render_chunk(indices) -> int:
    engine, document_type = _POOL["engine"], _POOL["type"]
    return sum(len(engine.render(document_type, _POOL["items"][i])) for i in indices)


def renderer(folder: Path) -> dict:
    """The renderer alone on the batch's inputs, in a 2-process pool (see the module's docstring)."""
    from docgen.engine import Engine

    engine = Engine()
    document_type = engine.get_type(SLUG)
    files = sorted(folder.glob("order-*.yaml"))
    _POOL["items"] = [engine.load(document_type, f).model_copy(update={"number": i + 1}) for i, f in enumerate(files)]
    chunks = [range(i, min(i + 20, len(files))) for i in range(0, len(files), 20)]
    with multiprocessing.get_context("fork").Pool(2, initializer=_init_renderer) as pool:
        pool.map(len, [[]] * 2)  # both workers up and warm
        started = time.perf_counter()
        pool.map(_render_chunk, chunks, chunksize=1)
        spent = time.perf_counter() - started
    return {"seconds": spent, "docs": len(files)}


# -- 3: a long order -----------------------------------------------------------------------------

def long_order(members: int, runs: int, work: Path) -> float:
    from docgen import rendering
    from docgen.engine import Engine

    engine = Engine()
    document_type = engine.get_type(SLUG)
    engine.render(document_type, engine.load(document_type, ROOT / "samples" / "tayandinskaya" / "working-group-order.yaml"))
    best = float("inf")
    for run in range(runs):
        data = growth_files(work / f"long-{members}-{run}", members)
        rendering._remembered.cache_clear()
        rendering._clean_text.cache_clear()
        started = time.perf_counter()
        engine.render(document_type, engine.load(document_type, data))
        best = min(best, time.perf_counter() - started)
    return best


# -- report --------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def measure(args, work: Path) -> dict:
    """One measurement of the four figures, in ``work``."""
    small, large = orders(work / "n", args.n), orders(work / "n10", args.n * 10, seed=14)
    few = batch(small, work / "b")
    many = batch(large, work / "b")
    if few["docs"] != args.n or many["docs"] != args.n * 10:
        raise SystemExit(f"batch wrote {few['docs']} / {many['docs']} documents, expected {args.n} / {args.n * 10}")
    alone = renderer(large)
    short = long_order(args.members, args.runs, work)
    long = long_order(args.members * 10, args.runs, work)
    sample = ROOT / "samples" / "tayandinskaya" / "working-group-order.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DOCGEN_DB": str(work / "generate.sqlite")}
    generate = median_seconds([sys.executable, "-m", "docgen", "generate", SLUG, "--data", str(sample), "--out",
                               str(work / "generated"), "--new-number"], args.runs * 3, env=env)
    python = median_seconds([sys.executable, "-c", "pass"], args.runs * 3)
    batch_rate, render_rate = many["docs"] / many["seconds"], alone["docs"] / alone["seconds"]
    return {"throughput": batch_rate / render_rate, "batch_rate": batch_rate, "render_rate": render_rate,
            "region": REGION / batch_rate, "memory": many["peak_mib"] / max(few["peak_mib"], 1e-9),
            "peak_many": many["peak_mib"], "peak_few": few["peak_mib"], "growth": long / short,
            "long_ms": long * 1000, "short_ms": short * 1000, "generate": generate, "python": python}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="orders of the small batch (the large one: 10×n)")
    parser.add_argument("--repeat", type=int, default=1, help="whole measurements; min, median and max shown")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of figures 3 (best) and 4 (median of 3×)")
    parser.add_argument("--members", type=int, default=100, help="the short order's group (the long one: 10×)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, only to prove the script runs")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.runs, args.members, args.repeat = 6, 1, 10, 1
    found = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            found.append(measure(args, Path(tmp)))

    def of(key: str, digits: str) -> str:
        return spread([f[key] for f in found], digits)

    def ok(key: str, good) -> str:
        return verdict(all(good(f[key]) for f in found))

    print(f"docgen batch benchmark: {SLUG}, {args.n * 10} and {args.n} orders of {len(SCHOOLS)} schools, 2 processes, "
          f"{args.repeat} measurement(s)" + (": median (min, max)" if args.repeat > 1 else ""))
    print(f"  1. batch / renderer throughput: {of('throughput', '.3f')} ({of('batch_rate', '.1f')} / "
          f"{of('render_rate', '.1f')} docs/s); 30,000 orders ≈ {of('region', '.0f')} s  target ≥ {TARGET_THROUGHPUT} "
          f"{ok('throughput', lambda v: v >= TARGET_THROUGHPUT)}")
    print(f"  2. peak RSS {args.n * 10} / {args.n} jobs: {of('memory', '.3f')} ({of('peak_many', '.1f')} / "
          f"{of('peak_few', '.1f')} MiB, batch process + workers, /proc)  target ≤ {TARGET_MEMORY} "
          f"{ok('memory', lambda v: v <= TARGET_MEMORY)}")
    print(f"  3. load + render {args.members * 10} / {args.members} members: {of('growth', '.2f')}× "
          f"({of('long_ms', '.0f')} / {of('short_ms', '.0f')} ms)  target ≤ {TARGET_GROWTH:.0f}× "
          f"{ok('growth', lambda v: v <= TARGET_GROWTH)}")
    print(f"  4. docgen generate, whole process: {of('generate', '.3f')} s against python -c pass "
          f"{of('python', '.3f')} s")


if __name__ == "__main__":
    main()
