"""Rendering speed, memory and start-up of docgen, as ratios against baselines run in the same process.

    .venv/bin/python benchmarks/bench_render.py [--docs 1000] [--memory-docs 10000] [--help-runs 11]

(a) plain docxtpl — per document ``DocxTemplate(path)``, ``render`` with docgen's sandboxed
    environment and filters, ``save`` — against (b) docgen's ``Engine.render``, the call every
    document of ``generate``/``demo``/``batch`` goes through, for the working-group order with
    ``--docs`` different validated inputs, each written to a file in a temporary folder, on one
    core. The two run alternately in blocks, so a busy neighbour slows both alike; the first
    docgen block includes preparing the template (the cache starts empty).
(c) resident memory after 1,000 and after ``--memory-docs`` docgen renders, in a fresh process.
(d) ``docgen --help`` against ``python -c pass``: medians of ``--help-runs`` runs.
(e) growth: end-to-end ``docgen generate`` of the working-group order whose group has ``--members``
    and ten times as many members (a profile with as many staff; half referenced by id, half by
    full name), best of ``--growth-runs`` runs each; the time ratio must stay ≤ 12 (linear, with
    room for the noise). ``--growth-only`` runs this part alone.

Absolute times drift on shared machines; the ratios are the figures. Not a test: pytest does
not collect it, and it times nothing it asserts.
"""
from __future__ import annotations

import argparse
import gc
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "working-group-order"
TARGET_RATIO = 1 / 3
TARGET_MEMORY = 1.10
TARGET_HELP = 0.3
TARGET_GROWTH = 12.0

SURNAMES = [("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузьмин", "Кузьмина"), ("Попов", "Попова"),
            ("Васильев", "Васильева"), ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"), ("Морозов", "Морозова"),
            ("Волков", "Волкова"), ("Алексеев", "Алексеева"), ("Лебедев", "Лебедева"), ("Семёнов", "Семёнова"),
            ("Егоров", "Егорова"), ("Павлов", "Павлова"), ("Козлов", "Козлова"), ("Степанов", "Степанова"),
            ("Николаев", "Николаева"), ("Орлов", "Орлова"), ("Андреев", "Андреева"), ("Макаров", "Макарова"),
            ("Шевченко", "Шевченко"), ("Ковальчук", "Ковальчук"), ("Гончаренко", "Гончаренко"), ("Черных", "Черных")]
MALE = [("Александр", "Александрович"), ("Дмитрий", "Дмитриевич"), ("Сергей", "Сергеевич"),
        ("Андрей", "Андреевич"), ("Илья", "Ильич"), ("Никита", "Никитич"), ("Павел", "Павлович")]
FEMALE = [("Елена", "Александровна"), ("Ольга", "Дмитриевна"), ("Наталья", "Сергеевна"), ("Мария", "Андреевна"),
          ("Анна", "Ильинична"), ("Татьяна", "Никитична"), ("Ирина", "Павловна")]
POSITIONS = ["учитель математики", "учитель русского языка и литературы", "учитель истории и обществознания",
             "учитель начальных классов", "учитель физической культуры", "учитель информатики",
             "педагог-психолог", "социальный педагог", "учитель-логопед", "педагог-организатор",
             "заместитель директора по учебно-воспитательной работе", "старший вожатый", "библиотекарь"]
ACTIONS = ["провести анализ результатов {}", "подготовить проект положения о {}", "организовать мониторинг {}",
           "разработать инструментарий оценки {}", "представить на педагогическом совете отчёт о {}"]
TOPICS = ["образовательных результатов обучающихся", "реализации основных общеобразовательных программ",
          "удовлетворённости родителей качеством образования", "условий реализации ООП",
          "внутренней системы оценки качества образования"]
MEETINGS = ["еженедельно по четвергам, 8-й урок", "по вторникам, 7-й урок", "ежемесячно, в первый понедельник",
            "дважды в месяц, по средам"]


# -- inputs --------------------------------------------------------------------------------------

