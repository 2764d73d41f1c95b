"""The acquaintance sheet as an Excel workbook, out and back in: a clerk fills the «Дата
ознакомления» column as people sign the paper sheet and loads the file back.

The sheet says which act and which edition it is for (rows «Код акта» and «Редакция» above the
table), so a sheet of another act, or of an edition an order has since replaced, is refused
instead of being recorded under the wrong act. Reading back is all or nothing through
docgen.registry.acquaintance.record: each filled row is checked (the person in the staff list and
among the readers, the date a real one, not before the order, not in the future), and one bad
row records nothing. A row with an empty date is someone who has not signed yet; a date already
recorded for that person is the same signature again and changes nothing.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..errors import InputError
from ..fileio import describe_os_error
from .acquaintance import ActAcquaintance, Edition, Entry

SHEET = "Лист ознакомления"
COLUMNS = ("№", "ФИО", "Должность", "Код сотрудника", "Дата ознакомления")
REQUIRED = ("ФИО", "Дата ознакомления")
ACT_LABEL, ORDER_LABEL, EDITION_LABEL = "Код акта", "Утверждён приказом", "Редакция"
MAX_BYTES = 2 * 1024 * 1024  # as the registry's import on the site: a sheet of a thousand staff is ~60 KB
MAX_ROWS = 20000


def sheet_bytes(state: ActAcquaintance, title: str) -> bytes:
    """The workbook of ``state``'s readers; ``title`` is the sheet's heading («Лист ознакомления с …»).
    Dates already recorded are filled in."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from ..spreadsheet import xlsx_bytes

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([title])
    ws["A1"].font = Font(bold=True)
    ws.append([ACT_LABEL, state.act.id])
    ws.append([ORDER_LABEL, state.edition.order_text])
    ws.append([EDITION_LABEL, state.edition.key])
    ws.append([])
    ws.append(list(COLUMNS))
    header = ws.max_row
    for cell in ws[header]:
        cell.font = Font(bold=True)
    for n, person in enumerate(state.readers, 1):
        signed = state.signature(person)
        ws.append([n, person.full_name, person.position, person.id or None, signed.signed_on if signed else None])
        for cell in ws[ws.max_row][1:4]:
            cell.data_type = "s"  # text, never a formula (docgen.spreadsheet)
        ws.cell(ws.max_row, 5).number_format = "DD.MM.YYYY"
    for index, width in enumerate((6, 40, 44, 16, 20), 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{header + 1}"
    return xlsx_bytes(wb)


def sheet_title(state) -> str:
    """«Лист ознакомления с Положением о …, утверждённым приказом от … № …» (the .xlsx heading)."""
    from ..russian import head_form, inflect_phrase

    word = "утверждёнными" if head_form(state.act.title) == "pl" else "утверждённым"
    return (f"Лист ознакомления с {inflect_phrase(state.act.title, 'ablt')}, {word} приказом "
            f"{state.edition.order_text}")


def sheet_files(engine, state, profile) -> tuple[str, bytes, bytes]:
    """The sheet's file stem and its .docx and .xlsx, all made before anything is written."""
    kind = engine.get_type("acquaintance-sheet")
    data = kind.input_model.model_validate(
        {"organization": profile, "act": state.act.id, "readers": state.readers,
         "approved": {"date": state.edition.date, "number": state.edition.number}},
        context={"organization": profile})
    name = engine.file_name(kind, data)
    return name[:-len(".docx")], engine.render(kind, data), sheet_bytes(state, sheet_title(state))


def _rows(path: Path) -> list[list[object]]:
    if Path(path).suffix.lower() != ".xlsx":
        raise InputError("ожидается лист ознакомления в формате .xlsx (docgen acts sheet)", file=path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"не удаётся прочитать файл: {describe_os_error(exc, reading=True)}", file=path) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"файл больше {MAX_BYTES // (1024 * 1024)} МБ: это не лист ознакомления docgen", file=path)
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(f"файл не читается как таблица Excel (.xlsx): {exc}", file=path) from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = []
    for values in ws.iter_rows(values_only=True):
        rows.append(list(values))
        if len(rows) > MAX_ROWS:
            wb.close()
            raise InputError(f"в листе больше {MAX_ROWS} строк: это не лист ознакомления docgen", file=path)
    wb.close()
    return rows


