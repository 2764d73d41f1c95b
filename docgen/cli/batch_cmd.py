"""`docgen batch`: one document type for many schools, in parallel, with a summary at the end."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import app, console, make_engine
from .batch_summary import Tally


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
        tally = Tally(keep_paths=pdf or zip_file is not None)

        def done(outcome) -> None:
            tally.add(outcome)
            progress.advance(task)
            if time.monotonic() - drawn[0] >= 0.1:
                drawn[0] = time.monotonic()
                progress.refresh()

        ran = batch.run(work, options, workers=workers, on_done=done, keep=False,
                        on_stop=lambda signum: progress.console.print(_STOPPING.format(signal=_signal_name(signum))))

    tally.print(out)
    written = tally.paths
    if ran.stopped_by is not None:
        _report_failed(err, tally.failed, tally.done)
        err.print(_STOPPED.format(signal=_signal_name(ran.stopped_by), written=tally.written, total=len(work),
                                  left=len(work) - tally.done), highlight=False)
        raise typer.Exit(128 + ran.stopped_by)
    extra: list[Path] = []
    if pdf and written:
        from ..pdf import copies

        # A failure now: the documents stay written and recorded, exit 1; layout defects are warnings.
        extra = copies(written, warn=lambda m: typer.echo(f"Внимание: {m}", err=True))
        console().print(f"PDF: {len(extra)}")
    if zip_file is not None and written:
        batch.bundle(written + extra, out, zip_file)
        console().print(f"Архив: {zip_file}")
    if tally.failed:
        _report_failed(err, tally.failed, tally.done)
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
