"""docgen — documents of a school's quality-assessment system from .docx templates.

The public API a plugin uses is re-exported here. Names resolve lazily so that ``docgen --help``
does not pay for pydantic, docxtpl or the Russian morphology dictionaries.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# The modules a plugin may import (docgen.gost and docgen.blocks are for the scripts that build
# templates in code; they import python-docx). Everything else under docgen is internal and may change;
# tests/test_public_api.py holds the built-in plugins and the Kirov sample to this list, and the
# plugin guide (docs/plugins.md, «The public API») describes each name.
PUBLIC_MODULES = ("docgen", "docgen.russian", "docgen.scoring", "docgen.acts", "docgen.gost", "docgen.blocks")

_EXPORTS = {
    # plugging in
    "hookimpl": "docgen.hookspecs",
    "hookspec": "docgen.hookspecs",
    "DocumentType": "docgen.doctype",
    "data_dir": "docgen.resources",
    "template_file": "docgen.templates",
    "load_data": "docgen.loading",
    "load_reference": "docgen.loading",
    "DataModel": "docgen.shared_data",
    "data_model": "docgen.shared_data",
    "read_shared": "docgen.shared_data",
    # input models and their pieces
    "Strict": "docgen.models",
    "Text": "docgen.models",
    "RuDate": "docgen.models",
    "Gender": "docgen.russian.gender",
    "Person": "docgen.models",
    "StaffMember": "docgen.models",
    "Organization": "docgen.models",
    "DocumentInput": "docgen.models",
    "OrderInput": "docgen.models",
    "Approval": "docgen.models",
    "Executor": "docgen.models",
    "executor_field": "docgen.models",
    "control_field": "docgen.models",
    "Period": "docgen.schedule",
    "Term": "docgen.schedule",
    "Activity": "docgen.schedule",
    "check_end": "docgen.schedule",
    "Plan": "docgen.plan",
    "PlanStage": "docgen.plan",
    "PlanActivity": "docgen.plan",
    "PlanFile": "docgen.plan",
    "PlanRef": "docgen.plan",
    "plan_field": "docgen.plan",
    "read_plan": "docgen.plan",
    # rendering
    "Engine": "docgen.engine",
    "Picture": "docgen.picture",
    # errors
    "FieldError": "docgen.errors",
    "DocgenError": "docgen.errors",
    "InputError": "docgen.errors",
    "TemplateError": "docgen.errors",
    "PluginError": "docgen.errors",
}

__all__ = [*_EXPORTS, "PUBLIC_MODULES", "__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
