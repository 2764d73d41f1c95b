"""Export and import of act statuses as XLSX (openpyxl) and CSV — secretaries keep these lists
in Excel.

CSV is written in UTF-8 with a BOM and «;» between fields: that is what Excel with Russian
regional settings opens correctly by double-click. On import a CSV saved back by such an Excel
(Windows-1251, «;») is read too.

An import is all or nothing: every row is checked and applied through the same rules as
`docgen acts set` inside ONE transaction, and the first bad row (unknown act, unknown status, a
refused transition, a bad date) rolls everything back with a message naming the file, the row
and the column. An act the registry has not seen yet is registered in the status the file gives
(the school's acts existed before docgen did); later changes follow the lifecycle. A row whose
status equals the current one records only its new details
(responsible, note, …); a row that changes nothing is skipped, so re-importing an exported file
leaves the history untouched. An empty cell keeps the stored value, as an omitted option does.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ..cleaning import clean_text
from ..errors import InputError
from ..fileio import describe_os_error
from . import lifecycle as lc
from .catalogue import Catalogue
from .coverage import ActState

COLUMNS = ("Код", "Акт", "Статус", "Приказ №", "Дата приказа", "Ответственный", "Примечание")
KEYS = ("id", "title", "status", "order_number", "order_date", "responsible", "note")
REQUIRED = ("Код", "Статус")
SHEET = "Реестр ЛНА ВСОКО"


def _norm(text: object) -> str:
    return " ".join(str(text or "").replace("ё", "е").replace("Ё", "Е").replace("№", "").lower().split())


def _rows(items: list[ActState]) -> list[list[object]]:
    out = []
    for s in items:
        row = s.row
        out.append([s.act.id, s.act.title, lc.label(s.status), (row.order_number if row else None) or None,
                    row.order_date if row else None, (row.responsible if row else None) or None,
                    (row.note if row else None) or None])
    return out


def export_bytes(items: list[ActState], suffix: str) -> bytes:
    from ..spreadsheet import csv_bytes, xlsx_bytes, xlsx_sheet

    if suffix == ".csv":
        return csv_bytes(COLUMNS, _rows(items))
    from openpyxl.worksheet.datavalidation import DataValidation

    wb, ws = xlsx_sheet(SHEET, COLUMNS, _rows(items), widths=(26, 60, 24, 12, 14, 28, 40), date_column=5)
    choices = ",".join(lc.LABELS.values())
    check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=False, showErrorMessage=True,
                           errorTitle="Статус", error="Выберите статус из списка")
    ws.add_data_validation(check)
    check.add(f"C2:C{max(ws.max_row, 2)}")
    return xlsx_bytes(wb)


def check_suffix(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError("ожидается файл .xlsx или .csv", file=path)
    return suffix


# -- import ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    number: int  # as Excel shows it: the header is row 1
    cells: dict[str, object]  # column title → raw value


def _read_table(path: Path) -> list[list[object]]:
    suffix = check_suffix(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"не удаётся прочитать файл: {describe_os_error(exc, reading=True)}", file=path) from None
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")
        first = text.splitlines()[0] if text else ""
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(f"файл не читается как таблица Excel (.xlsx): {exc}", file=path) from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def read_rows(path: Path) -> list[Row]:
    table = _read_table(path)
    if not table:
        raise InputError("файл пуст: нет строки заголовков", file=path)
    header = [_norm(h) for h in table[0]]
    wanted = {_norm(c): c for c in COLUMNS}
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in wanted and wanted[h] not in index:
            index[wanted[h]] = i
    absent = [c for c in REQUIRED if c not in index]
    if absent:
        raise InputError(f"строка 1: нет столбцов {', '.join(f'«{c}»' for c in absent)}; "
                         f"ожидаются столбцы: {', '.join(COLUMNS)}", file=path)
    rows = []
    for number, values in enumerate(table[1:], 2):
        cells = {c: (values[i] if i < len(values) else None) for c, i in index.items()}
        cells = {c: (_cell(v) if isinstance(v, str) else v) for c, v in cells.items()}
        if all(v in (None, "") for v in cells.values()):
            continue
        rows.append(Row(number, cells))
    return rows


def _cell(text: str) -> str:
    """A cell's text as typed: control characters dropped (nothing in the store may break a later
    export), and the quote mark an export puts before formula-like text taken off again, so a
    re-imported export changes nothing."""
    from ..spreadsheet import unquote

    return unquote(clean_text(text).strip())


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel turns «45» into 45.0
    text = str(value).strip()
    return text or None


def _date(value: object) -> dt.date | None:
    from ..russian.dates import parse_date

    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value).strip())


@dataclass(frozen=True)
class ImportResult:
    changed: list[str]  # act ids whose record changed
    unchanged: int


def import_file(path: Path, store, catalogue: Catalogue, org, *, who: str | None, today: dt.date) -> ImportResult:
    """Check and apply every row in one transaction; the first bad row rolls all back."""
    return apply_rows(read_rows(path), path, store, catalogue, org, who=who, today=today)


def apply_rows(rows: list[Row], path: Path, store, catalogue: Catalogue, org, *, who: str | None, today: dt.date,
               shown: dict[str, str] | None = None) -> ImportResult:
    """The import's rules for rows keyed by COLUMNS, whatever sheet they came from: `acts scan
    --apply` hands its confirmed proposals here, so a scan applies exactly as an import does.
    ``shown`` names a column as that sheet titles it, for the messages."""
    from .service import apply_change, current_user, effective

    author = current_user(who)
    titles = shown or {}

    def fail(row: Row, column: str, message: str) -> InputError:
        return InputError(f"строка {row.number}, столбец «{titles.get(column, column)}»: {message}", file=path)

    seen: dict[str, int] = {}
    parsed = []
    for row in rows:  # everything checkable without the store, before the transaction
        act_id = _text(row.cells.get("Код"))
        if not act_id:
            raise fail(row, "Код", "не указан код акта")
        if act_id in seen:
            raise fail(row, "Код", f"акт «{act_id}» уже есть в строке {seen[act_id]}")
        seen[act_id] = row.number
        try:
            act = catalogue.get(act_id)
        except InputError as exc:
            raise fail(row, "Код", str(exc)) from None
        if not set(org.levels).intersection(act.levels):
            raise fail(row, "Код", f"акт «{act.id}» относится к уровням {', '.join(act.levels)}, "
                                   f"а у организации уровни: {', '.join(org.levels)}")
        status_text = _text(row.cells.get("Статус"))
        if not status_text:
            raise fail(row, "Статус", "не указан статус")
        try:
            status = lc.parse_status(status_text)
        except InputError as exc:
            raise fail(row, "Статус", str(exc)) from None
        try:
            order_date = _date(row.cells.get("Дата приказа"))
        except ValueError as exc:
            raise fail(row, "Дата приказа", str(exc)) from None
        if order_date is not None and order_date > today:
            raise fail(row, "Дата приказа", f"{order_date:%d.%m.%Y} — дата приказа ещё не наступила "
                                            f"(сегодня {today:%d.%m.%Y})")
        order_number = _text(row.cells.get("Приказ №"))
        parsed.append((row, act, status, order_number, order_date, _text(row.cells.get("Ответственный")),
                       _text(row.cells.get("Примечание"))))

    changed: list[str] = []
    unchanged = 0
    with store.transaction() as conn:
        current = store.statuses_in(conn, org)
        for row, act, status, order_number, order_date, responsible, note in parsed:
            before = current.get(act.id)
            shown = effective(act, before, today)
            if status == shown and not _differs(before, order_number, order_date, responsible, note):
                unchanged += 1
                continue
            if status != shown and status in lc.NEEDS_REASON and not note:
                raise fail(row, "Примечание", lc.reason_missing(status))
            if status != shown and status in lc.NEEDS_ORDER:
                if order_number is None:
                    raise fail(row, "Приказ №", f"для статуса «{lc.label(status)}» нужен номер утверждающего приказа")
                if order_date is None:
                    raise fail(row, "Дата приказа", f"для статуса «{lc.label(status)}» нужна дата утверждающего приказа")
            try:
                apply_change(store, conn, org, act, status, order_number=order_number, order_date=order_date,
                             published_at=None, note=note, responsible=responsible, author=author, today=today,
                             same_status_ok=True, initial_ok=True)
            except InputError as exc:
                raise fail(row, "Статус", str(exc)) from None
            changed.append(act.id)
    return ImportResult(changed, unchanged)


def _differs(before, order_number, order_date, responsible, note) -> bool:
    """Whether a non-empty cell says something other than the store (empty cells keep values)."""
    stored = before or None
    pairs = ((order_number, stored.order_number if stored else None),
             (order_date, stored.order_date if stored else None),
             (responsible, stored.responsible if stored else None),
             (note, stored.note if stored else None))
    return any(new is not None and new != old for new, old in pairs)
