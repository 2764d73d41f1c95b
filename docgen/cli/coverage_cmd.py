"""`docgen coverage`: the completeness share of the organisation's ВСОКО acts."""
from __future__ import annotations

import json
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import app, console, key_column, make_engine, new_table, text_column
from .acts_cmd import open_registry


class Format(str, Enum):
    table = "table"
    json = "json"
    docx = "docx"


@app.command("coverage")
def coverage_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        metavar="ПРОФИЛЬ|ПАПКА", help="С --district: профили организаций или папки с профилями.",
        show_default=False)] = None,
    org: Annotated[Optional[Path], typer.Option(
        "--org", metavar="ПРОФИЛЬ",
        help="Профиль организации (.yaml): организация в реестре — по ИНН или коду из профиля, иначе по "
             "сокращённому наименованию.")] = None,
    district: Annotated[bool, typer.Option(
        "--district", help="Сводка по району: рейтинг организаций, чьи профили (или папки профилей) перечислены "
                           "после параметров, и общая доля по району; без профилей — все организации базы --db.")] = False,
    fmt: Annotated[Format, typer.Option(
        "--format", help="table — таблицы; json — точные числа для скриптов; docx — справка о полноте ЛНА.")] = Format.table,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="ПАПКА", help="Папка для справки .docx.")] = Path("out"),
    teachers_involved: Annotated[Optional[int], typer.Option(
        "--teachers-involved", metavar="ЧИСЛО", help="Сколько педагогов вовлечено в ВСОКО (вместо числа из профиля).")] = None,
    teachers_total: Annotated[Optional[int], typer.Option(
        "--teachers-total", metavar="ЧИСЛО", help="Сколько всего педагогов (вместо числа из профиля).")] = None,
    procedures_backed: Annotated[Optional[int], typer.Option(
        "--procedures-backed", metavar="ЧИСЛО", help="Сколько процедур ВСОКО обеспечено инструментарием (вместо списка в профиле).")] = None,
    procedures_total: Annotated[Optional[int], typer.Option(
        "--procedures-total", metavar="ЧИСЛО", help="Сколько всего процедур ВСОКО (вместо списка в профиле).")] = None,
    authority: Annotated[Optional[Path], typer.Option(
        "--authority", metavar="ПРОФИЛЬ", help="С --district --format docx: профиль органа управления образованием, от имени которого "
                            "составлена справка по району (его руководитель подписывает).")] = None,
    db: opt.Db = None,
    today: opt.Today = None,
    templates: opt.Templates = None,
) -> None:
    """Доля утверждённых и действующих обязательных актов ВСОКО, что отсутствует или устарело."""
    from ..errors import InputError

    if district:
        if org is not None:
            raise InputError("с --district перечислите профили организаций или папки с ними (без --org), например: "
                             "docgen coverage --district школы/ другая-школа.yaml; без профилей сводка — по всем "
                             "организациям базы --db")
        if fmt is Format.docx and authority is None:
            raise InputError("для справки по району укажите --authority ПРОФИЛЬ.yaml — профиль органа управления "
                             "образованием, от имени которого она составлена")
        _district(paths, fmt, db, today, authority, out, templates)
        return
    if authority is not None:
        raise InputError("--authority используется только со сводкой по району (--district --format docx)")
    if paths:
        raise InputError(f"лишние аргументы: {' '.join(map(str, paths))}; профили перечисляются только с --district")
    if org is None:
        raise InputError("укажите профиль организации: --org ПРОФИЛЬ.yaml (или --district для сводки по району)")
    from ..registry.coverage import read

    teachers = _counts("--teachers-involved", teachers_involved, "--teachers-total", teachers_total, "вовлечено")
    procedures = _counts("--procedures-backed", procedures_backed, "--procedures-total", procedures_total,
                         "обеспечено")
    from ..templates import active

    engine = make_engine(templates) if templates is not None or fmt is Format.docx else None
    organization, catalogue, store, day = open_registry(org, db, today)
    try:
        # The indicators and the publication deadline are data found along the template search path
        # (registry/*.yaml), --templates first, as the справка's template.
        with active(lambda: engine.template_path) if engine is not None else nullcontext():
            # The command line overrides the counts stated in the profile.
            result = read(store, catalogue, organization, day, teachers or organization.teachers, procedures)
    finally:
        store.close()
    if fmt is Format.json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    if fmt is Format.docx:
        from ..fileio import atomic_write_bytes
        from ..registry.report import build_report, report_file_name

        path = out / report_file_name(organization.short_name)
        atomic_write_bytes(path, build_report(engine, result, organization.profile, day))
        typer.echo(str(path))
        return
    _print_tables(result)


