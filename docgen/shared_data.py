"""Data files several documents share, declared by the plugin that owns their model.

A district competition's data is entered once, in ``competition.yaml``, and the Положение, three
orders and the expert matrix — documents of two plugins — name that file. The plugin that owns the
model offers it under a name (``docgen_register_data_models``); any other plugin asks for it by
that name (``data_model("competition")``), never by importing the owner's modules, so a district
plugin can read the same file and the owner stays free to move its code.
"""
from __future__ import annotations

import contextlib
import contextvars
import importlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .errors import DocgenError, FieldError, PluginError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .plugins import Plugins

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_REFERENCE = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")


@dataclass(frozen=True)
class DataModel:
    """A shared data file's model under its name.

    ``name`` is also the field through which a document names the file (``competition:
    competition.yaml``); ``title`` is what the file is of, in the genitive, for messages («файл
    конкурса», «ожидается имя файла данных конкурса»); ``model`` is the pydantic model or a
    reference «package.module:Name», imported on first use so that start-up does not pay for it.
    """

    name: str
    model: Any
    title: str
    plugin: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise ValueError(f"имя общих данных «{self.name}» — ожидаются строчные латинские буквы, цифры и «_», "
                             "например competition")
        if not isinstance(self.title, str) or not self.title.strip():
            raise ValueError(f"общие данные «{self.name}»: title — что это за файл, в родительном падеже, "
                             "например «конкурса»")
        if isinstance(self.model, str):
            if not _REFERENCE.match(self.model):
                raise ValueError(f"общие данные «{self.name}»: model «{self.model}» — ожидается модель pydantic или "
                                 "ссылка вида «пакет.модуль:имя»")
        else:
            _check_model(self.name, self.model)

    @property
    def example(self) -> str:
        return f"{self.name}.yaml"

    def resolve(self) -> type[BaseModel]:
        """The model class, imported now if it was given as a reference."""
        if not isinstance(self.model, str):
            return self.model
        module, _, attr = self.model.partition(":")
        try:
            value = importlib.import_module(module)
            for part in attr.split("."):
                value = getattr(value, part)
            _check_model(self.name, value)
        except Exception as exc:  # noqa: BLE001 — whatever the plugin's module raises, it is the plugin's fault
            raise PluginError(self.plugin or module.split(".")[0],
                              f"общие данные «{self.name}»: модель «{self.model}» не загружается: "
                              f"{type(exc).__name__}: {exc}") from None
        object.__setattr__(self, "model", value)
        return value


def _check_model(name: str, value: Any) -> None:
    from pydantic import BaseModel

    if not (isinstance(value, type) and issubclass(value, BaseModel)):
        raise ValueError(f"общие данные «{name}»: model должен быть моделью pydantic")


class UnknownDataModel(DocgenError):
    """A document asks for shared data that no installed plugin declares."""


_ACTIVE: contextvars.ContextVar[Callable[[], Plugins] | None] = contextvars.ContextVar("docgen_shared_data",
                                                                                      default=None)


@contextlib.contextmanager
def active(plugins: Callable[[], Plugins]) -> Iterator[None]:
    """Inside the block ``data_model`` asks the plugins of the engine loading a document now."""
    token = _ACTIVE.set(plugins)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def _declared() -> dict[str, DataModel]:
    given = _ACTIVE.get()
    if given is not None:
        return given().data_models
    from .plugins import load_plugins

    return load_plugins().data_models


def data_model(name: str) -> type[BaseModel]:
    """The model of the shared data file ``name`` (``data_model("competition")``), as the plugin
    that declares it offers it; refused in Russian when no installed plugin declares it."""
    return _offer(name).resolve()


def _offer(name: str) -> DataModel:
    declared = _declared()
    offer = declared.get(name)
    if offer is None:
        known = ", ".join(sorted(declared)) or "нет ни одних"
        raise UnknownDataModel(f"общие данные «{name}» не объявляет ни один установленный плагин (объявлены: {known}); "
                               "установите или включите плагин, который их объявляет (список — docgen plugins)")
    return offer


def read_shared(data: Any, field: str, context: dict[str, Any] | None, *, model: str | None = None,
                provides: Iterable[str] = (), document: str) -> BaseModel | None:
    """The shared data file a document's ``field`` names, validated by its declared model — for a
    ``model_validator(mode="before")`` that fills the document's own fields from it.

    ``model`` is the shared data's name when it differs from the field's. None when the field is absent. Every problem is a ``FieldError`` of the naming document: the
    field is not a file name, the file is missing or invalid (its own fields named), no plugin
    declares the data, or the document also lists a field the file provides (``provides``) —
    written twice, the two would drift apart. ``document`` is the document in the genitive, for
    «удалите его из данных положения»."""
    if not isinstance(data, dict) or data.get(field) is None:
        return None
    from pydantic_core import PydanticCustomError

    from .loading import load_reference

    try:
        offer = _offer(model or field)
        cls = offer.resolve()
    except DocgenError as exc:
        raise FieldError(field, str(exc)) from None
    value = data[field]
    if not isinstance(value, str):
        raise FieldError(field, f"ожидается имя файла данных {offer.title}, например {offer.example}")
    try:
        loaded = load_reference(cls, value, context, what=f"файл {offer.title}")
    except PydanticCustomError as exc:
        raise FieldError(field, str(exc)) from None
    for name in provides:
        if name in data:
            raise FieldError(name, f"указан файл {offer.title} ({field}): это поле берётся из него — удалите его "
                                   f"из данных {document}")
    return loaded
