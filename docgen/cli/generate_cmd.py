"""`docgen generate`: one document from one data file; an order is registered in the journal."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    force: Annotated[bool, typer.Option(
        "--force", help="Сформировать приказ, даже если сверка с реестром актов нашла нарушения "
                        "(они выводятся как предупреждение).")] = False,
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
    document_type = engine.get_type(doc_type)
    loaded = engine.load_document(document_type, data)
    if document_type.is_order:
        _check_against_registry(loaded, data, db, force)
    journal = Journal.open(db)
    try:
        result = engine.produce(document_type, loaded.data, out, journal=journal, new_number=new_number,
                                replace=replace, data_path=data, profile=loaded.profile)
    finally:
        journal.close()
    number = f", №\u00a0{result.number}" if result.document_type.is_order and result.number else ""
    say(f"Готово: {result.document_type.title}{number}")
    typer.echo(str(result.path))
    if pdf:
        from ..pdf import copies

        for path in copies([result.path], warn=_layout_warning):  # a failure now: the .docx stays, exit 1
            typer.echo(str(path))


def _layout_warning(message: str) -> None:
    typer.echo(f"Внимание: {message}", err=True)


def _check_against_registry(loaded, data: Path, db: str | None, force: bool) -> None:
    """Rule (a) of `docgen check` before a number is taken: an order citing an act the registry
    does not hold approved is refused (exit 2, nothing written) unless ``force``."""
    from ..consistency import order_violations
    from ..errors import InputError

    outcome = order_violations(loaded.data, data, loaded.profile, db)
    for warning in outcome.warnings:
        typer.echo(f"Внимание: {warning}", err=True)
    if not outcome.violations:
        return
    problems = [str(v) for v in outcome.violations]
    if not force:
        raise InputError("приказ расходится с реестром актов (сформировать всё равно — --force)", problems=problems)
    typer.echo("Внимание: приказ расходится с реестром актов, сформирован по --force:", err=True)
    for problem in problems:
        typer.echo(f"  • {problem}", err=True)
