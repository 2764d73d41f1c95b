"""Pydantic's validation errors, retold in Russian for the person who wrote the data file."""
from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import FieldError

_TEXTS = {
    "missing": "обязательное поле не заполнено",
    "extra_forbidden": "неизвестное поле — проверьте написание",
    "string_type": "ожидается текст",
    "string_too_short": "поле не заполнено",
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число",
    "float_type": "ожидается число",
    "float_parsing": "ожидается число",
    "decimal_parsing": "ожидается число",
    "bool_type": "ожидается «да» или «нет» (true/false)",
    "bool_parsing": "ожидается «да» или «нет» (true/false)",
    "date_type": "ожидается дата в виде ДД.ММ.ГГГГ",
    "date_parsing": "ожидается дата в виде ДД.ММ.ГГГГ",
    "date_from_datetime_parsing": "ожидается дата в виде ДД.ММ.ГГГГ",
    "list_type": "ожидается список",
    "tuple_type": "ожидается список",
    "dict_type": "ожидается набор полей «ключ: значение»",
    "model_type": "ожидается набор полей «ключ: значение»",
    "model_attributes_type": "ожидается набор полей «ключ: значение»",
    "enum": "ожидается одно из значений: {expected}",
    "literal_error": "ожидается одно из значений: {expected}",
    "too_short": "ожидается не меньше {min_length} элем.",
    "too_long": "ожидается не больше {max_length} элем.",
    "greater_than": "ожидается число больше {gt}",
    "greater_than_equal": "ожидается число не меньше {ge}",
    "less_than": "ожидается число меньше {lt}",
    "less_than_equal": "ожидается число не больше {le}",
    "string_pattern_mismatch": "значение не соответствует образцу {pattern}",
    "url_parsing": "ожидается адрес сайта",
}


def _loc_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(весь файл)"


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def field_title(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """The Russian title of the field at ``loc``, walking into nested models and lists."""
    title = None
    current: type[BaseModel] | None = model
    keyed = False  # the previous field is a mapping: this part is one of its keys
    for part in loc:
        if isinstance(part, int):
            continue
        if keyed:
            keyed = False
            continue
        if current is None or part not in current.model_fields:
            return None
        info = current.model_fields[part]
        title = info.title
        keyed = _is_mapping(info.annotation)
        current = _inner_model(info.annotation)
    return title


def _is_mapping(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    return origin is typing.Annotated and _is_mapping(typing.get_args(annotation)[0])


def _value_text(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def describe(error: dict[str, Any], model: type[BaseModel] | None = None) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if isinstance(ctx.get("expected"), str):  # pydantic lists choices as «'a', 'b' or 'c'»
        import re

        expected = re.sub(r"'([^']*)'", r"«\1»", ctx["expected"]).replace(" or ", " или ")
        ctx = {**ctx, "expected": expected}
    loc = tuple(error.get("loc") or ())
    blamed = ctx.get("error") if kind == "value_error" else None
    if isinstance(blamed, FieldError):  # a check across fields names the field it blames
        loc += blamed.path
    if kind.startswith("ru_"):
        text = error["msg"]
    elif kind == "value_error" and "error" in ctx:
        text = str(ctx["error"])
    elif kind in _TEXTS:
        try:
            text = _TEXTS[kind].format(**ctx)
        except (KeyError, IndexError):
            text = _TEXTS[kind]
    else:
        text = error["msg"]
    where = f"поле «{_loc_text(loc)}»"
    title = field_title(model, loc) if model else None
    if title:
        where += f" ({title})"
    shows_input = kind not in ("missing", "extra_forbidden") and not isinstance(blamed, FieldError)
    if shows_input and "input" in error and not isinstance(error["input"], (dict, list)):
        text += f"; указано: «{_value_text(error['input'])}»"
    return f"{where}: {text}"


def describe_all(exc: ValidationError, model: type[BaseModel] | None = None) -> list[str]:
    return [describe(e, model) for e in exc.errors(include_url=False)]
