"""Grammatical case names shared by every module of the subpackage.

Templates are written by school staff, so a case may arrive as a pymorphy
tag («datv»), a Russian abbreviation («дат») or a full Russian name
(«дательный»); all of them are reduced to the pymorphy tag here, once.
"""

from __future__ import annotations

CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_RUSSIAN_NAMES = {
    "nomn": ("им", "именительный"),
    "gent": ("род", "родительный"),
    "datv": ("дат", "дательный"),
    "accs": ("вин", "винительный"),
    "ablt": ("твор", "творительный"),
    "loct": ("пред", "предложный"),
}

_ALIASES: dict[str, str] = {tag: tag for tag in CASES}
for _tag, _names in _RUSSIAN_NAMES.items():
    for _name in _names:
        _ALIASES[_name] = _tag


def normalize_case(case: str) -> str:
    """Return the pymorphy tag for any accepted spelling of a case.

    Raises ValueError in Russian because the message ends up in front of
    the person who wrote the template.
    """
    key = str(case).strip().lower().rstrip(".")
    try:
        return _ALIASES[key]
    except KeyError:
        accepted = ", ".join(
            f"{tag} ({'/'.join(_RUSSIAN_NAMES[tag])})" for tag in CASES
        )
        raise ValueError(
            f"неизвестный падеж «{case}»; допустимые значения: {accepted}"
        ) from None
