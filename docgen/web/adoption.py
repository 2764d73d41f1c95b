"""An act's way in the browser: a step recorded on the act's page (`docgen acts step`) and the
«Утвердить (принять пакет)» page (`docgen acts adopt`) — the same functions, over the site's
store, the documents written into the organisation's own folder and downloaded by the documents'
route. Access as on every page: the organisation from the URL, a methodologist only reads."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..errors import InputError
from ..registry import lifecycle as lc
from ..registry import steps as st
from . import views
from .access import Viewer, WritableOrganisation, posted_pairs, store
from .app import render

router = APIRouter()
# The steps a user records on the act's page; the approval is the adoption page's.
FORM_STEPS = (st.DISCUSSION, st.STUDENTS, st.PARENTS, st.PEDAGOGICAL, st.PUBLISHED)
PROTOCOL_FIELDS = ((st.PEDAGOGICAL, "council", "Протокол педагогического совета"),
                   (st.STUDENTS, "students", "Протокол совета обучающихся"),
                   (st.PARENTS, "parents", "Протокол совета родителей"))


def _today() -> dt.date:
    return dt.date.today()


def _catalogue(request: Request):
    return request.app.state.settings.catalogue


def _act(request: Request, act_id: str):
    acts = _catalogue(request).acts
    if act_id not in acts:
        raise HTTPException(404)
    return acts[act_id]


def act_page(request: Request, user, org: views.Org, act, status: int = 200, error: str | None = None,
             values: dict | None = None):
    """The act's history, its steps and (for who may change) the form of a step."""
    rows = store(request).history(org.id, act.id)
    return render(request, "act_history.html", status, org=org, act=act, rows=rows, labels=lc.LABELS,
                  steps=st.all_steps(store(request), org.id, act.id), kinds=[st.KINDS[k] for k in FORM_STEPS],
                  can_change=user.can_change(org.id), error=error, values=values or {},
                  adoptable=bool(act.document_type))


@router.post("/org/{org_id}/acts/{act_id}/step")
async def record_step(request: Request, user: Viewer, org: WritableOrganisation, act_id: str):
    from ..registry.service import current_user

    act = _act(request, act_id)
    values = {k: v.strip() for k, v in await posted_pairs(request) if k in ("kind", "date", "number", "where")}
    try:
        kind = st.parse_kind(values.get("kind", ""))
        day = views.parse_form_date(values.get("date", ""), "дата")
        if day is None:
            raise InputError("поле «дата»: укажите дату шага")
        number, where = values.get("number") or None, values.get("where") or None
        if kind.protocol and number is None:
            raise InputError(f"шаг «{kind.label}»: укажите номер протокола")
        if kind.place and where is None:
            raise InputError(f"шаг «{kind.label}»: укажите, где размещён (адрес на сайте, стенд)")
        st.record_step(store(request), org.ref, act, st.Step(act.id, kind.id, day, number, where),
                       author=current_user(user.login), today=_today())
    except InputError as exc:
        return act_page(request, user, org, act, 400, exc.message, values)
    return RedirectResponse(f"{org.url}/acts/{act.id}#steps", status_code=303)


def _choices(request: Request, org: views.Org):
    """The acts this school may adopt here: of its levels, with a document type that writes them."""
    from ..registry.coverage import states

    rows = store(request).statuses(org.id)
    return [s for s in states(_catalogue(request), org.ref, rows, _today()) if s.act.document_type]


def _adopt_page(request: Request, org: views.Org, status: int = 200, error: str | None = None,
                values: dict | None = None, chosen: list[str] = ()):
    return render(request, "adopt.html", status, org=org, states=_choices(request, org), labels=lc.LABELS,
                  error=error, values=values or {}, chosen=set(chosen), protocols=PROTOCOL_FIELDS,
                  today=_today())


@router.get("/org/{org_id}/adopt")
def adopt_form(request: Request, org: WritableOrganisation, act: str = ""):
    return _adopt_page(request, org, chosen=[act[:200]] if act else [])


@router.post("/org/{org_id}/adopt")
async def adopt_submit(request: Request, user: Viewer, org: WritableOrganisation):
    from ..registry import adoption
    from ..registry.service import current_user
    from .documents import _org_dir, file_url

    pairs = await posted_pairs(request)
    chosen = [v for k, v in pairs if k == "act"]
    values = {k: v.strip() for k, v in pairs if k != "act"}
    try:
        if org.ref.profile is None:
            raise InputError("профиль организации не сохранён в базе: сохраните его на странице «Профиль»")
        order_date = views.parse_form_date(values.get("order_date", ""), "дата приказа")
        if order_date is None:
            raise InputError("поле «дата приказа»: укажите дату приказа об утверждении")
        request_ = adoption.Request(chosen, order_date, new_edition=values.get("new_edition") == "on")
        for kind, name, title in PROTOCOL_FIELDS:
            date, number = values.get(f"{name}_date", ""), values.get(f"{name}_number", "")
            if date or number:
                day = views.parse_form_date(date, f"{title.lower()}: дата")
                if day is None or not number:
                    raise InputError(f"{title}: укажите и дату, и номер")
                request_.protocols[kind] = adoption.Protocol(day, number)
        out = _org_dir(request, org)
        done = adoption.adopt(request.app.state.settings.engine, store(request), _catalogue(request), org.ref,
                              request_, out, author=current_user(user.login), today=_today())
    except InputError as exc:
        return _adopt_page(request, org, 400, exc.message, values, chosen)
    files = [(done.order.name, file_url(org, done.order.name))]
    files += [(path.name, file_url(org, path.name)) for _, path in done.acts]
    # the acquaintance sheets to sign; their .xlsx is on each act's acquaintance page
    files += [(path.name, file_url(org, path.name)) for path in done.sheets if path.suffix == ".docx"]
    return render(request, "adopt_done.html", org=org, number=done.number, date=done.order_date, files=files,
                  acts=[act for act, _ in done.acts])
