"""The documents of a school: the list of types it can fill in, a type's form (docgen.web.forms),
its generation through the engine with the journal in the site's store, the downloads (the .docx,
its PDF and its pages' pictures, docgen.web.preview, through one route).

Where the site keeps the documents it writes: ``app.state.documents_dir`` when the application
was given one (`docgen serve --files`); else, for a SQLite store, a folder beside the database
file («<name>.documents»), so the site's data stays in one place; for a server store,
«web-documents» in the user's docgen data folder (docgen.settings.user_data_folder). Each
organisation writes into its own sub-folder «org-<id>», so a file name from a URL can only ever
name a file of the organisation whose page it is.
"""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

from ..errors import DocgenError
from . import forms, views
from .access import Organisation, Viewer, WritableOrganisation, store
from .app import render

router = APIRouter()
ADD, REMOVE, UP = "add:", "remove:", "up:"
MAX_FIELDS = 2000  # far more than any order's members and tasks; a hostile post stops here


def _engine(request: Request):
    engine = getattr(request.app.state, "engine", None)
    if engine is None:
        from ..engine import Engine

        engine = request.app.state.engine = Engine()
    return engine


def _types(request: Request) -> dict:
    """The types with a form: those whose input is issued by an organisation (a stored profile)."""
    return {slug: t for slug, t in _engine(request).document_types.items()
            if "organization" in t.input_model.model_fields}


def _type(request: Request, slug: str):
    found = _types(request).get(slug)
    if found is None:
        raise HTTPException(404)
    return found


def documents_dir(request: Request) -> Path:
    given = getattr(request.app.state, "documents_dir", None)
    if given:
        return Path(given)
    url = sa.engine.make_url(request.app.state.settings.db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.with_name(db.name + ".documents")
    from ..settings import user_data_folder

    return user_data_folder() / "web-documents"


def _org_dir(request: Request, org: views.Org) -> Path:
    return documents_dir(request) / f"org-{org.id}"


def _profile(org: views.Org):
    profile = org.ref.profile
    if profile is None:
        raise HTTPException(409, "профиль организации не сохранён в базе: сформируйте по нему документ командой "
                                 "docgen generate или импортируйте реестр — тогда сайт его узнает")
    return profile


@router.get("/org/{org_id}/documents")
def document_list(request: Request, user: Viewer, org: Organisation):
    return render(request, "document_list.html", org=org, types=sorted(_types(request).values(), key=lambda t: t.title),
                  can_change=user.can_change(org.id))


def _sample_values(document_type) -> dict:
    """The type's sample as the form's starting values (its organisation and number left out)."""
    sample = getattr(document_type, "sample", None)
    if sample is None:
        return {}
    from ..loading import read_mapping

    try:
        data = read_mapping(Path(sample))
    except DocgenError:
        return {}
    data.pop("organization", None)
    data.pop("number", None)
    return data


def _form_page(request: Request, org: views.Org, document_type, values: dict, errors: dict | None = None,
               status: int = 200):
    profile = _profile(org)
    fields = forms.build(document_type.input_model, values, forms.staff_choices(profile))
    loose = forms.place_errors(fields, errors or {})
    return render(request, "document_form.html", status, org=org, doc=document_type, fields=fields,
                  loose=loose, has_errors=bool(errors))


@router.get("/org/{org_id}/documents/new/{slug}")
def document_form(request: Request, org: Organisation, slug: str, empty: bool = False):
    document_type = _type(request, slug)
    return _form_page(request, org, document_type, {} if empty else _sample_values(document_type))


@router.post("/org/{org_id}/documents/new/{slug}")
async def document_submit(request: Request, org: WritableOrganisation, slug: str):
    from starlette.concurrency import run_in_threadpool

    document_type = _type(request, slug)
    posted = await request.form(max_fields=MAX_FIELDS)
    pairs = [(k, v) for k, v in posted.multi_items() if isinstance(v, str)]
    return await run_in_threadpool(_submit, request, org, document_type, pairs)


def _submit(request: Request, org: views.Org, document_type, pairs: list[tuple[str, str]]):
    model = document_type.input_model
    values = forms.nest(model, pairs)
    action = dict(pairs).get("_action", "")
    if action.startswith(ADD):
        forms.add_row(values, action[len(ADD):])
        return _form_page(request, org, document_type, values)
    if action.startswith(REMOVE):
        forms.remove_row(values, action[len(REMOVE):])
        return _form_page(request, org, document_type, values)
    if action.startswith(UP):
        forms.move_up(values, action[len(UP):])
        return _form_page(request, org, document_type, values)
    data, errors = forms.validate(model, values, _profile(org))
    if errors:
        return _form_page(request, org, document_type, values, errors)
    return _generate(request, org, document_type, data, values)


def _generate(request: Request, org: views.Org, document_type, data, values: dict):
    from ..errors import InputError
    from ..journal import Journal

    out = _org_dir(request, org)
    out.mkdir(parents=True, exist_ok=True)
    journal = Journal(store(request)) if document_type.is_order else None
    try:
        done = _engine(request).produce(document_type, data, out, journal=journal)
    except InputError as exc:  # the journal refused the number, the folder cannot be written …
        return _form_page(request, org, document_type, values, {"": [exc.message]}, status=400)
    previews = getattr(request.app.state, "previews", None)
    if previews is not None:  # the site's converter is up (docgen serve warms it): begin the PDF now
        previews.start(done.path)
    link = file_url(org, done.path.name)
    return render(request, "document_done.html", org=org, doc=document_type, number=done.number,
                  file_name=done.path.name, link=link, date=getattr(data, "date", None),
                  preview=preview_url(org, done.path.name))


# -- the files of an organisation's folder: one route for the .docx, its PDF and its pages ------

MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".png": "image/png",
}


