"""Reading data files and organisation profiles into validated models.

Every failure names the file it comes from: the data file, or the profile it points to.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

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
    return parse_mapping(path, read_text(path))


def read_text(path: Path) -> str:
    """A data file's text, refused with a Russian message when it is no data file one can read."""
    if not path.is_file():
        raise InputError("это папка, а не файл" if path.is_dir() else "файл не найден", file=path)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise InputError("ожидается файл данных .yaml, .yml или .json", file=path)
    try:
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            raise InputError(f"файл данных слишком велик: {size / 1024 / 1024:.1f} МБ, допускается не больше "
                             f"{MAX_DATA_BYTES // 1024 // 1024} МБ", file=path)
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("файл не в кодировке UTF-8 — сохраните его как UTF-8", file=path) from None
    except OSError as exc:
        raise InputError(f"не удаётся прочитать файл: {describe_os_error(exc, reading=True)}", file=path) from None


def parse_mapping(path: Path, text: str) -> dict[str, Any]:
    """``text`` (the content of ``path``) parsed as YAML or JSON by the file's suffix."""
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


def load_data(model: type[M], path: Path, *, context: dict[str, Any] | None = None) -> M:
    """A YAML or JSON file validated by ``model``: parsed under the budget and limits of every data
    file (docgen.yaml_budget), refused with a Russian message naming the file and each field."""
    path = Path(path)
    return validate(model, read_mapping(path), file=path, context=context)


def load_reference(model: type[M], value: Any, context: dict[str, Any] | None, *, what: str) -> Any:
    """A part of a document's data kept in a file of its own and named by the data file
    (``competition: competition.yaml``, as ``organization: organization.yaml`` names a profile):
    the file is read relative to the naming file, under the limits of every data file, and
    validated by ``model`` with the naming file's context (its organisation), so one file feeds
    several documents. Anything but a file name is returned as is, for pydantic to validate
    inline. Its problems are one field error of the naming file that names the referenced file
    and its own fields. For a ``BeforeValidator``: ``lambda v, info: load_reference(M, v,
    info.context, what="файл конкурса")``."""
    from pydantic_core import PydanticCustomError

    if not isinstance(value, str):
        return value
    base = (context or {}).get("data_dir")
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    try:
        if not path.is_file():
            raise InputError(f"не найден (искали {path.resolve()})")
        return load_data(model, path, context={**(context or {}), "data_dir": path.parent})
    except InputError as exc:
        problems = "; ".join(p.replace("\n", " ") for p in exc.problems)
        head = str(exc) if not exc.problems else "данные не прошли проверку"
        raise PydanticCustomError("ru_reference", "{what} «{file}»: {problem}",
                                  {"what": what, "file": value,
                                   "problem": f"{head.rstrip(':')}: {problems}" if problems else head}) from None


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated input and the profile file its organisation came from (None: written inline),
    whose folder's docgen.yaml may name the school's store."""

    data: M
    profile: Path | None
    path: Path | None = None  # the data file


def load_input(model: type[M], path: Path) -> M:
    """A document's data file, with its ``organization`` reference resolved to a profile."""
    return load_document(model, path).data


def load_document(model: type[M], path: Path, *, profile: Path | None = None) -> Loaded[M]:
    """A document's data file with its organisation: the profile its ``organization`` names
    (relative to the file), written inline, or — ``profile`` — given by a district list, which
    the data file then need not (but may, if it is the same file) name itself."""
    path = Path(path)
    raw = read_mapping(path)
    org = raw.get("organization")
    if profile is not None:
        profile = Path(profile).resolve()
        if org is not None and not (isinstance(org, str) and (path.parent / org).resolve() == profile):
            raise InputError(f"поле «organization»: в списке школ для этого файла указан профиль {profile}, "
                             "а в файле данных — другая организация; оставьте одно из двух", file=path)
        if not profile.is_file():
            raise InputError("файл профиля организации не найден", file=profile)
        org = raw["organization"] = load_profile(profile)
    elif isinstance(org, str):
        profile = (path.parent / org).resolve()
        if not profile.is_file():
            raise InputError(
                f"поле «organization»: файл профиля организации «{org}» не найден (искали {profile})", file=path
            )
        org = raw["organization"] = load_profile(profile)
    elif isinstance(org, dict):
        from .models import Organization

        org = raw["organization"] = validate(Organization, org, file=path)
    data = validate(model, raw, file=path, context={"organization": org, "data_dir": path.parent, "profile": profile})
    return Loaded(data, profile, path)


# A district batch numbers many schools' documents in one worker; a school's profile (its whole
# staff list) costs more to parse and validate than the order itself, so each version of it is
# parsed once. The key is the file's text, not its modification time, whose granularity lets a
# quick rewrite go unseen; reading the text is cheap next to parsing it.
PROFILES_KEPT = 32
_profiles: OrderedDict[tuple[str, str], Any] = OrderedDict()
_profiles_lock = threading.Lock()


def load_profile(path: Path):
    """An organisation profile, validated (docgen.models.Organization); the same object for the
    same text of the same file. A profile that does not pass is read again each time, so its
    message is never stale."""
    from .models import Organization

    path = Path(path)
    text = read_text(path)
    key = (str(path.resolve()), text)
    with _profiles_lock:
        found = _profiles.get(key)
        if found is not None:
            _profiles.move_to_end(key)
            return found
    org = validate(Organization, parse_mapping(path, text), file=path)
    with _profiles_lock:
        _profiles[key] = org
        while len(_profiles) > PROFILES_KEPT:
            _profiles.popitem(last=False)
    return org
