"""Abbreviations introduced at their first full name, through generated documents: «…
функционирования внутренней системы оценки качества образования (далее — ВСОКО)» before the first
«ВСОКО», and nowhere a title, a quotation or a bracket would take it (docgen.russian.abbreviations,
applied by docgen.rendering to every document; the list is templates/abbreviations.yaml, which a
district's or a school's template folder replaces)."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from helpers import ORDER_SAMPLE, NBSP, body_of, edit_text, generate, sample_document

TYPE = "working-group-order"
INTRODUCED = f"(далее{NBSP}— ВСОКО)"
PHRASE = "внутренней системы оценки качества образования"


def introductions(lines: list[str], short: str = "ВСОКО") -> list[str]:
    return [line for line in lines if re.search(rf"далее\s*—\s*{short}\)", line)]


@pytest.fixture(scope="module")
def order(tmp_path_factory) -> Path:
    return sample_document(tmp_path_factory, TYPE, ORDER_SAMPLE)


def test_the_first_full_name_in_running_text_takes_the_abbreviation(order):
    lines = body_of(order)
    [preamble] = introductions(lines)
    assert f"функционирования {PHRASE} {INTRODUCED} и принятия управленческих решений" in preamble
    first_use = next(i for i, line in enumerate(lines) if re.search(r"(?<!— )ВСОКО(?!\))", line))
    assert lines.index(preamble) <= first_use
    # the cited order's title in «…» is left as cited (the preamble opens with the purpose, so
    # the basis's «Положением о рабочей группе по совершенствованию ВСОКО» follows the introduction)
    assert f"«Об утверждении регламента работы по совершенствованию {PHRASE}»" in preamble
    assert preamble.index(INTRODUCED) < preamble.index("«Об утверждении")
    assert preamble.index(INTRODUCED) < preamble.index("Положением о рабочей группе по совершенствованию ВСОКО")


def test_a_title_holding_the_full_name_is_untouched(order):
    paragraphs = docx.Document(str(order)).paragraphs
    titles = [p.text for p in paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.CENTER and PHRASE in p.text]
    assert titles and all("далее" not in t for t in titles)
    assert f"О создании рабочей группы по совершенствованию {PHRASE}" in titles


def test_a_full_name_already_followed_by_its_own_bracket_is_passed_over(order):
    lines = body_of(order)
    assert any(f"совершенствованию {PHRASE} (далее{NBSP}— рабочая группа)" in line for line in lines)


@pytest.mark.parametrize("written", [f"{PHRASE} (далее — ВСОКО)", f"{PHRASE} (ВСОКО)"])
def test_a_document_that_introduces_it_itself_is_unchanged(sample_dir, tmp_path, written):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "внутренней системы оценки качества\n  образования", written)
    lines = body_of(generate(TYPE, data, tmp_path / "out").document)
    text = "\n".join(lines)
    assert text.count("ВСОКО)") == 1
    assert written.replace(" — ", f"{NBSP}— ") in text


def test_no_full_name_before_the_first_use_adds_nothing(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "функционирования внутренней системы оценки качества\n  образования", "функционирования ВСОКО")
    lines = body_of(generate(TYPE, data, tmp_path / "out").document)
    assert introductions(lines) == []
    assert any("функционирования ВСОКО и принятия" in line for line in lines)


def test_the_regulation_order_introduces_it_in_its_basis(tmp_path_factory):
    from helpers import SAMPLES

    document = sample_document(tmp_path_factory, "regulation-order", SAMPLES / "tayandinskaya" / "regulation-order.yaml")
    [preamble] = introductions(body_of(document))
    assert (f"о совершенствовании {PHRASE} {INTRODUCED}, Программой развития образовательной организации "
            "(раздел о мерах по развитию ВСОКО)") in preamble


def test_a_school_folder_replaces_the_list(sample_dir, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "abbreviations.yaml").write_text(
        "# only the acts, and the system is not abbreviated\nЛНА: локальный нормативный акт\n", encoding="utf-8")
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "сформировать перечень локальных нормативных актов", "сформировать перечень ЛНА")
    lines = body_of(generate(TYPE, data, tmp_path / "out", "--templates", folder).document)
    assert introductions(lines) == []
    [preamble] = introductions(lines, "ЛНА")
    assert f"пакета локальных нормативных актов (далее{NBSP}— ЛНА), необходимых" in preamble


def test_a_list_of_forms_is_matched_as_written(sample_dir, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "abbreviations.yaml").write_text(
        "ВСОКО:\n  - внутренняя система оценки качества образования\n"
        "  - внутренней системы оценки качества образования\n", encoding="utf-8")
    lines = body_of(generate(TYPE, ORDER_SAMPLE, tmp_path / "out", "--templates", folder).document)
    [preamble] = introductions(lines)
    assert f"{PHRASE} {INTRODUCED}" in preamble


@pytest.mark.parametrize(("content", "named"), [
    ("ВСОКО: 5\n", "ВСОКО"),
    ("ВСОКО: [\n", "YAML"),
    ("- ВСОКО\n", "ожидается список сокращений"),
    ("В СОКО: внутренняя система\n", "В СОКО"),
])
def test_a_broken_list_is_refused_by_name(tmp_path, content, named):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "abbreviations.yaml").write_text(content, encoding="utf-8")
    result, written = generate(TYPE, ORDER_SAMPLE, tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2
    assert "abbreviations.yaml" in result.output and named in result.output
    assert not [p for p in written if p.suffix == ".docx"]


# -- a template's own paragraphs: headings, quotes, brackets, bold runs, a name across runs --------

def _template(path: Path) -> Path:
    """A template for the working-group order whose words test the rule paragraph by paragraph."""
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("О внутренней системе оценки качества образования").bold = True
    document.add_paragraph("Цель — развитие «внутренней системы оценки качества образования» школы.")
    document.add_paragraph("Раздел программы (о внутренней системе оценки качества образования) действует.")
    bold = document.add_paragraph("Основа: ")
    bold.add_run("внутренняя система оценки качества образования").bold = True
    bold.add_run(".")
    split = document.add_paragraph("Обеспечить функционирование внутренней ")
    split.add_run("системы оценки ").italic = True
    split.add_run("качества образования")
    split.add_run(" школы {{ organization.short_name }}.")
    document.add_paragraph("Аудит ВСОКО провести до 01.10.2026.")
    document.add_paragraph("Развивать внутреннюю систему оценки качества образования.")
    document.save(str(path))
    return path


@pytest.fixture
def own_template_order(tmp_path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    _template(folder / "working-group-order.docx")
    return generate(TYPE, ORDER_SAMPLE, tmp_path / "out", "--templates", folder).document


def test_only_an_ordinary_paragraph_takes_it(own_template_order):
    lines = body_of(own_template_order)
    assert lines[:4] == [
        "О внутренней системе оценки качества образования",
        "Цель — развитие «внутренней системы оценки качества образования» школы.",
        "Раздел программы (о внутренней системе оценки качества образования) действует.",
        "Основа: внутренняя система оценки качества образования.",
    ]
    assert lines[4].startswith(f"Обеспечить функционирование внутренней системы оценки качества образования "
                               f"{INTRODUCED} школы МКОУ")
    assert lines[5:] == ["Аудит ВСОКО провести до 01.10.2026.",
                         "Развивать внутреннюю систему оценки качества образования."]


def test_it_goes_into_the_run_where_the_name_ends(own_template_order):
    paragraph = next(p for p in docx.Document(str(own_template_order)).paragraphs if INTRODUCED in p.text)
    runs = [r.text for r in paragraph.runs]
    assert runs[:3] == ["Обеспечить функционирование внутренней ", "системы оценки ",
                        f"качества образования {INTRODUCED}"]
    assert paragraph.runs[1].italic and not paragraph.runs[2].italic


def test_escaped_characters_before_the_name_keep_the_place_right():
    """The rule reads the body's XML: «&amp;» is one character of the text, not five."""
    from docgen.russian.abbreviations import builtin_table

    body = ('<w:body><w:p><w:r><w:t xml:space="preserve">Школа &amp; &#34;сад&#34;: работа внутренней системы '
            'оценки качества образования, итоги.</w:t></w:r></w:p><w:p><w:r><w:t>Итоги ВСОКО.</w:t></w:r></w:p></w:body>')
    assert builtin_table().expand(body) == body.replace("образования,", f"образования {INTRODUCED},")


def test_a_use_in_a_title_alone_adds_nothing_and_a_use_in_a_table_counts(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("О развитии ВСОКО").bold = True
    document.add_paragraph("Обеспечить функционирование внутренней системы оценки качества образования.")
    document.save(str(folder / "working-group-order.docx"))
    lines = body_of(generate(TYPE, ORDER_SAMPLE, tmp_path / "out", "--templates", folder).document)
    assert lines == ["О развитии ВСОКО", "Обеспечить функционирование внутренней системы оценки качества образования."]

    document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("Аудит ВСОКО")
    document.add_paragraph("Развивать внутреннюю систему оценки качества образования.")
    document.save(str(folder / "working-group-order.docx"))
    text = "\n".join(body_of(generate(TYPE, ORDER_SAMPLE, tmp_path / "out2", "--templates", folder).document))
    assert f"функционирование внутренней системы оценки качества образования {INTRODUCED}." in text
    assert text.count("далее") == 1
