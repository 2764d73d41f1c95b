"""The names of a new plugin: what pip, Python, docgen and the clerk call it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..errors import InputError

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DEFAULT_TITLE = "Приказ о подготовке к проведению мониторинга качества образования"
PREFIX = "docgen-"


@dataclass(frozen=True)
class Names:
    """``plugin`` is the entry-point name (what DOCGEN_LOAD_PLUGINS lists), ``slug`` the document
    type's (what `docgen generate` takes): one plugin may later add more types, so they differ
    when the user says so and coincide by default."""

    plugin: str
    slug: str
    distribution: str
    module: str
    title: str

    @classmethod
    def of(cls, name: str, title: str | None = None, slug: str | None = None) -> "Names":
        if not SLUG.match(name or ""):
            raise InputError(
                f"имя плагина «{name}» не подходит: нужны строчные латинские буквы, цифры и дефисы, "
                "первая — буква, например «kazan-monitoring» или «docgen-kazan-monitoring»"
            )
        plugin = name[len(PREFIX):] if name.startswith(PREFIX) else name
        if slug is not None and not SLUG.match(slug):
            raise InputError(
                f"код типа документа «{slug}» (--type) не подходит: нужны строчные латинские буквы, цифры и "
                "дефисы, первая — буква, например «monitoring-order»"
            )
        title = " ".join((title or DEFAULT_TITLE).split())
        if not title:
            raise InputError("наименование документа (--title) не может быть пустым")
        return cls(plugin, slug or plugin, PREFIX + plugin, "docgen_" + plugin.replace("-", "_"), title)

    @property
    def input_class(self) -> str:
        return "".join(part.capitalize() for part in self.slug.split("-")) + "Input"

    def substitutions(self) -> dict[str, str]:
        """The placeholders of the files in ``scaffold/files``. The title goes into Python and TOML
        as a quoted literal (JSON's quoting is valid in both), so a quote in it breaks nothing."""
        return {
            "plugin": self.plugin, "slug": self.slug, "distribution": self.distribution, "module": self.module,
            "title": self.title, "input_class": self.input_class,
            "title_literal": json.dumps(self.title, ensure_ascii=False),
            "description_literal": json.dumps(f"Плагин docgen: {self.title}", ensure_ascii=False),
        }
