"""Finding a template by name along the search path.

The user's own folder (``--templates``, ``DOCGEN_TEMPLATES`` or ``docgen.yaml``) comes first, then the folders plugins offer, then the built-in templates,
so a district overrides a built-in template by dropping a file with the same name.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import TemplateError
from .resources import data_dir

TEMPLATES_ENV = "DOCGEN_TEMPLATES"


@dataclass(frozen=True)
class TemplatePath:
    folders: tuple[Path, ...]

    @classmethod
    def build(cls, user_dir: Path | None, plugin_dirs: list[Path]) -> "TemplatePath":
        folders: list[Path] = []
        user = user_dir or (Path(os.environ[TEMPLATES_ENV]) if os.environ.get(TEMPLATES_ENV) else None)
        if user is None:
            from .config import load_config

            user = load_config().templates
        if user is not None:
            if not Path(user).is_dir():
                raise TemplateError(f"папка шаблонов «{user}» не найдена")
            folders.append(Path(user))
        folders.extend(Path(d) for d in plugin_dirs)
        folders.append(data_dir("templates"))
        return cls(tuple(folders))

    def find(self, name: str) -> Path:
        if Path(name).name != name:
            raise TemplateError(f"имя шаблона «{name}» не должно содержать путь")
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        searched = ", ".join(str(f) for f in self.folders)
        raise TemplateError(f"шаблон «{name}» не найден (искали в: {searched})")
