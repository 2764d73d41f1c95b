"""`docgen check`: do the data files and the school's registry of acts tell one story?"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from . import options as opt
from ._app import app, make_engine, say


@app.command("check")
def check_command(
    paths: Annotated[Optional[List[Path]], typer.Argument(
        metavar="[ПУТИ]...", help="Папки или файлы данных (по умолчанию — текущая папка).", show_default=False)] = None,
    db: opt.Db = None,
    org: Annotated[Optional[Path], typer.Option(
        "--org", metavar="ПРОФИЛЬ", help="Профиль организации (.yaml); не указан — тот, что называют приказы.")] = None,
) -> None:
    """Сверить приказы между собой и с реестром актов: основания, номера и даты, наименования и ФИО."""
    from ..consistency import check_paths
    from ..errors import InputError

    outcome = check_paths(make_engine(None), paths or [Path(".")], db, org)
    for warning in outcome.warnings:
        typer.echo(f"Внимание: {warning}", err=True)
    if outcome.violations:
        raise InputError(f"сверка документов с реестром: нарушений {len(outcome.violations)}",
                         problems=[str(v) for v in outcome.violations])
    say(f"Сверка документов с реестром: приказов {outcome.orders}, нарушений нет")