def organization(rng: random.Random):
    """The sample school with a staff list of 40 generated people: member names vary per document."""
    from docgen.loading import read_mapping, validate
    from docgen.models import Organization

    profile = ROOT / "samples" / "tayandinskaya" / "organization.yaml"
    raw = read_mapping(profile)
    staff = list(raw["staff"])
    names = {person["full_name"] for person in staff}
    while len(staff) < len(raw["staff"]) + 40:
        male = rng.random() < 0.4
        surname = rng.choice(SURNAMES)[0 if male else 1]
        first, patronymic = rng.choice(MALE if male else FEMALE)
        name = f"{surname} {first} {patronymic}"
        if name not in names:
            names.add(name)
            staff.append({"id": f"p{len(names)}", "full_name": name, "gender": "м" if male else "ж",
                          "position": rng.choice(POSITIONS)})
    raw["staff"] = staff
    raw["procedures"] = [{k: v for k, v in p.items() if k != "responsible"} for p in raw.get("procedures", [])]  # the sample's procedures name its own staff, not these people
    return validate(Organization, raw, file=profile)


def inputs(count: int, seed: int = 1):
    """``count`` different validated working-group orders, generated one at a time."""
    from docgen.engine import Engine
    from docgen.loading import validate

    rng = random.Random(seed)
    org = organization(rng)
    model = Engine().get_type(SLUG).input_model
    ids = [person.id for person in org.staff if person.id and person.id.startswith("p") and person.id[1:].isdigit()]
    start = date(2026, 1, 12)
    for index in range(count):
        day = start + timedelta(days=rng.randrange(600))
        people = rng.sample(ids, rng.randrange(3, 12))
        members = [{"person": people[0], "role": "руководитель"}]
        members += [{"person": p} for p in people[1:]]
        if len(people) > 4:
            members[1]["role"] = "заместитель руководителя"
            members[2]["role"] = "секретарь"
        tasks = [{"action": rng.choice(ACTIONS).format(rng.choice(TOPICS)), "responsible": rng.choice(people),
                  "deadline": (day + timedelta(days=rng.randrange(10, 200))).strftime("%d.%m.%Y")}
                 for _ in range(rng.randrange(0, 5))]
        raw = {"organization": org, "date": day.strftime("%d.%m.%Y"), "number": index % 400 + 1,
               "purpose": f"совершенствования {rng.choice(TOPICS)} и принятия управленческих решений",
               "period": {"start": day.strftime("%d.%m.%Y"),
                          "end": (day + timedelta(days=rng.randrange(60, 300))).strftime("%d.%m.%Y")},
               "meetings": rng.choice(MEETINGS), "members": members, "tasks": tasks,
               "publish_responsible": rng.choice(people) if rng.random() < 0.7 else None,
               "control": rng.choice(people) if rng.random() < 0.3 else None}
        yield validate(model, raw, file=Path(f"input-{index}.yaml"), context={"organization": org})


# -- (a) and (b) ---------------------------------------------------------------------------------

