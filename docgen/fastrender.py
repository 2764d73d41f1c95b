"""docxtpl's rendering with the per-template work done once per process, not once per document.

Plain docxtpl, for every document, opens the package with python-docx, cleans the tags out of
the XML with a cascade of regexes, compiles the body, the header and six document properties
as Jinja templates, renders them, re-parses the result, and re-serialises and re-compresses
every part of the package — styles included — on save. Only the Jinja render depends on the
document. Here a template is *prepared* once (docxtpl's own ``patch_xml`` on python-docx's own
serialisation, so the markup Jinja sees is byte for byte docxtpl's; compiled under the caller's
sandboxed environment; the unchanged parts taken from python-docx's own save, already
compressed) and each document only renders the compiled parts, applies the post-render passes
docxtpl would apply, and writes a zip in which every unchanged member's compressed bytes are
copied verbatim.

The output is docxtpl's document — the same members, the same XML of every part (compared as
canonical XML in tests/test_render_equivalence.py) — and where it could not be, docxtpl itself
renders: ``prepare`` returns None for a template the fast path does not cover, and ``render``
raises ``NeedsDocxtpl`` for a document it does not cover. The rule:

* a template with footnotes, with a header or footer part used by more than one section
  relation, without core properties, or with a part whose markup does not compile (docxtpl
  then reports the error exactly as it always has) → docxtpl;
* a context holding a picture or a docxtpl object that needs the python-docx document
  (InlineImage, Subdoc) → docxtpl (decided by the caller, docgen.rendering);
* a rendered body that is not well-formed XML (docxtpl's parser recovers it) → docxtpl.

Prepared templates live in a small LRU keyed by the file's resolved path, mtime, size and the
filter set, so an edited template is prepared again and memory stays flat however many
documents a worker writes.
"""
from __future__ import annotations

import copy
import re
import struct
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

CACHE_SIZE = 8
"""Prepared templates kept per process: a worker renders one type, a demo run a handful."""
COMPRESS_LEVEL = 1
"""For the parts rendered per document. zlib's default 6 (python-docx's) takes three times as long
for a document.xml a third smaller: a few kilobytes on a 40-kilobyte file."""

HEADER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# docxtpl.DocxTemplate.render_properties: the core properties it renders, in its order.
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_MARKUP = ("{{", "{%", "{#")
_BODY_MARK = "docgen-body"

_P_SPLIT = re.compile(r"<w:p([ >])")
_P_UNSPLIT = re.compile(r"\n<w:p([ >])")
_LISTING_CHARS = ("\t", "\a", "\n", "\f")


class NeedsDocxtpl(Exception):
    """This document cannot be produced identically here; plain docxtpl must render it."""


@dataclass(frozen=True)
class _Part:
    name: str  # zip member name
    template: Any  # jinja2.Template
    source: str  # the patched XML Jinja compiled (docxtpl quotes its lines in error messages)
    encoding: str = "utf-8"


@dataclass(frozen=True)
class _Member:
    name: bytes
    crc: int
    compressed_size: int
    size: int
    data: bytes | None  # compressed bytes; None for a member rendered per document


@dataclass
class Prepared:
    path: Path
    body: _Part
    body_open: str  # the body's start tag as docxtpl's serialisation writes it (namespaces redeclared)
    document_head: bytes  # document.xml up to and including <w:body>
    document_tail: bytes  # from </w:body> on
    headers: list[_Part]  # headers, then footers: docxtpl's order
    core_name: str
    core_element: Any  # python-docx CT_CoreProperties with every rendered property present
    core_dynamic: list[tuple[str, Any]]  # (property, compiled template) of properties with markup
    members: list[_Member]


# -- preparing a template ----------------------------------------------------------------------

