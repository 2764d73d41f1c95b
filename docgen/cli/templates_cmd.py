"""`docgen templates check|vars`: checking templates and listing what a template may use."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import TemplatesOption, app, console, make_engine, reports_errors, warn_plugin_problems

templates_app = typer.Typer(
    help="Шаблоны .docx: проверка разметки и переменных, список переменных типа документа.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


def _print_report(report, out) -> None:
    from rich.markup import escape

    head = f"[bold]{report.template.name}[/]"
    if report.document_type:
        head += f" (тип {report.document_type}; {report.template})"
    else:
        head += f" ({report.template})"
    out.print(head)
    for note in report.notes:
        out.print(f"  [dim]примечание: {escape(note)}[/]")
    for finding in report.findings:
        colour = "red" if finding.is_error else "yellow"
        out.print(f"  [{colour}]{finding.severity}[/]: {escape(finding.where)}: {escape(finding.message)}")
    if not report.findings:
        out.print("  [green]ошибок нет[/]")


@templates_app.command("check")
@reports_errors
def check_command(
    target: Annotated[Optional[str], typer.Argument(
        metavar="[ТИП|ФАЙЛ.docx]", help="Тип документа или файл шаблона; без аргумента — шаблоны всех типов.")] = None,
    doc_type: Annotated[Optional[str], typer.Option(
        "--type", "-t", help="Тип документа, чьи переменные проверять в указанном файле.")] = None,
    templates: TemplatesOption = None,
) -> None:
    """Проверить шаблоны: разметку Jinja, переменные, разорванные теги. Код выхода 1 — найдены ошибки."""
    from rich.markup import escape

    from ..errors import DocgenError
    from ..template_check import check_path, check_type

    engine = make_engine(templates)
    warn_plugin_problems(engine)
    out = console()
    if target is not None and (target.lower().endswith(".docx") or Path(target).exists()):
        reports = [check_path(engine, Path(target), doc_type)]
    elif target is not None:
        reports = [check_type(engine, engine.get_type(target))]
    else:
        reports, failed = [], 0
        for slug, dt in sorted(engine.document_types.items()):
            try:
                report = check_type(engine, dt)
            except DocgenError as exc:  # a missing or unreadable template is bad input: exit 2
                failed += 1
                out.print(f"[bold]{dt.template}[/] (тип {slug})")
                out.print(f"  [red]ошибка[/]: {escape(exc.message)}")
                continue
            reports.append(report)
            _print_report(report, out)
        _summary(reports, out)
        raise typer.Exit(2 if failed else 1 if any(r.errors for r in reports) else 0)
    for report in reports:
        _print_report(report, out)
    _summary(reports, out)
    if any(r.errors for r in reports):
        raise typer.Exit(1)


def _summary(reports, out) -> None:
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    out.print(f"Проверено шаблонов: {len(reports)}; ошибок: {errors}; предупреждений: {warnings}.")


@templates_app.command("vars")
@reports_errors
def vars_command(
    doc_type: Annotated[str, typer.Argument(metavar="ТИП", help="Тип документа (список — docgen types).")],
) -> None:
    """Показать переменные, которые тип документа передаёт шаблону, и доступные фильтры."""
    from rich.markup import escape
    from rich.table import Table

    from ..template_check import describe_filters, describe_variables

    engine = make_engine(None)
    warn_plugin_problems(engine)
    dt = engine.get_type(doc_type)
    rows, note = describe_variables(engine, dt)
    table = Table(title=f"Переменные шаблона {dt.template} (тип {dt.slug})", title_justify="left")
    table.add_column("Переменная", style="bold cyan", no_wrap=True)
    table.add_column("Тип")
    table.add_column("Описание")
    for row in rows:
        table.add_row(escape(row.name), escape(row.type), escape(row.description))
    out = console()
    out.print(table)
    if note:
        out.print(f"[dim]Примечание: {escape(note)}[/]")
    filters = Table(title="Фильтры", title_justify="left")
    filters.add_column("Фильтр", style="bold cyan", no_wrap=True)
    filters.add_column("Что делает")
    for name, text in describe_filters(engine):
        filters.add_row(name, text)
    out.print(filters)