def speed(docs: int, blocks: int = 5) -> dict:
    from docxtpl import DocxTemplate

    from docgen import fastrender, rendering
    from docgen.engine import Engine
    from docgen.rendering import make_environment

    engine = Engine()
    document_type = engine.get_type(SLUG)
    template = engine.template_path.find(document_type.template)
    data = list(inputs(docs))
    filters = engine.filters

    def plain(item, path: Path) -> None:
        doc = DocxTemplate(str(template))
        doc.render(engine.context(document_type, item), jinja_env=make_environment(filters), autoescape=True)
        out = io.BytesIO()
        doc.save(out)
        path.write_bytes(out.getvalue())

    def docgen(item, path: Path) -> None:
        path.write_bytes(engine.render(document_type, item))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain(data[0], folder / "warm.docx")  # imports, not preparation: the cache is emptied below
        docgen(data[0], folder / "warm.docx")
        fastrender.CACHE.clear()
        times = {"docxtpl": [], "docgen": []}
        size = -(-docs // blocks)
        for block in range(blocks):
            chunk = list(enumerate(data))[block * size:(block + 1) * size]
            for name, run in (("docxtpl", plain), ("docgen", docgen)):
                rendering._remembered.cache_clear()  # both start each block with no remembered declensions
                gc.collect()
                started = time.perf_counter()
                for index, item in chunk:
                    run(item, folder / f"{name}-{index}.docx")
                times[name].append((time.perf_counter() - started, len(chunk)))
    info = fastrender.cache_info()
    total = {k: sum(t for t, _ in v) for k, v in times.items()}
    return {
        "docs": docs,
        "docxtpl_ms": total["docxtpl"] / docs * 1000,
        "docgen_ms": total["docgen"] / docs * 1000,
        "ratio": total["docgen"] / total["docxtpl"],
        "block_ratios": [d[0] / p[0] for p, d in zip(times["docxtpl"], times["docgen"])],
        "cache": info,
    }


# -- (c) -----------------------------------------------------------------------------------------

def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")  # pragma: no cover


def memory_child(first: int, total: int) -> None:
    """Run in a fresh process: docgen renders of ``total`` different inputs; RSS after ``first`` and ``total``."""
    from docgen.engine import Engine

    engine = Engine()
    document_type = engine.get_type(SLUG)
    readings = {}
    with tempfile.TemporaryDirectory() as tmp:
        for index, item in enumerate(inputs(total, seed=2), 1):
            (Path(tmp) / f"{index % 50}.docx").write_bytes(engine.render(document_type, item))
            if index in (first, total):
                gc.collect()
                readings[index] = rss_kib()
    print(readings[first], readings[total])


def memory(total: int, first: int = 1000) -> dict:
    first = min(first, total)
    out = subprocess.run([sys.executable, __file__, "--memory-child", str(first), str(total)],
                         check=True, capture_output=True, text=True).stdout.split()
    at_first, at_total = int(out[-2]), int(out[-1])
    return {"first": first, "total": total, "rss_first_mib": at_first / 1024, "rss_total_mib": at_total / 1024,
            "ratio": at_total / at_first}


# -- (d) -----------------------------------------------------------------------------------------

def spread(values: list[float], digits: str = ".2f") -> str:
    """«median» for one run; «median (min – max)» for several."""
    if len(values) == 1:
        return format(values[0], digits)
    return f"{format(statistics.median(values), digits)} (min {format(min(values), digits)}, " \
           f"max {format(max(values), digits)})"


def median_seconds(command: list[str], runs: int, env: dict | None = None) -> float:
    """Median wall time of ``runs`` runs of a whole process (shared with bench_batch)."""
    spent = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        spent.append(time.perf_counter() - started)
    return statistics.median(spent)


def startup(runs: int) -> dict:
    script = Path(sys.executable).parent / "docgen"
    if not script.exists():
        script = ROOT / ".venv" / "bin" / "docgen"

    base = median_seconds([sys.executable, "-c", "pass"], runs)
    help_ = median_seconds([str(script), "--help"], runs)
    return {"python_s": base, "help_s": help_, "ratio": help_ / base}


# -- (e) -----------------------------------------------------------------------------------------

def growth_files(folder: Path, members: int) -> Path:
    """A profile with ``members`` generated staff and an order naming all of them; returns the order."""
    import yaml

    sample = ROOT / "samples" / "tayandinskaya"
    profile = yaml.safe_load((sample / "organization.yaml").read_text(encoding="utf-8"))
    rng = random.Random(members)
    staff = []
    for n in range(members):
        male = rng.random() < 0.4
        surname = rng.choice(SURNAMES)[0 if male else 1]
        first, patronymic = rng.choice(MALE if male else FEMALE)
        staff.append({"id": f"p{n}", "full_name": f"{surname}-{_letters(n)} {first} {patronymic}",
                      "gender": "м" if male else "ж", "position": rng.choice(POSITIONS)})
    profile["staff"] = staff
    profile["procedures"] = [{k: v for k, v in p.items() if k != "responsible"} for p in profile.get("procedures", [])]  # the sample's procedures name its own staff, not these people
    order = yaml.safe_load((sample / "working-group-order.yaml").read_text(encoding="utf-8"))
    refs = [p["id"] if n % 2 else p["full_name"] for n, p in enumerate(staff)]
    order["members"] = [{"person": ref, "role": "руководитель" if n == 0 else "член рабочей группы"}
                        for n, ref in enumerate(refs)]
    order["tasks"] = [{**task, "responsible": refs[n]} for n, task in enumerate(order["tasks"])]
    order["publish_responsible"] = refs[1]
    order["executor"] = {**order["executor"], "person": refs[1]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organization.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    data = folder / "working-group-order.yaml"
    data.write_text(yaml.safe_dump(order, allow_unicode=True), encoding="utf-8")
    return data


def _letters(n: int) -> str:
    """A distinct Russian-looking second part of a double surname per staff member: «Иванова-Бавега»."""
    syllables = ["ба", "ве", "га", "ду", "же", "зо", "ки", "ло", "ми", "но", "пу", "ро", "са", "ту", "фе", "хо"]
    out = ""
    while True:
        out += syllables[n % 16]
        n //= 16
        if not n:
            return out.capitalize()


def growth(members: int, runs: int) -> dict:
    """Seconds of a whole `docgen generate` (start-up included) for ``members`` and 10× as many."""
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (members, members * 10):
            data = growth_files(Path(tmp) / str(count), count)
            spent = []
            for run in range(runs):
                out = Path(tmp) / f"out-{count}-{run}"
                env = {**os.environ, "PYTHONPATH": str(ROOT), "DOCGEN_DB": str(Path(tmp) / f"db-{count}-{run}.sqlite")}
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "docgen", "generate", SLUG, "--data", str(data), "--out", str(out)],
                               check=True, stdout=subprocess.DEVNULL, env=env)
                spent.append(time.perf_counter() - started)
            times[count] = min(spent)
    small, large = times[members], times[members * 10]
    return {"members": members, "small_s": small, "large_s": large, "ratio": large / small}


