"""Adoption as one step (`docgen acts adopt`, the site's «Утвердить» page): the acts with their
grifs, the one order approving them, numbered by the journal, and the registry moved — or nothing.

The order is the one a clerk would file: its number comes from the journal the way `docgen
generate` takes it (reserve, render, write, complete), and each act's «УТВЕРЖДЕНО приказом … №»
carries that final number, so the acts are rendered only after the number is reserved. Everything
that can be refused is refused before that: the act unknown or outside the school's levels, already
approved (unless a new edition is asked for), a protocol missing, dated after the order or out of
the order of the steps, the order dated in the future. After the reservation a failure gives the
number back and removes what was written, and the registry is written last, in one transaction,
so the journal, the files and the registry agree. A run killed after the reservation leaves the
number «не сформирован» in the journal; the same adoption run again takes it over, as `generate` does.

The documents are the plugins': each act is written by the type its catalogue entry names, the
order by the type that ``approves_acts``; each type's ``adoption`` function turns what this module
knows (an ``ActAdoption``, an ``OrderAdoption``) into the data file a clerk would have written, and
the type's own model validates it — so the core knows no document type's fields.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from . import lifecycle as lc
from . import steps as st
from .catalogue import Act, Catalogue
from .service import OrgRef, apply_change, check_request, effective
from .store import StatusRow, Store, now

# The order's deadlines, in days after its date, when not given: the site is updated within ten
# days of a change (ПП РФ № 1802), the staff read the acts within two weeks.
PUBLISH_DAYS = 10
ACQUAINT_DAYS = 14
# The protocols as the command line and the data files name them.
OPTIONS = {st.PEDAGOGICAL: "--council-protocol", st.STUDENTS: "--students-protocol", st.PARENTS: "--parents-protocol"}
COUNCIL_WORDS = {st.PEDAGOGICAL: "педагогического совета", st.STUDENTS: "совета обучающихся",
                 st.PARENTS: "совета родителей"}


@dataclass(frozen=True)
class Protocol:
    held_on: dt.date
    number: str


def parse_protocol(text: str, option: str) -> Protocol:
    """«03.12.2026:3» (or «03.12.2026 № 3») → the protocol's date and number."""
    from ..russian.dates import parse_date

    raw = text.strip()
    head, sep, tail = raw.partition(":")
    if not sep:
        head, sep, tail = raw.partition("№")
    number = tail.strip().removeprefix("№").strip()
    if not sep or not number:
        raise InputError(f"параметр {option}: «{text}» — ожидается ДАТА:НОМЕР протокола, например 03.12.2026:3")
    try:
        return Protocol(parse_date(head.strip()), number)
    except ValueError as exc:
        raise InputError(f"параметр {option}: {exc}") from None


@dataclass
class Request:
    acts: list[str]
    order_date: dt.date
    protocols: dict[str, Protocol] = field(default_factory=dict)  # step id → protocol given by the user
    new_edition: bool = False
    publish: str | None = None
    acquaint: str | None = None
    executor: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class ActAdoption:
    """An act as the approving order adopts it: the organisation (its profile), the catalogue id,
    the protocols by step id (docgen.registry.steps: pedagogical_council, students_council,
    parents_council), the order's date and number, and the earlier order a new edition repeals."""

    organization: object
    act: str
    protocols: dict[str, Protocol]
    order_date: dt.date
    order_number: str
    replaces: tuple[dt.date, str] | None = None


@dataclass(frozen=True)
class Assignment:
    person: str
    deadline: dt.date


@dataclass(frozen=True)
class ExecutorMark:
    person: str
    phone: str


@dataclass(frozen=True)
class OrderAdoption:
    """The order approving ``acts``: its date, who publishes the acts and who acquaints the staff
    (by when), the executor (None: no mark)."""

    organization: object
    order_date: dt.date
    acts: list[ActAdoption]
    publish: Assignment
    acquaint: Assignment
    executor: ExecutorMark | None


@dataclass(frozen=True)
class Adopted:
    order: Path
    number: str
    order_date: dt.date
    acts: list[tuple[Act, Path]]
    sheets: list[Path] = field(default_factory=list)  # the acquaintance sheets, .docx and .xlsx
    sheets_failed: str | None = None  # why the sheets could not be written (the adoption stands)


@dataclass
class _Plan:
    act: Act
    previous: StatusRow | None
    shown: str
    protocols: dict[str, Protocol]
    open_steps: list[st.Step]
    replaces: StatusRow | None


