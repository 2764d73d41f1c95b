"""Preparing a template once: everything about a .docx that does not depend on the document."""
from __future__ import annotations

import copy
import re
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .docxzip import Member, deflate

HEADER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# docxtpl.DocxTemplate.render_properties: the core properties it renders, in its order.
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_MARKUP = ("{{", "{%", "{#")
_BODY_MARK = "docgen-body"

_P_SPLIT = re.compile(r"<w:p([ >])")


@dataclass(frozen=True)
class Part:
    name: str  # zip member name
    template: Any  # jinja2.Template
    source: str  # the patched XML Jinja compiled (docxtpl quotes its lines in error messages)
    encoding: str = "utf-8"
    code: Any = None  # the Python code Jinja compiled ``source`` to: what the disk cache keeps (docgen.fastrender.stored)


@dataclass
class Prepared:
    path: Path
    body: Part
    body_open: str  # the body's start tag as docxtpl's serialisation writes it (namespaces redeclared)
    document_head: bytes  # document.xml up to and including <w:body>
    document_tail: bytes  # from </w:body> on
    headers: list[Part]  # headers, then footers: docxtpl's order
    core_name: str
    core_xml: bytes  # the core properties part with every rendered property present
    core_dynamic: list[tuple[str, Any]]  # (property, compiled template) of properties with markup
    core_code: list[tuple[str, Any]]  # (property, its compiled code), for the disk cache
    members: list[Member]

    @cached_property
    def core_element(self):
        """python-docx's CT_CoreProperties of ``core_xml``: parsed on first use (only a template with
        markup in its properties renders them), so a template read from the disk cache needs no
        python-docx at all."""
        from docx.oxml.parser import parse_xml

        return parse_xml(self.core_xml)


def compile_part(env, source: str) -> tuple[Any, Any]:
    """(template, code): what ``env.from_string`` makes, with the code it made kept."""
    code = env.compile(source)
    return template_of(env, code), code


def template_of(env, code) -> Any:
    """The template of code compiled under ``env`` — as ``env.from_string`` builds it."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)


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
        template, code = compile_part(env, source)
        body = Part(document.part.partname[1:], template, source, code=code)
        headers = []
        for uri in (HEADER_URI, FOOTER_URI):
            for _key, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                encoding = tpl.get_headers_footers_encoding(xml)
                src = _P_SPLIT.sub(r"\n<w:p\1", tpl.patch_xml(xml))
                template, code = compile_part(env, src)
                headers.append(Part(part.partname[1:], template, src, encoding, code))
        core = document.core_properties
        dynamic, dynamic_code = [], []
        for prop in PROPERTIES:
            initial = getattr(core, prop)
            compiled, code = compile_part(env, initial)
            if any(m in initial for m in _MARKUP):
                dynamic.append((prop, compiled))
                dynamic_code.append((prop, code))
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
                members.append(Member(info.filename.encode(), 0, 0, 0, None))
                continue
            if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED) or info.flag_bits & 0x08:
                return None  # pragma: no cover — zipfile writes neither for python-docx
            name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26: info.header_offset + 30])
            start = info.header_offset + 30 + name_len + extra_len
            data = raw[start: start + info.compress_size]
            if info.compress_type == zipfile.ZIP_STORED:
                data = deflate(data)
            members.append(Member(info.filename.encode(), info.CRC, len(data), info.file_size, data))
    prepared = Prepared(path, body, body_open, head, tail, headers, core_name, etree.tostring(core._element),
                        dynamic, dynamic_code, members)
    prepared.core_element = core._element  # already parsed: spare the first render a parse
    return prepared