def _counts(done_name: str, done: int | None, total_name: str, total: int | None, what: str) -> tuple[int, int] | None:
    """A (done, total) pair given on the command line: both or neither, 0 ≤ done ≤ total, total > 0."""
    from ..errors import InputError

    if (done is None) != (total is None):
        raise InputError(f"укажите оба параметра: {done_name} и {total_name}")
    if total is None:
        return None
    if total <= 0 or done < 0 or done > total:
        raise InputError(f"{done_name} {done} и {total_name} {total}: ожидается 0 ≤ {what} ≤ всего и всего > 0")
    return done, total


def _district(paths: list[Path] | None, fmt: Format, db: str | None, today: str | None, authority: Path | None,
              out: Path, templates: Path | None) -> None:
    """The district view, from one store or (--db pointing at a folder) from a folder of stores."""
    import datetime as dt
    from ..registry.catalogue import default_catalogue
    from ..errors import InputError
    from ..registry.district import (NO_ORGANISATIONS, district_coverage, district_coverage_from_folder, load_orgs,
                                     stored_orgs)
    from ..registry.service import load_org, parse_day
    from ..registry.store import Store, resolve_url
    from ..settings import database

    orgs = load_orgs(paths) if paths else None
    head = load_org(authority) if authority is not None else None
    day = parse_day(today, "--today") if today else dt.date.today()
    catalogue = default_catalogue()
    location = database(db)
    if "://" not in location and Path(location).is_dir():
        if orgs is None:
            raise InputError("для папки баз данных перечислите профили организаций района (или папки с ними)",
                             file=location)
        result = district_coverage_from_folder(Path(location), catalogue, orgs, day)
    else:
        url = resolve_url(db)
        if orgs is None and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
            raise InputError(NO_ORGANISATIONS, file=url[len("sqlite:///"):])  # and no store made for nothing
        store = Store(url)
        try:
            result = district_coverage(store, catalogue, orgs if orgs is not None else stored_orgs(store), day)
        finally:
            store.close()
    if fmt is Format.json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    if fmt is Format.docx:
        from ..fileio import atomic_write_bytes
        from ..registry.report import build_district_report, report_file_name

        path = out / report_file_name(f"сводка по району, {head.short_name}")
        atomic_write_bytes(path, build_district_report(make_engine(templates), result, head.profile, day))
        typer.echo(str(path))
        return
    table = new_table("Рейтинг организаций по доле утверждённых обязательных ЛНА ВСОКО")
    table.add_column("Место", justify="right")
    text_column(table, "Организация")
    table.add_column("Утверждено / обязательных", justify="right")
    table.add_column("Доля", justify="right")
    for e in result.entries:
        c = e.coverage.required
        table.add_row(str(e.place), e.coverage.organization, f"{c.done} / {c.total}", c.text)
    out = console()
    out.print(table)
    out.print(f"По району: утверждено и действует {result.approved} из {result.required} обязательных актов — "
              f"[bold]{result.share_text}[/]")