def _default_person(org: OrgRef) -> str | None:
    """The person the profile names as the registry's clerk (``report_author``), else the first staff."""
    profile = org.profile
    author = getattr(profile, "report_author", None)
    if author and profile.find_person(author) is not None:
        return author
    staff = list(getattr(profile, "staff", None) or [])
    return staff[0].full_name if staff else None


def _validate(model, data: dict, org: OrgRef, what: str):
    from ..messages import describe_all

    try:
        return model.model_validate(data, context={"organization": org.profile})
    except ValidationError as exc:
        hint = ("; протоколы в командной строке: " + ", ".join(f"{o} ДАТА:НОМЕР" for o in OPTIONS.values())
                + " (или шаги, записанные командой docgen acts step)")
        raise InputError(f"{what}: данные не прошли проверку{hint}", problems=describe_all(exc, model)) from None


def _plan(store: Store, catalogue: Catalogue, org: OrgRef, request: Request, today: dt.date) -> list[_Plan]:
    """Everything the registry and the command line must say before a number is taken."""
    if not request.acts:
        raise InputError("не указано ни одного акта для утверждения")
    seen: set[str] = set()
    acts = []
    for act_id in request.acts:
        if act_id in seen:
            raise InputError(f"акт «{act_id}» указан дважды: один акт утверждается приказом один раз")
        seen.add(act_id)
        act, _, _ = check_request(catalogue, org, act_id, lc.APPROVED, "—", request.order_date, today)
        if not act.document_type:
            raise InputError(f"акт «{act.id}» ({act.title}): docgen не формирует его текст (в каталоге нет типа "
                             "документа); отметьте утверждение командой docgen acts set")
        acts.append(act)
    plans = []
    with store.reading() as conn:
        org_id = store.org_id(conn, org, create=False)
        rows = store.statuses_in(conn, org_id) if org_id is not None else {}
        for act in acts:
            previous = rows.get(act.id)
            shown = effective(act, previous, today)
            stored = previous.status if previous else lc.NOT_STARTED
            replaces = None
            if stored in (lc.APPROVED, lc.NEEDS_UPDATE) and previous.order_number:
                if not request.new_edition:
                    raise InputError(f"акт «{act.id}» уже утверждён приказом №\u00a0{previous.order_number}"
                                     + (f" от {previous.order_date:%d.%m.%Y}" if previous.order_date else "")
                                     + ": новую редакцию утверждают с параметром --new-edition (прежняя утратит силу)")
                if previous.order_date is None or previous.order_date >= request.order_date:
                    raise InputError(f"акт «{act.id}»: прежний приказ №\u00a0{previous.order_number} не раньше "
                                     f"нового ({request.order_date:%d.%m.%Y}) — новая редакция утверждается позже прежней")
                replaces = previous
            elif stored == lc.REPEALED:
                pass  # re-adopting a repealed act: redrafted and adopted again
            open_steps = st.steps_of(conn, org_id, act.id) if org_id is not None else []
            protocols = {}
            for kind in (st.PEDAGOGICAL, st.STUDENTS, st.PARENTS):
                recorded = st.latest(open_steps, kind)
                given = request.protocols.get(kind)
                chosen = given or (Protocol(recorded.held_on, recorded.number) if recorded and recorded.number else None)
                if chosen is not None:
                    protocols[kind] = chosen
            plans.append(_Plan(act, previous, shown, protocols, open_steps, replaces))
    for plan in plans:
        if st.PEDAGOGICAL not in plan.protocols:
            raise InputError(f"акт «{plan.act.id}»: нет протокола педагогического совета, принявшего акт (гриф "
                             f"«ПРИНЯТО»): укажите {OPTIONS[st.PEDAGOGICAL]} ДАТА:НОМЕР или запишите шаг "
                             f"docgen acts step {plan.act.id} педсовет --date … --number …")
        for kind, protocol in plan.protocols.items():
            if protocol.held_on > request.order_date:
                raise InputError(f"акт «{plan.act.id}»: протокол {COUNCIL_WORDS[kind]} от {protocol.held_on:%d.%m.%Y} "
                                 f"позже приказа об утверждении ({request.order_date:%d.%m.%Y}): акт утверждают после "
                                 "решения совета")
        # the edition's steps, as they will stand: the recorded ones, the given protocols, the order
        steps = {s.step: s for s in plan.open_steps}
        for kind, protocol in plan.protocols.items():
            steps[kind] = st.Step(plan.act.id, kind, protocol.held_on, protocol.number)
        order_step = st.Step(plan.act.id, st.APPROVED, request.order_date, "—")
        for step in steps.values():
            try:
                st.check_order([s for s in steps.values() if s is not step] + [order_step], step, today)
            except InputError as exc:
                raise InputError(f"акт «{plan.act.id}»: {exc.message}") from None
    return plans


