"""Tables for Excel: CSV that Russian Excel opens by double-click, and XLSX with a bold, frozen
header, column widths and dates shown as ДД.ММ.ГГГГ. The registry's export and the journal of
orders both write their lists this way."""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Iterable, Sequence


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM and «;» between fields: what Excel with Russian regional settings reads."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for values in rows:
        writer.writerow(["" if v is None else f"{v:%d.%m.%Y}" if isinstance(v, dt.date) else v for v in values])
    return buf.getvalue().encode("utf-8-sig")


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
        ws.append(list(values))
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
