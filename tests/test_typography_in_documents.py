"""The typography of what a document prints, through the command line: units a line must not break
inside get a no-break space or hyphen whether they come from a school's YAML or from the template,
addresses and file names stay as typed, no table row splits across pages and no heading is left
alone at a page's foot.

The rule is docgen.russian.typography.typeset, applied by the engine to every value a template
prints and by docgen.gost to the words of the built-in templates (ГОСТ Р 7.0.97 practice; the
office checker's «nobreak», «nbsp-unit», «table-row-split» and «table-header» rules).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from docgen.russian import typeset, typeset_template
from helpers import NB_HYPHEN, NBSP, SAMPLES, assert_office_checker_clean, document_text, generate, invoke

W_TR, W_TRPR = qn("w:tr"), qn("w:trPr")

DATA_BASIS = ("решением педагогического совета (протокол № 5), приказом отдела образования по адресу "
              "ул. Школьная, д. 5, и Федеральным законом № 273-ФЗ")
DATA_PURPOSE = "повышения доли педагогов, вовлечённых в ВСОКО, на 10 % в 2026 г. за 10 дней"


def rows_without(path: Path, tag: str) -> list[str]:
    """The texts of the table rows that lack ``tag`` in their row properties."""
    found = []
    for row in docx.Document(str(path)).element.body.iter(W_TR):
        props = row.find(W_TRPR)
        if props is None or props.find(qn(tag)) is None:
            found.append("".join(t.text or "" for t in row.iter(qn("w:t"))))
    return found


@pytest.fixture
def order_with_units(sample_dir, tmp_path) -> Path:
    """The working-group order generated from data that holds «№ 5», «д. 5», «273-ФЗ», «10 %»."""
    data = sample_dir / "working-group-order.yaml"
    text = data.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^basis:.*\n(  - .*\n)*", f"basis: {DATA_BASIS}\n", text)  # one line or a list
    text = re.sub(r"(?m)^purpose: >-\n(  .*\n)+", f"purpose: {DATA_PURPOSE}\n", text)
    data.write_text(text, encoding="utf-8")
    return generate("working-group-order", data, tmp_path / "out").document


def test_units_from_the_data_do_not_break(order_with_units):
    text = document_text(order_with_units)
    for unit in (f"№{NBSP}5)", f"д.{NBSP}5,", f"№{NBSP}273{NB_HYPHEN}ФЗ", f"10{NBSP}%", f"2026{NBSP}г.",
                 f"10{NBSP}дней"):
        assert unit in text, unit
    for breakable in ("№ 5", "д. 5", "273-ФЗ", "10 %", "2026 г.", "10 дней"):
        assert breakable not in text, breakable


def test_the_templates_own_words_do_not_break_either(order_with_units):
    """«Федерального закона … № 273‑ФЗ» of the template's preamble, «№ 112-од» in the heading."""
    text = document_text(order_with_units)
    assert f"от 29.12.2012 №{NBSP}273{NB_HYPHEN}ФЗ «Об образовании в Российской Федерации»" in text
    assert f"№{NBSP}112-од" in text
    assert not re.search(r"\S —", text), "a dash after a plain space may start a line"


def test_the_file_name_is_not_typeset(order_with_units):
    """The rule is for the printed text: the file name keeps the plain space a user types."""
    assert order_with_units.name == "Приказ о создании рабочей группы по совершенствованию ВСОКО № 112-од от 01.09.2026.docx"


def test_addresses_are_printed_as_typed(tmp_path):
    """A URL or an e-mail address is what a reader types: «273-ФЗ» inside one keeps its hyphen."""
    folder = tmp_path / "district"
    shutil.copytree(SAMPLES / "district-drozhzhanovsky", folder)
    profile = folder / "department.yaml"
    profile.write_text(re.sub(r"(?m)^website: .*$", "website: https://edu.tatar.ru/drozhzhanoe/273-ФЗ",
                              profile.read_text(encoding="utf-8")), encoding="utf-8")
    data = folder / "competition-regulation.yaml"
    data.write_text(re.sub(r"(?m)^email: .*$", "email: konkurs-2026@tatar.ru", data.read_text(encoding="utf-8")),
                    encoding="utf-8")
    text = document_text(generate("competition-regulation", data, tmp_path / "out").document)
    assert "https://edu.tatar.ru/drozhzhanoe/273-ФЗ" in text
    assert "konkurs-2026@tatar.ru" in text
    assert f"№{NBSP}152{NB_HYPHEN}ФЗ" in text and "152-ФЗ" not in text


@pytest.fixture(scope="module")
def demo_documents(tmp_path_factory) -> list[Path]:
    """Every built-in type from its sample, as `docgen demo` writes them."""
    out = tmp_path_factory.mktemp("demo") / "out"
    result = invoke("demo", "--out", out)
    assert result.exit_code == 0, result.output
    documents = sorted(out.glob("*.docx"))
    assert len(documents) >= 8
    return documents


def test_no_table_row_splits_across_pages(demo_documents):
    tables = 0
    for document in demo_documents:
        assert rows_without(document, "w:cantSplit") == [], document.name
        tables += len(docx.Document(str(document)).tables)
    assert tables >= 8


def test_a_tables_header_row_repeats_on_each_page(demo_documents):
    for document in demo_documents:
        for table in docx.Document(str(document)).element.body.iter(qn("w:tbl")):
            first = table.find(W_TR)
            props = first.find(W_TRPR)
            header = props is not None and props.find(qn("w:tblHeader")) is not None
            words = "".join(t.text or "" for t in first.iter(qn("w:t")))
            assert header, f"{document.name}: the header «{words[:40]}» does not repeat"


