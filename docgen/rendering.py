"""Rendering a .docx template: docxtpl under a sandboxed, autoescaping Jinja environment.

Templates are untrusted input — a district sends them by e-mail — so they run in Jinja's
sandbox, undefined names are errors rather than silent blanks, and every value is stripped of
characters XML cannot carry before it reaches the document. Every text value is also typeset
(docgen.russian.typography.typeset: «№ 5», «10 %», «273‑ФЗ» …) here, the one place all of a
document's data passes, so a district plugin's documents get the rule without asking for it.

The rendered body then takes the rules that need the whole text rather than one value: an
abbreviation is introduced at its first full name (docgen.russian.abbreviations), on both paths
below, so the two stay identical.

The document is always plain docxtpl's; how it is produced is docgen.fastrender's business: a
template is prepared once per process and version of the file, and only documents the fast path
does not cover (pictures, footnotes, a body only a recovering parser accepts) go through
docxtpl's own load–render–save.
"""
from __future__ import annotations

import functools
import io
import zipfile
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from .errors import TemplateError
from .fileio import describe_os_error
from .picture import Picture
from .russian.typography import strip_xml_illegal, typeset

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def sanitize(value: Any) -> Any:
    """Strip XML-illegal characters from every string reachable in the context and typeset it.

    What needs neither is returned as is — the same object, not a copy — so the walk over a
    school's profile costs a look at each string, not a copy of every model. Values are typeset,
    not the file names or journal entries made from the data: those never pass here.

    A model, list or dict reached twice is cleaned once: an order's people are the profile's
    staff objects, named again by its members, its tasks and its acquaintance list, and walking
    each of them three times made the walk a fifth of a long order's render.
    """
    return _sanitize(value, {})


_UNTOUCHED = (bool, int, float, Decimal, date, Enum, Picture, type(None))
TEXT_MEMO_SIZE = 4096


@functools.lru_cache(maxsize=TEXT_MEMO_SIZE, typed=True)
def _clean_text(text: str) -> str:
    """A text as a document prints it. Remembered (bounded): a school's positions, roles and
    place names come back in every member of a list and every document of a batch."""
    return typeset(strip_xml_illegal(text))


def _sanitize(value: Any, seen: dict[int, Any]) -> Any:
    if isinstance(value, str):
        clean = _clean_text(value)
        return value if clean == value else clean
    if isinstance(value, _UNTOUCHED):
        return value
    key = id(value)  # every original stays reachable from the context during the walk: ids are not reused
    if key in seen:
        return seen[key]
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            clean = _sanitize(item, seen)
            if clean is not item:
                changed[name] = clean
        clean = value.model_copy(update=changed) if changed else value
    elif isinstance(value, dict):
        items = {k: _sanitize(v, seen) for k, v in value.items()}
        clean = value if all(items[k] is v for k, v in value.items()) else items
    elif isinstance(value, (list, tuple)):
        items = [_sanitize(v, seen) for v in value]
        clean = value if all(a is b for a, b in zip(items, value)) else type(value)(items)
    else:
        return value
    seen[key] = clean
    return clean


