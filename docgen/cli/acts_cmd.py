"""`docgen acts list|set|history`: the registry of an organisation's ВСОКО acts."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import WIDE, Docgen, app, console, key_column, new_table, text_column

acts_app = Docgen(name="acts", help="Реестр локальных актов ВСОКО: статусы, утверждение, история изменений.")
app.add_typer(acts_app, name="acts")


def open_registry(org_path: Path, db: str | None, today: str | None):
    """Profile, catalogue, store and «today» — in this order, so bad input is reported before the
    database file is created."""
    import datetime as dt

    from ..registry.catalogue import default_catalogue
    from ..registry.service import load_org, parse_day
    from ..registry.store import Store, resolve_url

    org = load_org(org_path)
    day = parse_day(today, "--today") if today else dt.date.today()
    catalogue = default_catalogue()
    store = Store(resolve_url(db, profile=org_path))  # the school's store, as its journal's
    return org, catalogue, store, day


def _order_text(row) -> str:
    if row is None or not row.order_number:
        return "—"
    date = f" от {row.order_date:%d.%m.%Y}" if row.order_date else ""
    return f"№ {row.order_number}{date}"


@acts_app.command("list")
def list_command(
    org: opt.Org,
    status: Annotated[Optional[str], typer.Option("--status", metavar="СТАТУС",
                                                  help="Показать только акты в этом статусе.")] = None,
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Показать акты, применимые к организации, и их статусы."""
    from ..registry import lifecycle as lc
    from ..registry.catalogue import LEVEL_LABELS
    from ..registry.coverage import states

    wanted = lc.parse_status(status) if status else None
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        rows = store.statuses(organization)
    finally:
        store.close()
    items = [s for s in states(catalogue, organization, rows, day) if wanted is None or s.status == wanted]
    out = console()
    wide = out.width >= WIDE  # a narrow terminal or a pipe: three columns, the rest on second lines
    table = new_table(f"Реестр ЛНА ВСОКО — {organization.short_name}")
    if wide:
        table.add_column("№", justify="right")
    key_column(table, "Код", [s.act.id for s in items])
    text_column(table, "Акт")
    for name in ("Требование", "Статус", "Приказ", "Ответственный") if wide else ("Статус, приказ, ответственный",):
        text_column(table, name)
    for n, s in enumerate(items, 1):
        shown = lc.label(s.status) + (f" ({s.reason})" if s.reason else "")
        level, order, who = LEVEL_LABELS[s.act.level], _order_text(s.row), s.responsible or "—"
        if wide:
            table.add_row(str(n), s.act.id, s.act.title, level, shown, order, who)
        else:
            table.add_row(s.act.id, f"{s.act.title}\n[dim]{level}[/]",
                          "\n".join([shown] + [x for x in (order, who) if x != "—"]))
    out.print(table)
    if not items:
        console().print("Актов в этом статусе нет." if wanted else "Применимых актов нет.")


