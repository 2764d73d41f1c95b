"""Jinja filters for the .docx templates.

A person reaches a template either as a model object (attributes
full_name and gender), as a mapping with the same keys, or as a bare
string; for a bare string the gender must be passed explicitly
(«{{ 'Иванова Елена Анатольевна' | fio('datv', gender='ж') }}»), because
guessing it from the name is not reliable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .dates import format_date, parse_date
from .names import decline_name, initials_first, initials_last
from .numbers import number_words, percent, plural
from .gender import Gender, parse_gender
from .titles import inflect_phrase
from .typography import capitalize_first, number_sign
from . import counts, lists, roman


def _person(person: Any, gender: Any = None) -> tuple[str, Gender]:
    """Resolve (full_name, gender) from any accepted representation of a person."""
    if isinstance(person, str):
        if gender is None:
            raise ValueError(
                f"«{person}»: для ФИО, заданного строкой, нужно указать пол (gender='м' или 'ж')"
            )
        return person, parse_gender(gender)
    if isinstance(person, Mapping):
        full_name, own_gender = person.get("full_name"), person.get("gender")
    else:
        full_name = getattr(person, "full_name", None)
        own_gender = getattr(person, "gender", None)
    if not full_name:
        raise ValueError(f"«{person}»: ожидается сотрудник с полями full_name и gender")
    chosen = gender if gender is not None else own_gender
    if chosen is None:
        raise ValueError(f"«{full_name}»: не указан пол (gender='м' или 'ж')")
    return str(full_name), parse_gender(chosen)


def _date(value: Any, style: str = "long") -> str:
    return format_date(parse_date(value), style)


def _fio(person: Any, case: str = "nomn", gender: Any = None) -> str:
    return decline_name(*_person(person, gender), case)


def _initials(person: Any, case: str = "nomn", gender: Any = None) -> str:
    return initials_first(*_person(person, gender), case)


def _surname_initials(person: Any, case: str = "nomn", gender: Any = None) -> str:
    return initials_last(*_person(person, gender), case)


def _inflect(phrase: Any, case: str) -> str:
    return inflect_phrase(str(phrase), case)


def _words(n: Any, case: str = "nomn", gender: Any = "m") -> str:
    return number_words(n, case, gender)


def _plural(n: Any, word: str, case: str = "nomn") -> str:
    return plural(n, word, case)


def _percent(value: Any, digits: int = 1) -> str:
    return percent(value, digits)


def _number_sign(value: Any) -> str:
    return number_sign(value)


def _capfirst(text: Any) -> str:
    return capitalize_first(str(text))


def _agree(person: Any, masculine: str, feminine: str, gender: Any = None) -> str:
    """«ознакомлен»/«ознакомлена»: the word form that agrees with the person's gender."""
    _name, sex = _person(person, gender)
    return str(masculine if sex is Gender.MALE else feminine)


def jinja_filters() -> dict[str, Callable[..., str]]:
    """The filters to register on the Jinja environment, by the names templates use."""
    return {
        "date": _date,
        "fio": _fio,
        "initials": _initials,
        "surname_initials": _surname_initials,
        "inflect": _inflect,
        "words": _words,
        "plural": _plural,
        "percent": _percent,
        "number_sign": _number_sign,
        "capfirst": _capfirst,
        "agree": _agree,
        "roman": roman.roman, "list_item": lists.list_item, "counted": counts.counted,
    }
