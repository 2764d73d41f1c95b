"""Where a long order's time goes, phase by phase, and whether any phase grows faster than its list.

    .venv/bin/python benchmarks/bench_long_order.py [--members 100 1000] [--runs 9] [--wall]
    .venv/bin/python benchmarks/bench_long_order.py --memory 10000

Phases: the working-group order whose group has N members (a profile with as many staff;
``bench_render.growth_files``) loaded and rendered in this process, each phase timed by wrapping
the function that does it (a re-entrant call counted once): loading (YAML and cleaning, the
profile's and the order's validation), the context, cleaning and typesetting it, the template's
parts (declension filters inside them and shown apart), the body's parse and table check, the
zip, the verification. Sizes run interleaved (a busy neighbour slows both alike), the best of
``--runs`` per phase; CPU time of this process unless ``--wall``. The declension and text memos
and the verification of earlier bodies are emptied before each run: every document is new.

``--memory N``: N renders in one process, each naming eight people no earlier document named (so
every memo misses and fills); resident memory after 1,000 and every 2,000 after, with the memos'
sizes. Flat memory means every per-process table is bounded.

Not a test: nothing asserted; the issue's figure is bench_batch.py's «load + render 10× members».
"""
from __future__ import annotations

import argparse
import functools
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import (FEMALE, MALE, POSITIONS, ROOT, SLUG, SURNAMES, TOPICS, _letters,  # noqa: E402
                          growth_files, rss_kib)

PHASES = (  # (module, attribute, label): the function that does each phase
    ("docgen.loading", "read_mapping", "load: YAML + cleaning"),
    ("docgen.engine", "Engine.load", "load: total"),
    ("docgen.engine", "Engine.context", "context"),
    ("docgen.rendering", "sanitize", "cleaning + typesetting"),
    ("docgen.fastrender.document", "_render_part", "template parts"),
    ("docgen.fastrender.document", "_document_part|_body_content", "body: parse + tables"),  # now|before
    ("docgen.fastrender.document", "write_zip", "zip"),
    ("docgen.verify", "verify_docx", "verification"),
    ("docgen.engine", "Engine.render", "render: total"),
)


