"""`docgen acts scan` in the browser: upload the school's existing acts, see the proposals, tick the
right ones, apply.

The scan is the command's own (docgen.registry.scan.scan_folder) over a temporary folder holding
the uploaded files; applying is the import's rules (docgen.registry.excel.apply_rows) over the
ticked rows, all or nothing. Between the two the proposals travel in the page's form (act,
status, order per row), not in the server's memory: a site of several processes keeps nothing a
next request needs, and whatever comes back is checked by the same rules as an Excel table — a
changed hidden field is no more trusted than a changed cell. The upload is bounded as every
upload of the site (the body limit of docgen.web.app, the form limits of docgen.web.access) and
by a number of files; each file is read under the scan's own limits.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile

from ..errors import InputError
from ..registry import lifecycle as lc
from .access import Viewer, WritableOrganisation, store
from .app import MAX_BODY, render

router = APIRouter()

MAX_UPLOAD_FILES = 50
TABLE = "таблица предложений"  # how the messages of an apply name what was applied


def _today() -> dt.date:
    return dt.date.today()


def _page(request: Request, org, status: int = 200, **context):
    context = {"error": None, "proposals": None, "result": None, **context}
    return render(request, "scan.html", status, org=org, limit=MAX_BODY // (1024 * 1024), max_files=MAX_UPLOAD_FILES,
                  labels=lc.LABELS, **context)


@router.get("/org/{org_id}/registry/scan")
def scan_form(request: Request, org: WritableOrganisation):
    return _page(request, org)


def _stored_name(index: int, original: str) -> str:
    """The uploaded file's name on disk: its number (two files may share a name) and a safe stem."""
    from ..fileio import safe_file_stem

    name = Path(original or "файл").name
    return f"{index:03d} {safe_file_stem(Path(name).stem) or 'файл'}{Path(name).suffix.lower()[:10]}"


@router.post("/org/{org_id}/registry/scan")
def scan_upload(request: Request, org: WritableOrganisation,
                files: Annotated[list[UploadFile], File()] = []):  # noqa: B006 — none chosen: told in Russian
    """The proposals for the uploaded files; nothing is written to the registry."""
    from ..registry.scan import scan_folder

    uploads = [f for f in files if f.filename]
    if not uploads:
        return _page(request, org, 400, error="файлы не выбраны: выберите акты школы (.docx, .pdf)")
    if len(uploads) > MAX_UPLOAD_FILES:
        return _page(request, org, 413, error=f"за один раз — не больше {MAX_UPLOAD_FILES} файлов: загрузите "
                                              "акты частями")
    settings = request.app.state.settings
    with tempfile.TemporaryDirectory(prefix="docgen-scan-") as folder:
        names = {}
        for index, upload in enumerate(uploads, 1):
            path = Path(folder) / _stored_name(index, upload.filename)
            path.write_bytes(upload.file.read(MAX_BODY + 1))  # the body limit bounds it already
            names[path] = Path(upload.filename).name
        try:
            proposals = scan_folder(Path(folder), settings.catalogue, org.ref, today=_today(),
                                    current=store(request).statuses(org.id), names=names)
        except InputError as exc:
            return _page(request, org, 400, error=exc.message.replace(folder, "загрузка"))
    return _page(request, org, proposals=proposals)


@router.post("/org/{org_id}/registry/scan/apply")
def scan_apply(request: Request, user: Viewer, org: WritableOrganisation,
               act: Annotated[list[str], Form()] = [],  # noqa: B006 — FastAPI copies defaults
               status: Annotated[list[str], Form()] = [],  # noqa: B006
               order_number: Annotated[list[str], Form()] = [],  # noqa: B006
               order_date: Annotated[list[str], Form()] = [],  # noqa: B006
               pick: Annotated[list[str], Form()] = []):  # noqa: B006
    """The ticked rows, by `docgen acts import`'s rules: all or nothing, each refusal naming its row."""
    from ..registry.excel import Row, apply_rows

    try:
        rows = _ticked(act, status, order_number, order_date, pick, Row)
        result = apply_rows(rows, Path(TABLE), store(request), request.app.state.settings.catalogue, org.ref,
                            who=user.login, today=_today(), shown={"Статус": "Предлагаемый статус"})
    except InputError as exc:
        return _page(request, org, 400, error=exc.message)
    return _page(request, org, result=result)


def _ticked(acts, statuses, numbers, dates, picks, Row) -> list:
    columns = (acts, statuses, numbers, dates)
    if len({len(c) for c in columns}) != 1:
        raise InputError(f"{TABLE}: форма повреждена (столбцы разной длины) — загрузите файлы заново")
    if not picks:
        raise InputError(f"{TABLE}: ни одна строка не отмечена — отметьте акты, которые нужно внести в реестр")
    rows = []
    for pick in dict.fromkeys(picks):
        if not pick.isdigit() or not 1 <= int(pick) <= len(acts):
            raise InputError(f"{TABLE}: отмечена строка «{pick[:20]}», которой в таблице нет — загрузите файлы заново")
        i = int(pick) - 1
        rows.append(Row(int(pick), {"Код": acts[i], "Статус": statuses[i], "Приказ №": numbers[i] or None,
                                        "Дата приказа": dates[i] or None}))
    return sorted(rows, key=lambda r: r.number)
