"""`docgen templates copy|check|vars`: a template to edit in Word, checking templates, listing what a template may use."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import Docgen, app, console, key_column, make_engine, new_table, printable, text_column

templates_app = Docgen(help="Шаблоны .docx: копия для правки в Word, проверка разметки и переменных, "
                            "список переменных типа документа.")
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
def check_command(
    target: Annotated[Optional[str], typer.Argument(
        metavar="ТИП|ФАЙЛ.docx", help="Тип документа или файл шаблона; без аргумента — шаблоны всех типов.")] = None,
    doc_type: Annotated[Optional[str], typer.Option(
        "--type", "-t", metavar="ТИП", help="Тип документа, чьи переменные проверять в указанном файле.")] = None,
    templates: opt.Templates = None,
) -> None:
    """Проверить шаблоны: разметку Jinja, переменные, разорванные теги. Код выхода 1 — найдены ошибки."""
    from rich.markup import escape

    from ..errors import DocgenError
    from ..template_check import check_path, check_type

    engine = make_engine(templates)
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
def vars_command(
    doc_type: opt.DocType,
) -> None:
    """Показать переменные, которые тип документа передаёт шаблону, и доступные фильтры."""
    from rich.markup import escape
    from ..template_check import describe_filters, describe_variables

    engine = make_engine()
    dt = engine.get_type(doc_type)
    rows, note = describe_variables(engine, dt)
    table = new_table(f"Переменные шаблона {dt.template} (тип {dt.slug})")
    key_column(table, "Переменная", [escape(row.name) for row in rows])
    text_column(table, "Тип")
    text_column(table, "Описание")
    for row in rows:
        table.add_row(escape(row.name), escape(row.type), escape(row.description))
    out = console()
    out.print(table)
    if note:
        out.print(f"[dim]Примечание: {escape(note)}[/]")
    filters = new_table("Фильтры")
    described = describe_filters(engine)
    key_column(filters, "Фильтр", [name for name, _ in described])
    text_column(filters, "Что делает")
    for name, text in described:
        filters.add_row(name, text)
    out.print(filters)


@templates_app.command("copy")
def copy_command(
    target: Annotated[str, typer.Argument(
        metavar="ТИП|ШАБЛОН.docx", help="Тип документа (список — docgen types) или имя файла шаблона.")],
    to: Annotated[Optional[Path], typer.Option(
        "--to", metavar="ПАПКА", help="Куда положить копию (по умолчанию — ваша папка шаблонов из настроек, "
                                      "иначе текущая папка); папка создаётся, если её нет.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Заменить файл, если он уже есть в папке.")] = False,
    templates: opt.Templates = None,
) -> None:
    """Скопировать шаблон, по которому сейчас печатается документ, чтобы изменить его в Word."""
    from ..fileio import atomic_write_bytes
    from ..settings import load_settings
    from ..templates import locate_template

    engine = make_engine(templates)
    found, name = locate_template(engine, target, templates)
    folder = to or load_settings(templates=templates).templates or Path.cwd()
    destination = Path(folder) / name
    _refuse_to_overwrite(found.path, destination, force)
    atomic_write_bytes(destination, found.path.read_bytes())
    slug = target if not target.lower().endswith(".docx") else None
    lines = [f"Шаблон «{name}» ({found.label}) скопирован: {destination}",
             "Дальше: откройте его в Word, измените текст (теги {{ … }} и {% … %} оставьте), затем",
             f"  docgen templates check {slug or destination} --templates {folder}"]
    if slug:
        lines.append(f"  docgen generate {slug} --templates {folder} --data ДАННЫЕ.yaml")
    out = console()
    for line in lines:
        out.print(printable(line))


def _refuse_to_overwrite(source: Path, destination: Path, force: bool) -> None:
    from ..errors import OutputError

    if destination.exists() and destination.resolve() == source.resolve():
        raise OutputError(f"шаблон «{destination}» уже в этой папке — по нему и печатаются документы; "
                          "копировать его в себя незачем")
    if destination.exists() and not force:
        raise OutputError(f"файл «{destination}» уже есть; чтобы заменить его, добавьте --force "
                          "(ваши правки в нём пропадут)")
