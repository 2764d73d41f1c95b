"""`docgen acts step` and `docgen acts adopt`: an act's way through the councils, and its approval
with the order in one step (docgen.registry.steps, docgen.registry.adoption)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from . import options as opt
from ._app import make_engine, say
from .acts_cmd import acts_app, open_registry

@acts_app.command("step")
def step_command(
    act_id: Annotated[str, typer.Argument(metavar="КОД_АКТА", help="Код акта из каталога (список — docgen acts list).")],
    kind: Annotated[str, typer.Argument(
        metavar="ШАГ", help="обсуждение, совет-обучающихся, совет-родителей, педсовет, публикация "
                           "(или discussion, students_council, parents_council, pedagogical_council, published).")],
    org: opt.Org,
    date: Annotated[str, typer.Option("--date", metavar="ДАТА", help="Дата шага, ДД.ММ.ГГГГ (дата протокола, "
                                                                    "размещения).")],
    number: Annotated[Optional[str], typer.Option("--number", metavar="НОМЕР", help="Номер протокола совета.")] = None,
    where: Annotated[Optional[str], typer.Option("--where", metavar="ГДЕ",
                                                 help="Где размещён проект или акт: адрес на сайте, стенд.")] = None,
    who: opt.Who = None,
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Записать шаг принятия акта (обсуждение, протокол совета, публикация); статус меняется, где шаг его меняет."""
    from ..errors import InputError
    from ..registry import lifecycle as lc
    from ..registry import steps as st
    from ..registry.service import current_user, parse_day

    step_kind = st.parse_kind(kind)
    day = parse_day(date, "--date")
    number = number.strip() if number and number.strip() else None
    where = where.strip() if where and where.strip() else None
    if step_kind.protocol and number is None:
        raise InputError(f"шаг «{step_kind.label}»: укажите --number — номер протокола")
    if step_kind.place and where is None:
        raise InputError(f"шаг «{step_kind.label}»: укажите --where — где размещён (адрес на сайте, стенд)")
    organization, catalogue, store, today_day = open_registry(org, db, today)
    try:
        act = catalogue.get(act_id)
        done = st.record_step(store, organization, act, st.Step(act.id, step_kind.id, day, number, where),
                              author=current_user(who), today=today_day)
    finally:
        store.close()
    moved = (f"; статус: «{lc.label(done.from_status)}» → «{lc.label(done.to_status)}»"
             if done.from_status != done.to_status else f"; статус: «{lc.label(done.to_status)}»")
    say(f"{act.title}: {done.step.describe()}{moved}")


@acts_app.command("adopt")
def adopt_command(
    act_ids: Annotated[List[str], typer.Argument(metavar="КОД_АКТА", help="Акты каталога, утверждаемые одним приказом (один или несколько).")],
    org: opt.Org,
    order_date: Annotated[str, typer.Option("--order-date", metavar="ДАТА", help="Дата приказа об утверждении, "
                                                                                "ДД.ММ.ГГГГ.")],
    council: Annotated[Optional[str], typer.Option(
        "--council-protocol", metavar="ДАТА:НОМЕР",
        help="Протокол педагогического совета, принявшего акты (иначе — записанный шаг «педсовет»).")] = None,
    students: Annotated[Optional[str], typer.Option(
        "--students-protocol", metavar="ДАТА:НОМЕР",
        help="Протокол совета обучающихся (для актов, затрагивающих права обучающихся).")] = None,
    parents: Annotated[Optional[str], typer.Option(
        "--parents-protocol", metavar="ДАТА:НОМЕР", help="Протокол совета родителей (законных представителей).")] = None,
    new_edition: Annotated[bool, typer.Option(
        "--new-edition", help="Новая редакция утверждённого акта: прежняя утрачивает силу.")] = False,
    publish: Annotated[Optional[str], typer.Option(
        "--publish", metavar="СОТРУДНИК", help="Кто размещает акты на сайте (код или ФИО; иначе — report_author "
                                              "профиля).")] = None,
    acquaint: Annotated[Optional[str], typer.Option(
        "--acquaint", metavar="СОТРУДНИК", help="Кто знакомит работников с актами (код или ФИО).")] = None,
    executor: Annotated[Optional[str], typer.Option(
        "--executor", metavar="СОТРУДНИК", help="Исполнитель приказа (код или ФИО).")] = None,
    phone: Annotated[Optional[str], typer.Option(
        "--phone", metavar="ТЕЛЕФОН", help="Телефон исполнителя (иначе — report_phone профиля).")] = None,
    out: opt.OutFolder = Path("out"),
    templates: opt.Templates = None,
    who: opt.Who = None,
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Утвердить акты одним приказом: акты с грифами и приказ (номер по журналу), статус «утверждён» в реестре."""
    from ..registry import adoption
    from ..registry import steps as st
    from ..registry.service import current_user, parse_day

    request = adoption.Request(list(act_ids), parse_day(order_date, "--order-date"), new_edition=new_edition,
                               publish=publish, acquaint=acquaint, executor=executor, phone=phone)
    for kind, text, option in ((st.PEDAGOGICAL, council, "--council-protocol"),
                               (st.STUDENTS, students, "--students-protocol"), (st.PARENTS, parents, "--parents-protocol")):
        if text:
            request.protocols[kind] = adoption.parse_protocol(text, option)
    engine = make_engine(templates)
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        done = adoption.adopt(engine, store, catalogue, organization, request, out, author=current_user(who), today=day)
    finally:
        store.close()
    say(f"Готово: приказ №\u00a0{done.number} от {done.order_date:%d.%m.%Y}; утверждено актов: {len(done.acts)}")
    typer.echo(str(done.order))
    for _, path in done.acts:
        typer.echo(str(path))
    for path in done.sheets:
        typer.echo(str(path))
    if done.sheets_failed:
        say(f"Листы ознакомления не сформированы: {done.sheets_failed}. Сформируйте их командой "
            "docgen acts sheet КОД --org ПРОФИЛЬ")
