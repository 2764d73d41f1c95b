"""The frame of every help page and every usage error, in Russian.

typer's bundled click writes «Usage:», «Options:», «[required]», «Error: Missing option …» in
English and offers no catalogue to translate them (its few gettext strings follow the machine's
locale, not docgen's language). So docgen's commands and groups are the subclasses below: they
write the help page themselves — Russian headings and metavars, no ``<list[Path]>`` — and a
usage error is retold from its structured fields (the parameter, the option's name, the
pydantic error behind a bad value), not by translating click's sentence.
"""
from __future__ import annotations

import re
from difflib import get_close_matches
from enum import Enum
from pathlib import Path
from typing import get_args, get_origin

from typer.core import TyperCommand, TyperGroup

try:  # typer ≥ 0.2x bundles its own click
    from typer import _click as click
except ImportError:  # pragma: no cover — typer with click as a dependency
    import click  # type: ignore[no-redef]

OPTIONS_METAVAR = "[ПАРАМЕТРЫ]"
SUBCOMMAND_METAVAR = "КОМАНДА [АРГУМЕНТЫ]..."
USAGE_PREFIX = "Использование: "
HELP_OPTION_TEXT = "Показать эту справку и выйти."
_TYPE_METAVARS = {int: "ЧИСЛО", float: "ЧИСЛО", str: "ТЕКСТ", Path: "ПУТЬ"}


# -- help pages ----------------------------------------------------------------------------------

def _annotation(param):
    desc = getattr(param, "type_descriptor", None)
    annotation = getattr(desc, "annotation", None)
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    return desc, annotation


def _choices(param) -> list[str] | None:
    desc, _ = _annotation(param)
    choices = getattr(desc, "choices", None) if desc is not None else None
    return [str(c.value if isinstance(c, Enum) else c) for c in choices] if choices else None


def metavar(param) -> str:
    """What stands for the value: the command's own metavar, the choices, or a Russian word."""
    if param.metavar:
        return param.metavar
    choices = _choices(param)
    if choices:
        return "|".join(choices)
    _, annotation = _annotation(param)
    for kind, word in _TYPE_METAVARS.items():
        if isinstance(annotation, type) and issubclass(annotation, kind):
            return word
    return (param.name or "").upper()


def _is_option(param) -> bool:
    return param.param_type_name == "option"


def _default_text(param, ctx) -> str | None:
    if param.required or not getattr(param, "show_default", True):
        return None
    value = param.get_default(ctx, call=False)
    if value is None or value is False or value in ((), []) or callable(value):
        return None
    if isinstance(value, Enum):
        value = value.value
    return str(value)


def help_record(param, ctx) -> tuple[str, str] | None:
    if getattr(param, "hidden", False):
        return None
    if _is_option(param):
        names = ", ".join(sorted(param.opts, key=lambda o: (len(o) - len(o.lstrip("-")), o)))
        if not param.is_flag:
            names += " " + metavar(param)
    else:
        names = metavar(param) + ("..." if param.nargs != 1 else "")
    text = HELP_OPTION_TEXT if param is ctx.command.get_help_option(ctx) else (param.help or "")
    extra = []
    default = _default_text(param, ctx)
    if default:
        extra.append(f"по умолчанию: {default}")
    if param.required:
        extra.append("обязательный")
    if extra:
        text = f"{text}  [{'; '.join(extra)}]".strip()
    return names, text


def usage_piece(param) -> str:
    name = metavar(param)
    piece = name if param.required else f"[{name}]"
    return piece + ("..." if param.nargs != 1 else "")