def prepare(path: Path, env) -> Prepared | None:
    """Everything about ``path`` that does not depend on the document; None: docxtpl must render it."""
    import io
    import zipfile

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docxtpl import DocxTemplate
    from jinja2.exceptions import TemplateError as JinjaError
    from lxml import etree

    tpl = DocxTemplate(str(path))
    tpl.init_docx()
    document = tpl.docx
    package = document.part.package
    if any(part.content_type == FOOTNOTES_TYPE for part in package.parts):
        return None
    targets = [rel.target_part for rel in document.part.rels.values()
               if not rel.is_external and rel.reltype in (HEADER_URI, FOOTER_URI)]
    if len({id(t) for t in targets}) != len(targets):
        return None
    try:
        core_part = package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:  # python-docx would invent one, stamped with the time of each render
        return None

    try:
        source = _P_SPLIT.sub(r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
        body = _Part(document.part.partname[1:], env.from_string(source), source)
        headers = []
        for uri in (HEADER_URI, FOOTER_URI):
            for _key, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                encoding = tpl.get_headers_footers_encoding(xml)
                src = _P_SPLIT.sub(r"\n<w:p\1", tpl.patch_xml(xml))
                headers.append(_Part(part.partname[1:], env.from_string(src), src, encoding))
        core = document.core_properties
        dynamic = []
        for prop in PROPERTIES:
            initial = getattr(core, prop)
            compiled = env.from_string(initial)
            if any(m in initial for m in _MARKUP):
                dynamic.append((prop, compiled))
                setattr(core, prop, initial)  # the element now exists, in docxtpl's order
            else:
                setattr(core, prop, compiled.render({}))
    except JinjaError:
        return None  # docxtpl reports it, with its context lines, exactly as before
    if not isinstance(core, CoreProperties):  # pragma: no cover — python-docx's API changed
        return None

    # document.xml around the body: python-docx's serialisation of the root, body left out.
    root = copy.deepcopy(document.element)
    old_body = root.find(document.element.body.tag)
    new_body = etree.Element(old_body.tag, dict(old_body.attrib))
    new_body.append(etree.ProcessingInstruction(_BODY_MARK))
    root.replace(old_body, new_body)
    pieces = re.split(rb"<\?" + _BODY_MARK.encode() + rb"\s*\?>", serialize_part_xml(root))
    if len(pieces) != 2:
        return None  # pragma: no cover
    head, tail = pieces
    if not source.startswith("<w:body") or ">" not in source:
        return None
    body_open = source[: source.index(">") + 1]

    # Every other member exactly as python-docx saves it, kept compressed.
    buf = io.BytesIO()
    document.save(buf)
    rendered = {body.name, *(h.name for h in headers)}
    core_name = core_part.partname[1:]
    if dynamic:
        rendered.add(core_name)
    raw = buf.getvalue()
    members = []
    with zipfile.ZipFile(buf) as archive:
        for info in archive.infolist():
            if info.filename in rendered:
                members.append(_Member(info.filename.encode(), 0, 0, 0, None))
                continue
            if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED) or info.flag_bits & 0x08:
                return None  # pragma: no cover — zipfile writes neither for python-docx
            name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26: info.header_offset + 30])
            start = info.header_offset + 30 + name_len + extra_len
            data = raw[start: start + info.compress_size]
            if info.compress_type == zipfile.ZIP_STORED:
                data = _deflate(data)
            members.append(_Member(info.filename.encode(), info.CRC, len(data), info.file_size, data))
    return Prepared(path, body, body_open, head, tail, headers, core_name, core._element, dynamic, members)


# -- rendering one document --------------------------------------------------------------------

def render(prepared: Prepared, context: dict[str, Any]) -> bytes:
    """The .docx bytes docxtpl would write for ``context`` (already sanitized)."""
    parts: dict[str, bytes] = {}
    body = _render_part(prepared.body, context)
    parts[prepared.body.name] = prepared.document_head + _body_content(prepared, body) + prepared.document_tail
    for header in prepared.headers:
        xml = _render_part(header, context).encode(header.encoding)
        parts[header.name] = _reserialize(xml)
    if prepared.core_dynamic:
        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml

        element = copy.deepcopy(prepared.core_element)
        core = CoreProperties(element)
        for prop, compiled in prepared.core_dynamic:
            setattr(core, prop, compiled.render(context))
        parts[prepared.core_name] = serialize_part_xml(element)
    return _zip(prepared.members, parts)


def _render_part(part: _Part, context: dict[str, Any]) -> str:
    """docxtpl's render_xml_part on a template compiled once."""
    from jinja2.exceptions import TemplateError as JinjaError

    try:
        xml = part.template.render(context)
    except JinjaError as exc:
        if getattr(exc, "lineno", None) is not None:
            start = max(exc.lineno - 4, 0)
            exc.docx_context = [re.sub(r"<[^>]+>", "", x) for x in part.source.splitlines()[start: start + 7]]
        raise
    xml = _P_UNSPLIT.sub(r"<w:p\1", xml)
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


