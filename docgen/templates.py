"""Finding a template by name along the search path, and saying where it was found.

The user's own folder (``--templates``, ``DOCGEN_TEMPLATES`` or ``docgen.yaml``) comes first, then
the folders plugins offer, then the built-in templates, so a district overrides a built-in
template by dropping a file with the same name. ``locate`` tells which folder won and which it
hides, so ``docgen types`` can show a clerk which wording a document is printed with.
"""
from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from .errors import TemplateError
from .resources import data_dir

USER, PLUGIN, BUILTIN = "user", "plugin", "builtin"


@dataclass(frozen=True)
class Folder:
    path: Path
    kind: str  # USER, PLUGIN or BUILTIN
    plugin: str | None = None

    @property
    def label(self) -> str:
        """«папка пользователя», «плагин kirov», «встроенный» — as `docgen types` shows it."""
        if self.kind == USER:
            return "папка пользователя"
        if self.kind == PLUGIN:
            return f"плагин {self.plugin}"
        return "встроенный"

    @property
    def label_genitive(self) -> str:
        return {USER: "папки пользователя", PLUGIN: f"плагина {self.plugin}", BUILTIN: "встроенного"}[self.kind]


@dataclass(frozen=True)
class Found:
    path: Path
    folder: Folder
    hidden: tuple[Folder, ...] = ()  # later folders with a file of the same name: this one overrides them

    @property
    def overrides(self) -> bool:
        return bool(self.hidden)

    @property
    def label(self) -> str:
        """«плагин kirov (вместо встроенного)»."""
        if not self.hidden:
            return self.folder.label
        return f"{self.folder.label} (вместо {self.hidden[0].label_genitive})"


@dataclass(frozen=True)
class TemplatePath:
    folders: tuple[Folder, ...]

    @classmethod
    def build(cls, user_dir: Path | None, plugin_dirs: Iterable, *, builtin_plugins: Iterable[str] = (),
              missing_user_ok: bool = False) -> "TemplatePath":
        """``plugin_dirs``: folders, or (plugin name, folder) pairs; a built-in plugin's folder counts
        as built-in. ``missing_user_ok``: a user folder that does not exist yet is left out (it
        is about to be created) instead of being an error."""
        from .settings import load_settings

        folders: list[Folder] = []
        settings = load_settings(templates=user_dir)
        user = settings.templates
        if user is not None:
            if Path(user).is_dir():
                folders.append(Folder(Path(user), USER))
            elif not missing_user_ok:
                where = settings.source("templates")
                raise TemplateError(f"папка шаблонов «{user}» не найдена" + (f" (задана в {where})" if where else ""))
        builtin = set(builtin_plugins)
        for item in plugin_dirs:
            plugin, path = item if isinstance(item, tuple) else (None, item)
            folders.append(Folder(Path(path), BUILTIN if plugin in builtin else PLUGIN, plugin))
        folders.append(Folder(data_dir("templates"), BUILTIN))
        return cls(tuple(folders))

    @property
    def user_folder(self) -> Path | None:
        return next((f.path for f in self.folders if f.kind == USER), None)

    def locate(self, name: str) -> Found:
        if Path(name).name != name:
            raise TemplateError(f"имя шаблона «{name}» не должно содержать путь")
        hits = [f for f in self.folders if (f.path / name).is_file()]
        if not hits:
            searched = ", ".join(str(f.path) for f in self.folders)
            raise TemplateError(f"шаблон «{name}» не найден (искали в: {searched})")
        return Found(hits[0].path / name, hits[0], tuple(hits[1:]))

    def find(self, name: str) -> Path:
        return self.locate(name).path

    def locate_file(self, name: str) -> Found | None:
        """A data file beside the templates — ``acts/vsoko-regulation.yaml`` — found along the same
        path as a template (a sub-folder allowed, no way out of the folders); None when no folder has it."""
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or any(p in ("..", ".") or "\\" in p for p in parts):
            raise TemplateError(f"имя файла «{name}» должно быть путём внутри папки шаблонов")
        hits = [f for f in self.folders if (f.path.joinpath(*parts)).is_file()]
        if not hits:
            return None
        return Found(hits[0].path.joinpath(*parts), hits[0], tuple(hits[1:]))


# The template path of the engine loading or rendering a document now (``Engine.load_document`` and
# ``Engine.context`` set it): what ``template_file`` looks along, so a document type's code finds its
# data files (a local act's content) where its templates are found, ``--templates`` included.
_ACTIVE: contextvars.ContextVar[Callable[[], TemplatePath] | None] = contextvars.ContextVar("docgen_templates",
                                                                                          default=None)


@contextlib.contextmanager
def active(path: Callable[[], TemplatePath]) -> Iterator[None]:
    """``template_file`` looks along ``path()`` (called when first needed) inside the block."""
    token = _ACTIVE.set(path)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def template_file(name: str) -> Found | None:
    """A data file found along the template search path — the user's folder, the plugins' folders,
    the built-in ``templates/``, in that order — of the engine loading or rendering a document now
    (outside one: the path the settings and the installed plugins give). ``name`` may name a
    sub-folder: ``acts/vsoko-regulation.yaml``. Returns the hit (``.path``; ``.label`` says whose
    folder, ``.overrides`` whether it hides a file further down) or None."""
    given = _ACTIVE.get()
    if given is not None:
        path = given()
    else:
        from .plugins import load_plugins

        plugins = load_plugins()
        path = TemplatePath.build(None, plugins.template_folders, builtin_plugins=plugins.builtin_names)
    return path.locate_file(name)


def locate_template(engine, target: str, user_dir: Path | None = None) -> tuple[Found, str]:
    """The template a type (or a template file name) is printed with now — what `docgen templates
    copy` hands a clerk. A user folder that does not exist yet is skipped: the copy creates it."""
    name = target if target.lower().endswith(".docx") else engine.get_type(target).template
    path = TemplatePath.build(user_dir, engine.plugins.template_folders,
                              builtin_plugins=engine.plugins.builtin_names, missing_user_ok=True)
    return path.locate(name), name