class RussianHelp:
    """Usage line, argument and option lists, written in Russian (mixed into Command and Group)."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [usage_piece(p) for p in self.get_params(ctx) if not _is_option(p)]
        return pieces

    def format_options(self, ctx, formatter) -> None:
        params = self.get_params(ctx)
        for heading, wanted in (("Аргументы", False), ("Параметры", True)):
            rows = [r for p in params if _is_option(p) == wanted and (r := help_record(p, ctx))]
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


class Command(RussianHelp, TyperCommand):
    pass


class Group(RussianHelp, TyperGroup):
    """A group of commands; the root one is also where every failure becomes a message (see failures)."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]

    def list_commands(self, ctx) -> list[str]:
        return sorted(self.commands)

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        commands = [(n, c) for n in self.list_commands(ctx) if (c := self.get_command(ctx, n)) and not c.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(n) for n, _ in commands)
            rows = [(name, cmd.get_short_help_str(limit)) for name, cmd in commands]
            with formatter.section("Команды"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx, args):
        name = args[0]
        cmd = self.get_command(ctx, name)
        if cmd is None and not ctx.resilient_parsing:
            if name.startswith("-"):
                self.parse_args(ctx, args)  # an unknown option: click names it
            close = get_close_matches(name, list(self.commands))
            hint = f"; может быть, {' или '.join(close)}?" if close else f"; команды: {', '.join(self.list_commands(ctx))}"
            raise click.exceptions.UsageError(f"нет команды «{name}»{hint}", ctx)
        return (name if cmd else None), cmd, args[1:]

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from .failures import run

        return run(lambda: super(Group, self).main(args, prog_name, complete_var, standalone_mode=False, **extra),
                   standalone_mode)


# -- usage errors --------------------------------------------------------------------------------

def _param_name(param) -> str:
    if _is_option(param):
        long_first = sorted(param.opts, key=lambda o: -len(o))
        return " (".join(long_first[:2]) + (")" if len(long_first) > 1 else "")
    return metavar(param)


def _bad_value(exc) -> str:
    """Why a value was refused: the pydantic error typer wraps, or the choices, in Russian."""
    param = exc.param
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    given = f"; указано: «{errors[0]['input']}»" if errors and "input" in errors[0] else ""
    choices = _choices(param) if param is not None else None
    if choices:
        return f"ожидается одно из значений: {', '.join(choices)}{given}"
    kind = errors[0]["type"] if errors else ""
    if kind.startswith("int"):
        return f"ожидается целое число{given}"
    if kind.startswith(("float", "decimal")):
        return f"ожидается число{given}"
    return f"значение не подходит{given}"


def describe(exc) -> str:
    """A usage error in Russian, from its kind and fields; never click's English sentence."""
    ex = click.exceptions
    if isinstance(exc, ex.MissingParameter):
        param = exc.param
        if param is None:
            return "не указан обязательный параметр"
        what = "параметр" if _is_option(param) else "аргумент"
        text = f"не указан обязательный {what} {_param_name(param)}"
        return text + (f" — {param.help}" if param.help else "")
    if isinstance(exc, ex.NoSuchOption):
        text = f"нет параметра {exc.option_name}"
        if exc.possibilities:
            text += f"; может быть, {' или '.join(sorted(exc.possibilities))}?"
        return text
    if isinstance(exc, ex.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"параметр {exc.option_name} не принимает значения"
        return f"после параметра {exc.option_name} нужно указать значение"
    if isinstance(exc, ex.BadParameter):
        where = f" {_param_name(exc.param)}" if exc.param is not None else ""
        return f"неверное значение{where}: {_bad_value(exc)}"
    if isinstance(exc, ex.UsageError):
        message = exc.message or ""
        if message.startswith("Got unexpected extra argument"):
            extra = re.search(r"\(([^()]*)\)\s*$", message)
            return f"лишние аргументы: {extra.group(1)}" if extra else "лишние аргументы"
        if message.startswith("Missing command"):
            return "не указана команда"
        if not message.isascii():
            return message  # docgen's own (Russian) message
        return "команда вызвана неправильно"
    if isinstance(exc, ex.FileError):
        return f"не удаётся открыть файл «{exc.ui_filename}»"
    message = exc.format_message()
    return message if not message.isascii() else "команда вызвана неправильно"


def usage_and_hint(exc) -> str:
    """The usage line and where to read more, above a usage error's message."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return ""
    hint = ""
    if ctx.command.get_help_option(ctx) is not None:
        hint = f"Подробнее: {ctx.command_path} {ctx.help_option_names[0]}\n"
    return f"{ctx.get_usage()}\n{hint}\n"
