"""Rendering one document from a prepared template: the compiled parts, the passes docxtpl
applies after Jinja, and the zip."""
from __future__ import annotations

import copy
import re
import threading
from types import SimpleNamespace
from typing import Any, Callable

from ..limits import rendering_part
from .docxzip import write_zip
from .template import Part, Prepared

_LISTING_CHARS = ("\t", "\a", "\n", "\f")


class NeedsDocxtpl(Exception):
    """This document cannot be produced identically here; plain docxtpl must render it."""


def render(prepared: Prepared, context: dict[str, Any], body_pass: Callable[[str], str] | None = None) -> bytes:
    """The .docx bytes docxtpl would write for ``context`` (already sanitized); the rendered body
    goes through ``body_pass`` first, as docgen.rendering's docxtpl subclass passes it."""
    parts: dict[str, bytes] = {}
    body = _render_part(prepared.body, context)
    if body_pass is not None:
        body = body_pass(body)
    parts[prepared.body.name] = _document_part(prepared, body)
    for header in prepared.headers:
        xml = _render_part(header, context).encode(header.encoding)
        parts[header.name] = _reserialize(xml)
    if prepared.core_dynamic:
        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml

        element = copy.deepcopy(prepared.core_element)
        core = CoreProperties(element)
        rendering_part(prepared.core_name)
        for prop, compiled in prepared.core_dynamic:
            setattr(core, prop, compiled.render(context))
        parts[prepared.core_name] = serialize_part_xml(element)
    return write_zip(prepared.members, parts)
def _render_part(part: Part, context: dict[str, Any]) -> str:
    """docxtpl's render_xml_part on a template compiled once."""
    from jinja2.exceptions import TemplateError as JinjaError

    rendering_part(part.name)
    try:
        xml = part.template.render(context)
    except JinjaError as exc:
        if getattr(exc, "lineno", None) is not None:
            start = max(exc.lineno - 4, 0)
            exc.docx_context = [re.sub(r"<[^>]+>", "", x) for x in part.source.splitlines()[start: start + 7]]
        raise
    # docxtpl's «\n<w:p([ >])» → «<w:p\1», as two plain replacements: the regex expanded its
    # template in Python once per paragraph (thousands in a long order's lists)
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if any(c in xml for c in _LISTING_CHARS):
        from docxtpl import DocxTemplate

        xml = DocxTemplate.resolve_listing(None, xml)  # it uses nothing of the instance
    return xml
_local = threading.local()
def _parser(**kwargs):
    key = tuple(sorted(kwargs.items()))
    parsers = _local.__dict__.setdefault("parsers", {})
    if key not in parsers:
        from lxml import etree

        parsers[key] = etree.XMLParser(**kwargs)
    return parsers[key]
def _document_part(prepared: Prepared, xml: str) -> bytes:
    """document.xml around the rendered body, after docxtpl's fix_tables and fix_docpr_ids.

    docxtpl parses the body with a recovering parser and runs both passes on every document;
    here the whole part is parsed strictly, by the parser docgen.verify checks every document
    with (a body that only a recovering parser accepts goes to docxtpl), and the passes run only
    when they would change something. The part is parsed once: the tree the tables are read
    from is the verification of these bytes (verify.parse_part), which verify_docx then skips.
    """
    from lxml import etree

    from ..verify import parse_part

    part = _around(prepared, xml)
    try:
        tree = parse_part(prepared.body.name, part)
    except (etree.XMLSyntaxError, ValueError):
        raise NeedsDocxtpl("rendered body is not well-formed") from None
    w = "{" + (tree.nsmap.get("w") or "") + "}"
    try:
        tables = _tables_need_fixing(tree, w)
    except (ValueError, TypeError):  # a grid span that is not a number: docxtpl's fix_tables decides
        tables = True
    if not tables and "docPr" not in xml:  # wp:docPr, whatever the prefix
        return part
    from docxtpl import DocxTemplate

    try:
        fixed = DocxTemplate.fix_tables(None, xml)  # it uses nothing of the instance
    except Exception:  # noqa: BLE001 — e.g. a table without a grid: let docxtpl fail its own way
        raise NeedsDocxtpl("fix_tables failed") from None
    DocxTemplate.fix_docpr_ids(SimpleNamespace(docx_ids_index=1000), fixed)
    return _around(prepared, etree.tostring(fixed, encoding="unicode"))


def _around(prepared: Prepared, body: str) -> bytes:
    """The body's content between the template's document.xml head and tail."""
    if not body.startswith(prepared.body_open) or not body.endswith("</w:body>"):
        raise NeedsDocxtpl("the body's start tag changed")  # pragma: no cover — it is plain template text
    return prepared.document_head + body[len(prepared.body_open): -len("</w:body>")].encode("utf-8") \
        + prepared.document_tail


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
def _xpath(expr: str):
    """Compiled once per thread, like the parsers: lxml's evaluators are not shared across threads."""
    compiled = _local.__dict__.setdefault("xpaths", {})
    if expr not in compiled:
        from lxml import etree

        compiled[expr] = etree.XPath(expr, namespaces={"w": _W})
    return compiled[expr]
def _tables_need_fixing(tree, w: str) -> bool:
    """Whether docxtpl's fix_tables would change a grid: the counts it computes, the way it
    computes them (a table's rows include those of tables nested in it). The rows are read in
    Python only until one fills the grid (the header row, as a rule); whether any row has more
    cells than the grid is one XPath query per table, answered inside libxml2 — a Python loop
    over every row cost a long order's lists a few per cent of its render."""
    if w != "{" + _W + "}":
        return True  # pragma: no cover — not WordprocessingML: let docxtpl decide
    cells_of, spans_of = _xpath("w:tc"), _xpath("w:tc/w:tcPr/w:gridSpan/@w:val")
    for table in _xpath("//w:tbl")(tree):
        grid = _xpath("w:tblGrid")(table)
        if not grid:
            return True  # fix_tables fails on it; docxtpl decides
        columns = len(grid[0].findall(w + "gridCol"))
        widest = 0
        for row in table.iter(w + "tr"):
            spans = spans_of(row)
            cells = len(cells_of(row))
            widest = max(widest, cells - len(spans) + sum(int(v) for v in spans))
            if widest >= columns:
                break
        if widest < columns or _xpath("descendant::w:tr[count(w:tc) > $n]")(table, n=columns):
            return True
    return False


def _reserialize(xml: bytes) -> bytes:
    """What python-docx does to a header docxtpl hands back: parse (blank text dropped), serialise."""
    from lxml import etree

    try:
        element = etree.fromstring(xml, _parser(remove_blank_text=True, resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError:
        raise NeedsDocxtpl("rendered header or footer is not well-formed") from None
    return etree.tostring(element, encoding="UTF-8", standalone=True)
