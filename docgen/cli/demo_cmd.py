"""`docgen demo`: every available document type from its sample data, in one go.

The sample orders are numbered in a throw-away journal unless --db names one: a demonstration
must not take numbers in the school's real journal, and must give the same result every time.
The sample school's registry of acts is shown too: its list loaded into a throw-away store, the
coverage printed and the справка written beside the documents.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import app, console, key_column, make_engine, new_table, text_column


@app.command("demo")
def demo_command(
    out: opt.OutFolder = Path("out"),
    templates: opt.Templates = None,
    db: Annotated[Optional[str], typer.Option(
        "--db", metavar="БАЗА", help="Регистрировать образцы в этом журнале приказов (по умолчанию — во временном, "
                     "который удаляется после демонстрации).")] = None,
    pdf: opt.Pdf = False,
) -> None:
    """Сформировать все доступные документы по встроенным образцам данных."""
    import tempfile

    from ..errors import DocgenError
    from ..fileio import check_writable_folder
    from ..journal import Journal

    engine = make_engine(templates)
    check_writable_folder(out)
    if pdf:
        from ..pdf import find_soffice

        find_soffice()
    table = new_table(f"Документы в папке {out}")
    key_column(table, "Тип", [*engine.document_types, "coverage"])
    text_column(table, "Документ")
    table.add_column("№", no_wrap=True)
    text_column(table, "Файл")
    failures = 0
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="docgen-demo-") as scratch:
        journal = Journal.open(db or str(Path(scratch) / "demo-journal.sqlite"), announce=db is not None)
        try:
            for slug, dt in sorted(engine.document_types.items()):
                if dt.sample is None:
                    table.add_row(slug, dt.title, "", "[dim]нет образца данных[/]")
                    continue
                for sample in dt.samples:
                    try:
                        result = engine.generate(slug, sample, out, journal=journal)
                    except DocgenError as exc:
                        failures += 1
                        table.add_row(slug, dt.title, "", f"[red]ошибка:[/] {exc.message}")
                        continue
                    written.append(result.path)
                    table.add_row(slug, dt.title, result.number if dt.is_order and result.number else "",
                                  result.path.name)
        finally:
            journal.close()
    registry = _sample_registry(engine, out, table)
    if registry is not None:
        written.append(registry.report)
    else:
        failures += 1
    console().print(table)
    if registry is not None:
        c = registry.coverage
        console().print(f"Реестр ЛНА образца ({c.organization}): утверждено и действует {c.required.done} из "
                        f"{c.required.total} обязательных актов — [bold]{c.required.text}[/]; "
                        f"не хватает: {', '.join(s.act.title for s in c.missing) or 'ничего'}.")
    if pdf and written:
        from ..pdf import copies

        # A failure now: the .docx files stay, exit 1; a page a school would send back is a warning.
        pdfs = copies(written, warn=lambda m: typer.echo(f"Внимание: {m}", err=True))
        console().print(f"PDF: {len(pdfs)} в папке {out}")
    if failures:
        raise typer.Exit(1)


def _sample_registry(engine, out: Path, table):
    from ..errors import DocgenError
    from ..registry.demo import sample_registry

    title = "Справка о полноте ЛНА ВСОКО (реестр образца)"
    try:
        result = sample_registry(engine, out)
    except DocgenError as exc:
        table.add_row("coverage", title, "", f"[red]ошибка:[/] {exc.message}")
        return None
    table.add_row("coverage", title, "", result.report.name)
    return result
