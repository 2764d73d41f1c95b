"""Reading data files and organisation profiles into validated models.

Every failure names the file it comes from: the data file, or the profile it points to.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .cleaning import clean_data
from .errors import InputError
from .fileio import describe_os_error
from .messages import describe_all
from .parser_messages import json_problem, yaml_problem
from .yaml_budget import MAX_DEPTH, DataShapeError, check_depth, load_yaml

M = TypeVar("M", bound=BaseModel)
DATA_SUFFIXES = (".yaml", ".yml", ".json")
# A school's largest real file (a profile with its whole staff, an order naming all of them) is
# well under a megabyte; ten leave room for any school and keep a mistaken or hostile file
# (a log, a dump) from being read and parsed at all.
MAX_DATA_BYTES = 10 * 1024 * 1024


def read_mapping(path: Path) -> dict[str, Any]:
    """A YAML or JSON file whose top level is a mapping."""
    path = Path(path)
    if not path.is_file():
        raise InputError("это папка, а не файл" if path.is_dir() else "файл не найден", file=path)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise InputError("ожидается файл данных .yaml, .yml или .json", file=path)
    try:
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            raise InputError(f"файл данных слишком велик: {size / 1024 / 1024:.1f} МБ, допускается не больше "
                             f"{MAX_DATA_BYTES // 1024 // 1024} МБ", file=path)
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("файл не в кодировке UTF-8 — сохраните его как UTF-8", file=path) from None
    except OSError as exc:
        raise InputError(f"не удаётся прочитать файл: {describe_os_error(exc, reading=True)}", file=path) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
            check_depth(data)
        except json.JSONDecodeError as exc:
            raise InputError(json_problem(exc), file=path) from None
        except RecursionError:
            raise InputError(TOO_DEEP, file=path) from None
        except DataShapeError as exc:  # nesting beyond docgen.yaml_budget.MAX_DEPTH
            raise InputError(str(exc), file=path) from None
    else:
        import yaml

        try:
            data = load_yaml(text)
        except yaml.YAMLError as exc:
            raise InputError(yaml_problem(exc, text), file=path) from None
        except DataShapeError as exc:  # the alias budget, the nesting limit, an impossible date
            raise InputError(str(exc), file=path) from None
        except RecursionError:  # nested deeper than the composer's stack, before the budget looks
            raise InputError(TOO_DEEP, file=path) from None
    if not isinstance(data, dict):
        raise InputError("ожидается набор полей «ключ: значение» на верхнем уровне файла", file=path)
    return clean_data(data)


TOO_DEEP = f"данные вложены глубже {MAX_DEPTH} уровней — так не бывает в файле данных документа"


def validate(model: type[M], data: dict[str, Any], *, file: Path, context: dict[str, Any] | None = None) -> M:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = describe_all(exc, model)
        raise InputError("данные не прошли проверку:", file=file, problems=problems) from None


def load_input(model: type[M], path: Path) -> M:
    """A document's data file, with its ``organization`` reference resolved to a profile."""
    from .models import Organization

    path = Path(path)
    raw = read_mapping(path)
    org = raw.get("organization")
    profile_path = None
    if isinstance(org, str):
        profile_path = (path.parent / org).resolve()
        if not profile_path.is_file():
            raise InputError(
                f"поле «organization»: файл профиля организации «{org}» не найден (искали {profile_path})", file=path
            )
        org = validate(Organization, read_mapping(profile_path), file=profile_path)
        raw["organization"] = org
    elif isinstance(org, dict):
        org = validate(Organization, org, file=path)
        raw["organization"] = org
    return validate(model, raw, file=path,
                    context={"organization": org, "data_dir": path.parent, "profile": profile_path})