def _body_content(prepared: Prepared, xml: str) -> bytes:
    """The rendered body's content after docxtpl's fix_tables and fix_docpr_ids.

    docxtpl parses the body with a recovering parser and runs both passes on every document;
    here the body is parsed strictly (a body that only a recovering parser accepts goes to
    docxtpl), and the passes run only when they would change something.
    """
    from lxml import etree

    try:
        tree = etree.fromstring(xml, _parser(huge_tree=True))
    except etree.XMLSyntaxError:
        raise NeedsDocxtpl("rendered body is not well-formed") from None
    w = "{" + (tree.nsmap.get("w") or "") + "}"
    try:
        tables = _tables_need_fixing(tree, w)
    except (ValueError, TypeError):  # a grid span that is not a number: docxtpl's fix_tables decides
        tables = True
    if tables or "docPr" in xml:  # wp:docPr, whatever the prefix
        from docxtpl import DocxTemplate

        try:
            tree = DocxTemplate.fix_tables(None, xml)  # it uses nothing of the instance
        except Exception:  # noqa: BLE001 — e.g. a table without a grid: let docxtpl fail its own way
            raise NeedsDocxtpl("fix_tables failed") from None
        DocxTemplate.fix_docpr_ids(SimpleNamespace(docx_ids_index=1000), tree)
        xml = etree.tostring(tree, encoding="unicode")
    if not xml.startswith(prepared.body_open) or not xml.endswith("</w:body>"):
        raise NeedsDocxtpl("the body's start tag changed")  # pragma: no cover — it is plain template text
    return xml[len(prepared.body_open): -len("</w:body>")].encode("utf-8")


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
    computes them (a table's rows include those of tables nested in it)."""
    if w != "{" + _W + "}":
        return True  # pragma: no cover — not WordprocessingML: let docxtpl decide
    grid_cols, rows_of, cells_of, spans_of = (_xpath("w:tblGrid"), _xpath(".//w:tr"), _xpath("w:tc"),
                                              _xpath("w:tc/w:tcPr/w:gridSpan/@w:val"))
    for table in _xpath("//w:tbl")(tree):
        grid = grid_cols(table)
        if not grid:
            return True  # fix_tables fails on it; docxtpl decides
        columns = len(grid[0].findall(w + "gridCol"))
        widest = 0
        for row in rows_of(table):
            cells = len(cells_of(row))
            if cells > columns:
                return True
            if widest < columns:
                spans = spans_of(row)
                widest = max(widest, cells - len(spans) + sum(int(v) for v in spans))
        if widest < columns:
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


# -- the zip -----------------------------------------------------------------------------------

def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _dos_time() -> tuple[int, int]:
    t = time.localtime()
    return ((t.tm_year - 1980) << 9 | t.tm_mon << 5 | t.tm_mday,
            t.tm_hour << 11 | t.tm_min << 5 | t.tm_sec // 2)


def _zip(members: list[_Member], rendered: dict[str, bytes]) -> bytes:
    """A zip as zipfile writes it for python-docx: deflated members, no data descriptors."""
    dos_date, dos_time = _dos_time()
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        if member.data is None:
            content = rendered[member.name.decode()]
            data = _deflate(content)
            crc, size = zlib.crc32(content), len(content)
        else:
            data, crc, size = member.data, member.crc, member.size
        flags = 0 if member.name.isascii() else 0x800
        local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, 8, dos_time, dos_date,
                            crc, len(data), size, len(member.name), 0)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, flags, 8, dos_time, dos_date,
                                   crc, len(data), size, len(member.name), 0, 0, 0, 0, 0o600 << 16, offset)
                       + member.name)
        out += (local, member.name, data)
        offset += len(local) + len(member.name) + len(data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(out) + directory + end


# -- the cache ---------------------------------------------------------------------------------

@dataclass
class _Stats:
    prepared: int = 0
    hits: int = 0
    fast: int = 0
    docxtpl: int = 0


class TemplateCache:
    """Prepared templates by (path, mtime, size, filters); least recently used dropped first."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._entries: OrderedDict[tuple, tuple[Prepared | None, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.stats = _Stats()

    def get(self, path: Path, stat, filters: dict[str, Callable], make_env: Callable,
            check: Callable[[], None] = lambda: None) -> tuple[Prepared | None, Any]:
        """(prepared template or None for docxtpl, the Jinja environment to render with).

        ``check`` runs once per new version of the file, before it is prepared, and may raise."""
        # Filter functions are kept alive by the entry's environment, so their ids stay theirs.
        key = (str(path), stat.st_mtime_ns, stat.st_size, tuple((k, id(v)) for k, v in sorted(filters.items())))
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.stats.hits += 1
                return entry
        check()
        env = make_env(filters)
        try:
            prepared = prepare(path, env)
        except Exception:  # noqa: BLE001 — whatever python-docx trips over, docxtpl reports as it always has
            prepared = None
        entry = (prepared, env)
        self.stats.prepared += 1
        with self._lock:
            # an older version of the same file is dead weight now
            for old in [k for k in self._entries if k[0] == key[0] and k != key]:
                del self._entries[old]
            self._entries[key] = entry
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.stats = _Stats()

    def __len__(self) -> int:
        return len(self._entries)


CACHE = TemplateCache()


def cache_info() -> dict[str, int]:
    """Counters of the process-wide cache: prepared, hits, fast, docxtpl, size."""
    s = CACHE.stats
    return {"prepared": s.prepared, "hits": s.hits, "fast": s.fast, "docxtpl": s.docxtpl, "size": len(CACHE)}
