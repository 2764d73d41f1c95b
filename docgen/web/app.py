"""The application factory: ``create_app(db_url)`` gives the site over one store.

Pages are rendered on the server (Jinja2, autoescaped: whatever a user typed is shown as text);
HTMX, vendored in ``static/``, does the partial updates; there is no front-end build. The store's
calls are synchronous, so the routes are plain ``def`` and run in Starlette's thread pool.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DocgenError
from ..russian.typography import capitalize_first
from .access import CsrfRefused, NotLoggedIn, csrf_protect

HERE = Path(__file__).resolve().parent
ERRORS = {
    400: "Запрос не понят",
    403: "Недостаточно прав",
    404: "Страница не найдена",
    405: "Так эту страницу не открыть",
    429: "Слишком много попыток",
    503: "Сайт временно не может выполнить запрос",
}
# What the site allows a page to load: only its own files (HTMX included), no inline scripts.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


class Settings:
    """The site's settings and what it holds for its lifetime: the store, the catalogue."""

    def __init__(self, db_url: str, secure_cookies: bool):
        from ..registry.store import Store

        self.db_url = db_url
        self.secure_cookies = secure_cookies
        self.store = Store(db_url)

    @cached_property
    def engine(self):
        """One engine for the site's lifetime: its plugins and templates are loaded once (on
        Python 3.11 a cached_property is computed under a lock: two first requests make one)."""
        from ..engine import Engine

        return Engine()

    @cached_property
    def catalogue(self):
        from ..registry.catalogue import default_catalogue

        return default_catalogue()


def templates():
    import jinja2
    from starlette.templating import Jinja2Templates

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    # A form's label starts a line; a model's titles are written lower-case to sit inside a CLI
    # message («поле «date» (дата приказа)»): only the first letter changes («ВСОКО» stays).
    env.filters["capitalize_first"] = capitalize_first
    return Jinja2Templates(env=env)


MAX_BODY = 4 * 2**20  # the largest upload (an Excel registry, 2 MiB) and its form, with room


def create_app(db_url: str, *, secure_cookies: bool = True) -> FastAPI:
    """``secure_cookies``: the session cookie carries Secure — right for a site behind https
    (and for localhost, which browsers treat as secure); `docgen serve --plain-http` turns it off
    for a site on plain http, whose browser would otherwise never send the cookie back."""
    from . import acquaintance, admin, adoption, auth, documents, drafts, indicators, pages, preview, profile, records, scan, site_package

    settings = Settings(db_url, secure_cookies)
    app = FastAPI(title="docgen", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(csrf_protect)])
    app.state.settings = settings
    app.state.store = settings.store
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.include_router(documents.router)
    app.include_router(records.router)
    app.include_router(adoption.router)
    app.include_router(drafts.router)
    app.include_router(profile.router)
    app.include_router(admin.router)
    app.include_router(preview.router)
    app.include_router(indicators.router)
    app.include_router(site_package.router)
    app.include_router(acquaintance.router)
    app.include_router(scan.router)

    app.add_middleware(Guard)

    @app.exception_handler(NotLoggedIn)
    async def to_login(request: Request, _exc: NotLoggedIn):
        if request.headers.get("hx-request"):
            return RedirectResponse("/login", status_code=303, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(CsrfRefused)
    async def csrf_refused(request: Request, _exc: CsrfRefused):
        return error_page(request, 403, "Форма устарела или отправлена не с этого сайта. Обновите страницу и "
                                        "повторите действие.")

    @app.exception_handler(DocgenError)
    async def docgen_error(request: Request, exc: DocgenError):
        """The store unreachable or busy, a catalogue that does not load: the command line's
        Russian message, on a page."""
        return error_page(request, 503, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in ERRORS.values() \
            and not exc.detail.isascii() else None
        return error_page(request, exc.status_code, detail)

    return app


SECURITY_HEADERS = (("content-security-policy", CSP), ("x-content-type-options", "nosniff"),
                    ("x-frame-options", "DENY"), ("referrer-policy", "same-origin"))
WRITES = frozenset({"POST", "PUT", "PATCH"})


class Guard:
    """What every response and every request gets, as plain ASGI middleware (Starlette's
    ``@app.middleware("http")`` wraps each request in a task and a stream: a few milliseconds of a
    document's twenty). A body is refused by its declared size before anything reads it (the CSRF
    check parses forms, an upload route parses files: no form of this site needs more than
    MAX_BODY); every response carries the security headers, and all but static files «no-store»."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                from starlette.datastructures import MutableHeaders

                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
                if not static:
                    headers.setdefault("cache-control", "no-store")
            await send(message)

        refused = self._refused(scope)
        if refused is not None:
            return await refused(scope, receive, send_with_headers)
        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _refused(scope):
        if scope["method"] not in WRITES:
            return None
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        request = Request(scope)
        if length is None and headers.get(b"transfer-encoding"):
            return error_page(request, 411, "Запрос без указанного размера не принимается.")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return error_page(request, 413, f"Запрос больше {MAX_BODY // 2**20} МБ не принимается: "
                                            "загрузите файл меньшего размера.")
        return None


def error_page(request: Request, status: int, detail: str | None = None):
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"title": ERRORS.get(status, "Ошибка"), "detail": detail,
                                "session": getattr(request.state, "session", None)},
        status_code=status)


def render(request: Request, name: str, status: int = 200, **context):
    """A page with what every page needs: the session (the user, the CSRF token for its forms)."""
    from .access import current_session

    return request.app.state.templates.TemplateResponse(
        request, name, {"session": current_session(request), **context}, status_code=status)