def test_headings_keep_with_the_next_paragraph(demo_documents):
    """A bold or centred line without final punctuation is a heading or a requisite: it keeps with
    what follows. A figure's caption sits under the figure and is not tied to the next line."""
    headings = 0
    for document in demo_documents:
        for p in docx.Document(str(document)).paragraphs:
            text = p.text.strip()
            if not text or text[-1] in ".;:," or text.startswith("Рисунок"):
                continue
            if all(r.bold for r in p.runs if r.text.strip()) or p.alignment == WD_ALIGN_PARAGRAPH.CENTER:
                headings += 1
                assert p.paragraph_format.keep_with_next, f"{document.name}: «{text[:60]}»"
    assert headings >= 30


def test_demo_documents_hold_no_placeholder_address(demo_documents):
    for document in demo_documents:
        text = document_text(document)
        assert not re.search(r"example\.(com|org|net|ru)|\.example\b|@example\b", text), document.name


@pytest.mark.parametrize("typed, printed", [
    ("Лицей № 176", f"Лицей №{NBSP}176"),
    ("ст. 28, п. 3, ч. 2, д. 5", f"ст.{NBSP}28, п.{NBSP}3, ч.{NBSP}2, д.{NBSP}5"),
    ("на 70–99 %", f"на 70–99{NBSP}%"),
    ("за 3 месяца и 10 минут", f"за 3{NBSP}месяца и 10{NBSP}минут"),
    ("в 2025–2026 гг.", f"в 2025–2026{NBSP}гг."),
    ("закон № 152-ФЗ", f"закон №{NBSP}152{NB_HYPHEN}ФЗ"),
    ("председатель — И.В. Соколова, секретарь Лебедева О.С.",
     f"председатель{NBSP}— И.В.{NBSP}Соколова, секретарь Лебедева{NBSP}О.С."),
    ("5 мая", "5 мая"),  # a date's month is no unit
    # «г.» after a school's number is a town, kept with its name (not a year's «г.»)
    ("школа № 5 г. Казани", f"школа №{NBSP}5 г.{NBSP}Казани"),
    ("с. Старое Дрожжаное, ул. Центральная, д. 1", f"с.{NBSP}Старое Дрожжаное, ул.{NBSP}Центральная, д.{NBSP}1"),
    ("и т. д. Далее", "и т. д. Далее"),  # «и так далее» ends a sentence: no village
    ("обеспечены инструментарием: 6 из 8", f"обеспечены инструментарием: 6{NBSP}из{NBSP}8"),
    ("№ п/п", "№ п/п"),  # a narrow column's header may break
    ("сайт https://школа.рф/273-ФЗ, почта a-1@mail.ru, файл план 2026-ФЗ.pdf",
     "сайт https://школа.рф/273-ФЗ, почта a-1@mail.ru, файл план 2026-ФЗ.pdf"),
])
def test_typeset(typed, printed):
    assert typeset(typed) == printed
    assert typeset(printed) == printed  # idempotent: a value typeset twice is the same


def test_typeset_template_leaves_jinja_as_written():
    text = "{% if share == 100 %}все — {{ n }} %{% endif %} № {{ number }}"
    assert typeset_template(text) == f"{{% if share == 100 %}}все{NBSP}— {{{{ n }}}}{NBSP}%{{% endif %}} №{NBSP}{{{{ number }}}}"


@pytest.mark.parametrize(("position", "accusative"), [
    ("тьютор", "тьютора"),  # not in pymorphy3's dictionary: guessed as a thing, declined as a person
    ("педагог-психолог", "педагога-психолога"),
    ("учитель-логопед", "учителя-логопеда"),
    ("заместитель директора по учебно-воспитательной работе", "заместителя директора по учебно-воспитательной работе"),
])
def test_a_person_named_by_the_job_takes_the_animate_accusative(sample_dir, tmp_path, position, accusative):
    """«Назначить …, тьютора, руководителем»: the position in the accusative agrees with a person."""
    profile = sample_dir / "organization.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "    position: заместитель директора по учебно-воспитательной работе", f"    position: {position}", 1),
        encoding="utf-8")
    text = document_text(generate("working-group-order", sample_dir / "working-group-order.yaml", tmp_path / "out").document)
    assert f"Назначить Бондаренко Ольгу Николаевну, {accusative}, руководителем рабочей группы" in text


def test_the_orders_introduce_every_abbreviation_they_use(demo_documents):
    """The shared checker's «abbreviation» warning: the Таяндинская orders write «внутренней системы
    оценки качества образования (далее — ВСОКО)» before the first «ВСОКО» (docgen.russian.abbreviations),
    or cite an act whose title introduces it itself: «Положение о внутренней системе оценки качества
    образования (ВСОКО)»."""
    # The school's orders (the district's own short name, «МКУ «ОО ИК ДМР РТ»», is introduced whole
    # after its full name in the header — the checker reads the «ОО» inside it alone).
    orders = [d for d in demo_documents if d.name.startswith("Приказ") and "-од " in d.name]  # the school's numbers
    assert len(orders) >= 3
    for order in orders:
        report = assert_office_checker_clean(order)
        assert "abbreviation" not in report, report
        text = document_text(order)
        assert f"качества образования (далее{NBSP}— ВСОКО)" in text or "качества образования (ВСОКО)" in text