@acts_app.command("set")
def set_command(
    act_id: Annotated[str, typer.Argument(metavar="КОД_АКТА", help="Код акта из каталога (список — docgen acts list).")],
    status: Annotated[str, typer.Argument(metavar="СТАТУС", help="Новый статус: «утверждён» или approved и т. п.")],
    org: opt.Org,
    order: Annotated[Optional[str], typer.Option("--order", metavar="НОМЕР", help="Номер утверждающего приказа.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="ДАТА", help="Дата утверждающего приказа, ДД.ММ.ГГГГ.")] = None,
    published_at: Annotated[Optional[str], typer.Option("--published-at", metavar="АДРЕС", help="Где размещён: адрес на сайте или место.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", metavar="ТЕКСТ", help="Примечание (протокол педсовета, учёт мнения советов …); для «не применяется» — обязательная причина.")] = None,
    responsible: Annotated[Optional[str], typer.Option("--responsible", metavar="ФИО", help="Ответственный за акт.")] = None,
    who: opt.Who = None,
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Изменить статус акта; изменение записывается в историю."""
    from ..registry import lifecycle as lc
    from ..registry.service import change_status, parse_day

    order_date = parse_day(date, "--date") if date else None
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        change = change_status(store, catalogue, organization, act_id, status, order_number=order, order_date=order_date,
                               published_at=published_at, note=note, responsible=responsible, who=who, today=day)
    finally:
        store.close()
    console().print(f"{change.act.title}: «{lc.label(change.from_status)}» → «{lc.label(change.to_status)}»"
                    + (f", приказ {_order_text(change.row)}" if change.to_status == lc.APPROVED else ""))


@acts_app.command("history")
def history_command(
    act_id: Annotated[str, typer.Argument(metavar="КОД_АКТА", help="Код акта из каталога.")],
    org: opt.Org,
    db: opt.Db = None,
) -> None:
    """Показать все изменения статуса акта."""
    from ..registry import lifecycle as lc

    organization, catalogue, store, _ = open_registry(org, db, None)
    act = catalogue.get(act_id)
    try:
        rows = store.history(organization, act.id)
    finally:
        store.close()
    table = new_table(f"История: {act.title}")
    for name in ("Когда", "Кто", "Было → стало", "Приказ", "Размещён", "Ответственный", "Примечание"):
        text_column(table, name)
    for h in rows:
        table.add_row(f"{h.changed_at:%d.%m.%Y %H:%M}", h.who, f"{lc.label(h.from_status)} → {lc.label(h.to_status)}",
                      _order_text(h), h.published_at or "—", h.responsible or "—", h.note or "—")
    console().print(table)
    if not rows:
        console().print("Изменений ещё не было.")


@acts_app.command("export")
def export_command(
    org: opt.Org,
    out: Annotated[Path, typer.Option("--out", metavar="ФАЙЛ",
                                      help="Файл .xlsx или .csv (CSV — UTF-8 с BOM, разделитель «;»).")],
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Выгрузить статусы актов в Excel (.xlsx) или CSV: код, акт, статус, приказ, ответственный."""
    from ..fileio import atomic_write_bytes
    from ..registry.coverage import states
    from ..registry.excel import check_suffix, export_bytes

    suffix = check_suffix(out)
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        rows = store.statuses(organization)
    finally:
        store.close()
    atomic_write_bytes(out, export_bytes(states(catalogue, organization, rows, day), suffix))
    typer.echo(str(out))


@acts_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(metavar="ФАЙЛ", help="Файл .xlsx или .csv в формате docgen acts export.")],
    org: opt.Org,
    who: opt.Who = None,
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Загрузить статусы актов из Excel/CSV: всё или ничего — при ошибке в любой строке реестр не меняется."""
    from ..registry.excel import check_suffix, import_file

    check_suffix(file)
    if not file.is_file():
        from ..errors import InputError

        raise InputError("файла нет", file=file)
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        result = import_file(file, store, catalogue, organization, who=who, today=day)
    finally:
        store.close()
    console().print(f"Изменено актов: {len(result.changed)}; без изменений: {result.unchanged}."
                    + (f" Изменены: {', '.join(result.changed)}." if result.changed else ""))


@acts_app.command("scan")
def scan_command(
    folder: Annotated[Optional[Path], typer.Argument(
        metavar="ПАПКА", help="Папка с актами школы (.docx и .pdf; вложенные папки тоже).")] = None,
    org: opt.Org = ...,
    out: Annotated[Optional[Path], typer.Option(
        "--out", metavar="ФАЙЛ", help="Куда записать таблицу предложений (.xlsx); по умолчанию "
                                     "«Предложения по актам.xlsx» в текущей папке.")] = None,
    apply: Annotated[Optional[Path], typer.Option(
        "--apply", metavar="ФАЙЛ", help="Внести в реестр строки таблицы предложений, подтверждённые словом «да».")] = None,
    who: opt.Who = None,
    db: opt.Db = None,
    today: opt.Today = None,
) -> None:
    """Найти в папке акты, которые у школы уже есть, и предложить их статусы; --apply — внести подтверждённые.

    Сканирование ничего не меняет в реестре: оно пишет таблицу предложений (акт, файл, уверенность,
    статус, приказ). Впишите «да» в столбец «Подтвердить» у верных строк и выполните
    docgen acts scan --apply ТАБЛИЦА --org ПРОФИЛЬ — строки вносятся по правилам docgen acts import,
    все или ни одной."""
    from ..errors import InputError

    if apply is not None:
        if folder is not None:
            raise InputError("укажите либо папку для сканирования, либо --apply с таблицей предложений, не то и другое")
        _apply_scan(apply, org, who, db, today)
        return
    if folder is None:
        raise InputError("укажите папку с актами (docgen acts scan ПАПКА --org ПРОФИЛЬ) или --apply ТАБЛИЦА")
    out = out or Path("Предложения по актам.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise InputError("таблица предложений записывается в .xlsx: укажите --out с расширением .xlsx", file=out)
    if out.exists():
        raise InputError("файл уже есть — в нём могут быть ваши отметки «да»; укажите другой --out или удалите его",
                         file=out)
    _scan(folder, out, org, db, today)


def _scan(folder: Path, out: Path, org: Path, db, today) -> None:
    from ..fileio import atomic_write_bytes
    from ..registry import lifecycle as lc
    from ..registry.scan import proposals_xlsx, scan_folder

    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        current = store.statuses(organization)
    finally:
        store.close()
    proposals = scan_folder(folder, catalogue, organization, today=day, current=current)
    atomic_write_bytes(out, proposals_xlsx(proposals))
    out_console = console()
    wide = out_console.width >= WIDE  # narrow: the proposal's parts on the lines of one cell
    table = new_table(f"Акты в папке {folder} — предложения")
    for name in ("Файл", "Акт", "Уверенность", "Статус", "Приказ", "Примечание") if wide else \
            ("Файл", "Предложение", "Примечание"):
        text_column(table, name)
    for p in proposals:
        cells = [p.act.id if p.act else "—", f"{p.confidence} %" if p.confidence is not None else "—",
                 lc.label(p.status) if p.status else "—",
                 f"№ {p.order.number} от {p.order.date:%d.%m.%Y}" if p.order else "—"]
        if wide:
            table.add_row(p.file, *cells, p.note or "—")
        else:
            table.add_row(p.file, "\n".join(c for c in cells if c != "—") or "—", p.note or "—")
    out_console.print(table)
    found = sum(1 for p in proposals if p.act)
    out_console.print(f"Файлов: {len(proposals)}; найдено актов каталога: {found}; без предложения: "
                      f"{len(proposals) - found}. Реестр не изменён.")
    out_console.print(f"Таблица предложений: {out}. Впишите «да» в столбец «Подтвердить (да/нет)» у верных строк "
                      f"и выполните: docgen acts scan --apply \"{out}\" --org {org}")
    refused = [p for p in proposals if p.refused]
    if refused:  # the table is whole; the files it could not take are bad input, and the exit code says so
        err = console(stderr=True)
        err.print(f"Не приняты файлы: {len(refused)} (не документы, зашифрованные, повреждённые или копии):")
        for p in refused:
            err.print(f"  {p.file}: {p.note}")
        raise typer.Exit(2)


def _apply_scan(path: Path, org: Path, who, db, today) -> None:
    from ..errors import InputError
    from ..registry.scan import apply_confirmed

    if path.suffix.lower() != ".xlsx":
        raise InputError("ожидается таблица предложений .xlsx (docgen acts scan … --out ФАЙЛ.xlsx)", file=path)
    if not path.is_file():
        raise InputError("файла нет", file=path)
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        result = apply_confirmed(path, store, catalogue, organization, who=who, today=day)
    finally:
        store.close()
    console().print(f"Внесено в реестр актов: {len(result.changed)}; без изменений: {result.unchanged}."
                    + (f" Изменены: {', '.join(result.changed)}." if result.changed else ""))
