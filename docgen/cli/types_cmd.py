"""`docgen types`: what documents this installation can write, and whose template each is printed with."""
from __future__ import annotations

from . import options as opt
from ._app import app, console, key_column, make_engine, new_table, printable, text_column


@app.command("types")
def types_command(templates: opt.Templates = None) -> None:
    """Показать доступные типы документов и откуда взят шаблон каждого."""
    from ..errors import DocgenError

    engine = make_engine(templates)
    table = new_table("Типы документов")
    key_column(table, "Тип (для generate)", engine.document_types)
    text_column(table, "Документ")
    table.add_column("Приказ", justify="center", no_wrap=True)
    text_column(table, "Шаблон (откуда)")
    overridden = 0
    for slug, dt in sorted(engine.document_types.items()):
        try:
            found = engine.template_path.locate(dt.template)
        except DocgenError:
            source = "[red]не найден[/]"
        else:
            overridden += found.overrides
            source = f"[yellow]{printable(found.label)}[/]" if found.overrides else printable(found.label)
        table.add_row(printable(slug), printable(dt.title), "да" if dt.is_order else "нет",
                      f"{printable(dt.template)}\n{source}")
    out = console()
    out.print(table)
    if not engine.document_types:
        out.print("Не найдено ни одного типа документов: проверьте установку docgen.")
    if overridden:
        out.print("«вместо …» — шаблон заменяет одноимённый шаблон плагина или встроенный; "
                  "копия для правки: docgen templates copy ТИП")
