"""The shared pymorphy3 analyser.

Loading the dictionaries takes a noticeable fraction of a second, so it is
done on first use and only once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer


@lru_cache(maxsize=1)
def analyzer() -> MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def restore_case(original: str, inflected: str) -> str:
    """Give the inflected (always lower-case) word the capitalisation of the original.

    Works per hyphenated part so that «Учитель-Логопед» stays capitalised on
    both sides; an all-capital part stays all-capital.
    """
    orig_parts = original.split("-")
    new_parts = inflected.split("-")
    if len(orig_parts) != len(new_parts):
        orig_parts, new_parts = [original], [inflected]
    out = []
    for orig, new in zip(orig_parts, new_parts):
        if len(orig) > 1 and orig.isupper():
            new = new.upper()
        elif orig[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(new)
    return "-".join(out)
