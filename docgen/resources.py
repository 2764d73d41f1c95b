"""Where the built-in templates, catalogues and samples live.

An installed wheel carries them under ``docgen/_data``; a source checkout keeps them at the
repository root, as DESIGN.md lays out. Both are looked up here and nowhere else.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Folder ``name`` (``templates``, ``registries``, ``samples``) of the built-in data."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