def needs_document(value: Any) -> bool:
    """Whether the context holds a value docxtpl can only place with the python-docx document at
    hand — a Picture (it becomes an InlineImage), an InlineImage or a Subdoc — so docxtpl itself
    must render it. Looked for where place_pictures looks: dicts, lists and tuples."""
    if isinstance(value, Picture):
        return True
    if isinstance(value, dict):
        return any(needs_document(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(needs_document(v) for v in value)
    module = type(value).__module__
    if module.startswith("docxtpl"):
        from docxtpl import InlineImage, Subdoc

        return isinstance(value, (InlineImage, Subdoc))
    return False


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
    """The sandbox every template runs in: Jinja's, with bounded operators and output (docgen.limits)."""
    from jinja2 import StrictUndefined

    from .limits import LimitedEnvironment

    env = LimitedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update({name: _memoized(f) if _is_pure(f) else f for name, f in filters.items()})
    return env


# -- docgen's own filters remember their answers ------------------------------------------------
# Declining a name or a job title walks pymorphy's dictionaries: most of a document's rendering
# time, and the same few people and positions come back in every order of a school. docgen's
# Russian filters are pure functions of their arguments, so their results are kept in one
# bounded table per process; a plugin's filters are called as they are.

FILTER_MEMO_SIZE = 4096


def _is_pure(f: Callable) -> bool:
    return (getattr(f, "__module__", None) or "").startswith("docgen.russian.")


@functools.lru_cache(maxsize=FILTER_MEMO_SIZE)
def _remembered(f: Callable, args: tuple, kwargs: tuple, types: tuple) -> Any:
    return f(*args, **dict(kwargs))


@functools.lru_cache(maxsize=256)
def _plain(cls: type) -> bool:
    """A type whose values' equality is their identity for a filter: 1 and True, 0.0 and -0.0
    never meet, since the types are part of the key and floats are not remembered at all.
    Answered once per type: asked for every argument of every filter call of a long order."""
    if cls in (str, int, bool, type(None)) or issubclass(cls, (date, Enum)):
        return True
    return issubclass(cls, BaseModel) and bool(cls.model_config.get("frozen"))


def _memoized(f: Callable) -> Callable:
    @functools.wraps(f)
    def call(*args, **kwargs):
        if kwargs:
            key = tuple(sorted(kwargs.items()))
            types = tuple(map(type, args)) + tuple(type(v) for _, v in key)
        else:  # most calls: «m.person|fio», «position|inflect('datv')»
            key, types = (), tuple(map(type, args))
        if all(map(_plain, types)):
            try:
                hash((args, key))
            except TypeError:  # a frozen model holding a list
                return f(*args, **kwargs)
            return _remembered(f, args, key, types)
        return f(*args, **kwargs)

    return call


def check_package(path: Path) -> None:
    """Refuse what is not a .docx before docxtpl trips over it with an obscure message."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TemplateError(f"шаблон «{path}» не читается: {describe_os_error(exc, reading=True)}") from None
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
    from .verify import check_parts

    with zipfile.ZipFile(path) as z:  # a part python-docx or Jinja would choke on, named before either runs
        check_parts(z, f"шаблон «{path.name}»")
    import docx

    try:  # relationships and content types: what python-docx needs to open the package at all
        docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 — whatever python-docx trips over, the template is unusable
        raise TemplateError(f"шаблон «{path.name}» не открывается как документ Word: {type(exc).__name__}: {exc}") from None


def _where(exc: Exception) -> str:
    """The text around a Jinja error: docxtpl keeps the XML lines, we keep only their words."""
    lines = [s.strip() for s in getattr(exc, "docx_context", None) or [] if s.strip()]
    lines = [line if len(line) <= 70 else line[:69] + "…" for line in lines]
    return f" Рядом с текстом: «{' / '.join(lines)}»" if lines else ""


def render_docx(template: Path, context: dict[str, Any], filters: dict[str, Callable], *,
                abbreviations=None) -> bytes:
    """Render ``template`` with ``context``; return the verified .docx bytes. The engine's only renderer.

    A template is checked and prepared once per process and version of the file (see
    docgen.fastrender); documents docxtpl must render itself (pictures, footnotes, …) go through
    plain docxtpl under the same environment. Either way the result is docxtpl's document, made
    under the limits of docgen.limits and checked by docgen.verify.verify_docx before it is
    returned — so nothing unsound is ever written or journaled as formed. ``abbreviations`` — the
    table (docgen.russian.abbreviations.Table) the engine found on its template path; the built-in
    one when not given.
    """
    from jinja2.exceptions import TemplateError as JinjaError
    from lxml.etree import LxmlError

    from . import limits

    template = Path(template)
    try:
        stat = template.stat()
    except OSError as exc:
        raise TemplateError(f"шаблон «{template}» не читается: {describe_os_error(exc, reading=True)}") from None
    name = template.name
    limits.rendering_part(None)
    try:
        with limits.limited(limits.Limits.current()):
            content = _render(template, stat, context, filters, _body_pass(abbreviations))
    except limits.LimitExceeded as exc:
        raise TemplateLimitError(f"шаблон «{name}»{_part()}: {exc.problem}; шаблон остановлен") from None
    except (JinjaError, ValueError, TypeError, LxmlError, KeyError) as exc:
        raise TemplateError(f"шаблон «{name}»{_part()}: {_problem(exc)}.{_where(exc)}") from None
    from .verify import verify_docx

    verify_docx(content, name)
    return content


class TemplateLimitError(TemplateError):
    """A template stopped by a limit of docgen.limits: a hostile or runaway template, not a slip of markup."""


def _part() -> str:
    from .limits import current_part
    from .verify import part_label

    part = current_part()
    return f", {part_label(part)}" if part else ""


def _body_pass(abbreviations) -> Callable[[str], str]:
    """What every rendered body goes through before it is parsed: the abbreviations' rule."""
    if abbreviations is None:
        from .russian.abbreviations import builtin_table

        abbreviations = builtin_table()
    return abbreviations.expand


def _render(template: Path, stat, context: dict[str, Any], filters: dict[str, Callable],
            body_pass: Callable[[str], str]) -> bytes:
    from . import fastrender

    prepared, env = fastrender.CACHE.get(template.resolve(), stat, filters, make_environment,
                                         check=lambda: check_package(template))
    clean = sanitize(context)
    if prepared is not None and not needs_document(clean):
        try:
            content = fastrender.render(prepared, clean, body_pass)
        except fastrender.NeedsDocxtpl:
            pass
        else:
            fastrender.CACHE.stats.fast += 1
            return content
    fastrender.CACHE.stats.docxtpl += 1
    return _render_with_docxtpl(template, clean, env, body_pass)


def _problem(exc: Exception) -> str:
    """The Russian reason: Jinja's messages retold; a filter's own error (docgen's are Russian) kept."""
    from jinja2 import TemplateSyntaxError
    from jinja2.exceptions import SecurityError, TemplateError as JinjaError
    from lxml.etree import LxmlError

    from .parser_messages import jinja_problem

    if isinstance(exc, TemplateSyntaxError):
        return f"ошибка в разметке Jinja: {jinja_problem(exc)}"
    if isinstance(exc, SecurityError):
        return f"{jinja_problem(exc)}; такой шаблон не будет выполнен"
    if isinstance(exc, JinjaError) or "no loader for this environment" in str(exc):
        return jinja_problem(exc)
    if isinstance(exc, LxmlError):
        return f"заполненный текст не является правильным XML ({exc})"
    return f"ошибка при заполнении: {exc}"


def _render_with_docxtpl(template: Path, context: dict[str, Any], env,
                         body_pass: Callable[[str], str] = lambda xml: xml) -> bytes:
    """Plain docxtpl: load, render, save — the reference the fast path is compared against."""
    doc = _tracked_template()(str(template))
    doc.body_pass = body_pass
    _mend_core_relationship(doc)
    doc.render(place_pictures(context, doc), jinja_env=env, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=None)
def _tracked_template():
    """docxtpl's DocxTemplate that says which part it renders, for the messages (docgen.limits.rendering_part)."""
    from docxtpl import DocxTemplate

    from .limits import rendering_part

    class Tracked(DocxTemplate):
        body_pass = staticmethod(lambda xml: xml)

        def build_xml(self, context, jinja_env=None):
            return self.body_pass(super().build_xml(context, jinja_env))

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            rendering_part(part.partname[1:])
            return super().render_xml_part(src_xml, part, context, jinja_env)

        def render_properties(self, context, jinja_env=None):
            rendering_part(self.docx.part.package._core_properties_part.partname[1:])  # added if there is none
            return super().render_properties(context, jinja_env)

    return Tracked


def _mend_core_relationship(doc) -> None:
    """A template saved by LibreOffice relates its core properties with the type
    «…/officedocument/2006/relationships/metadata/core-properties» instead of the package's
    «…/package/2006/relationships/metadata/core-properties». python-docx does not recognise it and
    adds a second docProps/core.xml to the package, a zip with two members of one name; the
    relationship gets the standard type, so the template's own properties part is the one rendered."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    doc.init_docx()
    for rel in doc.docx.part.package.rels.values():
        if rel.reltype != RT.CORE_PROPERTIES and rel.reltype.endswith("/metadata/core-properties"):
            rel._reltype = RT.CORE_PROPERTIES