def order_type(engine):
    """The type that writes the order approving acts: a plugin's own before the built-in one."""
    from ..plugins import builtin_plugin_names

    found = [t for t in engine.document_types.values() if t.approves_acts and t.adoption is not None]
    if not found:
        raise InputError("нет типа документа для приказа об утверждении актов (встроенный act-approval-order "
                         "отключён?): проверьте docgen types")
    builtin = set(builtin_plugin_names())
    return sorted(found, key=lambda t: t.plugin in builtin)[0]


def _act_type(engine, act: Act):
    document_type = engine.document_types.get(act.document_type)
    if document_type is None or document_type.adoption is None:
        raise InputError(f"акт «{act.id}»: тип документа «{act.document_type}» из каталога недоступен или не "
                         "формирует утверждённый акт (docgen types)")
    return document_type


def _inputs(engine, org: OrgRef, plans: list[_Plan], request: Request, number: str) -> tuple[object, list]:
    """The validated input of the order and of each act, the acts approved by order ``number``."""
    kind = order_type(engine)
    date = request.order_date
    adopted, act_inputs = [], []
    for plan in plans:
        replaces = (plan.replaces.order_date, plan.replaces.order_number) if plan.replaces is not None else None
        one = ActAdoption(org.profile, plan.act.id, dict(plan.protocols), date, number, replaces)
        act_type = _act_type(engine, plan.act)
        act_inputs.append((plan, act_type, _validate(act_type.input_model, act_type.adoption(one), org,
                                                     f"акт «{plan.act.id}»")))
        adopted.append(one)
    person = _default_person(org)
    publish, acquaint = request.publish or person, request.acquaint or person
    missing = [o for o, v in (("--publish", publish), ("--acquaint", acquaint)) if not v]
    if missing:
        raise InputError(f"в профиле нет сотрудников: укажите {' и '.join(missing)} (кто размещает акты на сайте "
                         "и кто знакомит с ними работников)")
    phone = request.phone or getattr(org.profile, "report_phone", None)
    executor = request.executor or person
    package = OrderAdoption(
        org.profile, date, adopted,
        Assignment(publish, date + dt.timedelta(days=PUBLISH_DAYS)),
        Assignment(acquaint, date + dt.timedelta(days=ACQUAINT_DAYS)),
        ExecutorMark(executor, phone) if executor and phone else None)
    return _validate(kind.input_model, kind.adoption(package), org, "приказ об утверждении"), act_inputs


def adopt(engine, store: Store, catalogue: Catalogue, org: OrgRef, request: Request, out_dir: Path, *,
          author: str, today: dt.date) -> Adopted:
    from ..fileio import Staged, check_writable_folder
    from ..journal import Journal, input_hash
    from ..placement import Placement, unrecorded
    from ..templates import active

    if request.order_date > today:
        raise InputError(f"параметр --order-date: {request.order_date:%d.%m.%Y} — дата приказа ещё не наступила "
                         f"(сегодня {today:%d.%m.%Y})")
    plans = _plan(store, catalogue, org, request, today)
    kind = order_type(engine)
    with active(lambda: engine.template_path):
        order, _ = _inputs(engine, org, plans, request, "1")  # every refusal of the models, before a number
    out_dir = Path(out_dir).resolve()
    check_writable_folder(out_dir)
    journal = Journal(store)
    name_for = lambda number: engine.file_name(kind, order.model_copy(update={"number": number}))  # noqa: E731
    reservation = journal.reserve(organization=org.profile, doc_type=kind.slug, title=kind.title,
                                  order_date=request.order_date, digest=input_hash(kind.slug, order),
                                  placement=Placement(out_dir, name_for))
    staged = Staged()
    placed: list[Path] = []
    try:
        number = reservation.number
        with active(lambda: engine.template_path):
            order, act_inputs = _inputs(engine, org, plans, request, number)
        final = order.model_copy(update={"number": number})
        staged.write(reservation.file, engine.render(kind, final))
        written = []
        for plan, act_type, data in act_inputs:
            content = engine.render(act_type, data)
            path = unrecorded(out_dir / engine.file_name(act_type, data), content)
            staged.write(path, content)
            written.append((plan.act, path))
        failures = staged.publish()
        placed = [reservation.file, *(p for _, p in written)]
        placed = [p for p, failed in zip(placed, failures) if failed is None]
        for failed in failures:
            if failed is not None:
                raise failed
        _write_registry(store, org, plans, request, number, author, today)
    except BaseException:
        staged.discard()
        for path in placed:
            try:
                Path(path).unlink(missing_ok=True)
            except OSError:
                pass  # a file we cannot remove stays; the journal does not call it written
        journal.release_all([reservation])
        raise
    journal.complete_all([(reservation, reservation.file)])
    sheets, failed = [], None
    try:
        sheets = _sheets(engine, store, catalogue, org, [act for act, _ in written], out_dir)
    except (InputError, OSError) as exc:  # the acts are approved and recorded: a sheet can be made later
        failed = getattr(exc, "message", None) or str(exc)
    return Adopted(reservation.file, number, request.order_date, written, sheets, failed)