def _print_tables(result) -> None:
    from ..registry import lifecycle as lc
    from ..registry.catalogue import CLASS_LABELS, LEVEL_LABELS

    out = console()
    out.print(f"[bold]{result.organization}[/]: утверждено и действует {result.required.done} из "
              f"{result.required.total} обязательных актов — [bold]{result.required.text}[/]")
    summary = new_table("Показатели")
    text_column(summary, "Показатель")
    summary.add_column("Выполнено", justify="right")
    summary.add_column("Всего", justify="right")
    summary.add_column("Доля", justify="right")
    rows = [("Обязательные ЛНА утверждены и действуют", result.required)]
    if result.published is not None:
        rows.append(("Обязательные ЛНА в действующей редакции размещены на сайте", result.published))
    if result.acquainted is not None:
        rows.append(("Подписи работников об ознакомлении с обязательными ЛНА", result.acquainted))
    rows += [("Рекомендуемые ЛНА утверждены и действуют", result.recommended),
            ("Проекты ЛНА, вынесенные на обсуждение", result.discussion)]
    rows += [(f"  по уровню требования: {LEVEL_LABELS[k]}", p) for k, p in result.by_level.items()]
    rows += [(f"  обязательные, {CLASS_LABELS[k]}", p) for k, p in result.by_class.items()]
    if result.teachers:
        rows.append(("Педагоги, вовлечённые в ВСОКО", result.teachers))
    if result.procedures:
        rows.append(("Процедуры ВСОКО, обеспеченные инструментарием", result.procedures))
    for name, part in rows:
        summary.add_row(name, str(part.done), str(part.total), part.text)
    out.print(summary)
    if result.missing:
        table = new_table("Обязательные акты: нет или устарели")
        key_column(table, "Код", [s.act.id for s in result.missing])
        for name in ("Акт", "Статус", "Ответственный"):
            text_column(table, name)
        for s in result.missing:
            table.add_row(s.act.id, s.act.title, lc.label(s.status) + (f" ({s.reason})" if s.reason else ""),
                          s.responsible or "не назначен")
        out.print(table)
    else:
        out.print("Все обязательные акты утверждены и действуют.")
    if result.recommended_missing:
        out.print("Рекомендуемые акты, которых нет или которые устарели: "
                  + "; ".join(f"{s.act.title} ({lc.label(s.status)})" for s in result.recommended_missing))
    if result.procedures_without_instruments:
        out.print("Процедуры ВСОКО без инструментария: " + "; ".join(result.procedures_without_instruments))
    if result.not_applicable:
        out.print("Не относятся к уровням образования организации: " + "; ".join(a.title for a in result.not_applicable))
    if result.excluded:
        out.print("Не применяются в организации (не входят в расчёт долей): "
                  + "; ".join(f"{s.act.title} — {s.row.note if s.row and s.row.note else 'причина не указана'}"
                              for s in result.excluded))
    if result.late:
        table = new_table("Размещение на сайте с нарушением срока")
        key_column(table, "Код", [x.act_id for x in result.late])
        for name in ("Акт", "Приказ", "Срок размещения", "Размещён"):
            text_column(table, name)
        for x in result.late:
            table.add_row(x.act_id, x.title, f"№ {x.order_number} от {x.order_date:%d.%m.%Y}", f"{x.deadline:%d.%m.%Y}",
                          f"{x.published_on:%d.%m.%Y}" if x.published_on else "нет отметки")
        out.print(table)
    if result.indicators:
        _print_indicators(result)


def _print_indicators(result) -> None:
    from ..registry.indicators import previous

    table = new_table(f"Индикативные показатели: {result.period} учебный год против {previous(result.period)}")
    table.add_column("№", justify="right")
    text_column(table, "Показатель")
    table.add_column(previous(result.period), justify="right")
    table.add_column(result.period, justify="right")
    table.add_column("Изменение", justify="right")
    text_column(table, "Динамика")
    for r in result.indicators:
        table.add_row(str(r.number), f"{r.indicator.title} ({r.indicator.unit})", r.before.text if r.before else "нет данных",
                      r.now.text if r.now else "нет данных", r.change_text, r.word)
    console().print(table)
