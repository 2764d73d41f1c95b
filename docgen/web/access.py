"""Who is asking and what they may touch — the one place the site decides it.

* ``viewer`` gives the logged-in user of the request (anonymous → the login page); every page
  depends on it, directly or through ``organisation``/``writable_organisation``/``administrator``.
* ``organisation`` gives the organisation a URL names, only if the user's scope holds it: a school
  user asking for another school's id gets 404, as for an id that does not exist, so ids cannot be
  probed. ``writable_organisation`` adds the right to change it (403 for a methodologist, who reads).
* ``csrf_protect`` runs before every route (an application-wide dependency): a POST (PUT, PATCH,
  DELETE) must carry the session's CSRF token in the form field ``csrf_token`` or the
  ``X-CSRF-Token`` header (HTMX sends it from ``hx-headers``). The token is a random secret kept
  with the server-side session (the synchronizer-token pattern OWASP recommends first); the login
  form, which has no session yet, is checked against a random cookie set with the form.
"""
from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from . import accounts, views
from .accounts import Session, User

SESSION_COOKIE = "docgen_session"
LOGIN_CSRF_COOKIE = "docgen_login_csrf"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
PUBLIC = frozenset({"/login"})  # the only routes (besides /static) an anonymous request reaches
# The most fields a form of the site posts: a school's whole staff list (four fields a person) with
# its procedures, in the profile form. Starlette parses a request's form once and keeps it, so the
# first parse — this module's CSRF check — sets the limit for every route (Starlette's own default,
# 1000, would refuse a school of 250). The body's size is capped before that (app.MAX_BODY).
MAX_FORM_FIELDS = 5000


class NotLoggedIn(Exception):
    """Anonymous, expired or logged out: the login page (app.py turns this into a redirect)."""


class CsrfRefused(Exception):
    """A state-changing request without the session's token."""


def store(request: Request):
    return request.app.state.store


def current_session(request: Request) -> Session | None:
    """The request's session, read from the database once per request."""
    if not hasattr(request.state, "session"):
        request.state.session = accounts.session(store(request), request.cookies.get(SESSION_COOKIE))
    return request.state.session


async def posted_form(request: Request):
    """The request's form, parsed once with the site's limit (see MAX_FORM_FIELDS)."""
    return await request.form(max_fields=MAX_FORM_FIELDS)


async def posted_pairs(request: Request) -> list[tuple[str, str]]:
    """The posted text fields in their order (an uploaded file is not among them)."""
    posted = await posted_form(request)
    return [(k, v) for k, v in posted.multi_items() if isinstance(v, str)]


async def csrf_protect(request: Request) -> None:
    """Runs before every route: it also reads who is asking — and, on an organisation's page, the
    organisation — in one trip to the thread pool (see ``_visit``), which the route's own
    dependencies then find read."""
    unsafe = request.method in UNSAFE
    sent = request.headers.get("x-csrf-token") if unsafe else None
    if unsafe and sent is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        sent = (await posted_form(request)).get("csrf_token")
    if not hasattr(request.state, "session"):
        if request.cookies.get(SESSION_COOKIE):
            await run_in_threadpool(_visit, request)
        else:
            request.state.session = None
    if not unsafe:
        return
    if request.url.path in PUBLIC:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    else:
        session = current_session(request)
        if session is None:
            raise NotLoggedIn()
        expected = session.csrf
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfRefused()


def _visit(request: Request) -> None:
    """The session and, when the URL names an organisation the user may see, its row: one read of
    the store for what nearly every request needs (a document's POST would otherwise wait for the
    thread pool three times before its work begins)."""
    session = current_session(request)
    org_id = str(request.path_params.get("org_id", ""))
    # Only a plain number is read ahead (up to 11 digits: an id, not a number to overflow a column);
    # anything else the route's own dependency converts, checks and reads.
    if session is not None and org_id.isascii() and org_id.isdigit() and len(org_id) < 12 \
            and session.user.can_see(int(org_id)):
        request.state.org_read = (int(org_id), views.load(store(request), int(org_id)))


async def session_of(request: Request) -> Session | None:
    """The request's session without blocking the event loop: read in a worker thread, once."""
    if hasattr(request.state, "session"):
        return request.state.session
    return await run_in_threadpool(current_session, request)


async def viewer(request: Request) -> User:
    # async, like the other dependencies here: a sync dependency is one more trip to the thread
    # pool per request, and on a busy two-core server each trip waits for a core.
    session = await session_of(request)
    if session is None:
        raise NotLoggedIn()
    return session.user


Viewer = Annotated[User, Depends(viewer)]


async def organisation(org_id: int, request: Request) -> views.Org:
    """The organisation ``org_id`` names, if the user may see it: read with the session when
    ``csrf_protect`` ran first (every route), else in a trip of its own."""
    known = _checked(org_id, request)
    return known if known is not None else await run_in_threadpool(_organisation, org_id, request)


def _checked(org_id: int, request: Request) -> views.Org | None:
    """The access check without the store: raises (anonymous, another school's id, no such
    organisation) or returns the organisation already read; None — the store must be read (in the
    thread pool: nothing here may block the event loop)."""
    if not hasattr(request.state, "session"):
        return None
    session = request.state.session
    if session is None:
        raise NotLoggedIn()
    if not session.user.can_see(org_id):
        raise HTTPException(404)
    read = getattr(request.state, "org_read", None)
    if read is None or read[0] != org_id:
        return None
    if read[1] is None:
        raise HTTPException(404)
    return read[1]


def _organisation(org_id: int, request: Request) -> views.Org:
    known = _checked(org_id, request)
    if known is not None:
        return known
    session = current_session(request)
    if session is None:
        raise NotLoggedIn()
    if not session.user.can_see(org_id):
        raise HTTPException(404)
    org = views.load(store(request), org_id)
    if org is None:
        raise HTTPException(404)
    return org


async def writable_organisation(org: Annotated[views.Org, Depends(organisation)], user: Viewer) -> views.Org:
    if not user.can_change(org.id):
        raise HTTPException(403, "методист района видит данные школ, но не изменяет их")
    return org


async def administrator(user: Viewer) -> User:
    if user.role != "admin":
        raise HTTPException(403, "эта страница — для администратора")
    return user


async def district_reader(user: Viewer) -> User:
    if user.role not in ("methodologist", "admin"):
        raise HTTPException(403, "эта страница — для методиста района")
    return user


Organisation = Annotated[views.Org, Depends(organisation)]
WritableOrganisation = Annotated[views.Org, Depends(writable_organisation)]
Administrator = Annotated[User, Depends(administrator)]
DistrictReader = Annotated[User, Depends(district_reader)]
