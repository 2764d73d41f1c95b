"""`docgen coverage`: the completeness share of the organisation's ВСОКО acts."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app, console, reports_errors
from .acts_cmd import DbOption, OrgOption, TodayOption, open_registry


class Format(str, Enum):
    table = "table"
    json = "json"


@app.command("coverage")
@reports_errors
def coverage_command(
    org: OrgOption,
    fmt: Annotated[Format, typer.Option("--format", help="table — таблицы; json — точные числа для скриптов.")] = Format.table,
    teachers_involved: Annotated[Optional[int], typer.Option("--teachers-involved", help="Сколько педагогов вовлечено в ВСОКО.")] = None,
    teachers_total: Annotated[Optional[int], typer.Option("--teachers-total", help="Сколько всего педагогов.")] = None,
    db: DbOption = None,
    today: TodayOption = None,
) -> None:
    """Доля утверждённых и действующих обязательных актов ВСОКО, что отсутствует или устарело."""
    from ..errors import InputError
    from ..registry.coverage import compute

    teachers = None
    if (teachers_involved is None) != (teachers_total is None):
        raise InputError("укажите оба параметра: --teachers-involved и --teachers-total")
    if teachers_total is not None:
        if teachers_total <= 0 or teachers_involved < 0 or teachers_involved > teachers_total:
            raise InputError(f"--teachers-involved {teachers_involved} и --teachers-total {teachers_total}: "
                             "ожидается 0 ≤ вовлечено ≤ всего и всего > 0")
        teachers = (teachers_involved, teachers_total)
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        rows = store.statuses(organization.short_name)
        history = store.history(organization.short_name)
    finally:
        store.close()
    result = compute(catalogue, organization, rows, history, day, teachers)
    if fmt is Format.json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    _print_tables(result)


def _print_tables(result) -> None:
    from rich.table import Table

    from ..registry import lifecycle as lc
    from ..registry.catalogue import CLASS_LABELS, LEVEL_LABELS

    out = console()
    out.print(f"[bold]{result.organization}[/]: утверждено и действует {result.required.done} из "
              f"{result.required.total} обязательных актов — [bold]{result.required.text}[/]")
    summary = Table(title="Показатели", title_justify="left")
    summary.add_column("Показатель")
    summary.add_column("Выполнено", justify="right")
    summary.add_column("Всего", justify="right")
    summary.add_column("Доля", justify="right")
    rows = [("Обязательные ЛНА утверждены и действуют", result.required),
            ("Рекомендуемые ЛНА утверждены и действуют", result.recommended),
            ("Проекты ЛНА, вынесенные на обсуждение", result.discussion)]
    rows += [(f"  по уровню требования: {LEVEL_LABELS[k]}", p) for k, p in result.by_level.items()]
    rows += [(f"  обязательные, {CLASS_LABELS[k]}", p) for k, p in result.by_class.items()]
    if result.teachers:
        rows.append(("Педагоги, вовлечённые в ВСОКО", result.teachers))
    for name, part in rows:
        summary.add_row(name, str(part.done), str(part.total), part.text)
    out.print(summary)
    if result.missing:
        table = Table(title="Обязательные акты: нет или устарели", title_justify="left")
        for name in ("Код", "Акт", "Статус", "Ответственный"):
            table.add_column(name)
        for s in result.missing:
            table.add_row(s.act.id, s.act.title, lc.label(s.status) + (f" ({s.reason})" if s.reason else ""),
                          s.responsible or "не назначен")
        out.print(table)
    else:
        out.print("Все обязательные акты утверждены и действуют.")
    if result.recommended_missing:
        out.print("Рекомендуемые акты, которых нет или которые устарели: "
                  + "; ".join(f"{s.act.title} ({lc.label(s.status)})" for s in result.recommended_missing))
    if result.not_applicable:
        out.print("Не относятся к уровням образования организации: " + "; ".join(a.title for a in result.not_applicable))
