"""An act's acquaintance in the browser: who must read it, who has signed and when, a form to
record signatures (checkboxes and a date) or to load the filled .xlsx sheet back, and the sheet
to download (.docx to sign, .xlsx for the dates) — the same functions `docgen acts acquainted`,
`docgen acts sheet` and `docgen acts acquaintance` call, over the site's store. The act is looked
up only inside the organisation the URL names (docgen.web.access): another school's id is 404,
a methodologist reads and gets 403 on a POST."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ..errors import InputError
from . import views
from .access import Organisation, Viewer, WritableOrganisation, store
from .app import render
from .records import DOCX, UPLOAD_LIMIT, XLSX, attachment

router = APIRouter()


def _today() -> dt.date:
    return dt.date.today()


def _catalogue(request: Request):
    return request.app.state.settings.catalogue


def _act(request: Request, act_id: str):
    catalogue = _catalogue(request)
    if act_id not in catalogue.acts:
        raise HTTPException(404)
    return catalogue.acts[act_id]


def _state(request: Request, org: views.Org, act_id: str):
    from ..registry.acquaintance import act_state

    return act_state(store(request), org.ref, _catalogue(request), act_id)


def _page(request: Request, user, org: views.Org, act_id: str, status: int = 200, error: str | None = None,
          done=None):
    act = _act(request, act_id)
    try:
        state = _state(request, org, act_id)
        refused = None
    except InputError as exc:
        state, refused = None, exc.message
    from ..registry.acquaintance import share_text

    return render(request, "acquaintance.html", status, org=org, act=act, state=state, refused=refused, share_text=share_text,
                  error=error, done=done, can_change=user.can_change(org.id), today=_today(),
                  limit=UPLOAD_LIMIT // (1024 * 1024))


@router.get("/org/{org_id}/acts/{act_id}/acquaintance")
def acquaintance_page(request: Request, user: Viewer, org: Organisation, act_id: str):
    return _page(request, user, org, act_id)


@router.post("/org/{org_id}/acts/{act_id}/acquaintance")
def acquaintance_record(request: Request, user: Viewer, org: WritableOrganisation, act_id: str,
                        person: Annotated[list[str], Form(max_length=500)] = [],  # noqa: B006 — FastAPI's form list
                        signed_on: Annotated[str, Form(max_length=100)] = ""):
    """`docgen acts acquainted ACT --person … --date …` for the ticked people: all or none."""
    from ..registry.acquaintance import Entry, record

    _act(request, act_id)
    try:
        if not person:
            raise InputError("отметьте, кто ознакомлен: ни один сотрудник не выбран")
        day = views.parse_form_date(signed_on, "дата ознакомления")
        if day is None:
            raise InputError("поле «дата ознакомления»: укажите дату, когда сотрудники расписались")
        record(store(request), _catalogue(request), org.ref, act_id, [Entry(p, day) for p in person],
               who=user.login, today=_today())
    except InputError as exc:
        return _page(request, user, org, act_id, 400, exc.message)
    return RedirectResponse(f"{org.url}/acts/{act_id}/acquaintance", status_code=303)


@router.post("/org/{org_id}/acts/{act_id}/acquaintance/upload")
def acquaintance_upload(request: Request, user: Viewer, org: WritableOrganisation, act_id: str,
                        file: Annotated[UploadFile, File()]):
    """`docgen acts acquainted ACT --from SHEET.xlsx` on the uploaded sheet: all rows or none."""
    from ..fileio import safe_file_stem
    from ..registry.acquaintance_excel import import_sheet

    _act(request, act_id)
    data = file.file.read(UPLOAD_LIMIT + 1)
    if len(data) > UPLOAD_LIMIT:
        return _page(request, user, org, act_id, 413, f"файл больше {UPLOAD_LIMIT // (1024 * 1024)} МБ: загрузите "
                                                      "лист ознакомления, скачанный на этой странице")
    original = Path(file.filename or "лист.xlsx").name
    shown = safe_file_stem(Path(original).stem) + Path(original).suffix.lower()
    try:
        if not data:
            raise InputError("файл пуст", file=shown)
        with tempfile.TemporaryDirectory(prefix="docgen-sheet-") as folder:
            path = Path(folder) / shown
            path.write_bytes(data)
            try:
                done = import_sheet(path, store(request), _catalogue(request), org.ref, act_id, who=user.login,
                                    today=_today())
            except InputError as exc:
                exc.file = shown  # the name the user chose, not the temporary folder
                raise
    except InputError as exc:
        return _page(request, user, org, act_id, 400, exc.message)
    return _page(request, user, org, act_id, done=done)


def _sheet(request: Request, org: views.Org, act_id: str):
    from ..registry.acquaintance_excel import sheet_files

    _act(request, act_id)
    try:
        state = _state(request, org, act_id)
    except InputError as exc:
        raise HTTPException(404, exc.message) from None
    if org.ref.profile is None or not state.readers:
        raise HTTPException(404, "ознакомляться с актом некому: в штатном списке нет никого из круга ознакомляемых")
    return sheet_files(request.app.state.settings.engine, state, org.ref.profile)


@router.get("/org/{org_id}/acts/{act_id}/acquaintance.docx")
def acquaintance_docx(request: Request, org: Organisation, act_id: str):
    stem, docx, _ = _sheet(request, org, act_id)
    return Response(docx, media_type=DOCX, headers={"Content-Disposition": attachment(stem + ".docx")})


@router.get("/org/{org_id}/acts/{act_id}/acquaintance.xlsx")
def acquaintance_xlsx(request: Request, org: Organisation, act_id: str):
    stem, _, xlsx = _sheet(request, org, act_id)
    return Response(xlsx, media_type=XLSX, headers={"Content-Disposition": attachment(stem + ".xlsx")})