class Clock:
    def __init__(self, now):
        self.now, self.spent, self.depth = now, {}, {}

    def wrap(self, label, f):
        @functools.wraps(f)
        def timed(*args, **kwargs):
            if self.depth.get(label):
                return f(*args, **kwargs)
            self.depth[label] = 1
            started = self.now()
            try:
                return f(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + self.now() - started
                self.depth[label] = 0
        return timed


def instrument(clock: Clock) -> None:
    import importlib

    from docgen import loading, rendering

    for module, attribute, label in PHASES:
        owner = importlib.import_module(module)
        if "." in attribute:
            owner, attribute = getattr(owner, attribute.split(".")[0]), attribute.split(".")[1]
        attribute = next(a for a in attribute.split("|") if hasattr(owner, a))
        setattr(owner, attribute, clock.wrap(label, getattr(owner, attribute)))
    validate = loading.validate
    loading.validate = lambda model, *a, **k: clock.wrap(f"load: validate {model.__name__}", validate)(model, *a, **k)
    make_environment = rendering.make_environment

    def timed_filters(filters):
        env = make_environment(filters)
        env.filters.update({name: clock.wrap("  of which filters", f) for name, f in env.filters.items()})
        return env

    rendering.make_environment = timed_filters


def forget() -> None:
    """Every document new: the memos emptied, earlier bodies' verification forgotten."""
    from docgen import rendering, verify

    rendering._remembered.cache_clear()
    if hasattr(rendering, "_clean_text"):  # absent before issue 13
        rendering._clean_text.cache_clear()
    for key in [key for key in verify._verified_parts if key[0] == "word/document.xml"]:
        del verify._verified_parts[key]


def phases(sizes: list[int], runs: int, wall: bool) -> None:
    clock = Clock(time.perf_counter if wall else time.process_time)
    instrument(clock)
    from docgen.engine import Engine

    engine = Engine()
    document_type = engine.get_type(SLUG)
    engine.render(document_type, engine.load(document_type, ROOT / "samples" / "tayandinskaya" / "working-group-order.yaml"))
    best: dict[int, dict[str, float]] = {n: {} for n in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            for n in sizes:
                data = growth_files(Path(tmp) / f"{n}-{run}", n)
                forget()
                clock.spent.clear()
                started = clock.now()
                engine.render(document_type, engine.load(document_type, data))
                clock.spent["LOAD + RENDER"] = clock.now() - started
                for label, spent in clock.spent.items():
                    best[n][label] = min(best[n].get(label, float("inf")), spent)
    print(f"{'ms (' + ('wall' if wall else 'CPU') + f', best of {runs})':38}" + "".join(f"{n:>9}" for n in sizes)
          + ("    ratio" if len(sizes) == 2 else ""))
    order = [label for _, _, label in PHASES] + ["LOAD + RENDER"]
    order[1:1] = sorted(label for label in best[sizes[0]] if label.startswith("load: validate"))
    order.insert(order.index("template parts") + 1, "  of which filters")
    for label in order:
        row = [best[n].get(label, 0.0) * 1000 for n in sizes]
        ratio = f"{row[1] / row[0]:9.2f}" if len(row) == 2 and row[0] else ""
        print(f"{label:38}" + "".join(f"{v:9.1f}" for v in row) + ratio)


def memory(total: int) -> None:
    from docgen import rendering
    from docgen.engine import Engine
    from docgen.loading import read_mapping, validate
    from docgen.models import Organization

    engine = Engine()
    document_type = engine.get_type(SLUG)
    profile = read_mapping(ROOT / "samples" / "tayandinskaya" / "organization.yaml")
    profile["procedures"] = [{k: v for k, v in p.items() if k != "responsible"} for p in profile.get("procedures", [])]  # the sample's procedures name its own staff, not these people
    rng = random.Random(5)
    started, person = time.perf_counter(), 0
    for index in range(1, total + 1):
        staff = []
        for _ in range(8):
            person += 1
            male = rng.random() < 0.4
            first, patronymic = rng.choice(MALE if male else FEMALE)
            staff.append({"id": f"p{person}", "gender": "м" if male else "ж",
                          "full_name": f"{rng.choice(SURNAMES)[0 if male else 1]}-{_letters(person)} {first} {patronymic}",
                          "position": f"{rng.choice(POSITIONS)} {rng.choice(TOPICS)}"})
        org = validate(Organization, {**profile, "staff": staff}, file=Path("profile.yaml"))
        ids = [p["id"] for p in staff]
        raw = {"organization": org, "date": "12.01.2026", "number": index, "purpose": "совершенствования ВСОКО",
               "period": {"start": "12.01.2026", "end": "30.05.2026"}, "meetings": "ежемесячно",
               "members": [{"person": ids[0], "role": "руководитель"}] + [{"person": i} for i in ids[1:]],
               "tasks": [{"action": "провести анализ", "responsible": ids[1], "deadline": "01.03.2026"}],
               "publish_responsible": ids[2], "control": ids[3]}
        engine.render(document_type, validate(document_type.input_model, raw, file=Path("order.yaml"),
                                              context={"organization": org}))
        if index == 1000 or index % 2000 == 0:
            gc.collect()
            names, texts = rendering._remembered.cache_info(), rendering._clean_text.cache_info()
            print(f"{index:6} documents  RSS {rss_kib() / 1024:6.1f} MiB  declension memo {names.currsize}/{names.maxsize}"
                  f"  text memo {texts.currsize}/{texts.maxsize}  {time.perf_counter() - started:5.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--wall", action="store_true", help="wall time instead of this process's CPU time")
    parser.add_argument("--memory", type=int, metavar="N", help="resident memory over N renders instead")
    args = parser.parse_args()
    if args.memory:
        memory(args.memory)
    else:
        phases(args.members, args.runs, args.wall)


if __name__ == "__main__":
    main()
