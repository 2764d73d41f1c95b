"""Checking the template of a document type: the variables the engine gives it (from the
type's sample, else from its input model), the static checks, then a fill with the sample."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import DocgenError, TemplateError
from .checks import ERROR, Finding, Report, check_file

# Context keys the engine itself adds to every document (see Engine.context).
ENGINE_KEYS = ("organization", "director", "document")
ORDER_KEYS = ("date", "number")


def type_variables(engine, document_type) -> tuple[dict[str, Any] | None, set[str], str]:
    """What the engine gives a type's template: (context from the sample, the type's own keys,
    a note). Without a usable sample the input model's fields stand in for the context."""
    engine_keys = set(ENGINE_KEYS) | (set(ORDER_KEYS) if document_type.is_order else set())
    if document_type.sample is not None:
        try:
            data = engine.load(document_type, document_type.sample)
            own = document_type.build_context(data)
            context = engine.context(document_type, data)
            return context, set(own) - engine_keys, ""
        except DocgenError as exc:
            note = f"образец данных не загрузился ({exc.message}); переменные взяты из модели входных данных"
        except Exception as exc:  # noqa: BLE001 — a plugin's context builder is foreign code
            note = f"образец данных не обработан ({type(exc).__name__}: {exc}); переменные взяты из модели"
    else:
        note = "у типа нет образца данных: переменные взяты из модели входных данных"
    fields = set(document_type.input_model.model_fields)
    provided = {name: None for name in fields | engine_keys}
    return provided, fields - engine_keys - {"organization"}, note


def check_type(engine, document_type, path: Path | None = None) -> Report:
    """Check the template a type uses (found along the search path), or ``path`` in its stead;
    then fill it with the type's sample, if it has one."""
    template = Path(path) if path is not None else engine.template_path.find(document_type.template)
    context, own, note = type_variables(engine, document_type)
    report = Report(template, document_type.slug, notes=[note] if note else [])
    report.findings = check_file(template, engine.filters, context, own)
    if not report.errors and not note and context is not None:
        from ..rendering import TemplateLimitError, render_docx

        try:
            render_docx(template, context, engine.filters)
        except TemplateLimitError:
            raise  # a runaway or hostile template is refused outright (exit 2), as `generate` refuses it
        except TemplateError as exc:
            report.findings.append(Finding(template.name, "заполнение образцом данных", ERROR, str(exc)))
    return report


def check_path(engine, path: Path, type_slug: str | None = None) -> Report:
    """Check a .docx file; its type is ``type_slug`` or the type whose template has its name."""
    path = Path(path)
    if not path.exists():
        raise TemplateError(f"файл шаблона «{path}» не найден")
    if path.suffix.lower() != ".docx":
        raise TemplateError(f"«{path.name}» — не шаблон .docx; укажите файл .docx или тип документа")
    if type_slug:
        return check_type(engine, engine.get_type(type_slug), path)
    matches = [dt for dt in engine.document_types.values() if dt.template == path.name]
    if matches:
        return check_type(engine, matches[0], path)
    report = Report(path, None, notes=[f"шаблон «{path.name}» не принадлежит ни одному типу документа: проверены "
                                       "разметка и теги, переменные не проверялись (укажите --type ТИП)"])
    report.findings = check_file(path, engine.filters)
    return report
