"""`docgen plugins`: which plugins are loaded, what they hook and provide, and which failed."""
from __future__ import annotations

from ._app import app, console, key_column, make_engine, new_table, text_column


@app.command("plugins")
def plugins_command() -> None:
    """Показать установленные плагины, их хуки и типы документов."""
    engine = make_engine(warn=False)  # the problems are listed below
    plugins = engine.plugins
    plugins.collect_all()  # fills in what each plugin provides, and who failed
    table = new_table("Плагины docgen")
    key_column(table, "Плагин", plugins.infos)
    for name in ("Версия", "Пакет", "Хуки", "Типы документов"):
        text_column(table, name)
    for name, info in sorted(plugins.infos.items()):
        table.add_row(name, info.version, info.distribution, "\n".join(info.hooks), "\n".join(info.document_types) or "—")
    console().print(table)
    for problem in plugins.problems:
        console().print(f"[red]Не загружен:[/] {problem.message}")