def file_url(org: views.Org, name: str) -> str:
    from urllib.parse import quote

    return f"{org.url}/documents/file/{quote(name, safe='')}"


def preview_url(org: views.Org, name: str) -> str:
    from urllib.parse import quote

    return f"{org.url}/documents/preview/{quote(name, safe='')}"


def org_file(request: Request, org: views.Org, name: str, suffixes=tuple(MEDIA_TYPES)) -> Path:
    """The file ``name`` of the organisation's own folder, or 404: one plain name (no separators,
    not hidden), a document (.docx, .pdf) or a page picture the preview wrote, never a link out."""
    from ..previews import is_page_of_a_document

    folder = _org_dir(request, org)
    suffix = Path(name).suffix.lower()
    if not name or "/" in name or "\\" in name or "\x00" in name or name.startswith(".") or suffix not in suffixes \
            or (suffix == ".png" and not is_page_of_a_document(name)):
        raise HTTPException(404)
    path = folder / name
    try:
        inside = path.resolve().parent == folder.resolve()
    except (OSError, RuntimeError, ValueError):
        inside = False
    if not inside:
        raise HTTPException(404)
    if not path.is_file():
        raise HTTPException(404, "файл документа удалён с диска")
    return path


@router.get("/org/{org_id}/documents/file/{name}")
def download_file(request: Request, org: Organisation, name: str):
    """A document of the organisation (with or without a journal number), its PDF or a page's
    picture — from the organisation's own folder only, so another school's id finds nothing."""
    path = org_file(request, org, name)
    suffix = path.suffix.lower()
    # A page's picture never changes under its name: the browser keeps it while the preview's
    # fragment is swapped in again and again (no flicker); documents are always fetched afresh.
    cache = "private, max-age=600" if suffix == ".png" else "private, no-store"
    return FileResponse(path, filename=path.name, media_type=MEDIA_TYPES[suffix],
                        content_disposition_type="inline" if suffix == ".png" else "attachment",
                        headers={"Cache-Control": cache})
