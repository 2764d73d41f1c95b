"""`docgen demo`: every available document type from its sample data, in one go."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import TemplatesOption, app, console, make_engine, reports_errors, warn_plugin_problems


@app.command("demo")
@reports_errors
def demo_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Папка для документов.", file_okay=False)] = Path("out"),
    templates: TemplatesOption = None,
) -> None:
    """Сформировать все доступные документы по встроенным образцам данных."""
    from rich.table import Table

    from ..errors import DocgenError

    engine = make_engine(templates)
    warn_plugin_problems(engine)
    table = Table(title=f"Документы в папке {out}", title_justify="left")
    table.add_column("Тип", style="cyan", no_wrap=True)
    table.add_column("Документ")
    table.add_column("Файл")
    failures = 0
    for slug, dt in sorted(engine.document_types.items()):
        if dt.sample is None:
            table.add_row(slug, dt.title, "[dim]нет образца данных[/]")
            continue
        try:
            result = engine.generate(slug, dt.sample, out)
        except DocgenError as exc:
            failures += 1
            table.add_row(slug, dt.title, f"[red]ошибка:[/] {exc.message}")
            continue
        table.add_row(slug, dt.title, result.path.name)
    console().print(table)
    if failures:
        raise typer.Exit(1)
