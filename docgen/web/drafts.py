"""Drafts: a document's form kept in the store as it is typed, so that a reload, a logout or a
restart loses nothing, and the answers of a generated document kept as the start of the next one
(the «answer file» of HotDocs).

A draft belongs to an organisation, not to one user: the deputy director finishes what the
secretary began. Every query names the organisation the URL named and docgen.web.access allowed,
so a draft id of another school finds nothing (404). The values are stored as the nested dict the
form posts (docgen.web.forms.nest) — the shape of a data file — and validated only when the
document is generated: a draft may be half-filled and wrong.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..errors import InputError
from ..registry.store import Store, now
from .access import Organisation, Viewer, WritableOrganisation, store
from .tables import DONE, DRAFT, web_drafts

router = APIRouter()

OPEN_LIMIT = 200  # drafts being filled in per organisation: a school has a handful; a script making more is stopped
KEPT_DONE = 500   # generated documents' answers kept per organisation, the oldest let go first
NOT_COPIED = ("date", "number")  # what belongs to one document only: a copy gets its own


@dataclass(frozen=True)
class Draft:
    id: int
    doc_type: str
    values: dict[str, Any]
    author: str
    updated_at: dt.datetime
    status: str
    number: str | None
    file: str | None


def _draft(row) -> Draft:
    try:
        values = json.loads(row.data)
    except ValueError:
        values = {}
    return Draft(row.id, row.doc_type, values if isinstance(values, dict) else {}, row.author, row.updated_at,
                 row.status, row.number, row.file)


def get(the_store: Store, org_id: int, draft_id: int) -> Draft | None:
    d = web_drafts.c
    with the_store.reading() as conn:
        row = conn.execute(sa.select(web_drafts).where(d.id == draft_id, d.org_id == org_id)).first()
    return None if row is None else _draft(row)


def save(the_store: Store, org_id: int, doc_type: str, values: dict, author: str, draft_id: int | None) -> int:
    """The draft ``draft_id`` rewritten with ``values`` when it is this organisation's open draft
    of this type; else a new one. Returns the draft's id."""
    d = web_drafts.c
    data = json.dumps(values, ensure_ascii=False)
    stamp = now()
    with the_store.transaction() as conn:
        if draft_id is not None:
            done = conn.execute(sa.update(web_drafts).where(
                d.id == draft_id, d.org_id == org_id, d.doc_type == doc_type, d.status == DRAFT)
                .values(data=data, author=author[:100], updated_at=stamp)).rowcount
            if done:
                return draft_id
        count = conn.execute(sa.select(sa.func.count()).where(d.org_id == org_id, d.status == DRAFT)).scalar()
        if count >= OPEN_LIMIT:
            raise InputError(f"у организации уже {OPEN_LIMIT} черновиков: удалите ненужные на странице «Документы», "
                             "чтобы сохранить новый")
        return conn.execute(sa.insert(web_drafts).values(
            org_id=org_id, doc_type=doc_type, data=data, author=author[:100], created_at=stamp, updated_at=stamp,
            status=DRAFT)).inserted_primary_key[0]


def finish(the_store: Store, org_id: int, doc_type: str, values: dict, author: str, draft_id: int | None,
           number: str | None, file: str) -> None:
    """The draft becomes the answers of the document it made (a new record when there was no
    draft); the oldest answers beyond KEPT_DONE are let go."""
    with the_store.transaction() as conn:
        record_done(conn, org_id, doc_type, values, author, draft_id, number, file)


def record_done(conn, org_id: int, doc_type: str, values: dict, author: str, draft_id: int | None,
                number: str | None, file: str) -> None:
    """``finish`` inside the caller's transaction: an order's answers commit with its journal entry."""
    d = web_drafts.c
    data = json.dumps(values, ensure_ascii=False)
    done = dict(data=data, author=author[:100], updated_at=now(), status=DONE, number=number, file=file)
    changed = draft_id is not None and conn.execute(sa.update(web_drafts).where(
        d.id == draft_id, d.org_id == org_id, d.doc_type == doc_type, d.status == DRAFT).values(**done)).rowcount
    if not changed:
        conn.execute(sa.insert(web_drafts).values(org_id=org_id, doc_type=doc_type, created_at=done["updated_at"],
                                                  **done))
    _let_go_oldest(conn, org_id)


