"""Overriding is a command: `docgen templates copy` hands a clerk the template a document is printed
with, `docgen types` shows where each template comes from, and the edited copy is what prints."""
from __future__ import annotations

import docx

from docgen.resources import data_dir
from docgen.templates import BUILTIN, PLUGIN, USER, Folder, TemplatePath
from helpers import CHECKOUT, ORDER_SAMPLE, generate, texts

TYPE = "working-group-order"
PREAMBLE = "В целях "  # the working-group order's preamble opens with its purpose
EDIT = "В соответствии с решением педагогического совета школы (протокол № 1 от 30.08.2026)"


def _edit_preamble(path):
    document = docx.Document(str(path))
    paragraph = next(p for p in document.paragraphs if p.text.startswith(PREAMBLE))
    paragraph.runs[0].text = EDIT + " "
    for run in paragraph.runs[1:]:
        run.text = ""
    document.save(str(path))


def _row(output: str, slug: str) -> str:
    """The table row of a type, its wrapped lines joined."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if f"│ {slug} " in line)
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("│ " + " " * len(slug)):
            break
        block.append(line)
    cells = [[c.strip() for c in line.strip("│").split("│")] for line in block]
    return " | ".join(" ".join(col).strip() for col in zip(*cells))


def test_copy_edit_generate_loop(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copied = cli("templates", "copy", TYPE, "--to", "mine")
    assert copied.exit_code == 0, copied.output
    target = tmp_path / "mine" / f"{TYPE}.docx"
    assert target.read_bytes() == (data_dir("templates") / f"{TYPE}.docx").read_bytes()
    assert "(встроенный)" in copied.output and f"docgen generate {TYPE} --templates mine" in copied.output

    _edit_preamble(target)
    assert cli("templates", "check", TYPE, "--templates", "mine").exit_code == 0

    written = texts(generate(TYPE, ORDER_SAMPLE, tmp_path / "out", "--templates", "mine").document)
    assert any(p.startswith(EDIT) for p in written)
    assert not any(p.startswith(PREAMBLE) for p in written)

    marked = cli("types", "--templates", "mine")
    assert marked.exit_code == 0, marked.output
    assert "папка пользователя (вместо встроенного)" in _row(marked.output, TYPE)
    assert "встроенный" in _row(marked.output, "regulation-order")
    assert "вместо" not in _row(marked.output, "regulation-order")
    plain = cli("types")
    assert "вместо" not in plain.output


def test_copy_never_overwrites_without_force(cli, tmp_path):
    folder = tmp_path / "mine"
    assert cli("templates", "copy", TYPE, "--to", folder).exit_code == 0
    _edit_preamble(folder / f"{TYPE}.docx")
    edited = (folder / f"{TYPE}.docx").read_bytes()
    again = cli("templates", "copy", TYPE, "--to", folder)
    assert again.exit_code == 2
    assert "уже есть" in again.stderr and "--force" in again.stderr
    assert (folder / f"{TYPE}.docx").read_bytes() == edited
    assert [p.name for p in folder.iterdir()] == [f"{TYPE}.docx"]  # no temporary file left
    forced = cli("templates", "copy", TYPE, "--to", folder, "--force")
    assert forced.exit_code == 0
    assert (folder / f"{TYPE}.docx").read_bytes() == (data_dir("templates") / f"{TYPE}.docx").read_bytes()


def test_copy_defaults_to_the_users_templates_folder(cli, tmp_path, monkeypatch):
    """With DOCGEN_TEMPLATES set, the copy lands there — and from then on it is the override."""
    folder = tmp_path / "school-templates"
    monkeypatch.setenv("DOCGEN_TEMPLATES", str(folder))
    result = cli("templates", "copy", TYPE)
    assert result.exit_code == 0, result.output
    assert (folder / f"{TYPE}.docx").is_file()
    same = cli("templates", "copy", TYPE, "--force")
    assert same.exit_code == 2 and "уже в этой папке" in same.stderr


def test_copy_without_folder_goes_to_the_current_one(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("templates", "copy", f"{TYPE}.docx").exit_code == 0
    assert (tmp_path / f"{TYPE}.docx").is_file()


def test_copy_of_an_unknown_type_writes_nothing(cli, tmp_path):
    result = cli("templates", "copy", "no-such-type", "--to", tmp_path / "mine")
    assert result.exit_code == 2
    assert "неизвестный тип документа «no-such-type»" in result.stderr
    assert not (tmp_path / "mine").exists()


def test_lookup_says_whose_template_it_found(tmp_path):
    user, district = tmp_path / "user", tmp_path / "district"
    user.mkdir(), district.mkdir()
    (district / f"{TYPE}.docx").write_bytes(b"district")
    path = TemplatePath.build(user, [("kirov", district)])
    found = path.locate(f"{TYPE}.docx")
    assert (found.folder.kind, found.folder.plugin) == (PLUGIN, "kirov")
    assert found.label == "плагин kirov (вместо встроенного)" and found.overrides
    (user / f"{TYPE}.docx").write_bytes(b"school")
    found = path.locate(f"{TYPE}.docx")
    assert found.folder == Folder(user, USER)
    assert found.label == "папка пользователя (вместо плагина kirov)"
    builtin = path.locate("regulation-order.docx")
    assert builtin.folder.kind == BUILTIN and builtin.label == "встроенный" and not builtin.overrides
    as_builtin = TemplatePath.build(None, [("plan-graph", district)], builtin_plugins={"plan-graph"})
    assert as_builtin.locate(f"{TYPE}.docx").folder.kind == BUILTIN  # a built-in plugin's folder is built-in


def test_testing_an_override_as_the_plugin_guide_shows(monkeypatch, tmp_path):
    """docs/plugins.md «Testing an override»: only the district's plugin, the built-in types stay."""
    import sys

    from docgen import Engine
    from docgen.plugins import load_plugins

    monkeypatch.syspath_prepend(str(CHECKOUT / "samples" / "kirov-plugin" / "src"))
    sys.modules.pop("docgen_kirov", None)
    import docgen_kirov as plugin

    monkeypatch.setenv("DOCGEN_LOAD_PLUGINS", "kirov")
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "kirov")
    engine = Engine(plugins=load_plugins(extra=[("kirov", plugin)]))
    found = engine.template_path.locate(f"{TYPE}.docx")
    assert found.folder.plugin == "kirov" and found.overrides and found.label == "плагин kirov (вместо встроенного)"
    result = engine.generate(TYPE, ORDER_SAMPLE, tmp_path)
    assert "методическими рекомендациями" in "\n".join(texts(result.path))
    assert "regulation-order" in engine.document_types  # built-in types are not hidden
