"""Full names (ФИО): splitting, declension and initials.

Declension is done by pytrovich with the gender given by the caller, never
detected. pytrovich keeps the letter case of its input («ИВАНОВА» →
«ИВАНОВой»), so every part is normalised to Title case first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .cases import normalize_case
from .gender import Gender, parse_gender
from .typography import NBSP

if TYPE_CHECKING:
    from pytrovich import PetrovichDeclinationMaker

# Turkic patronymic markers: «Ахмед оглы» is one patronymic, and in the
# traditional form it is not declined at all.
_PATRONYMIC_MARKERS = frozenset({"оглы", "кызы", "улы", "уулу"})


def _normalise_word(word: str) -> str:
    """Title-case each hyphenated part, but leave deliberate mixed case alone."""
    parts = []
    for part in word.split("-"):
        if part.isupper() or part.islower():
            part = part[:1].upper() + part[1:].lower()
        parts.append(part)
    return "-".join(parts)


def split_name(full_name: str) -> tuple[str, str, str | None]:
    """Split «Фамилия Имя Отчество» into normalised parts.

    Raising on anything that is not two or three words (plus an optional
    «оглы/кызы») is deliberate: a silently mis-split name would be
    declined wrongly in a signed document.
    """
    words = str(full_name).split() if full_name is not None else []
    if len(words) < 2:
        raise ValueError(
            f"«{full_name}»: ожидается «Фамилия Имя Отчество» (не меньше двух слов)"
        )
    last, first = _normalise_word(words[0]), _normalise_word(words[1])
    rest = words[2:]
    if not rest:
        return last, first, None
    if len(rest) == 1 and rest[0].lower() not in _PATRONYMIC_MARKERS:
        base, _dash, tail = rest[0].rpartition("-")
        if base and tail.lower() in _PATRONYMIC_MARKERS:
            # «Ахмед-оглы»: the same patronymic written with a hyphen.
            return last, first, f"{_normalise_word(base)}-{tail.lower()}"
        return last, first, _normalise_word(rest[0])
    if len(rest) == 2 and rest[1].lower() in _PATRONYMIC_MARKERS:
        return last, first, f"{_normalise_word(rest[0])} {rest[1].lower()}"
    raise ValueError(
        f"«{full_name}»: ожидается «Фамилия Имя Отчество» (лишние слова: «{' '.join(rest)}»)"
    )


_MARKER_SPLIT = re.compile(r"[ -]")


def _has_marker(middle: str | None) -> bool:
    return middle is not None and _MARKER_SPLIT.split(middle)[-1] in _PATRONYMIC_MARKERS


@lru_cache(maxsize=1)
def _maker() -> PetrovichDeclinationMaker:
    from pytrovich import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


def _decline_part(part: str, kind: str, gender: Gender, case: str) -> str:
    if case == "nomn":
        return part
    from pytrovich import Case, NamePart
    from pytrovich import Gender as PGender

    case_map = {
        "gent": Case.GENITIVE,
        "datv": Case.DATIVE,
        "accs": Case.ACCUSATIVE,
        "ablt": Case.INSTRUMENTAL,
        "loct": Case.PREPOSITIONAL,
    }
    return _maker().make(
        getattr(NamePart, kind),
        PGender.MALE if gender is Gender.MALE else PGender.FEMALE,
        case_map[case],
        part,
    )


def _declined_parts(
    full_name: str, gender: object, case: str
) -> tuple[str, str, str | None]:
    last, first, middle = split_name(full_name)
    sex = parse_gender(gender)
    tag = normalize_case(case)
    last = _decline_part(last, "LASTNAME", sex, tag)
    first = _decline_part(first, "FIRSTNAME", sex, tag)
    if middle is not None and not _has_marker(middle):
        middle = _decline_part(middle, "MIDDLENAME", sex, tag)
    return last, first, middle


def decline_name(full_name: str, gender: object, case: str = "nomn") -> str:
    """«Иванова Елена Анатольевна» in any case, e.g. «Ивановой Елене Анатольевне». A person known
    by initials only («Замалтдинова Э. С.», as a source document names her) is written as ГОСТ
    writes initials: «Замалтдиновой Э.С.», without a space between them, a no-break space before."""
    words = str(full_name).split()
    given = " ".join(words[1:])
    if len(words) > 1 and _INITIALS_ONLY.fullmatch(given):
        last = _decline_part(split_name(full_name)[0], "LASTNAME", parse_gender(gender), normalize_case(case))
        return f"{last}{NBSP}{given.replace(' ', '')}"
    return " ".join(part for part in _declined_parts(full_name, gender, case) if part)


_INITIALS_ONLY = re.compile(r"[А-ЯЁ]\.(?: ?[А-ЯЁ]\.)?")


def known_by_initials(full_name: str) -> bool:
    """Whether the name gives initials instead of a first name and patronymic («Замалтдинова
    Э. С.», as a source document names her): a list that holds such a name cannot head a column
    «Фамилия, имя, отчество»."""
    words = str(full_name).replace(NBSP, " ").split()
    return len(words) > 1 and bool(_INITIALS_ONLY.fullmatch(" ".join(words[1:])))


def _initials(first: str, middle: str | None) -> str:
    """«Е.А.»; a hyphenated first name gives «А.-М.», «Ахмед оглы» gives «А.»."""
    initials = "-".join(f"{piece[:1].upper()}." for piece in first.split("-") if piece)
    if middle:
        initials += f"{middle[:1].upper()}."
    return initials


def surname(full_name: str, gender: object, case: str = "nomn") -> str:
    """The declined surname alone, e.g. for «директору Ивановой»."""
    last, _first, _middle = split_name(full_name)
    return _decline_part(last, "LASTNAME", parse_gender(gender), normalize_case(case))


def initials_first(full_name: str, gender: object, case: str = "nomn") -> str:
    """«Е.А. Иванова»: the form used in signature blocks and addressee requisites.

    The no-break space keeps the initials on the same line as the surname.
    """
    last, first, middle = split_name(full_name)
    declined = _decline_part(last, "LASTNAME", parse_gender(gender), normalize_case(case))
    return f"{_initials(first, middle)}{NBSP}{declined}"


def initials_last(full_name: str, gender: object, case: str = "nomn") -> str:
    """«Иванова Е.А.»: the form used in lists and running text."""
    last, first, middle = split_name(full_name)
    declined = _decline_part(last, "LASTNAME", parse_gender(gender), normalize_case(case))
    return f"{declined}{NBSP}{_initials(first, middle)}"