def _sheets(engine, store: Store, catalogue: Catalogue, org: OrgRef, acts: list[Act], out_dir: Path) -> list[Path]:
    """Each adopted act's acquaintance sheet (ТК РФ ст. 22: the staff sign that they have read it),
    written with the act as the order requires: the .docx to sign and the .xlsx to bring the dates
    back (`docgen acts acquainted --from`). An act nobody on the staff list must read gets none."""
    from .acquaintance import act_state
    from .acquaintance_excel import write_sheet

    made: list[Path] = []
    for act in acts:
        state = act_state(store, org, catalogue, act.id)
        if state.readers:
            made += write_sheet(engine, state, org.profile, out_dir)
    return made


def _write_registry(store: Store, org: OrgRef, plans: list[_Plan], request: Request, number: str, author: str,
                    today: dt.date) -> None:
    """Every act «утверждён» by the order, its steps stamped with the edition — one transaction, each
    act's row read again under the lock: an act approved meanwhile by someone else refuses it all."""
    date = request.order_date
    key = st.edition_key(date, number)
    order_words = f"приказ №\u00a0{number} от {date:%d.%m.%Y}"
    with store.transaction() as conn:
        org_id = store.org_id(conn, org, lock=not store.is_sqlite)
        for plan in plans:
            act = plan.act
            previous = store.status_for_update(conn, org_id, act.id)
            if previous != plan.previous:
                raise InputError(f"акт «{act.id}»: запись реестра изменена другим пользователем, повторите утверждение")
            stored = previous.status if previous else lc.NOT_STARTED
            if plan.replaces is not None:
                old = plan.replaces
                apply_change(store, conn, org, act, lc.REPEALED, order_number=number, order_date=date,
                             published_at=None, note=f"редакция, утверждённая приказом №\u00a0{old.order_number} от "
                                                 f"{old.order_date:%d.%m.%Y}, утратила силу ({order_words})",
                             responsible=None, author=author, today=today)
                row = store.status_for_update(conn, org_id, act.id)
                new = StatusRow(act.id, lc.APPROVED, number, date, row.published_at, row.note, row.responsible, now())
                given = StatusRow(act.id, lc.APPROVED, number, date, None, f"новая редакция утверждена ({order_words})",
                                  None)
                store.write_change(conn, org_id, row, new, author, lc.REPEALED, given)
            else:
                start = lc.DRAFTING if stored == lc.REPEALED else stored
                if stored == lc.REPEALED:
                    apply_change(store, conn, org, act, lc.DRAFTING, order_number=None, order_date=None,
                                 published_at=None, note=None, responsible=None, author=author, today=today)
                path = st.project_path(start, lc.APPROVED)
                pedagogical = st.Step(act.id, st.PEDAGOGICAL, plan.protocols[st.PEDAGOGICAL].held_on,
                                      plan.protocols[st.PEDAGOGICAL].number)
                for status in path:
                    note = (pedagogical.describe() if status == lc.ADOPTED
                            else f"утверждён ({order_words})" if status == lc.APPROVED else None)
                    approved = status == lc.APPROVED
                    apply_change(store, conn, org, act, status, order_number=number if approved else None,
                                 order_date=date if approved else None, published_at=None, note=note,
                                 responsible=None, author=author, today=today)
            for kind, protocol in plan.protocols.items():
                recorded = st.latest(plan.open_steps, kind)
                if recorded is None or (recorded.held_on, recorded.number) != (protocol.held_on, protocol.number):
                    st.insert_step(conn, org_id, st.Step(act.id, kind, protocol.held_on, protocol.number), author)
            st.stamp_open(conn, org_id, act.id, key)
            st.insert_step(conn, org_id, st.Step(act.id, st.APPROVED, date, number, edition=key), author)
