"""`docgen types`: what documents this installation can write."""
from __future__ import annotations

from ._app import app, console, make_engine, reports_errors, warn_plugin_problems


@app.command("types")
@reports_errors
def types_command() -> None:
    """Показать доступные типы документов."""
    from rich.table import Table

    engine = make_engine(None)
    warn_plugin_problems(engine)
    table = Table(title="Типы документов", title_justify="left")
    table.add_column("Тип (для команды generate)", style="bold cyan", no_wrap=True)
    table.add_column("Документ")
    table.add_column("Приказ", justify="center")
    table.add_column("Шаблон")
    table.add_column("Плагин")
    for slug, dt in sorted(engine.document_types.items()):
        table.add_row(slug, dt.title, "да" if dt.is_order else "нет", dt.template, dt.plugin)
    console().print(table)
    if not engine.document_types:
        console().print("Не найдено ни одного типа документов: проверьте установку docgen.")
