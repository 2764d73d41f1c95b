"""One small hierarchy so the CLI maps every user-facing failure to a message and an exit code in
one place, instead of try/except in each command."""
from __future__ import annotations

from pathlib import Path


class DocgenError(Exception):
    """A failure the user can fix; its text is Russian and is shown as is."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | Path | None = None) -> None:
        self.file = str(file) if file is not None else None
        super().__init__(message)

    @property
    def message(self) -> str:
        text = str(self)
        return f"{self.file}: {text}" if self.file else text


class InputError(DocgenError):
    """A data file or organisation profile that cannot be read or does not validate."""

    def __init__(self, message: str, *, file: str | Path | None = None, problems: list[str] | None = None):
        self.problems = problems or []
        super().__init__(message, file=file)

    @property
    def message(self) -> str:
        head = super().message
        return "\n".join([head, *(f"  • {p}" for p in self.problems)])


class FieldError(ValueError):
    """Raised by an input model's validator to blame one field, not the whole record.

    A check across fields runs where both fields are known (a model validator), and pydantic
    would report it at that model — «(весь файл)» for the top level. ``path`` says which field
    is wrong, relative to the model (or field) whose validator raises: a field name, or a tuple
    of names and list indexes counted from 0 as in Python, e.g. ``("tasks", 2, "deadline")``;
    the message shows it as «tasks[3].deadline», the way a clerk counts."""

    def __init__(self, path: str | int | tuple[str | int, ...], message: str) -> None:
        self.path: tuple[str | int, ...] = path if isinstance(path, tuple) else (path,)
        super().__init__(message)


class UnknownDocumentType(DocgenError):
    """Raised with the list of known slugs so the user sees what to type instead."""


class TemplateError(DocgenError):
    """A template that is missing, not a .docx, syntactically broken or hostile."""


class PluginError(DocgenError):
    """A plugin that could not be loaded or whose hook failed; reported, then skipped."""

    def __init__(self, plugin: str, message: str):
        self.plugin = plugin
        super().__init__(f"плагин «{plugin}»: {message}")


class OutputError(DocgenError):
    """The output folder cannot be written."""
