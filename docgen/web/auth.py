"""Logging in and out. Failed logins are counted per login and address in the database
(docgen.web.accounts): the fifth for one login within 15 minutes, or the twentieth from one
address for any logins, closes that door for the rest of the window with a 429, whichever worker
or restart the next try meets."""
from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from . import accounts
from .access import LOGIN_CSRF_COOKIE, SESSION_COOKIE, Viewer, current_session, store
from .app import render

router = APIRouter()

WRONG = "Неверный логин или пароль."
LOCKED = (f"Слишком много неудачных попыток входа. Повторите через "
          f"{int(accounts.FAILURE_WINDOW.total_seconds() // 60)} минут.")


def _address(request: Request) -> str:
    return request.client.host if request.client else "неизвестно"


def _login_page(request: Request, status: int = 200, error: str | None = None, login: str = ""):
    """The form with a fresh token in a cookie and in the form (checked by access.csrf_protect)."""
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status, error=error, login=login, csrf_token=token)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", path="/login",
                        secure=request.app.state.settings.secure_cookies)
    return response


@router.get("/login")
def login_form(request: Request):
    if current_session(request) is not None:
        return RedirectResponse("/", status_code=303)
    return _login_page(request)


@router.post("/login")
def log_in(request: Request, login: Annotated[str, Form(max_length=1000)] = "",
          password: Annotated[str, Form(max_length=10_000)] = ""):
    the_store, address = store(request), _address(request)
    login = login.strip()
    if accounts.too_many_failures(the_store, login, address):
        return _login_page(request, 429, LOCKED, login)
    user = accounts.authenticate(the_store, login, password)
    if user is None:
        accounts.record_failure(the_store, login, address)
        return _login_page(request, 401, WRONG, login)
    accounts.clear_failures(the_store, login, address)
    token = accounts.open_session(the_store, user)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", path="/",
                        secure=request.app.state.settings.secure_cookies,
                        max_age=int(accounts.SESSION_LIFETIME.total_seconds()))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, _user: Viewer):
    """Reached only with a live session and its token (access.csrf_protect); the row goes, so the
    cookie, if kept or copied, opens nothing."""
    accounts.close_session(store(request), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=request.app.state.settings.secure_cookies)
    return response
