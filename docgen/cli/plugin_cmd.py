"""`docgen plugin new|check`: start a district plugin package, and check one before installing it."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import Docgen, app, console, make_engine

plugin_app = Docgen(help="Плагины района: создать заготовку пакета, проверить пакет перед установкой.")
app.add_typer(plugin_app, name="plugin")


@plugin_app.command("new")
def new_command(
    name: Annotated[str, typer.Argument(metavar="ИМЯ", help=(
        "Имя плагина, например kazan-monitoring; пакет называется docgen-kazan-monitoring "
        "(приставку docgen- можно написать и в имени)."))],
    slug: Annotated[Optional[str], typer.Option(
        "--type", metavar="КОД", help="Код типа документа, например monitoring-order (по умолчанию — имя плагина без docgen-).")] = None,
    folder: Annotated[Optional[Path], typer.Option(
        "--dir", metavar="ПАПКА", help="Папка пакета (по умолчанию ./docgen-ИМЯ); должна не существовать или быть пустой.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="ТЕКСТ", help="Наименование документа по-русски.")] = None,
) -> None:
    """Создать устанавливаемый пакет плагина с одним типом документа, шаблоном, примером данных и тестом."""
    from ..errors import InputError
    from ..scaffold import Names, create_plugin

    names = Names.of(name, title, slug)
    engine = make_engine(warn=False)
    if names.slug in engine.document_types:
        owner = engine.document_types[names.slug].plugin
        raise InputError(f"тип документа «{names.slug}» уже есть (плагин «{owner}»); выберите другой код (--type) — "
                         "одноимённый тип не заменил бы существующий, а был бы пропущен")
    target = create_plugin(name, folder, title, slug)
    out = console()
    out.print(f"Создан плагин «{names.plugin}» (пакет {names.distribution}): тип документа «{names.slug}» — "
              f"«{names.title}».")
    out.print("Дальше:")
    out.print(f"  pip install {target}")
    out.print("  docgen types")
    out.print(f"  docgen generate {names.slug} --data {target / 'src' / names.module / 'sample' / (names.slug + '.yaml')}")
    typer.echo(str(target))


@plugin_app.command("check")
def check_command(
    folder: Annotated[Path, typer.Argument(metavar="ПАПКА", help="Папка пакета плагина (с pyproject.toml).")],
) -> None:
    """Проверить пакет плагина до установки: pyproject.toml, точку входа docgen, модуль и его хуки."""
    from ..scaffold import check_plugin

    summary = check_plugin(folder)
    out = console()
    out.print(f"Пакет «{summary.distribution}» готов к установке.")
    for ep_name, module in summary.entry_points.items():
        hooks = ", ".join(summary.hooks.get(ep_name, [])) or "—"
        out.print(f"  точка входа {ep_name} = {module}; хуки: {hooks}")
