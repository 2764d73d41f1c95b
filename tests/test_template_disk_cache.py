"""Prepared templates are kept on disk between runs (docgen.fastrender.stored): a later process
renders from the entry, a changed template is prepared again, a damaged entry is rebuilt, and the
document is the same with the cache, from it, and without it."""
from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest

from docgen import fastrender
from docgen.fastrender import stored

from helpers import NBSP, ORDER_SAMPLE, docx_differences, edited_template, generate_and_imports, texts

TEMPLATE = "working-group-order.docx"
NUMBER_LINE = f"1 сентября 2026{NBSP}г.\t№{NBSP}112-од"


def entries(cache) -> list:
    folder = cache / "templates"
    return sorted(folder.glob("*" + stored.SUFFIX)) if folder.is_dir() else []


def run_generate(tmp_path, out, cache: str) -> tuple[Path, bool]:
    """`docgen generate` in a fresh process: the document, and whether the process imported
    docxtpl (which only preparing a template needs)."""
    document, imported = generate_and_imports(tmp_path, out, "docxtpl", env={"DOCGEN_CACHE": cache})
    return document, imported == ["docxtpl"]


def test_a_later_run_renders_from_the_entry_and_writes_the_same_document(tmp_path):
    cache = tmp_path / "cache"
    first, first_imported = run_generate(tmp_path, tmp_path / "a", str(cache))
    [entry] = entries(cache)
    second, second_imported = run_generate(tmp_path, tmp_path / "b", str(cache))
    assert entries(cache) == [entry]  # read, not written again
    plain, _ = run_generate(tmp_path, tmp_path / "c", "off")
    assert entries(cache) == [entry]
    assert first_imported and not second_imported  # the second process never prepared the template
    assert NUMBER_LINE in texts(second)
    assert docx_differences(first, second) == [] and docx_differences(second, plain) == []


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The cache folder of this test; each render then starts as a new process would: with an
    empty process cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DOCGEN_CACHE", str(folder))
    fastrender.CACHE.clear()
    return folder


def generate_with(cli, templates, out):
    fastrender.CACHE.clear()  # a new process: only the disk is shared
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", out, "--templates", templates)
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def test_a_changed_template_is_prepared_again_even_with_the_same_time_and_size(cli, cache, tmp_path):
    folder = edited_template(tmp_path / "templates", TEMPLATE, "ПРИКАЗЫВАЮ:", "ПРИКАЗЫВАЮ (1):")
    template = folder / TEMPLATE
    stat = template.stat()
    first = generate_with(cli, folder, tmp_path / "a")
    assert "ПРИКАЗЫВАЮ (1):" in texts(first)
    edited_template(folder, TEMPLATE, "ПРИКАЗЫВАЮ:", "ПРИКАЗЫВАЮ (2):")
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a copy that kept the old time
    before = fastrender.cache_info()
    second = generate_with(cli, folder, tmp_path / "b")
    assert "ПРИКАЗЫВАЮ (2):" in texts(second) and "ПРИКАЗЫВАЮ (1):" not in texts(second)
    assert fastrender.cache_info()["loaded"] == before["loaded"]  # prepared, not read back
    assert len(entries(cache)) == 2


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "other key"])
def test_a_damaged_entry_is_ignored_and_rebuilt(cli, cache, tmp_path, damage):
    folder = edited_template(tmp_path / "templates", TEMPLATE, "ПРИКАЗЫВАЮ:", "ПРИКАЗЫВАЮ (1):")
    reference = generate_with(cli, folder, tmp_path / "a")
    [entry] = entries(cache)
    raw = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "flipped":  # one bit in the stored parts: the checksum no longer matches
        entry.write_bytes(raw[:-100] + bytes([raw[-100] ^ 1]) + raw[-99:])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(len(raw)))
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a whole, well-formed entry of another template under this name
        other = edited_template(tmp_path / "other", TEMPLATE, "ПРИКАЗЫВАЮ:", "ДРУГОЙ:")
        generate_with(cli, other, tmp_path / "x")
        [other_entry] = [e for e in entries(cache) if e != entry]
        entry.write_bytes(other_entry.read_bytes())
    before = fastrender.cache_info()
    rebuilt = generate_with(cli, folder, tmp_path / "b")
    assert fastrender.cache_info()["loaded"] == before["loaded"]
    assert docx_differences(reference, rebuilt) == []
    assert entry.read_bytes() != b"" and "ДРУГОЙ:" not in texts(rebuilt)
    before = fastrender.cache_info()
    again = generate_with(cli, folder, tmp_path / "c")  # the rebuilt entry is whole again
    assert fastrender.cache_info()["loaded"] == before["loaded"] + 1
    assert docx_differences(reference, again) == []


