"""`docgen db`: the database itself — its schema (upgrade, state) and gathering schools' stores
into one district database (import)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import options as opt
from ._app import Docgen, app, console, new_table, text_column

db_app = Docgen(name="db", no_args_is_help=True,
                help="База данных реестра и журнала: обновление схемы, состояние, импорт баз школ.")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade_command(db: opt.Db = None) -> None:
    """Создать или обновить схему базы данных до версии этой docgen (в пустой базе — создать таблицы)."""
    from ..registry import schema
    from ..registry.store import Store, resolve_url

    store = Store(resolve_url(db), create=True, announce=False)
    try:
        before = store.upgraded_from
    finally:
        store.close()
    if before is None:
        typer.echo(f"Схема базы данных актуальна (ревизия {schema.HEAD}): {store.where}")
    else:
        typer.echo(f"Таблицы docgen созданы (ревизия {schema.HEAD}): {store.where}" if before == schema.CREATED else
                   f"Схема базы данных обновлена ({before} → ревизия {schema.HEAD}): {store.where}")


@db_app.command("status")
def status_command(db: opt.Db = None) -> None:
    """Состояние базы данных: где она, ревизия схемы, организации и сколько у каждой записей."""
    import sqlalchemy as sa

    from ..journal import order_journal
    from ..registry import schema
    from ..registry.store import Store, act_status, organizations, resolve_url

    store = Store(resolve_url(db), create=False)
    try:
        o, s, j = organizations.c, act_status.c, order_journal.c
        acts = sa.select(sa.func.count()).where(s.org_id == o.id).scalar_subquery()
        orders = sa.select(sa.func.count()).where(j.org_id == o.id).scalar_subquery()
        with store.transaction() as conn:
            rows = conn.execute(sa.select(o.code, o.short_name, acts, orders).order_by(o.short_name, o.code)).all()
    finally:
        store.close()
    out = console()
    out.print(f"База данных: {store.where}; схема: ревизия {schema.HEAD} (актуальна); организаций: {len(rows)}")
    if rows:
        table = new_table("Организации")
        for name in ("Организация", "Ключ (ИНН, код или наименование)"):
            text_column(table, name)
        table.add_column("Актов в реестре", justify="right")
        table.add_column("Приказов в журнале", justify="right")
        for code, name, n_acts, n_orders in rows:
            table.add_row(name, code, str(n_acts), str(n_orders))
        out.print(table)


@db_app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(
        metavar="БАЗА|ПАПКА", help="Файлы баз SQLite школ или папки с ними (*.sqlite, *.sqlite3, *.db).",
        show_default=False)],
    db: opt.Db = None,
) -> None:
    """Перенести реестры и журналы школ (их файлы SQLite) в одну базу — всё или ничего."""
    from ..registry.db_import import import_stores
    from ..registry.store import Store, resolve_url

    target = Store(resolve_url(db), create=True)
    try:
        result = import_stores(paths, target)
    finally:
        target.close()
    typer.echo(f"Импортировано организаций: {len(result.added)} ({result.counts}); уже были в базе без изменений: "
               f"{len(result.unchanged)}. База: {target.where}")
    for org in result.added:
        typer.echo(f"  + {org.name} ({org.source.name})")
