"""Small typographic helpers for Russian office documents."""

from __future__ import annotations

import re

NBSP = "\u00a0"

# XML 1.0 allows \t \n \r among C0 controls and forbids U+FFFE, U+FFFF and
# unpaired surrogates; a single such character makes Word refuse the .docx.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def number_sign(value: object) -> str:
    """«№ 45-од» with a no-break space so the sign never ends a line alone."""
    text = str(value).strip()
    if text.startswith("№"):
        text = text[1:].strip()
    return f"№{NBSP}{text}"


def strip_xml_illegal(text: str) -> str:
    """Drop characters that would make the document XML invalid (pasted text often has them)."""
    return _XML_ILLEGAL.sub("", text)


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only; str.capitalize() would lower-case abbreviations (ВСОКО)."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text
