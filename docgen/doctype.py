"""A document type: data plus a little code, offered by a plugin."""
from __future__ import annotations

import dataclasses
import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REFERENCE = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")


class Deferred:
    """A field given as the object itself or as a reference «package.module:name», imported on
    first use: a plugin offering many types then pays at start-up only for the one a command
    prints (their models and context code are most of a plugin's import time). The object is
    checked when it is there — at once, or on first use."""

    def __init__(self, check: Callable[[Any, "DocumentType"], str | None], *, optional: bool = False):
        self.check, self.optional = check, optional

    def __set_name__(self, owner, name: str) -> None:
        self.name, self.slot = name, f"_{name}"

    def __get__(self, obj, owner=None):
        if obj is None:  # the class's own attribute: the dataclass's default, if any
            if self.optional:
                return None
            raise AttributeError(self.name)
        value = obj.__dict__[self.slot]
        if isinstance(value, str):
            value = self._resolve(obj, value)
            obj.__dict__[self.slot] = value
        return value

    def __set__(self, obj, value) -> None:  # the dataclass's __init__ (object.__setattr__) comes here
        if isinstance(value, str):
            if not _REFERENCE.match(value):
                raise ValueError(f"тип «{obj.slug}»: {self.name} «{value}» — ожидается объект или ссылка "
                                 "вида «пакет.модуль:имя»")
        elif not (self.optional and value is None):
            self._checked(obj, value)
        obj.__dict__[self.slot] = value

    def given(self, obj):
        """The field as given: a reference stays a reference (copying a type imports nothing)."""
        return obj.__dict__[self.slot]

    def _checked(self, obj, value):
        problem = self.check(value, obj)
        if problem:
            raise ValueError(f"тип «{obj.slug}»: {self.name} {problem}")
        return value

    def _resolve(self, obj, reference: str):
        from .errors import PluginError

        module, _, name = reference.partition(":")
        try:
            value = importlib.import_module(module)
            for part in name.split("."):
                value = getattr(value, part)
            return self._checked(obj, value)
        except Exception as exc:  # noqa: BLE001 — whatever the plugin's module raises, it is the plugin's fault
            raise PluginError(obj.plugin or module.split(".")[0],
                              f"тип «{obj.slug}»: {self.name} «{reference}» не загружается: "
                              f"{type(exc).__name__}: {exc}") from None


def _model_problem(value, _obj) -> str | None:
    from pydantic import BaseModel

    if isinstance(value, type) and issubclass(value, BaseModel):
        return None
    return "должен быть моделью pydantic"


def _callable_problem(value, _obj) -> str | None:
    return None if callable(value) else "должен быть функцией"


@dataclass(frozen=True)
class DocumentType:
    """What the engine needs to turn a data file into a document.

    ``build_context`` receives the validated input model and returns the template's variables;
    the engine adds ``organization``, ``document`` and, for orders, ``date`` and ``number``.
    ``file_stem`` names the output file (without extension) from the input; when absent the
    engine uses the title, prefixed for orders with the number and date. ``input_model``,
    ``build_context``, ``file_stem`` and ``adoption`` may be given as references «package.module:name»,
    imported when the type is first used (see ``Deferred``).
    """

    slug: str
    title: str
    template: str
    input_model: Any = Deferred(_model_problem)  # type[BaseModel], or a reference to one
    build_context: Any = Deferred(_callable_problem)  # Callable[[BaseModel], dict[str, Any]], or a reference
    is_order: bool = False
    sample: Path | None = None
    description: str = ""
    file_stem: Any = Deferred(_callable_problem, optional=True)  # Callable[[BaseModel], str] | None, or a reference
    plugin: str = ""
    # Further sample data files `docgen demo` writes after ``sample``: a type whose documents differ
    # by their content (a local act per catalogue act) shows each.
    more_samples: tuple[Path, ...] = ()
    # The sample a web form starts from when ``sample`` takes part of its data from a file a form
    # cannot name (a plan file, docgen.plan): the same document with that part written inline.
    form_sample: Path | None = None
    # `docgen acts adopt`: the type's data file for an adoption — for a type that writes an act of
    # the catalogue, Callable[[ActAdoption], dict]; for the order approving acts (``approves_acts``),
    # Callable[[OrderAdoption], dict] (docgen.registry.adoption). None: the type takes no part.
    adoption: Any = Deferred(_callable_problem, optional=True)
    approves_acts: bool = False

    @property
    def samples(self) -> tuple[Path, ...]:
        """Every sample the demo writes: ``sample`` first, then ``more_samples``."""
        return ((self.sample,) if self.sample is not None else ()) + tuple(self.more_samples)

    def __post_init__(self) -> None:
        if not _SLUG.match(self.slug):
            raise ValueError(f"slug «{self.slug}»: ожидаются латинские строчные буквы, цифры и дефисы")
        if not self.template.endswith(".docx"):
            raise ValueError(f"тип «{self.slug}»: шаблон «{self.template}» должен быть файлом .docx")

    def with_plugin(self, plugin: str) -> "DocumentType":
        given = {f.name: _given(self, f.name) for f in dataclasses.fields(self) if f.init}
        return DocumentType(**{**given, "plugin": plugin})


def _given(document_type: DocumentType, name: str):
    field = type(document_type).__dict__.get(name)
    return field.given(document_type) if isinstance(field, Deferred) else getattr(document_type, name)
