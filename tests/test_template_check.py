"""`docgen templates check|vars`: every built-in template is clean (this is the CI check), and each
seeded defect is found with the template's name and the paragraph or table cell where it is."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from docgen.gost import Column, new_document, paragraph, table
from helpers import builtin_engine

TYPE = "working-group-order"


def build(path: Path, paragraphs: list, cells: list[str] | None = None) -> Path:
    """A .docx template: each item a paragraph — a string, or a list of (text, bold, tab_before)."""
    doc = new_document()
    for item in paragraphs:
        if isinstance(item, str):
            paragraph(doc, item)
            continue
        p = doc.add_paragraph()
        for text, bold, tab in item:
            run = p.add_run()
            if tab:
                run.add_tab()
            run.add_text(text)
            run.bold = bold or None
    if cells:
        table(doc, [Column(f"Колонка {i}", 40) for i in range(len(cells))], [cells])
    doc.save(str(path))
    return path


def check(cli, path: Path, doc_type: str | None = TYPE):
    args = ["templates", "check", path] + (["--type", doc_type] if doc_type else [])
    return cli(*args)


# -- the CI check -----------------------------------------------------------------------------

def test_every_builtin_template_is_clean(cli):
    result = cli("templates", "check")
    assert result.exit_code == 0, result.output
    assert "ошибок: 0" in result.output
    templates = {t.template for t in builtin_engine().document_types.values()}
    assert {"working-group-order.docx", "regulation-order.docx"} <= templates
    assert [name for name in sorted(templates) if name not in result.output] == []  # every one was checked


def test_one_type_by_name(cli):
    result = cli("templates", "check", "regulation-order")
    assert result.exit_code == 0, result.output
    assert "regulation-order.docx" in result.output and "ошибок нет" in result.output


# -- seeded defects ------------------------------------------------------------------------------

def test_jinja_syntax_error_is_named_with_its_paragraph(cli, tmp_path):
    path = build(tmp_path / "bad.docx", ["{{ organization.full_name }}", "Дата: {{ date|date( }}"])
    result = check(cli, path)
    assert result.exit_code == 1
    assert "bad.docx" in result.output
    assert "абзац 2: «{{ date|date( }}»: ошибка в разметке Jinja" in result.output


def test_variable_the_input_does_not_provide(cli, tmp_path):
    path = build(tmp_path / "t.docx", ["{{ organization.full_name }}", "в целях {{ purpse }}"],
                 cells=["{{ head|fio }}", "{{ chairman|fio }}"])
    result = check(cli, path)
    assert result.exit_code == 1
    assert "абзац 2: переменная «purpse» не передаётся в шаблон" in result.output
    assert "таблица 1, строка 2, столбец 2: переменная «chairman»" in result.output
    assert "переменная «head»" not in result.output  # the type provides it


def test_input_fields_never_used_are_warnings_only(cli, tmp_path):
    path = build(tmp_path / "t.docx", ["{{ organization.full_name }}", "в целях {{ purpose }}"])
    result = check(cli, path)
    assert result.exit_code == 0, result.output
    assert "предупреждение: шаблон в целом: поле «meetings» входных данных передаётся в шаблон, но нигде в нём не " \
           "используется" in result.output
    assert "поле «purpose»" not in result.output


def test_unknown_filter(cli, tmp_path):
    result = check(cli, build(tmp_path / "t.docx", ["{{ date|data('numeric') }}"]))
    assert result.exit_code == 1
    assert "абзац 1: «{{ date|data('numeric') }}»: неизвестный фильтр «data»" in result.output


def test_unclosed_block(cli, tmp_path):
    path = build(tmp_path / "t.docx", ["{{ organization.full_name }}", "{%p for t in tasks %}", "{{ t.action }}"])
    result = check(cli, path)
    assert result.exit_code == 1
    assert "абзац 2: блок «{%p for t in tasks %}» не закрыт" in result.output


def test_tag_broken_between_paragraphs(cli, tmp_path):
    path = build(tmp_path / "t.docx", ["Организация: {{ organization.", "full_name }}"])
    result = check(cli, path)
    assert result.exit_code == 1
    assert "абзац 1: тег «{{ organization.» не закрыт в этом абзаце" in result.output
    assert "абзац 2: «}}» без открывающей скобки" in result.output


def test_brace_parted_by_a_space(cli, tmp_path):
    result = check(cli, build(tmp_path / "t.docx", ["в целях { { purpose }}"]))
    assert result.exit_code == 1
    assert "абзац 1: «{ {»: скобка тега отделена пробелом" in result.output


def test_tab_inside_a_tag_split_across_runs(cli, tmp_path):
    path = build(tmp_path / "t.docx", [[("{{ purpose", False, False), (" }}", False, True)]])
    result = check(cli, path)
    assert result.exit_code == 1
    assert "абзац 1: внутри тега «{{ purpose }}» стоит табуляция" in result.output


def test_tag_split_across_differently_formatted_runs_is_a_warning(cli, tmp_path):
    path = build(tmp_path / "t.docx", [[("в целях {{ pur", True, False), ("pose }}", False, False)]])
    result = check(cli, path)
    assert result.exit_code == 0, result.output  # docxtpl mends it; only the formatting is lost
    assert "предупреждение: абзац 1: части тега «{{ purpose }}» оформлены по-разному" in result.output


def test_misspelt_attribute_is_caught_by_filling_in_the_sample(cli, tmp_path):
    result = check(cli, build(tmp_path / "t.docx", ["{{ organization.full_nme }}"]))
    assert result.exit_code == 1
    assert "заполнение образцом данных:" in result.output and "full_nme" in result.output


def test_users_override_is_what_gets_checked(cli, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    build(folder / "working-group-order.docx", ["{{ organization.full_name }}", "{{ purpse }}"])
    result = cli("templates", "check", TYPE, "--templates", folder)
    assert result.exit_code == 1
    assert str(folder / "working-group-order.docx") in result.output
    assert "переменная «purpse»" in result.output


def test_file_of_no_type_gets_syntax_checks_only(cli, tmp_path):
    result = check(cli, build(tmp_path / "free.docx", ["{{ anything }}", "{% if x %}"]), doc_type=None)
    assert result.exit_code == 1
    assert "не принадлежит ни одному типу документа" in result.output
    assert "абзац 2: блок «{% if x %}» не закрыт" in result.output
    assert "переменная «anything»" not in result.output


# -- bad input: exit 2, nothing written -------------------------------------------------------------

def _files(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", b"text", "не шаблон .docx"),
    ("fake.docx", b"not a zip at all", "не документ .docx"),
    ("cut.docx", None, "не документ .docx"),
])
def test_not_a_docx(cli, tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:  # a real .docx cut in half
        whole = build(tmp_path / "whole.docx", ["{{ purpose }}"]).read_bytes()
        content = whole[: len(whole) // 2]
    path.write_bytes(content)
    before = _files(tmp_path)
    result = cli("templates", "check", path)
    assert result.exit_code == 2
    assert "Ошибка:" in result.output and message in result.output
    assert _files(tmp_path) == before


def test_zip_bomb_is_refused(cli, tmp_path, monkeypatch):
    import docgen.rendering

    monkeypatch.setattr(docgen.rendering, "MAX_UNPACKED_BYTES", 1024 * 1024)  # the real limit is 200 MB
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            for _ in range(4):
                member.write(b"\0" * (1024 * 1024))
    assert path.stat().st_size < 50 * 1024
    result = cli("templates", "check", path)
    assert result.exit_code == 2
    assert "bomb.docx» распаковывается в 4 МБ — отказ" in result.output


def test_unknown_type(cli):
    result = cli("templates", "check", "no-such-type")
    assert result.exit_code == 2
    assert "неизвестный тип документа «no-such-type»" in result.output


def test_missing_file(cli, tmp_path):
    result = cli("templates", "check", tmp_path / "absent.docx")
    assert result.exit_code == 2 and "не найден" in result.output


# -- templates vars ----------------------------------------------------------------------------------

def test_vars_lists_context_with_russian_types_and_descriptions(cli):
    result = cli("templates", "vars", TYPE)
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in ("organization.short_name", "сокращённое наименование по уставу", "director.full_name",
                     "date", "дата приказа", "number", "purpose", "цель создания группы", "period.start",
                     "members", "список из", "meetings", "surname_initials", "«Соколову И.Д.»"):
        assert expected in out, expected


def test_vars_of_unknown_type(cli):
    result = cli("templates", "vars", "nope")
    assert result.exit_code == 2 and "неизвестный тип документа" in result.output


# -- block structure as Jinja's parser sees it -------------------------------------------------------

@pytest.mark.parametrize("paragraphs, expected", [
    (["{%p for t in tasks %}", "{%p if purpose %}", "{%p endfor %}", "{%p endif %}"],
     ["абзац 3: «{%p endfor %}» закрывает «for», а открыт блок «{%p if purpose %}» (абзац 2)"]),
    (["{{ purpose }}", "{%p endif %}"], ["абзац 2: «{%p endif %}» без открывающего «{% if … %}»"]),
    (["{% else %}", "{%p for t in tasks %}", "{%p elif purpose %}", "{%p endfor %}"],
     ["абзац 1: «{% else %}» вне блока «for» или «if»", "абзац 3: «{%p elif purpose %}» вне блока «if»"]),
    (["{% if purpose %}", "{% for m in members %}", "{{ m.person|fio }}"],  # each named where it opens
     ["абзац 1: блок «{% if purpose %}» не закрыт: нет «{% endif %}»",
      "абзац 2: блок «{% for m in members %}» не закрыт: нет «{% endfor %}»"]),
    (["{% p if purpose %}", "{{ purpose }}", "{%p endif %}"],
     ["абзац 1: «{% p if purpose %}»: неизвестный тег «p»; форма docxtpl пишется без пробела"]),
    (["{% if purpose %}", "{% elif purpose + %}", "{% endif %}"],
     ["абзац 2: «{% elif purpose + %}»: ошибка в разметке Jinja: лишнее «%}»"]),
])
def test_block_structure_errors(cli, tmp_path, paragraphs, expected):
    result = check(cli, build(tmp_path / "t.docx", paragraphs))
    assert result.exit_code == 1
    for line in expected:
        assert line in result.output


def test_broken_opener_is_one_error_not_two(cli, tmp_path):
    path = build(tmp_path / "t.docx", ["{%p for t in %}", "{{ t.action }}", "{%p endfor %}", "{{ purpose }}"])
    result = check(cli, path)
    assert result.exit_code == 1
    assert "абзац 1: «{%p for t in %}»: ошибка в разметке Jinja" in result.output
    assert "endfor" not in result.output  # its closing tag is not blamed as well


def test_nested_blocks_with_middles_are_clean(cli, tmp_path):
    path = build(tmp_path / "t.docx", ["{{ organization.full_name }} {{ purpose }} {{ meetings }}",
                                       "{%p for m in members %}", "{%p if loop.first %}", "{{ m.person|fio }}",
                                       "{%p elif loop.last %}", "последний", "{%p else %}", "средний", "{%p endif %}",
                                       "{%p endfor %}", "{% set note %}{{ purpose }}{% endset %}{{ note }}"])
    result = check(cli, path)
    assert result.exit_code == 0, result.output
    assert "ошибка:" not in result.output


def test_docxtpl_cell_tags_are_checked_as_expressions(cli, tmp_path):
    ok = build(tmp_path / "ok.docx", ["{{ purpose }}"], cells=["{% colspan 2 %}{{ purpose }}", "{% cellbg 'FF0000' %}"])
    assert check(cli, ok).exit_code == 0, check(cli, ok).output
    bad = build(tmp_path / "bad.docx", ["{{ purpose }}"], cells=["{% colspan spann %}{{ purpose }}", "x"])
    result = check(cli, bad)
    assert result.exit_code == 1
    assert "таблица 1, строка 2, столбец 1: переменная «spann» не передаётся" in result.output
