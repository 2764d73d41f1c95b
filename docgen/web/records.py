"""The school's records in the browser: the journal of orders (list, download, annulment), each
act's history, the registry's Excel export and import, the coverage справка — the same functions
`docgen journal`, `docgen acts` and `docgen coverage` call, over the site's store. Access comes
from docgen.web.access, as for every page: an entry or an act is looked up only inside the
organisation the URL names and the user may see, so another school's id answers 404.

``change_unless_stale`` is the status change with a version check: a form carries the version of
the act's row it showed (``act_version``), and a change is written only if the row is still that
one, in the same transaction — so two people changing one act at once never overwrite each
other unknowingly: the second is told what the status is now."""
from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ..errors import InputError
from ..registry import lifecycle as lc
from . import views
from .access import Organisation, Viewer, WritableOrganisation, store
from .app import render
from .downloads import attachment, send_file

router = APIRouter()

UPLOAD_LIMIT = 2 * 1024 * 1024  # an export of the whole catalogue is ~10 KB; 2 MiB leaves room for Excel's styling
NEW = "new"  # the version of an act the registry has no row for yet
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class StaleForm(InputError):
    """The act changed since the form was shown (pages.py answers 409)."""


def _today() -> dt.date:
    return dt.date.today()


def _catalogue(request: Request):
    return request.app.state.settings.catalogue


def _engine(request: Request):
    return request.app.state.settings.engine


def _journal(request: Request):
    from ..journal import Journal

    return Journal(store(request))  # the site's store: never closed here


# -- the journal of orders ------------------------------------------------------------------------

def _type_titles(request: Request, kinds) -> dict[str, str]:
    types = _engine(request).document_types
    return {k: getattr(types.get(k), "title", None) or k for k in kinds}


def _journal_page(request: Request, user, org: views.Org, year: str = "", kind: str = "", q: str = "",
                  status: int = 200, error: str | None = None, annul: str = ""):
    entries = _journal(request).entries(organization=org.code)
    years = sorted({e.year for e in entries}, reverse=True)
    titles = _type_titles(request, sorted({e.doc_type for e in entries}))
    shown = entries
    if year.strip().isdigit():
        shown = [e for e in shown if e.year == int(year)]
    if kind:
        shown = [e for e in shown if e.doc_type == kind]
    needle = q.strip().casefold()
    if needle:
        shown = [e for e in shown if needle in e.number.casefold() or needle in e.title.casefold()]
    by_year: dict[int, list] = {}
    for e in sorted(shown, key=lambda e: -e.year):
        by_year.setdefault(e.year, []).append(e)
    return render(request, "journal.html", status, org=org, by_year=by_year, years=years, titles=titles,
                  year=year, kind=kind, q=q, total=len(entries), found=len(shown), error=error, annul=annul,
                  can_change=user.can_change(org.id), has_file=lambda e: bool(e.file) and Path(e.file).is_file(),
                  void="void")


@router.get("/org/{org_id}/journal")
def journal_page(request: Request, user: Viewer, org: Organisation, year: str = "", type: str = "", q: str = ""):
    return _journal_page(request, user, org, year[:4], type[:100], q[:200])


def _entry(request: Request, org: views.Org, entry_id: int):
    for e in _journal(request).entries(organization=org.code):
        if e.id == entry_id:
            return e
    raise HTTPException(404)


@router.get("/org/{org_id}/journal/{entry_id}/file")
def journal_file(request: Request, org: Organisation, entry_id: int):
    entry = _entry(request, org, entry_id)
    if not entry.file or not Path(entry.file).is_file():
        raise HTTPException(404, "файла этого приказа нет на диске: он удалён или ещё не сформирован")
    path = Path(entry.file)
    kind = DOCX if path.suffix.lower() == ".docx" else "application/octet-stream"
    return send_file(path, kind)


@router.post("/org/{org_id}/journal/{entry_id}/void")
def journal_void(request: Request, user: Viewer, org: WritableOrganisation, entry_id: int,
                 reason: Annotated[str, Form(max_length=2000)] = ""):
    """`docgen journal void` for one entry of this organisation: the same checks and messages."""
    entry = _entry(request, org, entry_id)
    try:
        _journal(request).void(entry.number, year=entry.year, reason=reason, who=user.login, organization=org.code)
    except InputError as exc:
        message = exc.message.replace("параметр --reason", f"№ {entry.number}: поле «причина»")  # the form's name for it
        return _journal_page(request, user, org, status=400, error=message, annul=str(entry_id))
    return RedirectResponse(f"{org.url}/journal#entry-{entry_id}", status_code=303)


# -- the registry -----------------------------------------------------------------------------------

@router.get("/org/{org_id}/acts/{act_id}")
def act_history(request: Request, user: Viewer, org: Organisation, act_id: str):
    """The act's history, its lifecycle steps and the form of a step (docgen.web.adoption)."""
    from .adoption import act_page

    catalogue = _catalogue(request)
    if act_id not in catalogue.acts:
        raise HTTPException(404)
    return act_page(request, user, org, catalogue.acts[act_id])


