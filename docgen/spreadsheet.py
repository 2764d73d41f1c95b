"""Tables for Excel: CSV that Russian Excel opens by double-click, and XLSX with a bold, frozen
header, column widths and dates shown as ДД.ММ.ГГГГ. The registry's export and the journal of
orders both write their lists this way.

Every text cell is written as text, never as a formula, following OWASP's advice on CSV (formula)
injection: a cell that starts with «=», «+», «-», «@», TAB, CR or NUL — also after leading spaces,
which spreadsheets skip — gets a single quote in front in a CSV (the spreadsheet's own «this is
text» mark), and in an .xlsx is stored as a string cell with the «quote prefix» style, so the text
shows exactly as typed and stays text when the cell is edited. Control characters are dropped on
the way out as well as on the way in: a store written before docgen cleaned its input may hold
them, and openpyxl refuses them.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Iterable, Sequence

from .cleaning import clean_text

# OWASP CSV Injection: «=», «+», «-», «@», TAB, CR; NUL from ASVS 5.0 (V1.2.10); and the full-width
# forms, which some spreadsheets read as the ASCII ones.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take the text for a formula."""
    return text.lstrip(" \u00a0").startswith(FORMULA_START)


def unquote(text: str) -> str:
    """Undo the CSV quote mark on import: «'=1» read back from an exported file is «=1» again."""
    return text[1:] if text.startswith("'") and formula_like(text[1:]) else text


def _cell_text(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM and «;» between fields: what Excel with Russian regional settings reads."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for values in rows:
        writer.writerow([_csv_cell(v) for v in values])
    return buf.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    value = _cell_text(value)
    return "'" + value if isinstance(value, str) and formula_like(value) else value


def xlsx_sheet(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]], *, widths: Sequence[int],
               date_column: int | None = None):
    """A workbook with one sheet of the rows; returns (workbook, sheet) so a caller can add more
    (a drop-down list, say) before ``xlsx_bytes``. ``date_column`` is 1-based."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for values in rows:
        ws.append([_cell_text(v) for v in values])
        for cell in ws[ws.max_row]:
            if cell.data_type == "f" or (isinstance(cell.value, str) and formula_like(cell.value)):
                cell.data_type = "s"  # openpyxl takes any text starting with «=» for a formula
                cell.quotePrefix = True
        if date_column is not None:
            ws.cell(ws.max_row, date_column).number_format = "DD.MM.YYYY"
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    return wb, ws


def xlsx_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
