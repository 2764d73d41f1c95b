"""`docgen generate`: one document from one data file; an order is registered in the journal."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import TemplatesOption, app, console, make_engine, reports_errors, warn_plugin_problems
from .journal_cmd import JournalDbOption, NewNumberOption, PdfOption, ReplaceOption


@app.command("generate")
@reports_errors
def generate_command(
    doc_type: Annotated[str, typer.Argument(metavar="ТИП", help="Тип документа (список — docgen types).")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Файл данных документа (.yaml или .json).", dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Папка для готового документа.")] = Path("out"),
    templates: TemplatesOption = None,
    db: JournalDbOption = None,
    new_number: NewNumberOption = False,
    replace: ReplaceOption = False,
    pdf: PdfOption = False,
) -> None:
    """Сформировать документ .docx по файлу данных; приказ получает номер по журналу."""
    from ..journal import Journal

    engine = make_engine(templates)
    warn_plugin_problems(engine)
    if pdf:
        from ..pdf import find_soffice

        find_soffice()  # no LibreOffice: say so before a number is taken
    journal = Journal.open(db)
    try:
        result = engine.generate(doc_type, data, out, journal=journal, new_number=new_number, replace=replace)
    finally:
        journal.close()
    number = f", №\u00a0{result.number}" if result.document_type.is_order and result.number else ""
    console().print(f"Готово: {result.document_type.title}{number}")
    typer.echo(str(result.path))
    if pdf:
        from ..pdf import convert

        for path in convert([result.path]):
            typer.echo(str(path))
