"""`docgen generate`: one document from one data file; an order is registered in the journal."""
from __future__ import annotations

from pathlib import Path

import typer

from . import options as opt
from ._app import app, make_engine, say


@app.command("generate")
def generate_command(
    doc_type: opt.DocType,
    data: opt.DataFile,
    out: opt.OutFolder = Path("out"),
    templates: opt.Templates = None,
    db: opt.Db = None,
    new_number: opt.NewNumber = False,
    replace: opt.Replace = False,
    pdf: opt.Pdf = False,
) -> None:
    """Сформировать документ .docx по файлу данных; приказ получает номер по журналу."""
    from ..errors import InputError
    from ..journal import Journal

    if new_number and replace:
        raise InputError("параметры --new-number (новый номер) и --replace (исправленная редакция с прежним номером) "
                         "исключают друг друга: укажите один из них")
    engine = make_engine(templates)
    if pdf:
        from ..pdf import find_soffice

        find_soffice()  # no LibreOffice: say so before a number is taken
    journal = Journal.open(db)
    try:
        result = engine.generate(doc_type, data, out, journal=journal, new_number=new_number, replace=replace)
    finally:
        journal.close()
    number = f", №\u00a0{result.number}" if result.document_type.is_order and result.number else ""
    say(f"Готово: {result.document_type.title}{number}")
    typer.echo(str(result.path))
    if pdf:
        from ..pdf import copies

        for path in copies([result.path]):  # a failure now: the .docx stays, exit 1
            typer.echo(str(path))
