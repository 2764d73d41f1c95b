"""Dates as Russian office documents write them.

Month names come from babel (CLDR): «MMMM» is the genitive form
(«ноября»). The «г.» is glued to the year with a no-break space. Parsing is
strict: a date that does not exist is a mistake in the source data, and a
two-digit year is ambiguous, so both are refused with a message that says
what to fix.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .typography import NBSP

_PATTERNS = {
    "long": "d MMMM y",
    "numeric": "dd.MM.yyyy",
    "quoted": "«dd» MMMM y",
    "year": "y",
}
_WITH_YEAR_MARK = frozenset({"long", "quoted", "year"})

_RU_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SHAPE_ERROR = "ожидается дата в виде ДД.ММ.ГГГГ, например 22.11.2026"

# Prepositional month names for «в феврале 2026 г. 28 дней»; babel has no such form.
_MONTHS_LOCT = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)


def format_date(value: date, style: str = "long") -> str:
    """«22 ноября 2026 г.», «22.11.2026», ««22» ноября 2026 г.» or «2026 г.»."""
    try:
        pattern = _PATTERNS[style]
    except KeyError:
        raise ValueError(
            f"неизвестный формат даты «{style}»; допустимые: {', '.join(_PATTERNS)}"
        ) from None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValueError(f"«{value}»: {_SHAPE_ERROR}")
    from babel.dates import format_date as babel_format_date

    text = babel_format_date(value, format=pattern, locale="ru")
    return f"{text}{NBSP}г." if style in _WITH_YEAR_MARK else text


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_word(days: int) -> str:
    return "день" if days % 10 == 1 and days % 100 != 11 else "дней"


def parse_date(value: object) -> date:
    """Accept a date, «22.11.2026» or ISO «2026-11-22»; refuse anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip() if value is not None else ""
    if match := _RU_DATE.fullmatch(text):
        day, month, year = (int(group) for group in match.groups())
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(group) for group in match.groups())
    else:
        raise ValueError(f"«{value}»: {_SHAPE_ERROR}")
    if not 1 <= month <= 12:
        raise ValueError(f"{text}: такого месяца нет ({month}), месяц — от 01 до 12")
    if year < 1:
        raise ValueError(f"{text}: {_SHAPE_ERROR}")
    days = _days_in_month(year, month)
    if not 1 <= day <= days:
        raise ValueError(
            f"{text}: такой даты нет (в {_MONTHS_LOCT[month - 1]} {year} г. "
            f"{days} {_days_word(days)})"
        )
    return date(year, month, day)


def academic_year(start_year: int, sep: str = "/") -> str:
    """«2026/2027»: the school year that starts on 1 September of start_year."""
    start = int(start_year)
    return f"{start}{sep}{start + 1}"
