"""`docgen plugins`: which plugins are loaded, what they hook and provide, and which failed."""
from __future__ import annotations

from ._app import app, console, make_engine


@app.command("plugins")
def plugins_command() -> None:
    """Показать установленные плагины, их хуки и типы документов."""
    from rich.table import Table

    engine = make_engine(warn=False)  # the problems are listed below
    plugins = engine.plugins
    plugins.collect_all()  # fills in what each plugin provides, and who failed
    table = Table(title="Плагины docgen", title_justify="left")
    table.add_column("Плагин", style="bold cyan", no_wrap=True)
    table.add_column("Версия")
    table.add_column("Пакет")
    table.add_column("Хуки")
    table.add_column("Типы документов")
    for name, info in sorted(plugins.infos.items()):
        table.add_row(name, info.version, info.distribution, "\n".join(info.hooks), "\n".join(info.document_types) or "—")
    console().print(table)
    for problem in plugins.problems:
        console().print(f"[red]Не загружен:[/] {problem.message}")
