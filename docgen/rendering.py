"""Rendering a .docx template: docxtpl under a sandboxed, autoescaping Jinja environment.

Templates are untrusted input — a district sends them by e-mail — so they run in Jinja's
sandbox, undefined names are errors rather than silent blanks, and every value is stripped of
characters XML cannot carry before it reaches the document.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from .errors import TemplateError
from .picture import Picture
from .russian.typography import strip_xml_illegal

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def sanitize(value: Any) -> Any:
    """Strip XML-illegal characters from every string reachable in the context."""
    if isinstance(value, str):
        return strip_xml_illegal(value)
    if isinstance(value, (bool, int, float, Decimal, date, Enum, Picture)) or value is None:
        return value
    if isinstance(value, BaseModel):
        return value.model_copy(update={k: sanitize(getattr(value, k)) for k in type(value).model_fields})
    if isinstance(value, dict):
        return {k: sanitize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(sanitize(v) for v in value)
    return value


def place_pictures(value: Any, doc) -> Any:
    """Replace every Picture in the context by an inline image of ``doc`` (docxtpl needs the template)."""
    if isinstance(value, Picture):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(doc, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: place_pictures(v, doc) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(place_pictures(v, doc) for v in value)
    return value


def make_environment(filters: dict[str, Callable]):
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(filters)
    return env


def _check_package(path: Path) -> None:
    """Refuse what is not a .docx before docxtpl trips over it with an obscure message."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TemplateError(f"шаблон «{path}» не читается: {exc.strerror or exc}") from None
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"шаблон «{path}» слишком велик ({size // 1024 // 1024} МБ)")
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError):
        raise TemplateError(f"шаблон «{path.name}» — не документ .docx (файл повреждён или другого формата)") from None
    if "word/document.xml" not in names:
        raise TemplateError(f"шаблон «{path.name}» — не документ Word .docx (нет word/document.xml)")
    if unpacked > MAX_UNPACKED_BYTES:
        raise TemplateError(f"шаблон «{path.name}» распаковывается в {unpacked // 1024 // 1024} МБ — отказ")


def _where(exc: Exception) -> str:
    """The text around a Jinja error: docxtpl keeps the XML lines, we keep only their words."""
    lines = [s.strip() for s in getattr(exc, "docx_context", None) or [] if s.strip()]
    lines = [line if len(line) <= 70 else line[:69] + "…" for line in lines]
    return f" Рядом с текстом: «{' / '.join(lines)}»" if lines else ""


def render_docx(template: Path, context: dict[str, Any], filters: dict[str, Callable]) -> bytes:
    """Render ``template`` with ``context``; return the .docx bytes. The engine's only renderer."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError as JinjaError

    _check_package(template)
    env = make_environment(filters)
    name = template.name
    try:
        doc = DocxTemplate(str(template))
        doc.render(place_pictures(sanitize(context), doc), jinja_env=env, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"шаблон «{name}»: ошибка в разметке Jinja: {exc.message}.{_where(exc)}") from None
    except SecurityError as exc:
        raise TemplateError(
            f"шаблон «{name}»: запрещённое обращение к внутренним атрибутам ({exc}); такой шаблон не будет выполнен"
        ) from None
    except UndefinedError as exc:
        raise TemplateError(f"шаблон «{name}»: неизвестная переменная — {exc.message}.{_where(exc)}") from None
    except JinjaError as exc:
        raise TemplateError(f"шаблон «{name}»: ошибка при заполнении: {exc}.{_where(exc)}") from None
    except (ValueError, TypeError) as exc:
        raise TemplateError(f"шаблон «{name}»: ошибка при заполнении: {exc}.{_where(exc)}") from None
    return out.getvalue()
