"""Small counts in running text are written in words («в четыре этапа», «две номинации»), larger
ones in digits («в 12 этапов»): the editorial rule for a count without a unit of measure."""

from __future__ import annotations

from typing import Any

from ._morph import analyzer
from .numbers import number_words, plural
from .typography import NBSP

SMALL = 10  # «десять» is still written in words
_GENDERS = {"masc": "m", "femn": "f", "neut": "n"}


def _gender(word: str) -> str:
    """The counted noun's gender, which the numeral agrees with («две номинации», «два этапа»)."""
    for parse in analyzer().parse(word):
        if parse.tag.POS == "NOUN" and parse.tag.gender in _GENDERS:
            return _GENDERS[parse.tag.gender]
    return "m"


def counted(n: Any, word: str, case: str = "nomn", small: int = SMALL) -> str:
    """4, «этап», «accs» → «четыре этапа»; 12 → «12 этапов» (the noun agreeing as after digits)."""
    with_digits = plural(n, word, case)
    value = int(with_digits.split(NBSP, 1)[0])
    if not 0 < value <= small:
        return with_digits
    return f"{number_words(value, case, _gender(word))} {with_digits.split(NBSP, 1)[1]}"