def _states(request: Request, org: views.Org):
    from ..registry.coverage import states

    return states(_catalogue(request), org.ref, store(request).statuses(org.id), _today())


@router.get("/org/{org_id}/acts.xlsx")
def acts_export(request: Request, org: Organisation):
    from ..fileio import safe_file_stem
    from ..registry.excel import export_bytes

    name = safe_file_stem(f"Реестр ЛНА ВСОКО — {org.short_name}") + ".xlsx"
    return Response(export_bytes(_states(request, org), ".xlsx"), media_type=XLSX,
                    headers={"Content-Disposition": attachment(name)})


@router.get("/org/{org_id}/registry/import")
def import_form(request: Request, org: WritableOrganisation):
    return render(request, "import.html", org=org, error=None, result=None, limit=UPLOAD_LIMIT // (1024 * 1024))


@router.post("/org/{org_id}/registry/import")
def import_upload(request: Request, user: Viewer, org: WritableOrganisation, file: Annotated[UploadFile, File()]):
    """`docgen acts import` on the uploaded file: all or nothing, its messages naming row and column."""
    from ..fileio import safe_file_stem
    from ..registry.excel import check_suffix, import_file

    def page(status: int, error: str | None = None, result=None):
        return render(request, "import.html", status, org=org, error=error, result=result,
                      limit=UPLOAD_LIMIT // (1024 * 1024))

    data = file.file.read(UPLOAD_LIMIT + 1)
    if len(data) > UPLOAD_LIMIT:
        return page(413, f"файл больше {UPLOAD_LIMIT // (1024 * 1024)} МБ: загрузите выгрузку реестра "
                         "(docgen acts export или «Скачать реестр в Excel»)")
    original = Path(file.filename or "реестр.xlsx").name
    shown = safe_file_stem(Path(original).stem) + Path(original).suffix.lower()
    try:
        check_suffix(Path(shown))
        if not data:
            raise InputError("файл пуст: нет строки заголовков")
        with tempfile.TemporaryDirectory(prefix="docgen-import-") as folder:
            path = Path(folder) / shown
            path.write_bytes(data)
            result = import_file(path, store(request), _catalogue(request), org.ref, who=user.login, today=_today())
    except InputError as exc:
        exc.file = shown  # the name the user chose, not the temporary folder
        return page(400, exc.message)
    return page(200, result=result)


@router.get("/org/{org_id}/coverage.docx")
def coverage_report(request: Request, org: Organisation):
    from ..registry.report import build_report, report_file_name

    if org.ref.profile is None:
        raise HTTPException(404, "профиль организации ещё не сохранён в базе: сформируйте любой документ "
                                 "или выполните docgen acts list с профилем школы")
    today = _today()
    cov = views.coverage(store(request), _catalogue(request), org, today, _engine(request))
    data = build_report(_engine(request), cov, org.ref.profile, today)
    return Response(data, media_type=DOCX,
                    headers={"Content-Disposition": attachment(report_file_name(org.short_name))})


# -- the version check of a status change ---------------------------------------------------------

def act_version(row) -> str:
    """The version of an act's stored row a form carries: a digest of everything the row holds,
    so a change within the same second (``updated_at`` has whole seconds) still counts."""
    if row is None:
        return NEW
    text = "\x1f".join(str(getattr(row, f)) for f in ("status", "order_number", "order_date", "published_at",
                                                        "note", "responsible", "updated_at"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def change_unless_stale(the_store, catalogue, org, act_id: str, status_text: str, *, version: str | None,
                        order_number: str | None, order_date: dt.date | None, note: str | None, who: str,
                        today: dt.date):
    """`docgen acts set`'s change (docgen.registry.service), refused with StaleForm when the act's
    row is no longer the one the form showed. The check and the write share one transaction
    holding the organisation's lock, so no change slips in between. No version (a client that
    sends none) → no check."""
    from ..registry.service import apply_change, check_request, current_user

    today = today or dt.date.today()
    act, new_status, order_number = check_request(catalogue, org, act_id, status_text, order_number, order_date, today)
    with the_store.transaction() as conn:
        org_id = the_store.org_id(conn, org, lock=not the_store.is_sqlite)
        current = the_store.status_for_update(conn, org_id, act.id)
        if version is not None and version != act_version(current):
            now_shown = lc.label(current.status) if current else lc.label(lc.NOT_STARTED)
            when = f" ({current.updated_at:%d.%m.%Y %H:%M})" if current and current.updated_at else ""
            raise StaleForm(f"статус акта уже изменил другой пользователь, пока форма была открыта: сейчас "
                            f"«{now_shown}»{when}. Ваше изменение не сохранено — проверьте статус и повторите")
        return apply_change(the_store, conn, org, act, new_status, order_number=order_number, order_date=order_date,
                            published_at=None, note=note, responsible=None, author=current_user(who), today=today)
