"""docgen — documents of a school's quality-assessment system from .docx templates.

The public API a plugin uses is re-exported here. Names resolve lazily so that ``docgen --help``
does not pay for pydantic, docxtpl or the Russian morphology dictionaries.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "docgen.hookspecs",
    "hookspec": "docgen.hookspecs",
    "DocumentType": "docgen.doctype",
    "Person": "docgen.models",
    "Organization": "docgen.models",
    "DocumentInput": "docgen.models",
    "OrderInput": "docgen.models",
    "StaffMember": "docgen.models",
    "RuDate": "docgen.models",
    "Term": "docgen.models",
    "Text": "docgen.models",
    "Strict": "docgen.models",
    "Gender": "docgen.russian.gender",
    "Engine": "docgen.engine",
    "data_dir": "docgen.resources",
    "Picture": "docgen.picture",
    "DocgenError": "docgen.errors",
    "InputError": "docgen.errors",
    "TemplateError": "docgen.errors",
    "PluginError": "docgen.errors",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
