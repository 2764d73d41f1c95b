"""Numbers in words, noun agreement with numbers, and percentages.

num2words (lang «ru») has traps that are corrected here rather than passed
on to documents:
- its default is the animate accusative («двух тысячи»), so inanimate is
  requested explicitly;
- it applies the requested gender to the millions too («одна миллион»), so
  the millions part is rendered separately in the masculine;
- its Russian gender aliases («ж») map to the masculine, so genders are
  normalised here.
Percentages are rounded half-up in Decimal: babel and round() round half to
even, which shows 12,5 % as «12 %».

Two rules of counting the noun (Розенталь, «Справочник по правописанию и
литературной правке», управление числительных):
- a number ending in тысяча, миллион, миллиард (1000, 2000, 21 000, 1 000 000)
  is a noun itself and governs the genitive plural in every case: «к 1000
  баллов», «с 5000 рублей» — never «1000 баллам»;
- a plural-only noun (pymorphy3's Pltm: сутки, ножницы, каникулы) has no
  singular for 1–4 to take, so 1 counts it with «одни» («одни сутки»,
  «двадцать одни сутки») and 2–4 with the collective «двое, трое, четверо»
  («двое суток»); in the oblique cases the cardinal serves («двух суток»,
  «двадцати двум суткам»). Compounds ending in 2–4 in the nominative
  («двадцать двое суток») are what the language offers short of rewording;
  a template that can should prefer a case that avoids them («в течение 22
  суток»). With digits the noun is the genitive plural after 2–4: «2 суток».
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._morph import analyzer, restore_case
from .cases import normalize_case
from .gender import Gender
from .typography import NBSP

if TYPE_CHECKING:
    from decimal import Decimal

_NUM2WORDS_CASE = {"nomn": "n", "gent": "g", "datv": "d", "accs": "a", "ablt": "i", "loct": "p"}
_GENDERS = {
    "m": "m", "м": "m", "masc": "m", "male": "m", "муж": "m", "мужской": "m",
    "f": "f", "ж": "f", "femn": "f", "female": "f", "жен": "f", "женский": "f",
    "n": "n", "с": "n", "neut": "n", "ср": "n", "средний": "n",
}
_MORPH_GENDER = {"masc": "m", "femn": "f", "neut": "n"}

# Counting forms that differ from the dictionary's plural genitive:
# «5 человек» (not «людей»), «5 лет» (not «годов»); after a numeral «человек»
# keeps its own stem in the oblique cases as well («пяти человекам»).
_COUNTED_PLURAL = {
    "человек": {"gent": "человек", "datv": "человекам", "ablt": "человеками", "loct": "человеках"},
    "год": {"gent": "лет"},
}


def _gender_code(gender: object) -> str:
    if isinstance(gender, Gender):
        return "m" if gender is Gender.MALE else "f"
    key = str(gender).strip().lower()
    try:
        return _GENDERS[key]
    except KeyError:
        raise ValueError(f"неизвестный род «{gender}»: ожидается «m», «f» или «n»") from None


def _whole(n: Any) -> int:
    from decimal import Decimal, InvalidOperation

    if isinstance(n, bool) or not isinstance(n, (int, str, Decimal, float)):
        raise ValueError(f"«{n}»: ожидается целое число")
    try:
        value = Decimal(str(n).strip())
    except InvalidOperation:
        raise ValueError(f"«{n}»: ожидается целое число") from None
    if value != value.to_integral_value():
        raise ValueError(f"«{n}»: ожидается целое число")
    return int(value)


def number_words(n: int, case: str = "nomn", gender: object = "m") -> str:
    """A cardinal in words, agreeing in case and gender: 21 f gent → «двадцати одной»."""
    from num2words import num2words

    value = _whole(n)
    tag = _NUM2WORDS_CASE[normalize_case(case)]
    sex = _gender_code(gender)
    if value < 0:
        return f"минус {number_words(-value, case, gender)}"
    millions, rest = divmod(value, 1_000_000)
    parts = []
    if millions:
        parts.append(num2words(millions * 1_000_000, lang="ru", case=tag, gender="m", animate=False))
    if rest or not millions:
        parts.append(num2words(rest, lang="ru", case=tag, gender=sex, animate=False))
    return " ".join(parts)


def _noun(word: str) -> Any:
    """The nominative-singular noun reading of the counted word, or the nominative plural of a
    plural-only noun («сутки»)."""
    parses = analyzer().parse(word)
    for pos in ({"NOUN"}, {"NOUN", "ADJF", "PRTF"}):
        for parse in parses:
            if parse.tag.POS in pos and "nomn" in parse.tag and "sing" in parse.tag:
                return parse
    for parse in parses:
        if parse.tag.POS == "NOUN" and "Pltm" in parse.tag and "nomn" in parse.tag:
            return parse
    return parses[0]


def _plural_only(parse: Any) -> bool:
    return "Pltm" in parse.tag


def _round_thousands(n: int) -> bool:
    """1000, 2000, 21 000, 1 000 000: the number's last word is тысяча/миллион/миллиард, a noun."""
    return n != 0 and n % 1000 == 0