_d = web_drafts.c
_NEWEST_FIRST = (_d.updated_at.desc(), _d.id.desc())
# The first answers beyond the kept ones, newest first: one walk of the (org, status, updated_at)
# index, done with every document, where a NOT IN over the kept ids would sort them all each time.
_FIRST_LET_GO = (sa.select(_d.updated_at, _d.id).where(_d.org_id == sa.bindparam("org_id"), _d.status == DONE)
                 .order_by(*_NEWEST_FIRST).offset(sa.bindparam("kept", type_=sa.Integer)).limit(1))


def _let_go_oldest(conn, org_id: int) -> None:
    first = conn.execute(_FIRST_LET_GO, {"org_id": org_id, "kept": KEPT_DONE}).first()
    if first is not None:
        conn.execute(sa.delete(web_drafts).where(
            _d.org_id == org_id, _d.status == DONE,
            sa.or_(_d.updated_at < first.updated_at, sa.and_(_d.updated_at == first.updated_at, _d.id <= first.id))))


def _latest(conn, org_id: int, status: str, doc_type: str | None, limit: int) -> list[Draft]:
    d = web_drafts.c
    query = sa.select(web_drafts).where(d.org_id == org_id, d.status == status)
    if doc_type is not None:
        query = query.where(d.doc_type == doc_type)
    return [_draft(r) for r in conn.execute(query.order_by(d.updated_at.desc(), d.id.desc()).limit(limit))]


def listing(the_store: Store, org_id: int, limit: int = 50) -> tuple[list[Draft], list[Draft]]:
    """(open drafts, generated documents' answers), the latest first."""
    with the_store.reading() as conn:
        return _latest(conn, org_id, DRAFT, None, limit), _latest(conn, org_id, DONE, None, limit)


def made(the_store: Store, org_id: int, doc_type: str, limit: int = 20) -> list[Draft]:
    """The answers of the type's documents generated on the site, the latest first: a form's «start from»."""
    with the_store.reading() as conn:
        return _latest(conn, org_id, DONE, doc_type, limit)


def posted_id(pairs: list[tuple[str, str]]) -> int | None:
    value = dict(pairs).get("_draft", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def url(org_url: str, draft_id: int) -> str:
    return f"{org_url}/drafts/{draft_id}"


# -- routes -------------------------------------------------------------------------------------

def _open(request: Request, org_id: int, draft_id: int) -> Draft:
    found = get(store(request), org_id, draft_id)
    if found is None:
        raise HTTPException(404)
    return found


@router.get("/org/{org_id}/drafts/{draft_id}")
def draft_page(request: Request, org: Organisation, draft_id: int):
    """An open draft's form as it was left; a generated one's answers are not changed in place — the
    documents page offers a copy."""
    from . import documents

    found = _open(request, org.id, draft_id)
    if found.status != DRAFT:
        return RedirectResponse(f"{org.url}/documents#made", status_code=303)
    document_type = documents.type_of(request, found.doc_type)
    return documents.form_page(request, org, document_type, found.values, draft_id=found.id)


@router.post("/org/{org_id}/drafts/{draft_id}/delete")
def delete(request: Request, org: WritableOrganisation, draft_id: int):
    d = web_drafts.c
    with store(request).transaction() as conn:
        gone = conn.execute(sa.delete(web_drafts).where(d.id == draft_id, d.org_id == org.id)).rowcount
    if not gone:
        raise HTTPException(404)
    return RedirectResponse(f"{org.url}/documents", status_code=303)


@router.post("/org/{org_id}/drafts/copy")
def copy(request: Request, user: Viewer, org: WritableOrganisation, source: Annotated[int, Form()]):
    """A new draft with the answers of ``source`` (a draft or a generated document's answers) but
    the date and number of none: those are the new document's own."""
    found = _open(request, org.id, source)
    values = {k: v for k, v in found.values.items() if k not in NOT_COPIED}
    try:
        new = save(store(request), org.id, found.doc_type, values, user.login, None)
    except InputError as exc:
        raise HTTPException(409, exc.message) from None
    return RedirectResponse(url(org.url, new), status_code=303)
