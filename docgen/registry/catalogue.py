"""The catalogue of required acts: YAML files validated by a pydantic model and merged.

The built-in `registries/*.yaml` come first, then every file or folder plugins offer through
`docgen_register_catalogues`. Acts are keyed by a stable latin id because the store refers to
them by it for years; two files claiming the same id is therefore an error naming both files,
never a silent override (a district that wants another title should use its own id).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from ..errors import InputError
from ..loading import read_mapping, validate
from ..models import Strict, Text
from ..resources import data_dir

Level = Literal["law", "customary", "recommended"]
DocClass = Literal["conceptual", "procedural", "managerial"]
SchoolLevel = Literal["НОО", "ООО", "СОО"]

# How a school office names the requirement level next to an act, in the forms that agree with the
# act's head noun (docgen.russian.agreement); LEVEL_LABELS is the masculine one, for lists of «акты».
LEVEL_FORMS: dict[str, dict[str, str]] = {
    "law": {"m": "обязателен по закону", "f": "обязательна по закону", "n": "обязательно по закону",
            "pl": "обязательны по закону"},
    "customary": {"m": "необходим для ВСОКО", "f": "необходима для ВСОКО", "n": "необходимо для ВСОКО",
                  "pl": "необходимы для ВСОКО"},
    "recommended": {"m": "рекомендуется", "f": "рекомендуется", "n": "рекомендуется", "pl": "рекомендуются"},
}
LEVEL_LABELS: dict[str, str] = {level: forms["m"] for level, forms in LEVEL_FORMS.items()}
CLASS_LABELS: dict[str, str] = {
    "conceptual": "концептуальные",
    "procedural": "процессуальные",
    "managerial": "управленческие",
}
# Who reads an act when the catalogue does not say (docgen.registry.acquaintance resolves the words).
EVERYONE = "все работники"


def _one_or_many(value: Any) -> Any:
    """``audience: все работники`` is a list of one."""
    return [value] if isinstance(value, str) else value


# Acts at these levels make up the denominator of the completeness share (see coverage.py).
REQUIRED_LEVELS = ("law", "customary")


class Act(Strict):
    id: str = Field(
        title="код акта", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="латиница в нижнем регистре через дефис, например «vsoko-regulation»",
    )
    title: Text = Field(title="наименование акта")
    level: Level = Field(title="уровень требования")
    basis: Text = Field(title="правовое основание")
    levels: list[SchoolLevel] = Field(min_length=1, title="уровни образования")
    doc_class: DocClass = Field(title="класс документа")
    document_type: str | None = Field(default=None, title="тип документа docgen")
    review_years: int = Field(ge=1, le=50, title="срок пересмотра, лет")
    repealed_basis: bool = Field(default=False, title="основание утратило силу")
    audience: Annotated[list[Text], BeforeValidator(_one_or_many)] = Field(
        default_factory=lambda: [EVERYONE], min_length=1, title="кто ознакомляется",
        description="группы работников из staff-groups.yaml («все работники», «педагогические работники») "
                    "или должности из штатного списка; не указано — все работники")

    @property
    def required(self) -> bool:
        return self.level in REQUIRED_LEVELS


class CatalogueFile(Strict):
    title: str | None = Field(default=None, title="название каталога")
    acts: list[Act] = Field(min_length=1, title="акты")


@dataclass(frozen=True)
class Catalogue:
    """All acts in catalogue order, and the file each came from (for messages)."""

    acts: dict[str, Act]
    sources: dict[str, Path]

    def get(self, act_id: str) -> Act:
        try:
            return self.acts[act_id]
        except KeyError:
            known = ", ".join(self.acts)
            raise InputError(f"акта с кодом «{act_id}» нет в каталоге; известные коды: {known}") from None

    def applicable(self, school_levels: list[str]) -> list[Act]:
        """Acts for at least one of the school's levels; the rest leave every count."""
        wanted = set(school_levels)
        return [act for act in self.acts.values() if wanted.intersection(act.levels)]


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
    return [path]


def builtin_files() -> list[Path]:
    return _expand(data_dir("registries"))


def plugin_files(plugins) -> list[Path]:
    files: list[Path] = []
    for offer in plugins.catalogues:
        files.extend(_expand(Path(offer.value)))
    return files


def load_catalogue(files: list[Path]) -> Catalogue:
    acts: dict[str, Act] = {}
    sources: dict[str, Path] = {}
    for path in files:
        parsed = validate(CatalogueFile, read_mapping(path), file=path)
        for act in parsed.acts:
            if act.id in acts:
                first = sources[act.id]
                where = "в том же файле" if first == path else f"в файле {first}"
                raise InputError(f"акт с кодом «{act.id}» уже описан {where}; коды актов не должны повторяться", file=path)
            acts[act.id] = act
            sources[act.id] = path
    return Catalogue(acts, sources)


def default_catalogue(plugins=None) -> Catalogue:
    """The built-in catalogue plus those of the loaded plugins."""
    if plugins is None:
        from ..plugins import load_plugins

        plugins = load_plugins()
    return load_catalogue([*builtin_files(), *plugin_files(plugins)])
