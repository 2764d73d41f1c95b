"""The «Показатели» page: the counts of seed 000's indicators a school records per academic year
(the same as `docgen indicators set`), and the eight indicators this year against last. One form
per year; a year's form is written all or nothing (docgen.registry.indicators.set_values)."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from ..errors import InputError
from . import views
from .access import Organisation, Viewer, WritableOrganisation, posted_pairs, store
from .app import render

router = APIRouter()
FIELD = "value-"  # a count's input is named «value-<code>»


def _today() -> dt.date:
    return dt.date.today()


def _page(request: Request, user, org: views.Org, status: int = 200, error: str | None = None,
          error_period: str | None = None, typed: dict[str, str] | None = None, saved: str | None = None):
    from ..registry import indicators as ind

    today = _today()
    engine = request.app.state.settings.engine
    with views.data_files(engine):
        defs = ind.load_definitions()
    recorded = ind.values(store(request), org.id)
    period = ind.academic_year(today)
    periods = [period, ind.previous(period)]
    cov = views.coverage(store(request), request.app.state.settings.catalogue, org, today, engine)

    def shown(p: str, count_id: str) -> str:
        if typed is not None and p == error_period:  # a refused form keeps what was typed
            return typed.get(count_id, "")
        value = recorded.get((p, count_id))
        return "" if value is None else str(value)

    return render(request, "indicators.html", status, org=org, defs=defs, periods=periods, shown=shown,
                  coverage=cov, error=error, error_period=error_period, saved=saved,
                  can_change=user.can_change(org.id), field=FIELD)


@router.get("/org/{org_id}/indicators")
def indicators_page(request: Request, user: Viewer, org: Organisation, saved: str = ""):
    from ..registry.indicators import parse_period

    try:
        shown = parse_period(saved[:20]) if saved else None  # only a year is echoed back
    except InputError:
        shown = None
    return _page(request, user, org, saved=shown)


@router.post("/org/{org_id}/indicators")
async def indicators_save(request: Request, user: Viewer, org: WritableOrganisation):
    """`docgen indicators set` for every filled field of one year's form: the same checks and
    messages; an empty field leaves the recorded value as it is."""
    from starlette.concurrency import run_in_threadpool

    from ..registry import indicators as ind

    pairs = await posted_pairs(request)
    period = next((v for k, v in pairs if k == "period"), "")
    given = {k[len(FIELD):]: v.strip() for k, v in pairs if k.startswith(FIELD) and v.strip()}

    def save():
        with views.data_files(request.app.state.settings.engine):
            defs = ind.load_definitions()
        ind.set_values(store(request), org.ref, defs, period, given, user.login)

    try:
        await run_in_threadpool(save)
    except InputError as exc:
        typed = {k[len(FIELD):]: v for k, v in pairs if k.startswith(FIELD)}
        return await run_in_threadpool(_page, request, user, org, 400, exc.message, period[:20], typed)
    return RedirectResponse(f"{org.url}/indicators?saved={period[:20]}", status_code=303)
