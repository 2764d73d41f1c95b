"""`docgen plugin check`: the mistakes that make an installed plugin invisible, found before
`pip install` by reading the package (nothing of it is imported or run)."""
from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .names import SLUG


@dataclass(frozen=True)
class PluginSummary:
    distribution: str
    entry_points: dict[str, str]
    hooks: dict[str, list[str]]


def _module_file(root: Path, dotted: str) -> Path | None:
    rel = Path(*dotted.split("."))
    for base in (root / "src", root):
        for candidate in (base / rel / "__init__.py", base.joinpath(*rel.parts[:-1], rel.parts[-1] + ".py")):
            if candidate.is_file():
                return candidate
    return None


def check_plugin(folder: Path) -> PluginSummary:
    """Everything that makes an installed plugin invisible or broken, found before `pip install`."""
    from .. import hookspecs

    folder = Path(folder)
    pyproject = folder / "pyproject.toml"
    if not folder.is_dir():
        raise InputError("папка плагина не найдена", file=folder)
    if not pyproject.is_file():
        raise InputError("нет файла pyproject.toml: это не пакет Python, pip не сможет его установить", file=folder)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"ошибка в разметке TOML: {exc}", file=pyproject) from None
    project = data.get("project") or {}
    problems: list[str] = []
    if not project.get("name"):
        problems.append("в разделе [project] нет имени пакета (name)")
    if "build-system" not in data:
        problems.append("нет раздела [build-system] (например, requires = [\"hatchling\"], "
                        "build-backend = \"hatchling.build\")")
    entry_points = (project.get("entry-points") or {}).get("docgen") or {}
    if not entry_points:
        raise InputError(
            "нет точки входа docgen: добавьте раздел\n"
            "  [project.entry-points.docgen]\n"
            "  имя-плагина = \"модуль_плагина\"\n"
            "без него docgen не найдёт плагин после установки", file=pyproject,
        )
    known = {name for name in dir(hookspecs) if name.startswith("docgen_")}
    hooks: dict[str, list[str]] = {}
    for ep_name, value in entry_points.items():
        dotted = str(value).split(":")[0].strip()
        if not SLUG.match(ep_name):
            problems.append(f"имя точки входа «{ep_name}»: нужны строчные латинские буквы, цифры и дефисы")
        module = _module_file(folder, dotted)
        if module is None:
            problems.append(f"точка входа «{ep_name}» указывает на модуль «{dotted}», а его нет ни в src/, ни в корне")
            continue
        try:
            tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        except SyntaxError as exc:
            problems.append(f"{module}: синтаксическая ошибка Python в строке {exc.lineno}: {exc.msg}")
            continue
        found = [node.name for node in tree.body
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("docgen_")]
        for name in found:
            if name not in known:
                problems.append(f"{module.name}: функция «{name}» не соответствует ни одному хуку docgen "
                                f"(есть: {', '.join(sorted(known))})")
        if not found:
            problems.append(f"в модуле {module} нет ни одной функции-хука docgen_… с декоратором @hookimpl")
        hooks[ep_name] = [h for h in found if h in known]
    if problems:
        raise InputError("плагин не готов к установке", file=folder, problems=problems)
    return PluginSummary(project["name"], {k: str(v) for k, v in entry_points.items()}, hooks)
