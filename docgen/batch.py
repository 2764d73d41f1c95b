"""Many documents of one type at once: every school of a district, on every core.

Inputs are data files, folders of data files, or a district list — a YAML file naming each
school's profile and data file:

    schools:
      - profile: ../novoivanovskaya.yaml      # paths relative to the list
        data: novoivanovskaya-working-group.yaml
      - {profile: ../berezovskaya.yaml, data: berezovskaya-working-group.yaml}

The whole list is checked before anything is generated (a missing profile or data file is the
list's fault: exit 2). After that each input stands alone: a bad one is reported at the end and
the others are written. Work is spread over a process pool; each worker builds one Engine in its
initializer, so templates compiled for one school are reused for the next, and opens the journal
once. Numbers come from the journal's transactions, so parallel workers never share one. Each
school's documents go to a sub-folder named after the school, so equal file names of different
schools never collide. The processes themselves (dying with the batch, stopping on Ctrl+C, a
crashed worker costing one input only) are docgen.workers' job.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .errors import DocgenError, InputError

LIST_KEY = "schools"


@dataclass(frozen=True)
class Job:
    data: Path
    profile: Path | None = None
    label: str = ""

    @property
    def shown(self) -> str:
        return self.label or self.data.name


@dataclass(frozen=True)
class Outcome:
    job: Job
    path: Path | None = None
    number: str | None = None
    organization: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Options:
    slug: str
    out: Path
    db: str | None  # the --db option as given: without it each school's journal is the one its settings name
    templates: Path | None = None
    new_number: bool = False


# -- collecting the inputs --------------------------------------------------------------------

def collect(paths: Iterable[Path]) -> list[Job]:
    """Every input named on the command line, lists expanded, each data file once."""
    from .loading import DATA_SUFFIXES

    jobs: list[Job] = []
    for path in map(Path, paths):
        if path.is_dir():
            jobs.extend(_folder(path, DATA_SUFFIXES))
        elif not path.exists():
            raise InputError("нет такого файла или папки", file=path)
        else:
            raw = _peek(path)
            jobs.extend(_district_list(path, raw) if _is_list(raw) else [Job(path)])
    seen: set[tuple[Path, Path | None]] = set()
    unique = []
    for job in jobs:
        key = (job.data.resolve(), job.profile.resolve() if job.profile else None)
        if key not in seen:
            seen.add(key)
            unique.append(job)
    if not unique:
        shown = ", ".join(str(p) for p in paths)
        raise InputError(f"среди входных данных ({shown}) нет ни одного файла данных документа (.yaml, .yml, .json)")
    return unique


def _peek(path: Path) -> object:
    """The file's content if it reads; an unreadable file is left for its job to report. A file
    too deep or too big to read here is too: its worker reports it, and the other schools go on."""
    from .loading import read_mapping

    try:
        return read_mapping(path)
    except (InputError, RecursionError, MemoryError):
        return None


def _is_list(raw: object) -> bool:
    return isinstance(raw, dict) and LIST_KEY in raw and "organization" not in raw


def _is_profile(raw: object) -> bool:
    return isinstance(raw, dict) and "organization" not in raw and {"short_name", "director"} <= set(raw)


def _folder(folder: Path, suffixes: tuple[str, ...]) -> list[Job]:
    """A folder's district lists, and its other files that no list already covers, except the
    organisation profiles kept beside the data; anything else that is no data file for the type
    is reported as a failed input rather than skipped in silence."""
    lists: list[Job] = []
    loose: list[Job] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes):
        raw = _peek(path)
        if _is_list(raw):
            lists.extend(_district_list(path, raw))
        elif not _is_profile(raw):
            loose.append(Job(path))
    listed = {job.data.resolve() for job in lists}
    return lists + [job for job in loose if job.data.resolve() not in listed]


def _district_list(path: Path, raw: dict) -> list[Job]:
    """Check the whole list before anything is generated: every school names an existing profile
    and data file."""
    schools = raw.get(LIST_KEY)
    if not isinstance(schools, list) or not schools:
        raise InputError(f"поле «{LIST_KEY}»: ожидается список школ, у каждой profile (профиль) и data (файл данных)",
                         file=path)
    unknown = sorted(set(raw) - {LIST_KEY, "title"})
    if unknown:
        raise InputError(f"поле «{unknown[0]}»: неизвестное поле списка школ (ожидаются {LIST_KEY} и title)", file=path)
    jobs = []
    for index, school in enumerate(schools, 1):
        item = f"{LIST_KEY}[{index}]"

        def where(key: str | None = None) -> str:
            return f"поле «{item}.{key}»" if key else f"поле «{item}»"

        if not isinstance(school, dict):
            raise InputError(f"{where()}: ожидаются profile (профиль школы) и data (файл данных)", file=path)
        extra = sorted(set(school) - {"profile", "data", "name"})
        if extra:
            raise InputError(f"{where(extra[0])}: неизвестное поле (ожидаются profile, data и name)", file=path)
        for key, what in (("profile", "профиль школы"), ("data", "файл данных")):
            if not isinstance(school.get(key), str) or not school[key].strip():
                raise InputError(f"{where(key)}: не указан {what}", file=path)
        profile = (path.parent / school["profile"]).resolve()
        data = (path.parent / school["data"]).resolve()
        if not profile.is_file():
            raise InputError(f"{where('profile')}: файл профиля школы «{school['profile']}» не найден (искали {profile})",
                             file=path)
        if not data.is_file():
            raise InputError(f"{where('data')}: файл данных «{school['data']}» не найден (искали {data})", file=path)
        name = school.get("name")
        jobs.append(Job(data, profile, str(name).strip() if name else ""))
    return jobs


# -- the work of one input --------------------------------------------------------------------

_WORKER: dict = {}


def init_worker(options: Options) -> None:
    """One engine (and its compiled templates) and one journal connection per worker process."""
    from .engine import Engine
    from .journal import Journal

    _WORKER.clear()
    _WORKER.update(engine=Engine(templates_dir=options.templates), journal=Journal.open(options.db), options=options)


def close_worker() -> None:
    _WORKER["journal"].close()


def run_job(job: Job) -> Outcome:
    """Generate one input; every failure becomes the outcome's Russian message."""
    engine, journal, options = _WORKER["engine"], _WORKER["journal"], _WORKER["options"]
    organization = None
    try:
        document_type = engine.get_type(options.slug)
        data = engine.load(document_type, job.data, profile=job.profile)
        org = getattr(data, "organization", None)
        organization = org.short_name if org is not None else None
        result = engine.produce(document_type, data, options.out, journal=journal, new_number=options.new_number,
                                data_path=job.data, profile=job.profile, by_school=True)
    except DocgenError as exc:
        return Outcome(job, organization=organization, error=exc.message)
    except Exception as exc:  # noqa: BLE001 — one broken input must not stop the district
        return Outcome(job, organization=organization, error=f"внутренняя ошибка: {type(exc).__name__}: {exc}")
    return Outcome(job, result.path, result.number, organization)


