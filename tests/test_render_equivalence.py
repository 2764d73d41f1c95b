"""The fast renderer writes plain docxtpl's document: the same members, the same XML in every part.

Each document is rendered twice — by docgen.rendering.render_docx (prepared template, compiled
once, unchanged members copied compressed) and by plain docxtpl (DocxTemplate, render, save)
under the same sandboxed environment, filters and sanitized context — and every zip member is
compared: XML parts as canonical XML (C14N), everything else byte for byte.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from docxtpl import DocxTemplate
from lxml import etree

from docgen import Picture, fastrender
from docgen.engine import Engine
from docgen.rendering import make_environment, place_pictures, render_docx, sanitize
from docgen.russian.abbreviations import builtin_table
from helpers import NBSP, builtin_engine, png

XML_SUFFIXES = (".xml", ".rels")


class Reference(DocxTemplate):
    """Plain docxtpl with docgen's one rule on the whole rendered body: abbreviations introduced at
    their first full name (docgen.russian.abbreviations), which both of docgen's paths apply."""

    def build_xml(self, context, jinja_env=None):
        return builtin_table().expand(super().build_xml(context, jinja_env))


def plain_docxtpl(template: Path, context: dict, filters: dict) -> bytes:
    """The reference: what docgen rendered before it had a fast path."""
    doc = Reference(str(template))
    doc.render(place_pictures(sanitize(context), doc), jinja_env=make_environment(filters), autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def assert_same_document(fast: bytes, plain: bytes) -> None:
    a, b = zipfile.ZipFile(io.BytesIO(fast)), zipfile.ZipFile(io.BytesIO(plain))
    assert a.testzip() is None
    assert sorted(a.namelist()) == sorted(b.namelist())
    for name in a.namelist():
        mine, theirs = a.read(name), b.read(name)
        if name.endswith(XML_SUFFIXES):
            assert canonical(mine) == canonical(theirs), f"{name} differs"
        else:
            assert mine == theirs, f"{name} differs"


def render_counted(template: Path, context: dict, filters: dict) -> tuple[bytes, str]:
    """The document and the path that wrote it: «fast» or «docxtpl»."""
    before = fastrender.cache_info()
    content = render_docx(template, context, filters)
    after = fastrender.cache_info()
    assert after["fast"] + after["docxtpl"] == before["fast"] + before["docxtpl"] + 1
    return content, "fast" if after["fast"] > before["fast"] else "docxtpl"


# -- every built-in document type with a sample -------------------------------------------------

TYPES = sorted(slug for slug, t in builtin_engine().document_types.items() if t.sample is not None)


def test_there_are_types_to_compare():
    assert "working-group-order" in TYPES and "regulation-order" in TYPES


@pytest.mark.parametrize("slug", TYPES)
def test_builtin_type_renders_as_plain_docxtpl(slug):
    engine = Engine()
    document_type = engine.get_type(slug)
    template = engine.template_path.find(document_type.template)  # a type without its template fails here
    data = engine.load(document_type, document_type.sample)
    context = engine.context(document_type, data)
    fast, path = render_counted(template, context, engine.filters)
    expected = "docxtpl" if _has_picture(context) else "fast"
    assert path == expected
    assert_same_document(fast, plain_docxtpl(template, context, engine.filters))
    # what the user gets is the same as what the engine returns
    assert_same_document(engine.render(document_type, data), fast)


def _has_picture(value) -> bool:
    if isinstance(value, Picture):
        return True
    if isinstance(value, dict):
        return any(_has_picture(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_picture(v) for v in value)
    return False


# -- docxtpl features on a template made for the test -------------------------------------------

def feature_template(path: Path) -> Path:
    """Header and footer variables, a templated title, a column loop, a row loop, a paragraph
    condition, a tag split across runs, an image of the template's own."""
    doc = docx.Document()
    doc.core_properties.title = "Приказ № {{ number }}"
    doc.core_properties.author = "docgen"
    section = doc.sections[0]
    section.header.paragraphs[0].text = "{{ school }} — {{ number }}"
    section.footer.paragraphs[0].text = "Страница школы {{ school|upper }}"
    doc.add_paragraph("Приказ № {{ number }} от {{ day|date }}")
    split = doc.add_paragraph()
    split.add_run("{{ pe")
    split.add_run("rson|fio('datv', gender='ж') }}")  # Word splits tags like this
    doc.add_paragraph("{%p if note %}")
    doc.add_paragraph("Примечание: {{ note }}")
    doc.add_paragraph("{%p endif %}")
    columns = doc.add_table(rows=1, cols=3)
    for cell, text in zip(columns.rows[0].cells, ["{%tc for c in cols %}", "{{ c }}", "{%tc endfor %}"]):
        cell.text = text
    rows = doc.add_table(rows=3, cols=2)
    rows.cell(0, 0).text, rows.cell(0, 1).text = "{%tr for r in items %}", ""
    rows.cell(1, 0).text, rows.cell(1, 1).text = "{{ loop.index }}", "{{ r }}"
    rows.cell(2, 0).text, rows.cell(2, 1).text = "{%tr endfor %}", ""
    doc.add_picture(io.BytesIO(png(20, 10)), width=Mm(20))
    doc.add_paragraph("Многострочно: {{ lines }}")
    doc.save(path)
    return path


def feature_context(**extra) -> dict:
    from datetime import date

    context = {
        "number": "17-од", "school": "МКОУ «Таяндинская СОШ»", "day": date(2026, 9, 1),
        "person": "Иванова Елена Анатольевна", "note": "кавычки \"прямые\" & <угловые>",
        "cols": ["один", "два", "три", "четыре", "пять"], "items": ["первый", "второй"],
        "lines": "строка 1\nстрока 2\tпосле табуляции",
    }
    context.update(extra)
    return context


@pytest.fixture
def filters():
    return Engine().filters


def test_docxtpl_features_render_identically(tmp_path, filters):
    template = feature_template(tmp_path / "features.docx")
    context = feature_context()
    fast, path = render_counted(template, context, filters)
    assert path == "fast"
    assert_same_document(fast, plain_docxtpl(template, context, filters))
    out = docx.Document(io.BytesIO(fast))
    assert out.core_properties.title == "Приказ № 17-од"
    assert out.sections[0].header.paragraphs[0].text == f"МКОУ{NBSP}«Таяндинская{NBSP}СОШ» — 17-од"
    assert len(out.tables[0].columns) == 5  # the column loop widened the grid (docxtpl's fix_tables)
    assert [c.text for c in out.tables[0].rows[0].cells] == ["один", "два", "три", "четыре", "пять"]
    assert "Ивановой Елене Анатольевне" in out.paragraphs[1].text
    assert 'кавычки "прямые" & <угловые>' in "\n".join(p.text for p in out.paragraphs)


def test_condition_false_and_narrow_column_loop_render_identically(tmp_path, filters):
    template = feature_template(tmp_path / "features.docx")
    context = feature_context(note="", cols=["один"], items=[], lines="одна строка")
    fast, path = render_counted(template, context, filters)
    assert path == "fast"
    assert_same_document(fast, plain_docxtpl(template, context, filters))
    assert len(docx.Document(io.BytesIO(fast)).tables[0].columns) == 1


def test_xml_illegal_characters_are_stripped_on_both_paths(tmp_path, filters):
    template = feature_template(tmp_path / "features.docx")
    context = feature_context(note="вставлено\x0bиз\x01Word")
    fast, path = render_counted(template, context, filters)
    assert path == "fast"
    assert_same_document(fast, plain_docxtpl(template, context, filters))
    assert "вставленоизWord" in "".join(p.text for p in docx.Document(io.BytesIO(fast)).paragraphs)


# -- the fallback rule --------------------------------------------------------------------------

def test_a_picture_in_the_context_goes_to_docxtpl(tmp_path, filters):
    template = feature_template(tmp_path / "features.docx")
    context = feature_context(lines=Picture(png(40, 20), 30))
    fast, path = render_counted(template, context, filters)
    assert path == "docxtpl"
    assert_same_document(fast, plain_docxtpl(template, context, filters))
    assert len(docx.Document(io.BytesIO(fast)).inline_shapes) == 2


def test_a_body_that_is_not_well_formed_goes_to_docxtpl(tmp_path, filters):
    """An if opened in a paragraph and closed inside a table cuts XML elements in half when false;
    docxtpl's recovering parser repairs that, so docxtpl writes it."""
    doc = docx.Document()
    doc.add_paragraph("Начало {% if flag %}скрытое")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "продолжение{% endif %} конец"
    template = tmp_path / "broken.docx"
    doc.save(template)
    for flag, expected in ((True, "fast"), (False, "docxtpl")):
        content, path = render_counted(template, {"flag": flag}, filters)
        assert path == expected
        assert_same_document(content, plain_docxtpl(template, {"flag": flag}, filters))


def test_a_template_with_footnotes_goes_to_docxtpl(tmp_path, filters):
    """docxtpl renders footnotes through python-docx's object model; the fast path leaves them to it."""
    source = feature_template(tmp_path / "features.docx")
    template = tmp_path / "footnotes.docx"
    footnotes = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 b'<w:footnote w:id="1"><w:p><w:r><w:t>{{ school }}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="'
                                    + fastrender.FOOTNOTES_TYPE.encode() + b'"/></Types>')
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                    b'Target="footnotes.xml"/></Relationships>')
            dst.writestr(item, data)
        dst.writestr("word/footnotes.xml", footnotes)
    context = feature_context()
    content, path = render_counted(template, context, filters)
    assert path == "docxtpl"
    assert_same_document(content, plain_docxtpl(template, context, filters))
    assert f"МКОУ{NBSP}«Таяндинская{NBSP}СОШ»".encode() in zipfile.ZipFile(io.BytesIO(content)).read("word/footnotes.xml")


@pytest.mark.parametrize(("rows", "columns"), [([["1", "2"], ["1", "2", "3", "4"]], 4), ([["1"], ["1", "2"]], 3)],
                         ids=["a-later-row-wider-than-the-grid", "every-row-within-it"])
def test_merged_header_and_rows_of_varying_width_render_identically(tmp_path, filters, rows, columns):
    """A merged cell fills the grid in the header row; whether a later row is wider is asked of the
    whole table at once (docgen.fastrender.document._tables_need_fixing)."""
    doc = docx.Document()
    table = doc.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Объединённая"
    table.cell(0, 2).text = "Третья"
    table.cell(1, 0).text = "{%tr for r in rows %}"
    for cell, text in zip(table.rows[2].cells, ["{%tc for c in r %}", "{{ c }}", "{%tc endfor %}"]):
        cell.text = text
    table.cell(3, 0).text = "{%tr endfor %}"
    template = tmp_path / "merged.docx"
    doc.save(template)
    fast, path = render_counted(template, {"rows": rows}, filters)
    assert path == "fast"
    assert_same_document(fast, plain_docxtpl(template, {"rows": rows}, filters))
    assert len(docx.Document(io.BytesIO(fast)).tables[0].columns) == columns
