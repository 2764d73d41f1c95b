"""Where one `docgen generate` spends its time outside rendering: the phases, in a fresh process.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5]

1. The phases of `docgen generate` of the sample order as the command runs them, each timed in
   a fresh process (medians of ``--runs``): importing the command line, the plugins and the
   type, loading the data, the first render (template preparation — or its entry in the disk
   cache — the filters' dictionaries, the check of the result), a second render (the renderer
   alone), importing and opening the journal's store. Twice: with an empty template cache
   (a first run) and with the entry the first run left (every later run).
2. Whole processes against ``python -c pass``: `docgen --help` and `docgen generate` with a warm
   cache (medians of ``--runs`` × 3).

Absolute times drift on shared machines; compare phases within one run. Not a test: nothing asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import ROOT, SLUG, median_seconds  # noqa: E402

SAMPLE = ROOT / "samples" / "tayandinskaya" / "working-group-order.yaml"


def phases(store: str) -> dict[str, float]:
    """Run in a fresh process: the milliseconds of each phase, in the order `generate` meets them."""
    marks: dict[str, float] = {}
    last = time.perf_counter()

    def mark(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        marks[name] = (now - last) * 1000
        last = now

    import docgen.cli  # noqa: F401
    mark("import docgen.cli")
    from docgen.engine import Engine

    engine = Engine()
    document_type = engine.get_type(SLUG)
    mark("plugins + get_type")
    data = engine.load(document_type, SAMPLE).model_copy(update={"number": "1"})
    mark("load the data")
    engine.render(document_type, data)
    mark("first render")
    engine.render(document_type, data)
    mark("second render")
    from docgen.journal import Journal

    mark("import the journal (SQLAlchemy)")
    journal = Journal.open(store)
    journal.store  # noqa: B018 — opened on first use
    journal.close()
    mark("open the store")
    return marks


def phases_in_fresh_processes(runs: int, env: dict) -> dict[str, float]:
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(runs):
            code = (f"import json, sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r}); "
                    f"from bench_startup import phases; print(json.dumps(phases({str(Path(tmp) / f's{n}.sqlite')!r})))")
            done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
            samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {name: statistics.median(s[name] for s in samples) for name in samples[0]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DOCGEN_CACHE": str(Path(tmp) / "cache"),
               "DOCGEN_DB": str(Path(tmp) / "generate.sqlite")}
        cold = phases_in_fresh_processes(args.runs, {**env, "DOCGEN_CACHE": "off"})
        phases_in_fresh_processes(1, env)  # leaves the entry
        warm = phases_in_fresh_processes(args.runs, env)
        print(f"1. phases of `docgen generate {SLUG}` in a fresh process, ms (medians of {args.runs}):")
        print(f"   {'phase':34s} {'no cache':>9s} {'warm':>9s}")
        for name in warm:
            print(f"   {name:34s} {cold[name]:9.1f} {warm[name]:9.1f}")
        print(f"   {'total':34s} {sum(cold.values()):9.1f} {sum(warm.values()):9.1f}")
        base = median_seconds([sys.executable, "-c", "pass"], args.runs * 3)
        help_time = median_seconds([sys.executable, "-m", "docgen", "--help"], args.runs * 3, env=env)
        generate = median_seconds([sys.executable, "-m", "docgen", "generate", SLUG, "--data", str(SAMPLE), "--out",
                                   str(Path(tmp) / "out"), "--new-number"], args.runs * 3, env=env)
    print(f"2. whole process, median of {args.runs * 3}: python -c pass {base:.3f} s; docgen --help {help_time:.3f} s "
          f"({help_time / base:.1f}×); docgen generate {generate:.3f} s ({generate / base:.1f}×)")


if __name__ == "__main__":
    main()