def read_sheet(path: Path, act_id: str) -> tuple[list[Entry], callable]:
    """The filled rows of a sheet of ``act_id`` as entries, and the check of its edition against
    the one in force (docgen.registry.acquaintance.record calls it in its transaction)."""
    from .excel import _cell, _date, _norm, _text

    rows = _rows(path)
    labels = {}
    for number, values in enumerate(rows[:10], 1):
        if values and isinstance(values[0], str) and len(values) > 1:
            labels[_norm(values[0])] = (_text(values[1]), number)
    given_act = labels.get(_norm(ACT_LABEL), (None, 0))[0]
    if given_act is None:
        raise InputError(f"это не лист ознакомления docgen: нет строки «{ACT_LABEL}» над таблицей "
                         f"(сформируйте лист командой docgen acts sheet {act_id})", file=path)
    if given_act != act_id:
        raise InputError(f"это лист ознакомления с другим актом: «{given_act}», а загружается «{act_id}»", file=path)
    given_edition = labels.get(_norm(EDITION_LABEL), (None, 0))[0]
    wanted = {_norm(c): c for c in COLUMNS}
    header_at, index = None, {}
    for number, values in enumerate(rows[:20], 1):
        found = {}
        for i, h in enumerate(values):
            c = wanted.get(_norm(h)) if isinstance(h, str) else None
            if c is not None and c not in found:
                found[c] = i
        if len(found) >= 2:  # the header: the title and the label rows above it name none of the columns
            header_at, index = number, found
            break
    absent = [c for c in REQUIRED if c not in index]
    if header_at is None or absent:
        raise InputError(f"строка {header_at or 1}: нет столбцов "
                         f"{', '.join(f'«{c}»' for c in (absent or REQUIRED))}; ожидаются столбцы: "
                         f"{', '.join(COLUMNS)}", file=path)
    entries = []
    for number, values in enumerate(rows[header_at:], header_at + 1):
        cells = {c: (values[i] if i < len(values) else None) for c, i in index.items()}
        cells = {c: (_cell(v) if isinstance(v, str) else v) for c, v in cells.items()}
        if cells.get("Дата ознакомления") in (None, ""):
            continue  # not signed yet
        who = _text(cells.get("Код сотрудника")) or _text(cells.get("ФИО"))
        if not who:
            raise InputError(f"строка {number}, столбец «ФИО»: дата указана, а сотрудник нет", file=path)
        try:
            signed_on = _date(cells["Дата ознакомления"])
        except ValueError as exc:
            raise InputError(f"строка {number}, столбец «Дата ознакомления»: {exc}", file=path) from None
        entries.append(Entry(who, signed_on, f"строка {number}"))

    def check(edition: Edition) -> None:
        if given_edition is not None and given_edition != edition.key:
            raise InputError(f"лист составлен для редакции акта «{act_id}» ({given_edition}), а действует редакция, "
                             f"утверждённая приказом {edition.order_text}: сформируйте новый лист", file=path)

    return entries, check


def import_sheet(path: Path, store, catalogue, org, act_id: str, *, who: str | None, today):
    """Record the filled rows of the sheet at ``path``: all or none (docgen.registry.acquaintance.record)."""
    from .acquaintance import record

    entries, check = read_sheet(path, act_id)
    try:
        return record(store, catalogue, org, act_id, entries, who=who, today=today, edition_check=check)
    except InputError as exc:
        if exc.file is None:
            exc.file = path
        raise


def write_sheet(engine, state, profile, out_dir: Path) -> tuple[Path, Path]:
    """The sheet's .docx and .xlsx written into ``out_dir``, each beside (never over) a file of the
    same name: an earlier .xlsx may hold the dates the staff have already filled in."""
    from ..fileio import atomic_write_bytes
    from ..placement import unrecorded

    stem, docx, xlsx = sheet_files(engine, state, profile)
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_path = unrecorded(out_dir / f"{stem}.docx", docx)
    xlsx_path = unrecorded(out_dir / f"{stem}.xlsx", xlsx)
    atomic_write_bytes(docx_path, docx)
    atomic_write_bytes(xlsx_path, xlsx)
    return docx_path, xlsx_path
