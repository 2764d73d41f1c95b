"""Grammatical gender of a person.

Gender is always stored explicitly: detectors return «androgynous» for
names such as «Саша» or surnames such as «Бондаренко», and a wrong guess
ends up in a signed order.
"""

from __future__ import annotations

from enum import Enum


class Gender(str, Enum):
    MALE = "male"
    FEMALE = "female"


_SPELLINGS = {
    Gender.MALE: ("male", "m", "м", "муж", "мужской"),
    Gender.FEMALE: ("female", "f", "ж", "жен", "женский"),
}
_LOOKUP = {spelling: gender for gender, spellings in _SPELLINGS.items() for spelling in spellings}


def parse_gender(value: object) -> Gender:
    """Accept the spellings people actually type into forms and spreadsheets."""
    if isinstance(value, Gender):
        return value
    if isinstance(value, Enum):
        # Another package's enum (e.g. a pydantic model field) with the same values.
        value = value.value
    key = str(value).strip().lower().rstrip(".") if value is not None else ""
    try:
        return _LOOKUP[key]
    except KeyError:
        raise ValueError(f"неизвестный пол «{value}»: ожидается «м» или «ж»") from None
