"""The Typer application object and what every command uses: the console, safe printing, the engine.

Failures become messages and exit codes in one place (docgen.cli.failures), help pages and usage
errors are Russian (docgen.cli.usage): both come with the command classes ``Docgen`` sets.
"""
from __future__ import annotations

from pathlib import Path

import typer

from .usage import OPTIONS_METAVAR, SUBCOMMAND_METAVAR, Command, Group


class Docgen(typer.Typer):
    """A Typer whose groups and commands speak Russian and report failures in one place."""

    def __init__(self, **kwargs):
        kwargs.setdefault("cls", Group)
        kwargs.setdefault("no_args_is_help", True)
        super().__init__(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False,
                         options_metavar=OPTIONS_METAVAR, subcommand_metavar=SUBCOMMAND_METAVAR, **kwargs)

    def command(self, name=None, **kwargs):
        kwargs.setdefault("cls", Command)
        return super().command(name, **kwargs)

    def add_typer(self, typer_instance, **kwargs):
        kwargs.setdefault("cls", Group)
        return super().add_typer(typer_instance, **kwargs)


# rich_markup_mode=None: plain click help — typer's rich help costs ~150 ms of imports per start.
app = Docgen(name="docgen", help="docgen — приказы и локальные акты ВСОКО из шаблонов .docx.")


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


WIDE = 120  # columns from which a table shows every field in its own column


def new_table(title: str):
    from rich.table import Table

    return Table(title=title, title_justify="left")


def key_column(table, name: str, values) -> None:
    """A column of values the user types next (a type slug, an act id): never wrapped or cut,
    at 80 columns or in a pipe; the other columns wrap around it."""
    table.add_column(name, style="bold cyan", no_wrap=True, min_width=max((len(v) for v in values), default=0))


def text_column(table, name: str, **kwargs) -> None:
    """A column of words (titles, statuses): wrapped at spaces, a too-long word folded, never cut."""
    table.add_column(name, overflow="fold", **kwargs)


_BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def visible(text: str) -> str:
    """Text safe for a terminal: control and bidi-override characters (which a bad value quoted
    from a data file may carry) shown as \\xNN / \\uNNNN instead of acting."""
    def shown(ch: str) -> str:
        code = ord(ch)
        if ch in "\n\t":
            return ch
        if code < 0x20 or 0x7F <= code < 0xA0:
            return f"\\x{code:02x}"
        if code in _BIDI:
            return f"\\u{code:04x}"
        return ch

    return "".join(shown(ch) for ch in text)


def printable(text: str) -> str:
    """``visible`` text with no Rich markup, for a Rich console."""
    from rich.markup import escape

    return escape(visible(text))


def say(text: str) -> None:
    """A plain line on stdout, made ``visible``: no Rich (its import alone is ~30 ms of a
    command that prints one line) and no markup read into a plugin's title."""
    import typer

    typer.echo(visible(text))


def warn_plugin_problems(engine) -> None:
    """Broken plugins are named on every command, so a user never wonders where a type went."""
    problems = engine.plugins.collect_all()
    if problems:
        err = console(stderr=True)
        for problem in problems:
            err.print(f"[yellow]Внимание:[/] {printable(problem.message)} — плагин пропущен")


def make_engine(templates: Path | None = None, *, warn: bool = True):
    from ..engine import Engine

    engine = Engine(templates_dir=templates)
    if warn:
        warn_plugin_problems(engine)
    return engine
