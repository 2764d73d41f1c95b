"""A document type: data plus a little code, offered by a plugin."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class DocumentType:
    """What the engine needs to turn a data file into a document.

    ``build_context`` receives the validated input model and returns the template's variables;
    the engine adds ``organization``, ``document`` and, for orders, ``date`` and ``number``.
    ``file_stem`` names the output file (without extension) from the input; when absent the
    engine uses the title, prefixed for orders with the number and date.
    """

    slug: str
    title: str
    template: str
    input_model: type[BaseModel]
    build_context: Callable[[BaseModel], dict[str, Any]]
    is_order: bool = False
    sample: Path | None = None
    description: str = ""
    file_stem: Callable[[BaseModel], str] | None = None
    plugin: str = ""

    def __post_init__(self) -> None:
        if not _SLUG.match(self.slug):
            raise ValueError(f"slug «{self.slug}»: ожидаются латинские строчные буквы, цифры и дефисы")
        if not (isinstance(self.input_model, type) and issubclass(self.input_model, BaseModel)):
            raise ValueError(f"тип «{self.slug}»: input_model должен быть моделью pydantic")
        if not self.template.endswith(".docx"):
            raise ValueError(f"тип «{self.slug}»: шаблон «{self.template}» должен быть файлом .docx")

    def with_plugin(self, plugin: str) -> "DocumentType":
        return dataclasses.replace(self, plugin=plugin)
