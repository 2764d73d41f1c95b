"""A document type's form, derived from its pydantic input model — so a district plugin's type
gets a page without web code.

The model says everything the form needs: a field's ``title`` is its label and ``description``
its hint; the annotation gives the widget (a date field for RuDate, a select for a Literal or an
Enum, a checkbox for a bool, a picker over the profile's staff for a StaffMember, a fieldset for
a nested model, repeated fieldsets for a list of models). The ``organization`` field is no field
of the form: it is the school's stored profile.

Form fields are named by their path in the data, list items by index (``members.0.person``);
``nest`` turns the posted pairs back into the nested dict a data file would hold, and
``validate`` runs the model as the command line does (the same cleaning, the same Russian
messages of docgen.messages), keyed by the path of the field each message names.
"""
from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

LONG_TEXT = ("purpose", "action", "description", "text", "content", "note")  # names hinting at a paragraph
SKIPPED = frozenset({"organization"})


@dataclass
class Field:
    """One widget of the form. ``kind``: text, textarea, date, int, number, select, checkbox,
    staff, staff_list, lines (a list of texts, one a line), yaml (a mapping or a list of them,
    written as in a data file), group (a nested model) or list (repeated groups, ``rows``)."""

    name: str
    label: str
    hint: str | None
    kind: str
    required: bool
    value: Any = None
    choices: list[tuple[str, str]] = field(default_factory=list)
    children: list["Field"] = field(default_factory=list)
    rows: list[list["Field"]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-")


# -- reading the model -----------------------------------------------------------------------

def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``None`` and ``Annotated``: (core type, optional?)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation, optional


def _is_staff(annotation: Any, info: FieldInfo | None = None) -> bool:
    """A StaffMember (docgen.models): a Person resolved against the profile's staff by a
    BeforeValidator — the reference a form offers as a picker."""
    from ..models import _staff_member

    metadata = list(info.metadata) if info is not None else []
    if typing.get_origin(annotation) is typing.Annotated:
        metadata += list(annotation.__metadata__)
    return any(getattr(m, "func", None) is _staff_member for m in metadata)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _is_date(annotation: Any) -> bool:
    core, _ = _unwrap(annotation)
    return core is dt.date


def _choices(core: Any) -> list[tuple[str, str]] | None:
    if typing.get_origin(core) is Literal:
        return [(str(v), str(v)) for v in typing.get_args(core)]
    if isinstance(core, type) and issubclass(core, enum.Enum):
        return [(str(m.value), _enum_label(m)) for m in core]
    return None


def _enum_label(member: enum.Enum) -> str:
    """How a choice of an Enum reads in Russian: its ``label``, else docgen's own words for the
    enums of docgen.models, else its value."""
    from ..russian.gender import Gender

    words = {Gender.MALE: "мужской", Gender.FEMALE: "женский"}
    return getattr(member, "label", None) or words.get(member, str(member.value))


def _normalised(info: FieldInfo, value: Any) -> Any:
    """A select's value as the model reads it («ж» → «female»), so the right option is selected."""
    from pydantic import TypeAdapter

    try:
        found = TypeAdapter(typing.Annotated[(info.annotation, *info.metadata)]).validate_python(value) \
            if info.metadata else TypeAdapter(info.annotation).validate_python(value)
    except Exception:  # noqa: BLE001 — no such choice: kept as typed, the model will say so
        return value
    return found.value if isinstance(found, enum.Enum) else found


@lru_cache(maxsize=4096)
def _kind_of(model: type[BaseModel], field_name: str) -> tuple[str, Any]:
    """``_kind`` of a model's field, worked out once: a model does not change, and reading its
    annotations costs more than the rest of a form's post."""
    info = model.model_fields[field_name]
    return _kind(info.alias or field_name, info)


def _kind(name: str, info: FieldInfo) -> tuple[str, Any]:
    annotation = info.annotation
    if _is_staff(annotation, info) or _is_staff(_strip_optional(annotation)):
        return "staff", None
    core, _ = _unwrap(annotation)
    if core is bool:
        return "checkbox", None
    if core is dt.date:
        return "date", None
    if core is int:
        return "int", None
    if core is float:
        return "number", None
    if _choices(core) is not None:
        return "select", _choices(core)
    if isinstance(core, type) and issubclass(core, BaseModel):
        return "group", core
    if typing.get_origin(core) is list:
        (item,) = typing.get_args(core) or (str,)
        if _is_staff(item):
            return "staff_list", None
        item_core, _ = _unwrap(item)
        if isinstance(item_core, type) and issubclass(item_core, BaseModel):
            return "list", item_core
        if typing.get_origin(item_core) in (dict, list, tuple):
            return "yaml", None
        return "lines", None
    if typing.get_origin(core) in (dict, tuple):
        return "yaml", None  # a mapping or a pair has no widget of its own: its YAML, as in a data file
    return ("textarea" if name in LONG_TEXT else "text"), None


DATE_FORMAT = "ДД.ММ.ГГГГ"


# What a model's description says to the author of a data file, not to someone at a form: the
# shape of a YAML mapping after «:» or «либо» (the form has the fields themselves), a parenthesis
# with Latin words (a command, a type's slug), «true — » before what a checkbox does.
_DATA_FILE_WORDS = (
    (re.compile(r"(?:,?\s*либо|:)\s*\{[^{}]*\}"), ""),
    (re.compile(r"\s*\((?=[^()]*[a-z])[^()]*\)"), ""),
    (re.compile(r"^(?:true|да)\s*[—:-]\s*"), ""),
)


def _form_hint(kind: str, description: str | None) -> str | None:
    """A hint as the form needs it. A date widget has its own calendar and shows the date in the
    browser's order, so «ДД.ММ.ГГГГ» would only contradict it; the data-file words go
    (_DATA_FILE_WORDS), except under a YAML widget, where the user writes exactly that shape."""
    if not description:
        return None
    if kind == "date" and description.startswith(DATE_FORMAT):
        description = description[len(DATE_FORMAT):].lstrip(";,. ")
    if kind != "yaml":
        for pattern, replacement in _DATA_FILE_WORDS:
            description = pattern.sub(replacement, description)
    return description.strip(" ;,") or None


def _required(info: FieldInfo) -> bool:
    return info.is_required()


def build(model: type[BaseModel], values: dict[str, Any] | None, staff: list[tuple[str, str]],
          errors: dict[str, list[str]] | None = None, prefix: str = "") -> list[Field]:
    """The widgets of ``model`` filled with ``values`` (the nested dict of a data file or of a
    posted form); ``staff``: the picker's choices (value, label); ``errors``: messages by path."""
    values = values or {}
    errors = errors or {}
    out = []
    for field_name, info in model.model_fields.items():
        name = info.alias or field_name  # the key a data file uses («from» for ``from_``)
        if not prefix and name in SKIPPED:
            continue
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("form") is False:
            continue  # a reference to a data file (a plan file): a form has its rows instead
        path = prefix + name
        kind, extra = _kind_of(model, field_name)
        value = values.get(name)
        schema_extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        hint = schema_extra.get("form_hint") or _form_hint(kind, info.description)  # a model may word it for forms
        f = Field(path, info.title or name, hint, kind, _required(info),
                  errors=list(errors.get(path, ())))
        if kind == "group":
            f.children = build(extra, value if isinstance(value, dict) else {}, staff, errors, path + ".")
        elif kind == "list":
            items = value if isinstance(value, list) else []
            f.rows = [build(extra, item if isinstance(item, dict) else {}, staff, errors, f"{path}.{n}.")
                      for n, item in enumerate(items)]
        else:
            if kind == "select":
                f.choices = list(extra)  # the cached kind's list stays as it is
                if value is not None and str(value) not in {v for v, _ in extra}:
                    value = _normalised(info, value)
            elif kind in ("staff", "staff_list"):
                f.choices = list(staff)
            if kind == "staff":
                f.children = _outside_person(path, value, errors)
                if isinstance(value, dict):
                    value = None  # a whole person: the picker shows none of the staff
            if value is None and not info.is_required():
                value = info.get_default(call_default_factory=True)
            f.value = _shown(kind, value)
            if kind in ("staff", "staff_list"):
                given = f.value if isinstance(f.value, list) else [f.value]
                known = {v for v, _ in f.choices}
                f.choices += [(v, v) for v in given if v and v not in known]  # a name from elsewhere, kept as typed
        out.append(f)
    return out


PERSON_FIELDS = ("full_name", "gender", "position")


def _outside_person(path: str, value: Any, errors: dict[str, list[str]]) -> list[Field]:
    """The fields of someone from outside the staff list (a StaffMember takes a whole person: a
    contact at another organisation) — ФИО, пол, должность of docgen.models.Person, filled when
    the value is such a person."""
    from ..models import Person

    given = value if isinstance(value, dict) else {}
    fields = [f for f in build(Person, given, [], errors, path + ".") if f.name.rpartition(".")[2] in PERSON_FIELDS]
    for f in fields:
        f.required = False  # the whole person is the alternative to the picker: a select starts at «—», not at a gender
    return fields


def _shown(kind: str, value: Any) -> Any:
    """A value as its widget holds it: a date as ГГГГ-ММ-ДД for the date input (typed ДД.ММ.ГГГГ
    kept as typed when it is no date), a list as one line per item."""
    if value is None or isinstance(value, BaseModel):
        return "" if kind not in ("checkbox", "staff_list") else ([] if kind == "staff_list" else False)
    if kind == "checkbox":
        return value in (True, "on", "true", "1")
    if kind == "date":
        if isinstance(value, dt.date):
            return value.isoformat()
        from ..russian.dates import parse_date

        try:
            return parse_date(value).isoformat()
        except (ValueError, TypeError):
            return str(value)
    if kind == "staff_list":
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if kind == "lines":
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kind == "yaml":
        if isinstance(value, str):
            return value
        import yaml

        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False).strip() \
            if value else ""
    return str(value)


