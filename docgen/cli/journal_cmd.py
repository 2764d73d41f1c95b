"""`docgen journal`: the journal of orders — registration numbers per organisation and year;
`docgen journal void`: annul a number."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import Docgen, app, console, new_table, printable

COLUMNS = ("Организация", "№", "Дата", "Тип", "Заголовок", "Файл", "Состояние")

journal_app = Docgen(name="journal", no_args_is_help=False, invoke_without_command=True,
                     help="Журнал регистрации приказов: номера по организациям и годам.")
app.add_typer(journal_app, name="journal")

Year = Annotated[Optional[int], typer.Option("--year", metavar="ГОД", help="Только приказы этого года.")]
OrgFilter = Annotated[Optional[Path], typer.Option("--org", metavar="ПРОФИЛЬ",
                                                   help="Только эта организация (файл профиля).")]


def _checked_year(year: int | None) -> int | None:
    from ..errors import InputError

    if year is not None and not 1900 <= year <= 2999:
        raise InputError(f"параметр --year: {year} — ожидается год, например 2026")
    return year


def _org_key(org: Path | None) -> str | None:
    """The organisation's key in the store (its ИНН or code, else its short name)."""
    if org is None:
        return None
    from ..registry.service import load_org

    return load_org(org).key


@journal_app.callback()
def journal_command(
    ctx: typer.Context,
    year: Year = None,
    org: OrgFilter = None,
    fmt: Annotated[str, typer.Option("--format", metavar="table|csv|xlsx", help="Вид: таблица, csv или xlsx.")] = "table",
    out: Annotated[Optional[Path], typer.Option("--out", metavar="ФАЙЛ", help="Файл для csv/xlsx.")] = None,
    db: opt.Db = None,
) -> None:
    """Журнал регистрации приказов: номера по организациям и годам (docgen journal void — аннулировать номер)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..errors import InputError

    fmt = fmt.strip().lower()
    if fmt not in ("table", "csv", "xlsx"):
        raise InputError(f"параметр --format: «{fmt}» — ожидается table, csv или xlsx")
    if fmt != "table" and out is None:
        raise InputError(f"для --format {fmt} укажите файл: --out журнал.{fmt}")
    year = _checked_year(year)
    key = _org_key(org)
    from ..journal import Journal

    journal = Journal.open(db, profile=org)
    try:
        entries = journal.entries(year=year, organization=key)
    finally:
        journal.close()
    if fmt == "table":
        _print_table(entries, year)
        return
    from ..fileio import atomic_write_bytes

    atomic_write_bytes(out, export_bytes(entries, fmt))
    console().print(f"Журнал приказов: {_records(len(entries))}")
    typer.echo(str(out))


@journal_app.command("void")
def void_command(
    number: Annotated[str, typer.Argument(metavar="НОМЕР", help="Номер приказа, как в журнале (например 7-од).")],
    reason: Annotated[str, typer.Option("--reason", metavar="ПРИЧИНА", help="Почему номер аннулирован.")],
    year: Annotated[Optional[int], typer.Option("--year", metavar="ГОД",
                                                help="Год журнала (по умолчанию — текущий).")] = None,
    org: Annotated[Optional[Path], typer.Option("--org", metavar="ПРОФИЛЬ", help="Организация (файл профиля); "
                                                "нужна, если номер есть у нескольких организаций.")] = None,
    who: opt.Who = None,
    db: opt.Db = None,
) -> None:
    """Аннулировать номер приказа: запись остаётся в журнале с причиной, номер больше не присваивается."""
    import datetime as dt

    from ..journal import Journal
    from ..registry.service import current_user

    year = _checked_year(year) or dt.date.today().year
    key = _org_key(org)
    journal = Journal.open(db, profile=org)
    try:
        entry = journal.void(number, year=year, reason=reason, who=current_user(who), organization=key)
    finally:
        journal.close()
    console().print(printable(f"Номер {entry.number} за {entry.year} год ({entry.organization}) {entry.state}"))


def _records(n: int) -> str:
    from ..russian import plural

    return plural(n, "запись")


def _rows(entries) -> list[list[object]]:
    return [[e.organization, e.number, e.order_date, e.doc_type, e.title, e.file or "", e.state] for e in entries]


def export_bytes(entries, fmt: str) -> bytes:
    from ..spreadsheet import csv_bytes, xlsx_bytes, xlsx_sheet

    if fmt == "csv":
        return csv_bytes(COLUMNS, _rows(entries))
    wb, _ = xlsx_sheet("Журнал приказов", COLUMNS, _rows(entries), widths=(30, 10, 12, 24, 60, 60, 16), date_column=3)
    return xlsx_bytes(wb)


def _print_table(entries, year: int | None) -> None:
    """The file's name only (its folder is in csv/xlsx), and the organisation as a column only
    when the journal holds several — so the table fits a terminal."""
    if not entries:
        console().print("В журнале нет приказов" + (f" за {year} год." if year else "."))
        return
    orgs = sorted({e.organization for e in entries})
    title = "Журнал регистрации приказов" + (f" {orgs[0]}" if len(orgs) == 1 else "") + (f" за {year} год" if year else "")
    table = new_table(title)
    columns = COLUMNS if len(orgs) > 1 else COLUMNS[1:]
    for name in columns:
        table.add_column(name, no_wrap=name in ("№", "Дата"), overflow="fold")
    for e in entries:
        state = e.state if e.state == "сформирован" else f"[yellow]{printable(e.state)}[/]"
        row = [e.number, f"{e.order_date:%d.%m.%Y}", e.doc_type, e.title, Path(e.file).name if e.file else "—", state]
        table.add_row(*([e.organization] if len(orgs) > 1 else []), *row)
    console().print(table)
