"""The Typer application object and the one place where failures become messages and exit codes."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Callable, Optional, TypeVar

import typer

F = TypeVar("F", bound=Callable)

app = typer.Typer(
    name="docgen",
    help="docgen — приказы и локальные акты ВСОКО из шаблонов .docx.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain click help: typer's rich help costs ~150 ms of imports per start
    pretty_exceptions_enable=False,
)


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


_BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def printable(text: str) -> str:
    """A message safe for a terminal: control and bidi-override characters (which a bad value
    quoted from a data file may carry) shown as \\xNN / \\uNNNN instead of acting, and no
    Rich markup."""
    from rich.markup import escape

    def visible(ch: str) -> str:
        code = ord(ch)
        if ch in "\n\t":
            return ch
        if code < 0x20 or 0x7F <= code < 0xA0:
            return f"\\x{code:02x}"
        if code in _BIDI:
            return f"\\u{code:04x}"
        return ch

    return escape("".join(visible(ch) for ch in text))


def warn_plugin_problems(engine) -> None:
    """Broken plugins are named on every command, so a user never wonders where a type went."""
    problems = engine.plugins.collect_all()
    if problems:
        err = console(stderr=True)
        for problem in problems:
            err.print(f"[yellow]Внимание:[/] {printable(problem.message)} — плагин пропущен")


def reports_errors(func: F) -> F:
    """Turn a DocgenError into a Russian message on stderr and its exit code (2 by default)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ..errors import DocgenError

        try:
            return func(*args, **kwargs)
        except DocgenError as exc:
            # User text and file contents may hold «[…]» (TOML tables, list items) or escape codes.
            console(stderr=True).print(f"[bold red]Ошибка:[/] {printable(exc.message)}", markup=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def make_engine(templates: Path | None):
    from ..engine import Engine

    return Engine(templates_dir=templates)


TemplatesOption = Annotated[
    Optional[Path],
    typer.Option(
        "--templates",
        help="Папка с собственными шаблонами: в ней шаблоны ищутся первыми (или переменная DOCGEN_TEMPLATES).",
        file_okay=False,
    ),
]
