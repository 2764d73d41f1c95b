"""Roman numerals, which Russian official texts use for places in a competition («I место»,
«II и III места») and for centuries or quarters: Arabic digits there read as a typo."""

from __future__ import annotations

from typing import Any

_NUMERALS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: Any) -> str:
    """3 → «III»; only whole numbers from 1 to 3999 have a Roman form."""
    if isinstance(n, bool):
        raise ValueError(f"«{n}»: ожидается целое число от 1 до 3999")
    try:
        value = int(str(n).strip())
    except ValueError:
        raise ValueError(f"«{n}»: ожидается целое число от 1 до 3999") from None
    if not 1 <= value <= 3999:
        raise ValueError(f"«{n}»: римскими цифрами записываются числа от 1 до 3999")
    out = []
    for worth, letters in _NUMERALS:
        count, value = divmod(value, worth)
        out.append(letters * count)
    return "".join(out)
