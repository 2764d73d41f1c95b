"""`docgen generate`: one document from one data file."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import TemplatesOption, app, console, make_engine, reports_errors, warn_plugin_problems


@app.command("generate")
@reports_errors
def generate_command(
    doc_type: Annotated[str, typer.Argument(metavar="ТИП", help="Тип документа (список — docgen types).")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Файл данных документа (.yaml или .json).", dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Папка для готового документа.", file_okay=False)] = Path("out"),
    templates: TemplatesOption = None,
) -> None:
    """Сформировать документ .docx по файлу данных."""
    engine = make_engine(templates)
    warn_plugin_problems(engine)
    result = engine.generate(doc_type, data, out)
    console().print(f"Готово: {result.document_type.title}")
    typer.echo(str(result.path))
