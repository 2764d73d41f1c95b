"""The administrator's pages: the organisations and users of the site, a new organisation (from
the empty profile form or an uploaded YAML profile), a new user, a user disabled, a password
reset — what `docgen users` and a profile file do on the command line, with the same checks
(docgen.web.accounts, docgen.web.profile). Every route is the administrator's only
(access.Administrator: 403 for anyone else, the login page for the anonymous)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse

from ..errors import InputError
from ..models import Organization
from . import accounts, forms, profile, views
from .access import Administrator, posted_pairs, store
from .app import render

router = APIRouter()
NEW_ORG = "/admin/organisations/new"


def admin_page(request: Request, user, status: int = 200, *, errors: dict[str, str] | None = None,
               values: dict[str, Any] | None = None, notice: str | None = None, user_errors: dict | None = None):
    """The administrator's page; ``errors``/``values``: the new-user form as posted; ``user_errors``:
    a message by login for the password reset of that user."""
    the_store = store(request)
    return render(request, "home_admin.html", status, orgs=views.visible(the_store, user),
                  users=accounts.list_users(the_store), roles=accounts.ROLE_LABELS, errors=errors or {},
                  values=values or {}, notice=notice, user_errors=user_errors or {})


@router.get("/admin/users")
def users_page(request: Request, admin: Administrator, done: str = ""):
    notices = {"added": "Пользователь создан.", "disabled": "Пользователь отключён; его сеансы завершены.",
               "password": "Пароль изменён; сеансы пользователя завершены."}
    return admin_page(request, admin, notice=notices.get(done))


# -- users -------------------------------------------------------------------------------------

def _password_pair(password: str, again: str) -> None:
    accounts.check_password(password)
    if password != again:
        raise InputError("пароли не совпадают")


@router.post("/admin/users")
def add_user(request: Request, admin: Administrator,
             login: Annotated[str, Form(max_length=1000)] = "",
             role: Annotated[str, Form(max_length=100)] = "",
             org_id: Annotated[str, Form(max_length=20)] = "",
             scope: Annotated[list[str], Form(max_length=20)] = [],  # noqa: B006 — FastAPI copies defaults
             password: Annotated[str, Form(max_length=10_000)] = "",
             password_again: Annotated[str, Form(max_length=10_000)] = ""):
    """`docgen users add` on the page: the login, the role and the password checked by the same
    functions; a school user's organisation and a methodologist's schools chosen from the base."""
    login = login.strip()
    values = {"login": login, "role": role, "org_id": org_id, "scope": scope}
    errors: dict[str, str] = {}
    for field, check in (("login", lambda: accounts.check_login(login)), ("role", lambda: accounts.check_role(role)),
                         ("password", lambda: _password_pair(password, password_again))):
        try:
            check()
        except InputError as exc:
            errors[field] = exc.message
    if not org_id.isdigit() and org_id:
        errors["org_id"] = "организация не из списка"
    if any(not s.isdigit() for s in scope):
        errors["scope"] = "школы не из списка"
    if not errors:
        try:
            accounts.add_user_by_id(store(request), login, role, password,
                                    org_id=int(org_id) if org_id and role == "school" else None,
                                    scope_ids=[int(s) for s in scope] if role == "methodologist" else None)
        except InputError as exc:
            field = "login" if "уже есть" in exc.message else "org_id" if role == "school" else "scope"
            errors[field] = exc.message
    if errors:
        return admin_page(request, admin, 400, errors=errors, values=values)
    return RedirectResponse("/admin/users?done=added#users", status_code=303)


def _known(request: Request, login: str) -> bool:
    return login in {u.login for u, _ in accounts.list_users(store(request))}


@router.post("/admin/users/disable")
def disable_user(request: Request, admin: Administrator, login: Annotated[str, Form(max_length=1000)] = ""):
    if login == admin.login:
        return admin_page(request, admin, 400, user_errors={login: "себя отключить нельзя: войдите другим "
                                                                   "администратором"})
    if not _known(request, login):
        return admin_page(request, admin, 404, notice=f"Пользователя «{login}» нет.")
    accounts.disable(store(request), login)
    return RedirectResponse("/admin/users?done=disabled#users", status_code=303)


@router.post("/admin/users/password")
def reset_password(request: Request, admin: Administrator, login: Annotated[str, Form(max_length=1000)] = "",
                   password: Annotated[str, Form(max_length=10_000)] = "",
                   password_again: Annotated[str, Form(max_length=10_000)] = ""):
    """`docgen users passwd` on the page: the user's sessions end with the old password."""
    if not _known(request, login):
        return admin_page(request, admin, 404, notice=f"Пользователя «{login}» нет.")
    try:
        _password_pair(password, password_again)
        accounts.set_password(store(request), login, password)
    except InputError as exc:
        return admin_page(request, admin, 400, user_errors={login: exc.message})
    return RedirectResponse("/admin/users?done=password#users", status_code=303)


# -- a new organisation -----------------------------------------------------------------------

def _new_org_page(request: Request, values: dict[str, Any], status: int = 200, **context):
    return profile.form_page(request, "admin_org.html", status, values=values, **{"notice": None, **context})


@router.get(NEW_ORG)
def new_org_form(request: Request, _admin: Administrator):
    return _new_org_page(request, {})


@router.post(NEW_ORG)
async def new_org_submit(request: Request, _admin: Administrator):
    from starlette.concurrency import run_in_threadpool

    pairs = await posted_pairs(request)
    return await run_in_threadpool(_create, request, pairs)


def _create(request: Request, pairs: list[tuple[str, str]]):
    values = forms.nest(Organization, pairs)
    if profile.edit_rows(values, dict(pairs).get("_action", "")):
        return _new_org_page(request, values)
    found, errors = profile.checked(values)
    if errors:
        return _new_org_page(request, values, 400, errors=errors)
    try:
        new_id = profile.create(store(request), found)
    except profile.KeyTaken as exc:
        return _new_org_page(request, values, 400, errors={exc.field: [exc.message]})
    except InputError as exc:  # the store busy, or the same key written at the same moment
        return _new_org_page(request, values, 503, errors={"": [exc.message]})
    return RedirectResponse(f"/org/{new_id}/profile?saved=1", status_code=303)


@router.post("/admin/organisations/import")
def new_org_import(request: Request, _admin: Administrator, file: Annotated[UploadFile, File()]):
    """An uploaded profile shown in the new organisation's form, checked, not yet saved."""
    try:
        values = profile.from_upload(*profile.read_upload(file))
    except InputError as exc:
        return _new_org_page(request, {}, 400, upload_error=exc.message)
    _found, errors = profile.checked(values)
    notice = None if errors else "Профиль прочитан из файла и ещё не сохранён: проверьте поля и нажмите «Создать»."
    return _new_org_page(request, values, 400 if errors else 200, errors=errors, notice=notice)