def _ends_in(n: int, *digits: int) -> bool:
    return n % 10 in digits and n % 100 // 10 != 1


# «одни сутки»: the plural of «один» that counts a plural-only noun, by case (inanimate).
_ONE_PLURAL = {"nomn": "одни", "gent": "одних", "datv": "одним", "accs": "одни", "ablt": "одними",
               "loct": "одних"}
_COLLECTIVE = {2: "двое", 3: "трое", 4: "четверо"}


def _counted(parse: Any, n: int, case: str) -> str:
    """The noun form after the number n in the given case (inanimate counting)."""
    n = abs(n)
    ends_in_one = _ends_in(n, 1)
    if _round_thousands(n):
        return _form(parse, "plur", "gent")
    if _plural_only(parse):  # «одни сутки», «двое суток», «пять суток», «двум суткам»
        nominal = case in ("nomn", "accs") and not ends_in_one
        return _form(parse, "plur", "gent" if nominal else case)
    if case == "nomn" or (case == "accs" and not ends_in_one):
        form = parse.make_agree_with_number(n)
        number = "sing" if ends_in_one or form is None else form.tag.number
        grammatical_case = "nomn" if ends_in_one or form is None else form.tag.case
    else:
        number = "sing" if ends_in_one else "plur"
        grammatical_case = case
        form = parse.inflect({number, case})
    if number == "plur":
        return _form(parse, "plur", grammatical_case)
    return form.word if form is not None else parse.word


def _form(parse: Any, number: str, case: str) -> str:
    """The noun in a number and case, with the counting forms of _COUNTED_PLURAL («лет»)."""
    if number == "plur":
        override = _COUNTED_PLURAL.get(parse.normal_form, {}).get(case)
        if override:
            return override
    form = parse.inflect({number, case})
    return form.word if form is not None else parse.word


def plural(n: int, word: str, case: str = "nomn") -> str:
    """«3 балла», «5 баллов», «21 балл»; «в 21 организации» with case='loct'. The word is given
    in the nominative singular."""
    value = _whole(n)
    return f"{value}{NBSP}{restore_case(word, _counted(_noun(word), value, normalize_case(case)))}"


def count_in_words(n: int, word: str, case: str = "nomn") -> str:
    """«5 (пяти) человек», as in «в количестве 5 (пяти) человек»."""
    value = _whole(n)
    tag = normalize_case(case)
    parse = _noun(word)
    gender = _MORPH_GENDER.get(parse.tag.gender or "", "m")
    noun = restore_case(word, _counted(parse, value, tag))
    words = _plural_only_words(value, tag) if _plural_only(parse) else None
    return f"{value}{NBSP}({words or number_words(value, tag, gender)}) {noun}"


def _plural_only_words(n: int, case: str) -> str | None:
    """The number counting a plural-only noun: «одни», «двадцать одних»; «двое», «сто трое» in the
    nominative and accusative. None where the cardinal serves (5 and up, the oblique cases of 2–4)."""
    n = abs(n)
    last = n % 10
    if _ends_in(n, 1):
        word = _ONE_PLURAL[case]
    elif _ends_in(n, 2, 3, 4) and case in ("nomn", "accs"):
        word = _COLLECTIVE[last]
    else:
        return None
    rest = n - last
    return f"{number_words(rest, case)} {word}" if rest else word


def _decimal(value: Any) -> Decimal:
    """Decimal from str(value), so that the float 12.45 stays 12.45 and not 12.4499…"""
    from decimal import Decimal, InvalidOperation

    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError(f"«{value}»: ожидается число")
    text = str(value).strip().replace(",", ".").replace(NBSP, "").replace(" ", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"«{value}»: ожидается число") from None
    if not result.is_finite():
        raise ValueError(f"«{value}»: ожидается число")
    return result


def _quantize(value: Decimal, digits: int) -> Decimal:
    from decimal import ROUND_HALF_UP, Decimal

    return value.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP)


def share(numerator: Any, denominator: Any, digits: int = 1) -> Decimal:
    """numerator/denominator in percent, rounded half-up; an empty base gives 0."""
    top, bottom = _decimal(numerator), _decimal(denominator)
    if bottom == 0:
        return _quantize(_decimal(0), digits)
    return _quantize(top * 100 / bottom, digits)


def decimal(value: Any, digits: int = 1) -> str:
    """«2,5», «19»: a number rounded half-up to ``digits`` places, with a decimal comma (never «-0»)."""
    rounded = _quantize(_decimal(value), digits)
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:f}".replace(".", ",")


def percent(value: Any, digits: int = 1) -> str:
    """«66,7 %»: a value already in percent, rounded half-up, decimal comma, NBSP before «%».

    A value that rounds to a whole number prints without a fractional part — «100 %», «0 %»,
    «50 %», never «100,0 %» (an office reads the zeros as a measurement that happened to be
    whole); a value that does not keeps its ``digits`` («12,5 %», «12,50 %» with two)."""
    rounded = _quantize(_decimal(value), digits)
    if rounded == rounded.to_integral_value():
        return decimal(rounded, 0) + f"{NBSP}%"
    return decimal(rounded, digits) + f"{NBSP}%"
