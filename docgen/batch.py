"""Many documents of one type at once: every school of a district, on every core.

Inputs are data files, folders of data files, or a district list — a YAML file naming each
school's profile and data file:

    schools:
      - profile: ../sosh1.yaml      # paths relative to the list
        data: sosh1-working-group.yaml
      - {profile: ../oosh3.yaml, data: oosh3-working-group.yaml}

The whole list is checked before anything is generated (a missing profile or data file is the
list's fault: exit 2). After that each input stands alone: a bad one is reported at the end and
the others are written. Work is spread over a process pool; each worker builds one Engine in its
initializer, so templates compiled for one school are reused for the next, and opens the journal
once. A worker is handed a chunk of one school's inputs at a time (``plan``): the school's profile
is parsed once (docgen.loading keeps it), the chunk's numbers are taken in one transaction and
recorded in another (docgen.numbering), and only a small outcome per input comes back. Numbers
come from the journal's transactions, so parallel workers never share one. Each
school's documents go to a sub-folder named after the school, so equal file names of different
schools never collide. The processes themselves (dying with the batch, stopping on Ctrl+C, a
crashed worker costing one input only) are docgen.workers' job.
"""
from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from .errors import DocgenError, InputError

LIST_KEY = "schools"


@dataclass(frozen=True, slots=True)
class Job:
    """One input: a data file (and the profile a district list names for it). Paths are kept as
    text — a district's 30,000 jobs live in the batch's process for the whole run, and a Path
    object costs several times its text."""

    source: str  # the data file
    profile_source: str | None = None
    label: str = ""
    school: str | None = None  # what the data file's ``organization`` says, read in passing: groups a school's jobs

    def __init__(self, data, profile=None, label: str = "", school: str | None = None):
        object.__setattr__(self, "source", os.fspath(data))
        object.__setattr__(self, "profile_source", None if profile is None else os.fspath(profile))
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "school", school)

    @property
    def data(self) -> Path:
        return Path(self.source)

    @property
    def profile(self) -> Path | None:
        return None if self.profile_source is None else Path(self.profile_source)

    @property
    def shown(self) -> str:
        return self.label or self.data.name


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input. A worker sends it without the job (the batch's process has the
    job already, and one more copy of it per document is what made that process grow)."""

    job: Job | None
    file: str | None = None
    number: str | None = None
    organization: str | None = None
    error: str | None = None
    year: int | None = None  # an order's: its number is that year's

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def path(self) -> Path | None:
        return None if self.file is None else Path(self.file)


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
            job = _data_file(path)
            raw = _peek(path) if job is None else None
            jobs.extend(_district_list(path, raw) if _is_list(raw) else [job or Job(path)])
    seen: set[tuple[Path, Path | None]] = set()
    unique = []
    for job in jobs:
        key = (_real(job.source), job.profile_source)  # a list's profile is already resolved
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


# A data file names its school at the top level («organization: ../school.yaml»); a district list
# and a profile never have that key. Seeing it in the text is enough to take the file as a job
# without parsing it here — the worker parses it anyway, and a folder of 30,000 orders is not
# parsed twice. Block YAML puts a top-level key at the start of a line: a continuation of a
# multi-line value is indented, so a line starting «organization:» is that key.
_ORGANIZATION_KEY = re.compile(r"""^(?:organization|"organization"|'organization')[ \t]*:(?:[ \t]+(.*?))?[ \t]*$""",
                               re.M)


def _data_file(path: Path) -> Job | None:
    """A YAML data file told by its text alone (see above), with the school it names; None when
    only parsing can tell."""
    from .loading import MAX_DATA_BYTES

    if path.suffix.lower() == ".json":
        return None
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            return None
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    found = _ORGANIZATION_KEY.search(text)
    if found is None:
        return None
    value = re.sub(r"\s+#.*$", "", found.group(1) or "").strip().strip("\"'")
    return Job(path, school=value or None)


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
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.is_file() and os.path.splitext(e.name)[1].lower() in suffixes)
    for path in (folder / name for name in names):
        job = _data_file(path)
        if job is not None:
            loose.append(job)
            continue
        raw = _peek(path)
        if _is_list(raw):
            lists.extend(_district_list(path, raw))
        elif not _is_profile(raw):
            school = raw.get("organization") if isinstance(raw, dict) else None
            loose.append(Job(path, school=school if isinstance(school, str) else None))
    listed = {_real(job.source) for job in lists}
    return lists + [job for job in loose if _real(job.source) not in listed]


@functools.lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _real(path: str) -> str:
    """The file's real path, as the same file named twice is told apart: its folder resolved once
    for all its files (a folder of 30,000 orders), the file itself only when it is a link."""
    if os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(_real_folder(os.path.dirname(os.path.abspath(path))), os.path.basename(path))


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


def run_chunk(jobs: list[Job]) -> list:
    """Generate a chunk of inputs (docgen.workers gives a worker one at a time): each input's
    Outcome — every failure its Russian message — or workers.Skipped for one not begun because the
    run is stopping. The chunk's orders are numbered together (docgen.numbering)."""
    from .workers import Skipped, stopping

    engine, journal, options = _WORKER["engine"], _WORKER["journal"], _WORKER["options"]
    outcomes: list = [None] * len(jobs)
    try:
        document_type = engine.get_type(options.slug)
    except DocgenError as exc:
        return [Outcome(None, error=exc.message) for _ in jobs]
    loaded, positions = [], []
    for position, job in enumerate(jobs):
        try:
            loaded.append(engine.load_document(document_type, job.data, profile=job.profile))
            positions.append(position)
        except Exception as exc:  # noqa: BLE001 — one broken input must not stop the district
            outcomes[position] = Outcome(None, error=_message(exc))
    try:
        results = engine.produce_all(document_type, loaded, options.out, journal=journal,
                                     new_number=options.new_number, stopping=stopping)
    except Exception as exc:  # noqa: BLE001 — e.g. the store cannot be opened: each input says so
        results = [exc] * len(loaded)
    for position, item, result in zip(positions, loaded, results):
        org = getattr(getattr(item.data, "organization", None), "short_name", None)
        if result is None:
            outcomes[position] = Skipped()
        elif isinstance(result, Exception):
            outcomes[position] = Outcome(None, organization=org, error=_message(result))
        else:
            when = getattr(result.data, "date", None)
            outcomes[position] = Outcome(None, str(result.path), result.number, org, year=getattr(when, "year", None))
    return outcomes


