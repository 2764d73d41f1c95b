"""Items of a list that continues a sentence after a colon: they start with a lower-case letter
and their final punctuation is the list's («;» between items, «.» after the last), whatever the
data's own capital or period. A first word that must keep its capital stays as is: an
abbreviation («ВСОКО», «ВПР-анализ»), a quoted name («Лучшая модель…»), a proper name, the name
of a law («Федеральным законом от …»)."""

from __future__ import annotations

import re
from typing import Any

from ._morph import analyzer

_FIRST_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A final period that belongs to an abbreviation, not to the sentence: «И.И.», «т.д.», «г.».
_ABBREVIATION_END = re.compile(r"(?:\.\w{1,2}|(?<!\w)\w)\.$")
# pymorphy3's grammemes of proper names: a first name, surname, patronymic, place, organisation.
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
# Names of laws written with a capital in any case and place: «Федеральным законом от … № 273-ФЗ»,
# «Конституцией Российской Федерации», «Трудовым кодексом Российской Федерации».
_LAW_NAMES = re.compile(r"(?:Федеральн\w* закон|Конституци\w* Российской|(?:Трудов|Гражданск|Семейн|Бюджетн)\w* кодекс)")


def _keeps_capital(word: str) -> bool:
    """An abbreviation (two capitals or more in its first part) or a word that is only ever a proper name."""
    head = word.split("-")[0]
    if sum(ch.isupper() for ch in head) >= 2:
        return True
    parses = analyzer().parse(word)
    return bool(parses) and all(_PROPER & set(p.tag.grammemes) for p in parses)


def list_item(text: Any) -> str:
    """«Нормативное обеспечение ВСОКО.» → «нормативное обеспечение ВСОКО»; the template adds «;» or «.»."""
    item = str(text).strip().rstrip(";,").rstrip()
    if item.endswith(".") and not _ABBREVIATION_END.search(item):
        item = item[:-1].rstrip()
    match = _FIRST_WORD.match(item)
    if match is None or _keeps_capital(match.group(0)) or _LAW_NAMES.match(item):
        return item  # starts with a quote, a digit or a bracket, or with a word that keeps its capital
    return item[:1].lower() + item[1:]
