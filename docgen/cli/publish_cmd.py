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
    """Пакет для сайта: утверждённые действующие акты в PDF и .docx, страница index.html; акты отмечаются
    как размещённые."""
    from ..errors import InputError
    from ..pdf import find_soffice
    from ..registry.service import parse_day
    from ..site import marks, package, plan
    from .acts_cmd import open_registry

    held_on = parse_day(date, "--date") if date else None
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        held_on = held_on or day
        if held_on > day:
            raise InputError(f"параметр --date: {held_on:%d.%m.%Y} — дата размещения ещё не наступила "
                             f"(сегодня {day:%d.%m.%Y})")
        target = package.check_target(out)
        engine = make_engine(templates)
        entries = plan.build(engine, store, catalogue, organization, day)
        if not entries:
            raise InputError("в реестре нет утверждённых действующих актов — публиковать нечего "
                             "(утвердить акт: docgen acts set КОД утверждён --order НОМЕР --date ДАТА)")
        if any(e.writable for e in entries):
            find_soffice()  # no LibreOffice: say so before anything is written
        for entry in entries:
            if not entry.writable:
                typer.echo(f"Внимание: акт «{entry.act.title}» включён в список без файла: {entry.problem}", err=True)
        listed = package.write(engine, entries, organization, held_on, target,
                               warn=lambda m: typer.echo(f"Внимание: {m}", err=True))
        written = [item.entry for item in listed if item.pdf]
        website = getattr(organization.profile, "website", None)
        recorded = marks.mark_published(store, organization, written, held_on, website, who, day)
    finally:
        store.close()
    say(f"Пакет для сайта: актов {len(entries)}, с файлами {len(written)}; "
        f"отмечено размещёнными впервые: {recorded}")
    typer.echo(str(target.path))
