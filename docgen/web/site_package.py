"""The page «Пакет для сайта»: what `docgen publish` would put on the school's site, a button that
builds the .zip, and its download — the same docgen.site.publish the command runs.

Building takes LibreOffice seconds, so it runs in the background (one worker for the site: one
LibreOffice run converts a package's documents together), never in a request: the button starts
the job and the page asks for its state with HTMX until the archive is ready. The state is the
archive itself (written whole, docgen.site.package) plus, in memory, a job under way or the reason
it failed — a restarted site finds the archive and offers it again.

Access as everywhere (docgen.web.access): the organisation of the URL must be the user's; building
records the publication, a change, so it is refused to a methodologist (403); the download is
reading. Each organisation's archive lives in its own folder of the site's documents.
"""
from __future__ import annotations

import atexit
import datetime as dt
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse

from ..errors import DocgenError
from ..fileio import safe_file_stem
from . import views
from .access import Organisation, Viewer, WritableOrganisation, store
from .app import render
from .documents import documents_dir
from .records import attachment

router = APIRouter()
ARCHIVE = "package.zip"


@dataclass(frozen=True)
class Done:
    """The last build's outcome, for the page (the archive itself is on disk)."""

    acts: int
    written: int
    recorded: int
    warnings: list[str]


class Packages:
    """The site's builds: one at a time per organisation, in one background worker."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-site-package")
        self._lock = threading.Lock()
        self._jobs: dict[int, Future] = {}
        self._failures: dict[int, str] = {}
        self._done: dict[int, Done] = {}

    def start(self, org_id: int, work) -> None:
        with self._lock:
            job = self._jobs.get(org_id)
            if job is not None and not job.done():
                return  # already under way: the page shows it
            self._failures.pop(org_id, None)
            self._done.pop(org_id, None)
            self._jobs[org_id] = self._pool.submit(self._run, org_id, work)

    def _run(self, org_id: int, work) -> None:
        try:
            done = work()
        except DocgenError as exc:
            outcome = ("failed", exc.message)
        except Exception as exc:  # noqa: BLE001 — a worker must never die silently; the page says it
            outcome = ("failed", f"внутренняя ошибка ({type(exc).__name__})")
        else:
            outcome = ("done", done)
        with self._lock:
            if outcome[0] == "failed":
                self._failures[org_id] = outcome[1]
            else:
                self._done[org_id] = outcome[1]

    def state(self, org_id: int) -> tuple[bool, str | None, Done | None]:
        """(under way, why the last build failed, what the last build did)."""
        with self._lock:
            job = self._jobs.get(org_id)
            return job is not None and not job.done(), self._failures.get(org_id), self._done.get(org_id)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


_made = threading.Lock()


def packages(app) -> Packages:
    with _made:
        found = getattr(app.state, "site_packages", None)
        if found is None:
            found = app.state.site_packages = Packages()
            atexit.register(found.close)
        return found


def _archive(request: Request, org: views.Org) -> Path:
    return documents_dir(request) / f"org-{org.id}" / "site" / ARCHIVE


def _download_name(org: views.Org) -> str:
    return safe_file_stem(f"Документы для сайта — {org.short_name}") + ".zip"


def _urls(org: views.Org) -> dict[str, str]:
    base = f"{org.url}/site"
    return {"page": base, "state": f"{base}/state", "download": f"{base}/{ARCHIVE}"}


def _state_context(request: Request, org: views.Org) -> dict:
    running, failure, done = packages(request.app).state(org.id)
    archive = _archive(request, org)
    ready = archive.is_file()
    made = dt.datetime.fromtimestamp(archive.stat().st_mtime) if ready else None
    return {"org": org, "urls": _urls(org), "running": running, "failure": failure, "done": done,
            "ready": ready, "made": made, "download_name": _download_name(org)}


def _profile(org: views.Org):
    if org.ref.profile is None:
        raise HTTPException(409, "профиль организации не сохранён в базе: сохраните его на странице «Профиль "
                                 "организации» или сформируйте по нему документ — тогда сайт сможет собрать пакет")
    return org.ref.profile


@router.get("/org/{org_id}/site")
def site_page(request: Request, user: Viewer, org: Organisation):
    from ..site import plan
    from ..site.index import Listed, grouped, load_groups
    from ..site.publish import without_file
    from ..templates import active

    _profile(org)
    settings = request.app.state.settings
    entries = plan.build(settings.engine, store(request), settings.catalogue, org.ref, dt.date.today())
    with active(lambda: settings.engine.template_path):
        groups = load_groups()
    shown = grouped(groups, [Listed(e, None, None) for e in entries])
    return render(request, "site_package.html", org=org, groups=shown, entries=entries,
                  problems=without_file(entries), can_change=user.can_change(org.id),
                  **{k: v for k, v in _state_context(request, org).items() if k != "org"})


@router.get("/org/{org_id}/site/state")
def site_state(request: Request, org: Organisation):
    return render(request, "site_package_state.html", **_state_context(request, org))


@router.post("/org/{org_id}/site")
def site_build(request: Request, user: Viewer, org: WritableOrganisation):
    """Start the build (the publication is recorded as by `docgen publish`, dated today); HTMX gets
    the state fragment, a browser without it the page again."""
    from ..site.publish import publish

    _profile(org)
    settings, the_store, target = request.app.state.settings, store(request), _archive(request, org)

    def work() -> Done:
        target.parent.mkdir(parents=True, exist_ok=True)
        today = dt.date.today()
        warnings: list[str] = []
        result = publish(settings.engine, the_store, settings.catalogue, org.ref, target, held_on=today,
                         today=today, who=user.login, warn=warnings.append)
        return Done(len(result.entries), result.written, result.recorded, warnings)

    packages(request.app).start(org.id, work)
    if request.headers.get("hx-request"):
        return render(request, "site_package_state.html", **_state_context(request, org))
    return RedirectResponse(_urls(org)["page"], status_code=303)


@router.get("/org/{org_id}/site/package.zip")
def site_download(request: Request, org: Organisation):
    archive = _archive(request, org)
    if not archive.is_file():
        raise HTTPException(404, "пакет для сайта ещё не собран: нажмите «Собрать пакет» на странице «Пакет для сайта»")
    return FileResponse(archive, media_type="application/zip",
                        headers={"Content-Disposition": attachment(_download_name(org))})
