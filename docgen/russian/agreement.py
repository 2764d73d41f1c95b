"""Agreement of a predicate with a title's head noun: «Положение … — утверждено»,
«Программа … — утверждена», «Правила … — утверждены», «План-график … — утверждён».

An act's title starts with its head noun (Положение, Порядок, Программа, Правила, План-график),
so the first word decides. Its gender and number come from pymorphy3, not from a list of nouns,
so a district's catalogue with «Концепция» or «Регламент» agrees without code changes. The
words themselves (the four forms of each label) are data kept by the caller, keyed by the
form this module returns.
"""
from __future__ import annotations

from typing import Literal, Mapping

from ._morph import analyzer

Form = Literal["m", "f", "n", "pl"]
FORMS: tuple[Form, ...] = ("m", "f", "n", "pl")
_GENDERS: dict[str, Form] = {"masc": "m", "femn": "f", "neut": "n"}


def head_form(title: str) -> Form:
    """The form («m», «f», «n» or «pl») a word must take to agree with the title's first noun.

    A title that starts with no known noun (an abbreviation, a number) is taken as masculine
    singular — the form of «акт», which such a title stands for."""
    words = title.split()
    if not words:
        return "m"
    word = words[0].strip("«»\"'(),.;:").lower()
    for candidate in (word, word.split("-")[0]):
        for parse in analyzer().parse(candidate):
            tag = parse.tag
            if tag.POS != "NOUN" or tag.case != "nomn":
                continue
            if tag.number == "plur" or "Pltm" in tag:
                return "pl"
            if tag.gender in _GENDERS:
                return _GENDERS[tag.gender]
    return "m"


def agree(forms: Mapping[str, str], title: str) -> str:
    """The entry of ``forms`` ({m, f, n, pl} → word) that agrees with the title's head noun."""
    return forms[head_form(title)]
