"""What a template author may use: `docgen templates vars TYPE` — the context variables of a
document type with Russian types and the descriptions of its input model, and the filters."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .document_type import ENGINE_KEYS, ORDER_KEYS, type_variables


@dataclass(frozen=True)
class Variable:
    name: str
    type: str
    description: str


_FILTER_HELP = {
    "date": "дата: «1 сентября 2026 г.»; date('numeric') — «01.09.2026»; date('quoted') — ««01» сентября 2026 г.»",
    "fio": "ФИО в падеже: fio('accs') — «Бондаренко Ольгу Николаевну»",
    "initials": "инициалы перед фамилией: «С.В. Ермакова» (для подписи)",
    "surname_initials": "фамилия и инициалы в падеже: surname_initials('datv') — «Соколову И.Д.»",
    "inflect": "должность или словосочетание в падеже: inflect('datv') — «заместителю директора»",
    "words": "число словами: words('nomn', 'f') — «двадцать одна»",
    "plural": "число с согласованным словом: plural('балл') — «5 баллов»",
    "percent": "проценты с запятой, округление половины вверх: «66,7 %»",
    "number_sign": "номер со знаком: «№ 45-од» (неразрывный пробел)",
    "capfirst": "первая буква прописная",
    "agree": "форма по полу человека: agree('ознакомлен', 'ознакомлена')",
}
_GENITIVE_PLURAL = {"строка": "строк", "дата": "дат", "целое число": "целых чисел", "число": "чисел",
                    "человек": "людей", "организация": "организаций", "запись": "записей", "словарь": "словарей",
                    "да/нет": "значений да/нет", "рисунок": "рисунков"}
_MAX_DEPTH = 3


def _model_word(model) -> str:
    from ..models import Organization, Person

    if issubclass(model, Person):
        return "человек"
    if issubclass(model, Organization):
        return "организация"
    return "запись"


def _annotation_type(annotation) -> tuple[str, Any]:
    """Russian name of a field's type, and the pydantic model to expand (or None)."""
    import datetime as dt
    import types
    import typing
    from decimal import Decimal

    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _annotation_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        name, model = _annotation_type(args[0]) if len(args) == 1 else (" или ".join(
            _annotation_type(a)[0] for a in args), None)
        return f"{name} (может отсутствовать)", model
    if origin in (list, tuple, set):
        args = typing.get_args(annotation)
        inner, model = _annotation_type(args[0]) if args else ("запись", None)
        return f"список из {_GENITIVE_PLURAL.get(inner, inner)}", model
    if origin is typing.Literal:
        return "одно из: " + ", ".join(f"«{a}»" for a in typing.get_args(annotation)), None
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _model_word(annotation), annotation
        if issubclass(annotation, bool):
            return "да/нет", None
        if issubclass(annotation, int):
            return "целое число", None
        if issubclass(annotation, (float, Decimal)):
            return "число", None
        if issubclass(annotation, dt.date):
            return "дата", None
        if issubclass(annotation, str):
            return "строка", None
    return "значение", None


def _field_rows(prefix: str, model, depth: int) -> list[Variable]:
    rows: list[Variable] = []
    for name, info in model.model_fields.items():
        kind, sub = _annotation_type(info.annotation)
        text = info.title or ""
        if info.description:
            text = f"{text}: {info.description}" if text else info.description
        full = f"{prefix}.{name}"
        rows.append(Variable(full, kind, text))
        if sub is not None and depth < _MAX_DEPTH:
            item = f"{full}[…]" if kind.startswith("список") else full
            rows.extend(_field_rows(item, sub, depth + 1))
    return rows


def _value_rows(name: str, value: Any, description: str, depth: int) -> list[Variable]:
    """Describe a context value the type computed, from the value itself."""
    import datetime as dt

    from pydantic import BaseModel

    from ..picture import Picture

    if isinstance(value, BaseModel):
        rows = [Variable(name, _model_word(type(value)), description)]
        return rows + (_field_rows(name, type(value), depth + 1) if depth < _MAX_DEPTH else [])
    if isinstance(value, dict):
        rows = [Variable(name, "словарь", description)]
        if depth < _MAX_DEPTH:
            for key, item in value.items():
                rows.extend(_value_rows(f"{name}.{key}", item, "", depth + 1))
        return rows
    if isinstance(value, (list, tuple)):
        first = value[0] if value else None
        inner = _value_rows(f"{name}[…]", first, "", depth + 1) if first is not None else []
        kind = inner[0].type if inner else "значение"
        return [Variable(name, f"список из {_GENITIVE_PLURAL.get(kind, kind)}", description), *inner[1:]]
    if isinstance(value, bool):
        kind = "да/нет"
    elif isinstance(value, int):
        kind = "целое число"
    elif isinstance(value, float):
        kind = "число"
    elif isinstance(value, dt.date):
        kind = "дата"
    elif isinstance(value, str):
        kind = "строка"
    elif isinstance(value, Picture):
        kind = "рисунок"
    elif value is None:
        kind = "значение (в образце пусто)"
    else:
        kind = type(value).__name__
    return [Variable(name, kind, description)]


def describe_variables(engine, document_type) -> tuple[list[Variable], str]:
    """The context variables of a type, with Russian types and descriptions from the input model;
    values the type computes are described from its sample."""
    from ..models import Organization, Person

    context, own, note = type_variables(engine, document_type)
    rows = [Variable("organization", "организация", "профиль организации (из поля organization данных)"),
            *_field_rows("organization", Organization, 1),
            Variable("director", "человек", "руководитель организации (organization.director)"),
            *_field_rows("director", Person, 2),
            Variable("document.title", "строка", f"наименование вида документа: «{document_type.title}»"),
            Variable("document.slug", "строка", f"код типа документа: «{document_type.slug}»")]
    if document_type.is_order:
        rows += [Variable("date", "дата", "дата приказа (фильтр date)"),
                 Variable("number", "строка", "регистрационный номер в формате организации, например «45-од»")]
    fields = document_type.input_model.model_fields
    extra = sorted(set(context or {}) - set(ENGINE_KEYS) - set(ORDER_KEYS) - own)
    for name in [*sorted(own), *extra]:
        info = fields.get(name)
        title = ""
        if info is not None:
            title = info.title or ""
            if info.description:
                title = f"{title}: {info.description}" if title else info.description
        elif name in extra:
            title = "добавлено плагином (docgen_adjust_context)"
        else:
            title = "вычисляется типом документа из входных данных"
        value = (context or {}).get(name)
        if info is not None and (value is None or note):
            kind, sub = _annotation_type(info.annotation)
            rows.append(Variable(name, kind, title))
            if sub is not None:
                rows.extend(_field_rows(f"{name}[…]" if kind.startswith("список") else name, sub, 2))
        else:
            rows.extend(_value_rows(name, value, title, 1))
    return rows, note


def describe_filters(engine) -> list[tuple[str, str]]:
    out = []
    for name, func in sorted(engine.filters.items()):
        text = _FILTER_HELP.get(name) or ((func.__doc__ or "").strip().splitlines() or ["—"])[0]
        out.append((name, text))
    return out
