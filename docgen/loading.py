"""Reading data files and organisation profiles into validated models.

Every failure names the file it comes from: the data file, or the profile it points to.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import InputError
from .messages import describe_all
from .parser_messages import json_problem, yaml_problem

M = TypeVar("M", bound=BaseModel)
_SURROGATE = re.compile("[\ud800-\udfff]")
DATA_SUFFIXES = (".yaml", ".yml", ".json")


def read_mapping(path: Path) -> dict[str, Any]:
    """A YAML or JSON file whose top level is a mapping."""
    path = Path(path)
    if not path.is_file():
        raise InputError("файл не найден", file=path)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise InputError("ожидается файл данных .yaml, .yml или .json", file=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("файл не в кодировке UTF-8 — сохраните его как UTF-8", file=path) from None
    except OSError as exc:
        raise InputError(f"не удаётся прочитать файл: {exc.strerror or exc}", file=path) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(json_problem(exc), file=path) from None
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputError(yaml_problem(exc, text), file=path) from None
    if not isinstance(data, dict):
        raise InputError("ожидается набор полей «ключ: значение» на верхнем уровне файла", file=path)
    return _without_surrogates(data)


def _without_surrogates(value: Any) -> Any:
    """JSON «\\ud800» escapes give lone surrogates, which no file or message can encode: each
    becomes U+FFFD here, once, instead of failing somewhere deep in validation or writing."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


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
    return validate(model, raw, file=path, context={"organization": org, "data_dir": path.parent})