def staff_choices(org) -> list[tuple[str, str]]:
    """The picker's choices: each person of the profile by their code (else full name)."""
    if org is None:
        return []
    return [(p.id or p.full_name, f"{p.full_name}, {p.position}") for p in org.people]


# -- reading the posted form -----------------------------------------------------------------

def nest(model: type[BaseModel], pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The posted pairs as the nested dict of a data file: ``members.0.person`` → members[0].person;
    empty fields left out (the model's default applies, or its «не заполнено»), checkboxes true
    when sent, a list of texts one item a line."""
    tree: dict[str, Any] = {}
    for key, value in pairs:
        if key.startswith("_") or key == "csrf_token" or not isinstance(value, str):
            continue
        parts = key.split(".")
        if not all(parts) or len(parts) > 12:
            continue
        node = tree
        for part in parts[:-1]:
            if isinstance(node.get(part), str):
                node[part] = {"": node[part]}  # a picker with fields of its own («contact» and «contact.full_name»)
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            last = parts[-1]
            if last in node and isinstance(node[last], list):
                node[last].append(value)
            elif last in node and isinstance(node[last], dict):
                node[last][""] = value
            elif last in node:
                node[last] = [node[last], value]
            else:
                node[last] = value
    return _shape(model, tree)


def _shape(model: type[BaseModel], tree: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    keys = set()
    for field_name, info in model.model_fields.items():
        name = info.alias or field_name
        keys.add(name)
        if name in SKIPPED or name not in tree and _kind_of(model, field_name)[0] != "checkbox":
            continue
        kind, extra = _kind_of(model, field_name)
        value = tree.get(name)
        if kind == "checkbox":
            out[name] = value is not None and value != ""
        elif kind == "group":
            inner = _shape(extra, value) if isinstance(value, dict) else {}
            if inner or _required(info):
                out[name] = inner
        elif kind == "list":
            rows = _indexed(value)
            out[name] = [_shape(extra, row) if isinstance(row, dict) else row for row in rows]
        elif kind == "staff":
            chosen = _staff_value(value)
            if chosen is not None:
                out[name] = chosen
        elif kind == "staff_list":
            items = value if isinstance(value, list) else [value]
            out[name] = [v for v in items if isinstance(v, str) and v.strip()]
        elif kind == "lines":
            text = value if isinstance(value, str) else "\n".join(v for v in value if isinstance(v, str))
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if lines:
                out[name] = lines
        elif kind == "yaml" and isinstance(value, str) and value.strip():
            out[name] = _yaml(value)
        elif isinstance(value, str) and value.strip():
            out[name] = value
        elif isinstance(value, list):
            out[name] = value  # a field sent twice: the model says what it thinks of that
    for name in tree:
        if name not in keys and name not in SKIPPED:
            out[name] = tree[name]  # an unknown field: refused by the model, as in a data file
    return out


def _staff_value(value: Any) -> str | dict | list | None:
    """A picker's choice wins; with none chosen, the outside person's fields, if any is filled."""
    if isinstance(value, dict):
        chosen = value.get("", "")
        if isinstance(chosen, str) and chosen.strip():
            return chosen
        person = {k: v for k in PERSON_FIELDS if isinstance(v := value.get(k), str) and v.strip()}
        return person if person.keys() - {"gender"} else None  # a gender alone names nobody
    if isinstance(value, str):
        return value if value.strip() else None
    return value  # sent twice: the model says what it thinks of that


def _yaml(text: str) -> Any:
    """A YAML widget's text read as a data file's value is (the same budget and limits); text
    that is no YAML is passed on as text, for the model to refuse by its field."""
    from ..cleaning import clean_data
    from ..yaml_budget import DataShapeError, load_yaml

    import yaml

    try:
        return clean_data(load_yaml(text))
    except (yaml.YAMLError, DataShapeError, RecursionError):
        return text


def _indexed(value: Any) -> list[Any]:
    """A list's rows in the order of their indexes (``members.3`` after ``members.1``)."""
    if not isinstance(value, dict):
        return []
    numbered = sorted((int(k), v) for k, v in value.items() if k.isdigit() and len(k) < 6)
    return [v for _, v in numbered]


# -- adding, removing and moving rows --------------------------------------------------------

def add_row(values: dict[str, Any], path: str) -> None:
    """A new empty row at the end of the list at ``path`` (dotted, as a field's name)."""
    container, key = _locate(values, path)
    if container is not None:
        rows = container.get(key)
        container[key] = (rows if isinstance(rows, list) else []) + [{}]


def remove_row(values: dict[str, Any], path: str) -> None:
    """The row at ``path`` («members.2») taken out of its list."""
    list_path, _, index = path.rpartition(".")
    container, key = _locate(values, list_path)
    if container is None or not index.isdigit():
        return
    rows = container.get(key)
    if isinstance(rows, list) and int(index) < len(rows):
        del rows[int(index)]


def move_up(values: dict[str, Any], path: str) -> None:
    """The row at ``path`` («tasks.2») swapped with the one before it."""
    list_path, _, index = path.rpartition(".")
    container, key = _locate(values, list_path)
    if container is None or not index.isdigit():
        return
    rows, n = container.get(key), int(index)
    if isinstance(rows, list) and 0 < n < len(rows):
        rows[n - 1], rows[n] = rows[n], rows[n - 1]


def _locate(values: dict[str, Any], path: str) -> tuple[dict | None, str]:
    parts = path.split(".")
    node: Any = values
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) and part.isdigit() and int(part) < len(node) \
            else node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None, ""
    return (node, parts[-1]) if isinstance(node, dict) else (None, "")


# -- validating ------------------------------------------------------------------------------

def validate(model: type[BaseModel], values: dict[str, Any], org) -> tuple[BaseModel | None, dict[str, list[str]]]:
    """The model validated as a data file is (docgen.cleaning, then the model with the profile in
    its context; the profile model itself, docgen.models.Organization, with ``org`` None), or the Russian messages of docgen.messages keyed by the dotted path of the
    field each names ("" — the form as a whole)."""
    from ..cleaning import clean_data
    from ..errors import FieldError
    from ..messages import describe

    data = clean_data(values)
    if "organization" in model.model_fields:  # a document's input; the profile itself has none
        data = {**data, "organization": org}
    try:
        return model.model_validate(data, context={"organization": org, "data_dir": None, "profile": None}), {}
    except ValidationError as exc:
        found: dict[str, list[str]] = {}
        for error in exc.errors(include_url=False):
            loc = tuple(error.get("loc") or ())
            blamed = (error.get("ctx") or {}).get("error")
            if error["type"] == "value_error" and isinstance(blamed, FieldError):
                loc += blamed.path
            found.setdefault(".".join(str(p) for p in loc), []).append(describe(error, model))
        return None, found


_FIELD_PREFIX = re.compile(r"^поле «[^»]*»(?: \([^()]*\))?: ")


def _beside(f: Field, message: str) -> str:
    """A message shown next to its own field needs no «поле «tasks[1].deadline» (срок исполнения): »
    — the command line's way of pointing at a field a form shows by the message itself. A message
    about an inner field (a list's row) keeps it when it lands on the enclosing widget."""
    found = _FIELD_PREFIX.match(message)
    if found is None:
        return message
    named = found.group(0)
    inner = named[len("поле «"):named.index("»")]
    path = re.sub(r"\[(\d+)\]", lambda m: f".{int(m.group(1)) - 1}", inner)
    return message[found.end():] if path == f.name else message


def place_errors(fields: list[Field], errors: dict[str, list[str]]) -> list[str]:
    """Messages whose path is no widget go to the nearest enclosing one (a staff reference's
    inner field to the picker, a list's rule to the list); the rest — the form's own."""
    names: set[str] = set()

    def walk(items: list[Field]) -> None:
        for f in items:
            names.add(f.name)
            walk(f.children)
            for row in f.rows:
                walk(row)

    walk(fields)
    loose: list[str] = []
    by_name: dict[str, list[str]] = {}
    for path, messages in errors.items():
        target = path
        while target and target not in names:
            target = target.rpartition(".")[0]
        if target:
            by_name.setdefault(target, []).extend(messages)
        else:
            loose.extend(messages)

    def attach(items: list[Field]) -> None:
        for f in items:
            extra = [_beside(f, message) for message in by_name.get(f.name, [])]
            f.errors = list(dict.fromkeys(f.errors + extra))
            attach(f.children)
            for row in f.rows:
                attach(row)

    attach(fields)
    return loose