def test_properties_headers_and_footers_come_back_from_the_entry(cache, tmp_path):
    """The parts besides the body: a header, a footer and a document property with markup."""
    from docgen.rendering import render_docx

    document = docx.Document()
    document.add_paragraph("Текст: {{ body }}")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Шапка: {{ head }}"
    section.footer.paragraphs[0].text = "Подвал: {{ foot }}"
    document.core_properties.title = "Заголовок: {{ title }}"
    template = tmp_path / "t.docx"
    document.save(template)
    context = {"body": "тело", "head": "верх", "foot": "низ", "title": "название"}
    fastrender.CACHE.clear()
    (tmp_path / "prepared.docx").write_bytes(render_docx(template, context, {}))
    fastrender.CACHE.clear()
    before = fastrender.cache_info()
    (tmp_path / "loaded.docx").write_bytes(render_docx(template, context, {}))
    assert fastrender.cache_info()["loaded"] == before["loaded"] + 1
    assert docx_differences(tmp_path / "prepared.docx", tmp_path / "loaded.docx") == []
    loaded = docx.Document(str(tmp_path / "loaded.docx"))
    assert [p.text for p in loaded.paragraphs] == ["Текст: тело"]
    assert loaded.sections[0].header.paragraphs[0].text == "Шапка: верх"
    assert loaded.sections[0].footer.paragraphs[0].text == "Подвал: низ"
    assert loaded.core_properties.title == "Заголовок: название"


def test_off_keeps_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    fastrender.CACHE.clear()
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert NUMBER_LINE in texts(result.output.strip().splitlines()[-1])
    assert not (tmp_path / "xdg").exists()


def test_the_default_folder_is_the_users_cache(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    fastrender.CACHE.clear()
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert len(entries(tmp_path / "xdg" / "docgen")) == 1


def test_the_folder_keeps_the_newest_entries_only(cache, tmp_path, monkeypatch):
    from docgen.rendering import render_docx

    monkeypatch.setattr(stored, "MAX_ENTRIES", 3)
    for n in range(5):
        document = docx.Document()
        document.add_paragraph(f"Шаблон {n}: {{{{ x }}}}")
        document.save(tmp_path / f"t{n}.docx")
        content = render_docx(tmp_path / f"t{n}.docx", {"x": n}, {})
        assert docx.Document(io.BytesIO(content)).paragraphs[0].text == f"Шаблон {n}: {n}"
    assert len(entries(cache)) == 3


def test_a_refused_template_leaves_no_entry(cli, cache, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / TEMPLATE).write_bytes(b"not a zip at all")
    fastrender.CACHE.clear()
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "o", "--templates", folder)
    assert result.exit_code == 2 and "не документ .docx" in result.output
    assert entries(cache) == []


def test_the_folder_from_docgen_yaml_is_relative_to_the_file(cli, tmp_path, monkeypatch):
    school = tmp_path / "school"
    school.mkdir()
    (school / "docgen.yaml").write_text("cache: prepared\n", encoding="utf-8")
    monkeypatch.chdir(school)
    monkeypatch.delenv("DOCGEN_CACHE", raising=False)
    fastrender.CACHE.clear()
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert len(entries(school / "prepared")) == 1
