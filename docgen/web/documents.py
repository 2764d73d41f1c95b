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

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..errors import DocgenError, InputError
from . import drafts, forms, views
from .access import Organisation, Viewer, WritableOrganisation, posted_pairs, store
from .app import render
from .downloads import send_file

router = APIRouter()
ADD, REMOVE, UP, AUTOSAVE = "add:", "remove:", "up:", "autosave"


def _engine(request: Request):
    return request.app.state.settings.engine


def _types(request: Request) -> dict:
    """The types with a form: those whose input is issued by an organisation (a stored profile).
    Worked out once per site: the plugins are loaded when it starts and do not change under it."""
    state = request.app.state
    if getattr(state, "form_types", None) is None:
        state.form_types = {slug: t for slug, t in _engine(request).document_types.items()
                            if "organization" in t.input_model.model_fields}
    return state.form_types


def type_of(request: Request, slug: str):
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
    types = _types(request)
    open_, made = drafts.listing(store(request), org.id)
    titles = {slug: t.title for slug, t in types.items()}
    return render(request, "document_list.html", org=org, types=sorted(types.values(), key=lambda t: t.title),
                  can_change=user.can_change(org.id), drafts=open_, made=made, titles=titles)


def _sample_values(document_type) -> dict:
    """The type's sample as the form's starting values (its organisation and number left out)."""
    sample = getattr(document_type, "form_sample", None) or getattr(document_type, "sample", None)
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


def form_page(request: Request, org: views.Org, document_type, values: dict, errors: dict | None = None,
              status: int = 200, draft_id: int | None = None):
    """The form of ``document_type`` with ``values``; ``draft_id`` — the draft it continues (its
    hidden field, so each save rewrites that draft); the earlier documents of the type it may
    start from."""
    profile = _profile(org)
    fields = forms.build(document_type.input_model, values, forms.staff_choices(profile))
    loose = forms.place_errors(fields, errors or {})
    made = drafts.made(store(request), org.id, document_type.slug)
    return render(request, "document_form.html", status, org=org, doc=document_type, fields=fields,
                  loose=loose, has_errors=bool(errors), draft_id=draft_id, made=made)


@router.get("/org/{org_id}/documents/new/{slug}")
def document_form(request: Request, org: Organisation, slug: str, sample: bool = False):
    """A new document starts empty (the model's defaults): the type's sample is another school's
    text, good to look at (``?sample=true``), wrong to sign by accident."""
    document_type = type_of(request, slug)
    return form_page(request, org, document_type, _sample_values(document_type) if sample else {})


@router.post("/org/{org_id}/documents/new/{slug}")
async def document_submit(request: Request, user: Viewer, org: WritableOrganisation, slug: str):
    from starlette.concurrency import run_in_threadpool

    document_type = type_of(request, slug)
    pairs = await posted_pairs(request)
    return await run_in_threadpool(_submit, request, user, org, document_type, pairs)


def _submit(request: Request, user, org: views.Org, document_type, pairs: list[tuple[str, str]]):
    """Every post of the form keeps what was typed: an autosave (HTMX, ``_action=autosave``), a row
    added, removed or moved (then the draft's page, so a reload shows it) and a refused generation
    save the draft; a generation that succeeds turns the draft into the document's answers."""
    model = document_type.input_model
    values = forms.nest(model, pairs)
    action = dict(pairs).get("_action", "")
    draft_id = drafts.posted_id(pairs)
    for prefix, change in ((ADD, forms.add_row), (REMOVE, forms.remove_row), (UP, forms.move_up)):
        if action.startswith(prefix):
            change(values, action[len(prefix):])
            saved = _save_draft(request, user, org, document_type, values, draft_id)
            path = action[len(prefix):]
            the_list = path if prefix == ADD else path.rpartition(".")[0]
            anchor = "#f-" + the_list.replace(".", "-")
            return RedirectResponse(drafts.url(org.url, saved) + anchor, status_code=303)
    if action == AUTOSAVE:
        try:
            saved = drafts.save(store(request), org.id, document_type.slug, values, user.login, draft_id)
        except InputError as exc:  # shown where «сохранён» would be (base.html lets HTMX swap a 409 in)
            return render(request, "draft_saved.html", 409, draft_id=draft_id, error=exc.message)
        response = render(request, "draft_saved.html", draft_id=saved, error=None, saved_at=dt.datetime.now())
        if saved != draft_id:
            response.headers["HX-Replace-Url"] = drafts.url(org.url, saved)
        return response
    data, errors = forms.validate(model, values, _profile(org))
    if errors:
        draft_id = _save_draft(request, user, org, document_type, values, draft_id)
        return form_page(request, org, document_type, values, errors, status=400, draft_id=draft_id)
    return _generate(request, user, org, document_type, data, values, draft_id)  # its answers kept once, when made


def _save_draft(request: Request, user, org: views.Org, document_type, values: dict, draft_id: int | None) -> int:
    try:
        return drafts.save(store(request), org.id, document_type.slug, values, user.login, draft_id)
    except InputError as exc:
        raise HTTPException(409, exc.message) from None


def _generate(request: Request, user, org: views.Org, document_type, data, values: dict, draft_id: int | None):
    from ..journal import Journal

    out = _org_dir(request, org)
    out.mkdir(parents=True, exist_ok=True)
    answers = (org.id, document_type.slug, values, user.login, draft_id)
    # An order's answers are recorded with its journal entry (one commit); another document's after
    # the page is sent. Either way the document is made first: the answers only serve a later copy.
    journal = None
    if document_type.is_order:
        journal = Journal(store(request), also=lambda conn, written: drafts.record_done(
            conn, *answers, written[0][0].number, Path(written[0][1]).name))
    try:
        done = _engine(request).produce(document_type, data, out, journal=journal)
    except InputError as exc:  # the journal refused the number, the folder cannot be written …
        draft_id = _save_draft(request, user, org, document_type, values, draft_id)
        return form_page(request, org, document_type, values, {"": [exc.message]}, status=400, draft_id=draft_id)
    from starlette.background import BackgroundTask

    keep = None if journal else BackgroundTask(drafts.finish, store(request), *answers, done.number, done.path.name)
    # The PDF is begun by the done page's preview fragment, which the browser asks for at once: a
    # document nobody opens (a script, a closed tab) queues no conversion ahead of those people wait for.
    link = file_url(org, done.path.name)
    response = render(request, "document_done.html", org=org, doc=document_type, number=done.number,
                      file_name=done.path.name, link=link, date=getattr(data, "date", None),
                      preview=preview_url(org, done.path.name))
    response.background = keep
    return response


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
    return send_file(path, MEDIA_TYPES[suffix], kind="inline" if suffix == ".png" else "attachment", cache=cache)
