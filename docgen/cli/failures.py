"""The one place where a failure becomes a Russian message and an exit code.

Every command runs inside ``run`` (the root group's ``main``), so a command only raises:

| failure | exit code |
|---|---|
| ``DocgenError`` (bad input, template, plugin, output) | its ``exit_code``, 2 by default |
| a usage error: missing or unknown option, bad value, unknown command | 2 |
| an operating-system error (no permission, disk full) | 2 |
| Ctrl+C | 130 |
"""
from __future__ import annotations

import sys
from typing import Any, Callable

from typer import Abort

from .usage import click, describe, usage_and_hint


def _error(text: str) -> None:
    from ._app import console, printable

    console(stderr=True).print(f"[bold red]Ошибка:[/] {printable(text)}")


def report(exc: BaseException) -> int:
    """Print ``exc`` for the user; return the exit code. Anything unknown is re-raised: a bug
    must show its traceback, not hide behind a polite sentence."""
    from ..errors import DocgenError

    if isinstance(exc, DocgenError):
        _error(exc.message)
        return exc.exit_code
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        print(exc.format_message(), file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, click.exceptions.ClickException):
        head = usage_and_hint(exc) if isinstance(exc, click.exceptions.UsageError) else ""
        if head:
            sys.stderr.write(head)
        _error(describe(exc))
        return exc.exit_code
    if isinstance(exc, Abort):  # click's word for Ctrl+C (and for end of input at a prompt)
        print("Прервано.", file=sys.stderr)
        return 130 if isinstance(exc.__cause__, KeyboardInterrupt) else 1
    if isinstance(exc, OSError):
        from ..fileio import describe_os_error

        where = f"«{exc.filename}»: " if exc.filename else ""
        _error(f"{where}{describe_os_error(exc)}")
        return 2
    raise exc


def run(main: Callable[[], Any], standalone_mode: bool) -> Any:
    """Run click's main without its own error display; show failures in Russian instead."""
    try:
        result = main()
        code = result if isinstance(result, int) else 0
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 — report() re-raises what it does not know
        code = report(exc)
    if standalone_mode:
        sys.exit(code)
    return code
