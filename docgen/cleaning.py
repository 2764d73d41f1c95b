"""Text from outside, made safe to keep: control characters out, lone surrogates replaced.

Every way text enters docgen — data files, profiles, docgen.yaml, imported act lists, options
such as ``acts set --note`` — passes ``clean_text`` (or ``clean_data``), so nothing the store
keeps can later break an export: openpyxl refuses C0 controls outright, XML cannot carry them,
and a CR or NUL at a cell's start is read by spreadsheets as the start of a formula.

Kept: TAB and LF. Both are ordinary in multi-line text (a YAML block scalar, a pasted note) and
both are legal in XML and in spreadsheet cells. CR is turned into LF (CRLF into one LF), so a
line break typed on Windows survives as a line break. Everything else in C0 (U+0000–U+001F),
DEL (U+007F), C1 (U+0080–U+009F) and the XML non-characters U+FFFE/U+FFFF is removed: none of
them is ever typed on purpose, and none is visible. A lone surrogate (a JSON «\\ud800» escape)
becomes U+FFFD, the replacement character, because no file or message can encode it.
"""
from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without control characters (TAB and LF kept, CR → LF); the same object when clean."""
    if not _NEEDS_WORK.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def clean_data(value: Any) -> Any:
    """Every string (keys included) in a loaded file's data, cleaned. The data is a tree: the
    YAML loader refuses aliases beyond its budget before this runs (docgen.loading), so the walk
    costs one look at each value."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        pairs = [(clean_data(k), clean_data(v)) for k, v in value.items()]
        if all(k is old_k and v is old_v for (k, v), (old_k, old_v) in zip(pairs, value.items())):
            return value  # nothing to clean: the loaded object itself, not a copy of a whole staff list
        return dict(pairs)
    if isinstance(value, list):
        items = [clean_data(v) for v in value]
        return value if all(new is old for new, old in zip(items, value)) else items
    return value
