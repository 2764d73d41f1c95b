"""`docgen indicators set|list`: the counts of seed 000's indicators a school records per academic
year (procedures developed, materials published, events held, staff trained), for the справка's
dynamics."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import Docgen, app, console, key_column, new_table, text_column
from .acts_cmd import open_registry

indicators_app = Docgen(name="indicators", help="Показатели ВСОКО за учебный год: ввод количеств и просмотр.")
app.add_typer(indicators_app, name="indicators")


def _definitions(templates):
    """The indicators file along the template search path, --templates first (as a справка's template)."""
    from ..registry.indicators import load_definitions

    if templates is None:
        return load_definitions()
    from ..templates import active
    from ._app import make_engine

    engine = make_engine(templates)
    with active(lambda: engine.template_path):
        return load_definitions()


@indicators_app.command("set")
def set_command(
    indicator: Annotated[str, typer.Argument(metavar="ПОКАЗАТЕЛЬ", help="Код количества (список — docgen indicators list).")],
    value: Annotated[str, typer.Argument(metavar="ЗНАЧЕНИЕ", help="Целое неотрицательное число.")],
    org: opt.Org,
    period: Annotated[str, typer.Option("--period", metavar="ГОД", help="Учебный год, например 2025/2026.")],
    who: opt.Who = None,
    db: opt.Db = None,
    templates: opt.Templates = None,
) -> None:
    """Записать значение показателя за учебный год (новое значение заменяет прежнее)."""
    from ..registry import indicators as ind

    defs = _definitions(templates)
    # everything checkable without the store first: a bad period or value creates no database
    ind.parse_period(period)
    defs.count(indicator.strip())
    ind.parse_value(value)
    organization, _catalogue, store, _day = open_registry(org, db, None)
    try:
        count, period_text, number, old = ind.set_value(store, organization, defs, period, indicator, value, who)
    finally:
        store.close()
    was = f" (было {old})" if old is not None and old != number else ""
    console().print(f"{count.title}, {period_text} учебный год: {number} {count.unit}{was}")


@indicators_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(metavar="ФАЙЛ", help="YAML/JSON: учебный год → коды количеств и значения.",
                                         show_default=False)],
    org: opt.Org,
    who: opt.Who = None,
    db: opt.Db = None,
    templates: opt.Templates = None,
) -> None:
    """Записать количества за несколько учебных лет из файла — всё или ничего."""
    from ..errors import InputError
    from ..registry import indicators as ind

    defs = _definitions(templates)
    by_period = ind.read_file(file)
    try:
        for period, given in by_period.items():  # checked before a store is opened: a bad file creates none
            ind.check_values(defs, period, given)
        organization, _catalogue, store, _day = open_registry(org, db, None)
        try:
            done = ind.record(store, organization, defs, by_period, who)
        finally:
            store.close()
    except InputError as exc:
        raise InputError(exc.message, file=file) from None
    for period, written in done:
        changed = sum(1 for _count, value, old in written if old != value)
        console().print(f"{period} учебный год: записано значений {len(written)}, из них новых или изменённых {changed}")


@indicators_app.command("list")
def list_command(
    org: opt.Org,
    db: opt.Db = None,
    today: opt.Today = None,
    templates: opt.Templates = None,
) -> None:
    """Показать количества за этот и прошлый учебный год и за все годы, где они введены."""
    from ..registry import indicators as ind

    defs = _definitions(templates)
    organization, _catalogue, store, day = open_registry(org, db, today)
    try:
        recorded = ind.values(store, organization)
    finally:
        store.close()
    current = ind.academic_year(day)
    periods = sorted({p for p, _ in recorded} | {current, ind.previous(current)})
    table = new_table(f"Показатели ВСОКО за учебные годы — {organization.short_name}")
    key_column(table, "Код", [c.id for c in defs.counts])
    text_column(table, "Показатель")
    for p in periods:
        table.add_column(p, justify="right")
    for c in defs.counts:
        table.add_row(c.id, f"{c.title} ({c.unit})",
                      *[str(recorded[(p, c.id)]) if (p, c.id) in recorded else "—" for p in periods])
    console().print(table)
    console().print(f"Ввод: docgen indicators set --org ПРОФИЛЬ --period {current} КОД ЗНАЧЕНИЕ")
