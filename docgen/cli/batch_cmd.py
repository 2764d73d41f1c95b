"""`docgen batch`: one document type for many schools, in parallel, with a summary at the end."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import app, console, make_engine, new_table


@app.command("batch")
def batch_command(
    doc_type: opt.DocType,
    data: Annotated[list[Path], typer.Option(
        "--data", "-d", metavar="ПУТЬ",
        help="Файл данных, папка с файлами данных или список школ района (.yaml); можно несколько.")],
    out: opt.OutFolder = Path("out"),
    templates: opt.Templates = None,
    db: opt.Db = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="ЧИСЛО", help="Число параллельных процессов "
                                                "(по умолчанию — по числу ядер).")] = None,
    zip_file: Annotated[Optional[Path], typer.Option("--zip", metavar="ФАЙЛ",
                                                     help="Собрать готовые документы в архив .zip.")] = None,
    new_number: opt.NewNumber = False,
    pdf: opt.Pdf = False,
) -> None:
    """Сформировать документы одного типа для многих школ параллельно; итоговая таблица в конце.

    Ctrl+C останавливает пакет: новые документы не начинаются, начатые дописываются; повторный
    запуск той же команды доделает остальное."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .. import batch
    from ..errors import InputError
    from ..registry.store import resolve_url

    if jobs is not None and not 1 <= jobs <= batch.MAX_WORKERS:
        raise InputError(f"параметр --jobs: {jobs} — ожидается целое число от 1 до {batch.MAX_WORKERS}")
    if zip_file is not None and zip_file.suffix.lower() != ".zip":
        raise InputError("параметр --zip: ожидается файл с расширением .zip", file=zip_file)
    engine = make_engine(templates)
    engine.get_type(doc_type)  # an unknown type: exit 2 before anything starts
    from ..fileio import check_writable_folder

    check_writable_folder(out)
    if pdf:
        from ..pdf import find_soffice

        find_soffice()
    work = batch.collect(data)
    if db is not None:
        resolve_url(db)  # a bad --db: exit 2 before any school starts
    options = batch.Options(doc_type, out, db, templates, new_number)
    workers = jobs or batch.default_workers()

    err = console(stderr=True)
    # Redrawn as documents come (at most ten times a second), not by Rich's timer thread: the workers
    # are forked from this process, and a fork must not copy a lock held by another thread (see
    # docgen.workers).
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=False, auto_refresh=False) as progress:
        task = progress.add_task("Формирование документов", total=len(work))
        drawn = [0.0]

        def done(_outcome) -> None:
            progress.advance(task)
            if time.monotonic() - drawn[0] >= 0.1:
                drawn[0] = time.monotonic()
                progress.refresh()

        ran = batch.run(work, options, workers=workers, on_done=done,
                        on_stop=lambda signum: progress.console.print(_STOPPING.format(signal=_signal_name(signum))))

    outcomes = [o for o in ran.outcomes if o is not None]
    _summary(outcomes, out)
    written = [o.path for o in outcomes if o.ok and o.path is not None]
    failed = [o for o in outcomes if not o.ok]
    if ran.stopped_by is not None:
        _report_failed(err, failed, len(outcomes))
        err.print(_STOPPED.format(signal=_signal_name(ran.stopped_by), written=len(written), total=len(work),
                                  left=len(work) - len(outcomes)), highlight=False)
        raise typer.Exit(128 + ran.stopped_by)
    extra: list[Path] = []
    if pdf and written:
        from ..pdf import copies

        extra = copies(written)  # a failure now: the documents stay written and recorded, exit 1
        console().print(f"PDF: {len(extra)}")
    if zip_file is not None and written:
        batch.bundle(written + extra, out, zip_file)
        console().print(f"Архив: {zip_file}")
    if failed:
        _report_failed(err, failed, len(outcomes))
        raise typer.Exit(1)


_STOPPING = ("[yellow]Остановка ({signal}):[/] новые документы не начинаются, начатые дописываются. "
             "Ещё раз — прервать и их.")
