"""The template variables of an acquaintance sheet."""
from __future__ import annotations

from docgen.acts import act_title
from docgen.russian import head_form, inflect_phrase

from .model import AcquaintanceSheetInput


def build_context(data: AcquaintanceSheetInput) -> dict:
    title = act_title(data.act)
    # «form» (m, f, n, pl): the head noun's, for «утверждённым(и)» after «с Положением …»
    return {"act": {"id": data.act, "title": title, "form": head_form(title)}, "approved": data.approved,
            "readers": data.people}


def file_stem(data: AcquaintanceSheetInput) -> str:
    """«Лист ознакомления с Положением о … (приказ № 131-од от 11.12.2026)»: the act by its title, as
    the sheet's heading names it, never by its catalogue code."""
    title = inflect_phrase(act_title(data.act) or data.act, "ablt")
    return f"Лист ознакомления с {title} (приказ № {data.approved.number} от {data.approved.date:%d.%m.%Y})"
