"""`docgen acts sheet|acquainted|acquaintance`: the staff's acquaintance with the approved acts
(ТК РФ ст. 22) — the sheet to sign, the signatures recorded, the shares per act and for the package."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import console, key_column, new_table, text_column
from .acts_cmd import acts_app, open_registry

Act = Annotated[str, typer.Argument(metavar="КОД_АКТА", help="Код утверждённого акта из каталога (docgen acts list).")]


@acts_app.command("sheet")
def sheet_command(
    act_id: Act,
    org: opt.Org,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="ПАПКА", help="Папка для листа (.docx и .xlsx).")] = Path("."),
    db: opt.Db = None,
) -> None:
    """Сформировать лист ознакомления с утверждённым актом: .docx для подписей и .xlsx для дат."""
    from ..engine import Engine
    from ..registry.acquaintance import act_state

    organization, catalogue, store, _ = open_registry(org, db, None)
    try:
        state = act_state(store, organization, catalogue, act_id)
    finally:
        store.close()
    if not state.readers:
        from ..errors import InputError

        raise InputError(f"ознакомляться с актом «{act_id}» некому: в штатном списке нет никого из круга "
                         f"ознакомляемых ({', '.join(state.act.audience)})", file=org)
    from ..registry.acquaintance_excel import write_sheet

    docx_path, xlsx_path = write_sheet(Engine(), state, organization.profile, out)
    typer.echo(str(xlsx_path))
    typer.echo(str(docx_path))


@acts_app.command("acquainted")
def acquainted_command(
    act_id: Act,
    org: opt.Org,
    person: Annotated[Optional[list[str]], typer.Option(
        "--person", metavar="СОТРУДНИК", help="Код сотрудника или ФИО из штатного списка профиля (можно несколько).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="ДАТА", help="Дата ознакомления, ДД.ММ.ГГГГ.")] = None,
    from_sheet: Annotated[Optional[Path], typer.Option(
        "--from", metavar="ФАЙЛ", help="Заполненный лист ознакомления .xlsx (docgen acts sheet): все строки или ни одной.")] = None,
    who: opt.Who = None,
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Записать, что сотрудники ознакомлены с утверждённым актом: --person и --date или --from ЛИСТ.xlsx."""
    from ..errors import InputError
    from ..registry.acquaintance import Entry, record, share_text
    from ..registry.service import parse_day

    if from_sheet is not None and (person or date):
        raise InputError("укажите либо --person и --date, либо --from ЛИСТ.xlsx, но не вместе")
    if from_sheet is None:
        if not person or not date:
            raise InputError("укажите сотрудника (--person КОД или ФИО) и дату ознакомления (--date ДД.ММ.ГГГГ) "
                             "или заполненный лист --from ЛИСТ.xlsx")
        signed_on = parse_day(date, "--date")
    elif not from_sheet.is_file():
        raise InputError("файла нет", file=from_sheet)
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        if from_sheet is not None:
            from ..registry.acquaintance_excel import import_sheet

            done = import_sheet(from_sheet, store, catalogue, organization, act_id, who=who, today=day)
        else:
            done = record(store, catalogue, organization, act_id, [Entry(p, signed_on) for p in person],
                          who=who, today=day)
    finally:
        store.close()
    out = console()
    for p in done.added:
        out.print(f"Записано: {p.full_name} ознакомлен{'а' if p.gender == 'female' else ''} {done.act.signature(p).signed_on:%d.%m.%Y}")
    for p in done.again:
        out.print(f"Уже было записано: {p.full_name}, {done.act.signature(p).signed_on:%d.%m.%Y}")
    if not done.added and not done.again:
        out.print("В листе нет заполненных дат ознакомления: ничего не записано.")
    state = done.act
    out.print(f"{state.act.title}: ознакомлены {state.signed} из {state.required} — {share_text(state.share)}")


@acts_app.command("acquaintance")
def acquaintance_command(
    org: opt.Org,
    act_id: Annotated[Optional[str], typer.Argument(metavar="[КОД_АКТА]", help="Только этот акт.")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="ФОРМАТ", help="table (по умолчанию) или json.")] = "table",
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Ознакомление с утверждёнными актами: кто обязан, кто ознакомлен, доля по акту и по пакету."""
    from ..errors import InputError
    from ..registry.acquaintance import Shares, acquainted_shares, act_state, share_text

    if fmt not in ("table", "json"):
        raise InputError(f"параметр --format: «{fmt}» — ожидается table или json")
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        shares = Shares([act_state(store, organization, catalogue, act_id)]) if act_id \
            else acquainted_shares(store, organization, catalogue, day)
    finally:
        store.close()
    if fmt == "json":
        typer.echo(json.dumps(_as_json(shares), ensure_ascii=False, indent=2))
        return
    table = new_table(f"Ознакомление с ЛНА ВСОКО — {organization.short_name}")
    key_column(table, "Код", [a.act.id for a in shares.acts])
    for name in ("Акт и приказ", "Ознакомлены", "Не ознакомлены"):
        text_column(table, name)
    for a in shares.acts:
        missing = ", ".join(_short(p) for p in a.missing) or "—"
        table.add_row(a.act.id, f"{a.act.title}\n[dim]приказ {a.edition.order_text}[/]",
                      f"{a.signed} из {a.required} — {share_text(a.share)}", missing)
    out = console()
    out.print(table)
    if not shares.acts:
        out.print("Утверждённых актов нет: знакомить не с чем.")
    if not act_id:
        out.print(f"Пакет ЛНА ВСОКО: ознакомлены {shares.signed} из {shares.required} подписей — "
                  f"{share_text(shares.share)} (актов: {len(shares.acts)})")


def _short(person) -> str:
    from ..russian import initials_last

    try:
        return initials_last(person.full_name, person.gender)
    except Exception:  # noqa: BLE001 — a name the decliner does not know is shown as written
        return person.full_name


def _share(value) -> str | None:
    return None if value is None else f"{value * 100:.1f}"


def _as_json(shares) -> dict:
    return {
        "required": shares.required, "signed": shares.signed, "share": _share(shares.share),
        "acts": [{
            "id": a.act.id, "title": a.act.title, "order_number": a.edition.number,
            "order_date": f"{a.edition.date:%d.%m.%Y}", "required": a.required, "signed": a.signed,
            "share": _share(a.share),
            "readers": [{"id": p.id, "full_name": p.full_name, "position": p.position,
                         "signed_on": f"{s.signed_on:%d.%m.%Y}" if (s := a.signature(p)) else None} for p in a.readers],
        } for a in shares.acts],
    }