_STOPPED = ("[bold yellow]Остановлено ({signal}):[/] сформировано документов — {written} из {total}, "
            "не начато — {left}; архив и PDF не создавались. Чтобы закончить, запустите ту же команду ещё раз: "
            "сформированные документы сохранят свои номера.")


def _signal_name(signum: int) -> str:
    import signal

    return "Ctrl+C" if signum == signal.SIGINT else signal.Signals(signum).name


def _report_failed(err, failed, total: int) -> None:
    if not failed:
        return
    from rich.markup import escape

    err.print(f"[bold red]Не сформировано: {len(failed)} из {total}[/]")
    for outcome in failed:
        text = outcome.error if str(outcome.job.data) in outcome.error else f"{outcome.job.data}: {outcome.error}"
        err.print(f"[red]•[/] {escape(text)}", highlight=False)


DETAIL_LIMIT = 50  # up to this many documents the summary names each; a district's thousands, each school


def _summary(outcomes, out: Path) -> None:
    if len(outcomes) <= DETAIL_LIMIT:
        _each_document(outcomes, out)
    else:
        _each_school(outcomes, out)


def _each_document(outcomes, out: Path) -> None:
    table = new_table(f"Документы в папке {out}")
    table.add_column("Школа / файл данных", overflow="fold")
    table.add_column("Документ", overflow="fold")
    table.add_column("№", no_wrap=True)
    table.add_column("Статус", no_wrap=True)
    for o in outcomes:
        who = " / ".join(x for x in (o.organization or o.job.label, o.job.data.name) if x)
        if o.ok:
            table.add_row(who, o.path.name if o.path else "", o.number or "", "[green]сформирован[/]")
        else:
            table.add_row(who, "", "", "[red]ошибка[/]")
    console().print(table)


def _each_school(outcomes, out: Path) -> None:
    """A row per school: how many documents, in which folder, the numbers from first to last, how
    many failed; each document and its number stays in the journal (`docgen journal`)."""
    from rich.markup import escape

    from ..fileio import safe_file_stem

    schools: dict[str, dict] = {}
    for o in outcomes:
        school = schools.setdefault(o.organization or o.job.label or "—", {"written": 0, "failed": 0, "numbers": {},
                                                                         "folders": set()})
        if o.ok:
            school["written"] += 1
            if o.number:
                school["numbers"].setdefault(o.year, []).append(o.number)
            if o.path is not None:
                school["folders"].add(o.path.parent.name)
        else:
            school["failed"] += 1
    table = new_table(f"Документы в папке {out}: {sum(s['written'] for s in schools.values())} "
                      f"из {len(outcomes)}")
    table.add_column("Школа (папка, если другая)", overflow="fold")
    table.add_column("Сформировано", justify="right", no_wrap=True)
    table.add_column("Номера", no_wrap=True)
    table.add_column("Ошибок", justify="right", no_wrap=True)
    for name, school in schools.items():
        shown = "\n".join(_numbers(year, numbers, len(school["numbers"]) > 1)
                           for year, numbers in sorted(school["numbers"].items(), key=lambda item: item[0] or 0))
        failed = f"[red]{school['failed']}[/]" if school["failed"] else "0"
        other = sorted(school["folders"] - {safe_file_stem(name)})
        who = name + "".join(f"\n(папка «{folder}»)" for folder in other)
        table.add_row(escape(who), str(school["written"]), escape(shown), failed)
    console().print(table)
    console().print("Номер и файл каждого документа — в журнале приказов: docgen journal", highlight=False)


def _numbers(year: int | None, numbers: list[str], several_years: bool) -> str:
    """«1-од … 18-од» (each number when there are three or fewer), after the year when the
    school's documents span several: numbers restart each year."""
    numbers = sorted(numbers, key=_number_order)
    shown = ", ".join(numbers) if len(numbers) <= 3 else f"{numbers[0]} … {numbers[-1]}"
    return f"{year} г.: {shown}" if several_years and year else shown


def _number_order(number: str) -> tuple:
    """«9-од» before «10-од»: the digits as a number, the rest as text."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", number))
