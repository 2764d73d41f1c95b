"""The pages behind the login: the home page of each role, an organisation's page with its
coverage and acts, the charts, a status change. Each route takes its user or organisation from
docgen.web.access — the one place access is decided."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from ..errors import InputError
from ..registry import lifecycle as lc
from . import accounts, views
from .access import DistrictReader, Organisation, Viewer, WritableOrganisation, store
from .app import render
from .records import StaleForm, act_version, change_unless_stale

router = APIRouter()


def _today() -> dt.date:
    return dt.date.today()


def _catalogue(request: Request):
    return request.app.state.settings.catalogue


def _org_page(request: Request, user, org: views.Org, status: int = 200, error: str | None = None,
              template: str = "org.html"):
    cov = views.coverage(store(request), _catalogue(request), org, _today(), request.app.state.settings.engine)
    choices = [(code, label) for code, label in lc.LABELS.items() if code != lc.NEEDS_UPDATE]
    return render(request, template, status, org=org, coverage=cov, can_change=user.can_change(org.id),
                  acquainted=cov.acquaintance, statuses=choices, labels=lc.LABELS, error=error, version=act_version)


@router.get("/")
def home(request: Request, user: Viewer):
    the_store = store(request)
    if user.role == "school":
        org = views.load(the_store, user.org_id) if user.org_id is not None else None
        if org is None:
            return render(request, "home_empty.html", 200)
        return _org_page(request, user, org)
    if user.role == "methodologist":
        orgs = views.visible(the_store, user)
        district = views.district(the_store, _catalogue(request), orgs, _today())
        return render(request, "home_district.html", district=district)
    orgs = views.visible(the_store, user)
    return render(request, "home_admin.html", orgs=orgs, users=accounts.list_users(the_store),
                  roles=accounts.ROLE_LABELS)


@router.get("/org/{org_id}")
def organisation_page(request: Request, user: Viewer, org: Organisation):
    return _org_page(request, user, org)


@router.get("/org/{org_id}/chart.png")
def organisation_chart(request: Request, org: Organisation):
    from ..registry.charts import chart_png

    cov = views.coverage(store(request), _catalogue(request), org, _today(), request.app.state.settings.engine)
    return Response(chart_png(cov), media_type="image/png", headers={"Cache-Control": "private, no-store"})


@router.get("/district/chart.png")
def district_chart(request: Request, user: DistrictReader):
    from ..registry.charts import district_chart_png

    the_store = store(request)
    district = views.district(the_store, _catalogue(request), views.visible(the_store, user), _today())
    if district is None:
        return Response(status_code=404)
    return Response(district_chart_png(district), media_type="image/png", headers={"Cache-Control": "private, no-store"})


@router.post("/org/{org_id}/acts/{act_id}")
def change_status(request: Request, user: Viewer, org: WritableOrganisation, act_id: str,
                  status: Annotated[str, Form(max_length=100)],
                  order_number: Annotated[str, Form(max_length=100)] = "",
                  order_date: Annotated[str, Form(max_length=100)] = "",
                  note: Annotated[str, Form(max_length=2000)] = "",
                  version: Annotated[str | None, Form(max_length=100)] = None):
    """The same change as `docgen acts set`: the same checks, the same lifecycle, one transaction."""
    try:
        if act_id not in _catalogue(request).acts:
            raise InputError(f"акта «{act_id}» нет в реестре")
        change_unless_stale(store(request), _catalogue(request), org.ref, act_id, status, version=version,
                            order_number=order_number or None,
                            order_date=views.parse_form_date(order_date, "дата приказа"),
                            note=note or None, who=user.login, today=_today())
    except InputError as exc:
        return _org_page(request, user, org, 409 if isinstance(exc, StaleForm) else 400, exc.message)
    return RedirectResponse(f"{org.url}#act-{act_id}", status_code=303)
