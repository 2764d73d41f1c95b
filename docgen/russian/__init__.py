"""Russian-language processing for documents: names, titles, dates, numbers.

Importing this package costs almost nothing: the submodules load on first
attribute access (PEP 562), and pymorphy3, pytrovich, babel and num2words
only when something is actually declined or formatted, so a CLI that never
renders a document does not pay for the dictionaries.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "CASES": "cases",
    "head_form": "agreement",
    "normalize_case": "cases",
    "academic_year": "dates",
    "format_date": "dates",
    "parse_date": "dates",
    "jinja_filters": "filters",
    "Gender": "gender",
    "parse_gender": "gender",
    "decline_name": "names",
    "initials_first": "names",
    "initials_last": "names",
    "known_by_initials": "names",
    "split_name": "names",
    "surname": "names",
    "count_in_words": "numbers",
    "decimal": "numbers",
    "number_words": "numbers",
    "percent": "numbers",
    "plural": "numbers",
    "share": "numbers",
    "inflect_phrase": "titles",
    "list_item": "lists",
    "NBSP": "typography",
    "NB_HYPHEN": "typography",
    "capitalize_first": "typography",
    "number_sign": "typography",
    "strip_xml_illegal": "typography",
    "typeset": "typography",
    "typeset_template": "typography",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from .agreement import head_form
    from .cases import CASES, normalize_case
    from .dates import academic_year, format_date, parse_date
    from .filters import jinja_filters
    from .gender import Gender, parse_gender
    from .names import decline_name, initials_first, initials_last, known_by_initials, split_name, surname
    from .numbers import count_in_words, decimal, number_words, percent, plural, share
    from .titles import inflect_phrase
    from .typography import NB_HYPHEN, NBSP, capitalize_first, number_sign, strip_xml_illegal, typeset, typeset_template


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