def _message(exc: Exception) -> str:
    if isinstance(exc, DocgenError):
        return exc.message
    return f"внутренняя ошибка: {type(exc).__name__}: {exc}"


CRASHED = ("процесс, формировавший документ по этому файлу, аварийно завершился, и при повторной попытке тоже "
           "(например, его остановила система из-за нехватки памяти); документ не сформирован, остальные "
           "формируются дальше")


def crashed(job: Job) -> Outcome:
    return Outcome(None, error=CRASHED)


@dataclass(frozen=True)
class Ran:
    """Every input's outcome in the order of the inputs (None: not begun, the run was stopped),
    and the signal that stopped the run, if one did."""

    outcomes: list[Outcome | None]
    stopped_by: int | None = None


def run(jobs: list[Job], options: Options, *, workers: int, on_done: Callable[[Outcome], None] | None = None,
        on_stop: Callable[[int], None] | None = None, keep: bool = True) -> Ran:
    """Every job, in a process pool (or here, for one worker or one chunk), a school's jobs in
    chunks. Ctrl+C or SIGTERM stops the run: no new document is begun, those being written are
    finished (see docgen.workers). ``keep=False``: the outcomes go to ``on_done`` only, and the
    Ran holds none (a district's batch need not keep 30,000 of them)."""
    from . import workers as pool

    def arrived(index: int, outcome: Outcome) -> Outcome:
        """The outcome with its job, and the school's name as one shared string for all its documents."""
        school = sys.intern(outcome.organization) if outcome.organization else outcome.organization
        outcome = replace(outcome, job=jobs[index], organization=school)
        if on_done:
            on_done(outcome)
        return outcome if keep else None

    finished = pool.run(jobs, run_chunk, workers=workers, chunks=plan(jobs, workers), initializer=init_worker,
                        initargs=(options,), crashed=crashed, cleanup=close_worker, on_result=arrived, on_stop=on_stop)
    return Ran([finished.results.get(i) for i in range(len(jobs))], finished.stopped_by)


CHUNK_MAX = 64  # a chunk's two commits (each a few syncs of the store) shared by this many documents
CHUNKS_PER_WORKER = 8  # a small batch is still spread over every worker, and a stop leaves little half-done


def plan(jobs: list[Job], workers: int) -> list[list[int]]:
    """The chunks the jobs are done in: each holds one school's jobs (its profile is read once,
    its numbers taken in one transaction), in the order the jobs were given."""
    size = max(1, min(CHUNK_MAX, len(jobs) // (max(1, workers) * CHUNKS_PER_WORKER)))
    schools: dict[object, list[int]] = {}
    for index, job in enumerate(jobs):
        if job.profile_source is not None:
            key: object = job.profile_source
        elif job.school is not None:
            key = os.path.normpath(os.path.join(os.path.dirname(job.source), job.school))
        else:
            key = None
        schools.setdefault(key, []).append(index)
    return [indices[start:start + size] for indices in schools.values() for start in range(0, len(indices), size)]


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