CRASHED = ("процесс, формировавший документ по этому файлу, аварийно завершился, и при повторной попытке тоже "
           "(например, его остановила система из-за нехватки памяти); документ не сформирован, остальные "
           "формируются дальше")


def crashed(job: Job) -> Outcome:
    return Outcome(job, error=CRASHED)


@dataclass(frozen=True)
class Ran:
    """Every input's outcome in the order of the inputs (None: not begun, the run was stopped),
    and the signal that stopped the run, if one did."""

    outcomes: list[Outcome | None]
    stopped_by: int | None = None


def run(jobs: list[Job], options: Options, *, workers: int, on_done: Callable[[Outcome], None] | None = None,
        on_stop: Callable[[int], None] | None = None) -> Ran:
    """Every job, in a process pool (or here, for one worker or one job). Ctrl+C or SIGTERM stops
    the run: no new document is begun, those being written are finished (see docgen.workers)."""
    from . import workers as pool

    finished = pool.run(jobs, run_job, workers=workers, initializer=init_worker, initargs=(options,),
                        crashed=crashed, cleanup=close_worker, on_result=on_done, on_stop=on_stop)
    return Ran([finished.results.get(i) for i in range(len(jobs))], finished.stopped_by)


MAX_WORKERS = 61  # each worker holds a whole docgen; Windows' process pool refuses more than 61


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def bundle(files: list[Path], base: Path, target: Path) -> None:
    """A zip of the written files (paths inside relative to the output folder), written atomically."""
    import io
    import zipfile

    from .fileio import atomic_write_bytes

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            try:
                arcname = path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                arcname = path.name
            archive.write(path, arcname)
    atomic_write_bytes(target, buf.getvalue())
