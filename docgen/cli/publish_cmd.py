"""`docgen publish`: the site package of the approved acts (docgen.site)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import app, make_engine, say


@app.command("publish")
def publish_command(
    org: opt.Org,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="ПАПКА|ФАЙЛ.zip",
                                      help="Папка или архив .zip для раздела сайта «Документы».")],
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="ДАТА", help="Дата размещения на сайте, ДД.ММ.ГГГГ (по умолчанию — сегодня).")] = None,
    templates: opt.Templates = None,
    db: opt.Db = None,
    who: opt.Who = None,
    today: opt.Today = None,
) -> None:
    """Пакет для сайта: утверждённые действующие акты в PDF и .docx и страница index.html; акты
    отмечаются как размещённые на сайте."""
    from ..registry.service import parse_day
    from ..site.publish import publish
    from .acts_cmd import open_registry

    held_on = parse_day(date, "--date") if date else None
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        done = publish(make_engine(templates), store, catalogue, organization, out, held_on=held_on or day,
                       today=day, who=who, warn=lambda m: typer.echo(f"Внимание: {m}", err=True))
    finally:
        store.close()
    say(f"Пакет для сайта: актов {len(done.entries)}, с файлами {done.written}; "
        f"отмечено размещёнными впервые: {done.recorded}")
    typer.echo(str(done.path))