def growth_row(g: dict) -> tuple[str, str, str, str]:
    ok = "ok" if g["ratio"] <= TARGET_GROWTH else "MISSED"
    return (f"generate, {g['members']} / {g['members'] * 10} members, s", f"{g['small_s']:.2f} / {g['large_s']:.2f}",
            f"{g['ratio']:.2f}× for 10× the members", f"≤ 12 {ok}")


# -- report --------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--memory-docs", type=int, default=10000)
    parser.add_argument("--help-runs", type=int, default=11)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--growth-runs", type=int, default=3)
    parser.add_argument("--growth-only", action="store_true")
    parser.add_argument("--memory-child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):  # pragma: no cover — not Linux
        pass
    if args.memory_child:
        memory_child(*args.memory_child)
        return
    if args.growth_only:
        name, value, extra, target = growth_row(growth(args.members, args.growth_runs))
        print(f"docgen members growth: {SLUG}, end-to-end generate, one core, best of {args.growth_runs}")
        print(f"  {name}  {value}  {extra}  {target}")
        return

    s = speed(args.docs)
    m = memory(args.memory_docs)
    h = startup(args.help_runs)
    g = growth(args.members, args.growth_runs)

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    rows = [
        ("plain docxtpl, ms/document", f"{s['docxtpl_ms']:.2f}", f"{1000 / s['docxtpl_ms']:.0f} docs/s", ""),
        ("docgen Engine.render, ms/document", f"{s['docgen_ms']:.2f}", f"{1000 / s['docgen_ms']:.0f} docs/s", ""),
        ("per-document cost docgen / docxtpl", f"{s['ratio']:.3f}",
         "blocks " + " ".join(f"{r:.3f}" for r in s["block_ratios"]), f"≤ 0.333 {verdict(s['ratio'] <= TARGET_RATIO)}"),
        (f"RSS after {m['first']} / after {m['total']} docs, MiB", f"{m['rss_first_mib']:.1f} / {m['rss_total_mib']:.1f}",
         "", ""),
        (f"RSS {m['total']} / {m['first']}", f"{m['ratio']:.3f}", "", f"≤ 1.10 {verdict(m['ratio'] <= TARGET_MEMORY)}"),
        ("python -c pass, s (median)", f"{h['python_s']:.3f}", "", ""),
        ("docgen --help, s (median)", f"{h['help_s']:.3f}", f"{h['ratio']:.1f}× python",
         f"< 0.3 s {verdict(h['help_s'] < TARGET_HELP)}"),
        growth_row(g),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"docgen rendering benchmark: {SLUG}, {s['docs']} inputs, one core; "
          f"cache {s['cache']['prepared']} prepared, {s['cache']['fast']} fast, {s['cache']['docxtpl']} via docxtpl")
    for name, value, extra, target in rows:
        print(f"  {name:<{width}}  {value:>14}  {extra:<40} {target}")


if __name__ == "__main__":
    main()
