"""Checking the XML parts of a .docx: every template when it is first read, every document before
it is written.

A part with a DTD can define entities (an entity-expansion bomb, an external entity), and a part
that uses an entity it never defines is not XML at all: Word refuses it, python-docx cannot open
it. So every XML part must be well-formed and carry no DOCTYPE, judged by lxml with entities left
unresolved and the network off. A template is checked once per version of the file (its parse
or render would otherwise fail later with a traceback); a rendered document before the journal
calls it formed (``verify_docx``).

For a rendered document the per-document cost matters (``batch`` writes one in ~2 ms): a part
already verified in this process — same name, CRC and size, which is every part the renderer
copies unchanged from the prepared template, and a part the renderer itself parsed here with
this module's parser (``parse_part``: docgen.fastrender reads the body's tables from that tree,
and parsing a long order's body twice was a sixth of its render) — is not parsed again; and
python-docx opens the
package once per *structure* (the names of its members and the bytes of its content types and
relationships, which python-docx reads to open a package), its XML parts being exactly what
the per-part check parses with python-docx's own parser settings.
"""
from __future__ import annotations

import io
import re
import threading
import zipfile
import zlib
from collections import OrderedDict

from .errors import TemplateError

# Data, not branches: a part's name → what a clerk calls it.
PART_LABELS: tuple[tuple[str, str], ...] = (
    (r"word/document\d*\.xml", "основной текст"),
    (r"word/header\d*\.xml", "верхний колонтитул"),
    (r"word/footer\d*\.xml", "нижний колонтитул"),
    (r"docProps/core\.xml", "свойства документа"),
    (r"docProps/app\.xml", "сведения о приложении"),
    (r"docProps/custom\.xml", "дополнительные свойства документа"),
    (r"word/styles\.xml|word/stylesWithEffects\.xml", "стили"),
    (r"word/numbering\.xml", "нумерация списков"),
    (r"word/settings\.xml", "настройки документа"),
    (r"word/footnotes\.xml", "сноски"),
    (r"word/endnotes\.xml", "концевые сноски"),
    (r"word/comments\.xml", "примечания"),
    (r"word/fontTable\.xml", "таблица шрифтов"),
    (r"word/theme/.*", "тема оформления"),
    (r"\[Content_Types\]\.xml", "список типов частей"),
    (r".*\.rels", "связи частей"),
)


def part_label(name: str) -> str:
    """«верхний колонтитул (word/header1.xml)»."""
    for pattern, label in PART_LABELS:
        if re.fullmatch(pattern, name):
            return f"{label} ({name})"
    return f"часть {name}"


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


_local = threading.local()


def _parser():
    parser = getattr(_local, "parser", None)
    if parser is None:
        from lxml import etree

        parser = _local.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                 huge_tree=True)
    return parser


def part_problem(data: bytes) -> str | None:
    """Why ``data`` is not an acceptable XML part, in Russian; None if it is."""
    from lxml import etree

    try:
        tree = etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        return f"не является правильным XML ({exc})"
    if _has_doctype(tree):
        return "содержит объявление DOCTYPE (DTD, сущности) — в документе Word его не бывает, такой файл отклонён"
    return None


def _has_doctype(element) -> bool:
    docinfo = element.getroottree().docinfo
    return bool(docinfo.doctype) or docinfo.internalDTD is not None


def parse_part(name: str, data: bytes):
    """The root element of part ``name`` of a document being rendered, parsed exactly as
    ``verify_docx`` checks it; a sound part (no DOCTYPE) is remembered as verified, so a renderer
    that needs the tree anyway does not have it parsed a second time. Raises lxml's
    XMLSyntaxError or ValueError for what is not XML (``verify_docx`` would refuse it)."""
    from lxml import etree

    root = etree.fromstring(data, _parser())
    if not _has_doctype(root):
        _remember(_verified_parts, _key(name, zlib.crc32(data), len(data)))
    return root


def check_parts(archive: zipfile.ZipFile, who: str, *, skip=lambda info: False) -> None:
    """Every XML member of ``archive`` well-formed and without DOCTYPE; else TemplateError naming the part."""
    for info in archive.infolist():
        if not _is_xml(info.filename) or skip(info):
            continue
        problem = part_problem(archive.read(info))
        if problem:
            raise TemplateError(f"{who}: {part_label(info.filename)} {problem}")


# -- the rendered document --------------------------------------------------------------------

_VERIFIED_SIZE = 256
_verified_parts: OrderedDict[tuple, None] = OrderedDict()
_verified_packages: OrderedDict[tuple, None] = OrderedDict()
_lock = threading.Lock()


def _remember(table: OrderedDict, key: tuple) -> None:
    with _lock:
        table[key] = None
        table.move_to_end(key)
        while len(table) > _VERIFIED_SIZE:
            table.popitem(last=False)


def _key(name: str, crc: int, size: int) -> tuple:
    return name, crc, size


def _known(info: zipfile.ZipInfo) -> bool:
    return _key(info.filename, info.CRC, info.file_size) in _verified_parts


def verify_docx(data: bytes, template_name: str) -> None:
    """Refuse a rendered document that is not a sound .docx: TemplateError naming the template and the part."""
    who = f"шаблон «{template_name}»: заполненный документ повреждён"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        check_parts(archive, who, skip=_known)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise TemplateError(f"{who}: архив .docx не читается ({exc})") from None
    for info in infos:
        if _is_xml(info.filename):
            _remember(_verified_parts, _key(info.filename, info.CRC, info.file_size))
    structure = tuple((i.filename, i.CRC if i.filename.endswith(".rels") or i.filename == "[Content_Types].xml"
                       else None) for i in infos)
    if structure not in _verified_packages:
        import docx

        try:
            docx.Document(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 — whatever python-docx trips over, the document is unusable
            raise TemplateError(f"{who}: python-docx не открывает его ({type(exc).__name__}: {exc})") from None
        _remember(_verified_packages, structure)

