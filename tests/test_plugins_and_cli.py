"""Plugin loading and isolation, and the commands that show what is installed."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from docgen import DocumentType, OrderInput, PluginError, hookimpl
from docgen.plugins import load_plugins
from helpers import help_and_imports


@pytest.fixture
def fake_distribution(tmp_path, monkeypatch):
    """Install a throw-away plugin distribution by putting its dist-info on sys.path."""

    def make(name: str, module_source: str) -> None:
        pkg = tmp_path / "site"
        pkg.mkdir(exist_ok=True)
        module = name.replace("-", "_")
        (pkg / f"{module}.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
        info = pkg / f"{module}-1.2.3.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[docgen]\n{name} = {module}\n", encoding="utf-8")
        monkeypatch.syspath_prepend(str(pkg))
        monkeypatch.setenv("DOCGEN_LOAD_PLUGINS", name)  # this third-party plugin; built-in types load anyway

    return make


def test_types_lists_the_builtin_order(cli):
    result = cli("types")
    assert result.exit_code == 0
    assert "working-group-order" in result.output and "Приказ о создании рабочей" in result.output


def test_plugins_lists_version_hooks_and_types(cli):
    result = cli("plugins")
    assert result.exit_code == 0
    assert "working-group-order" in result.output
    assert "docgen_register_document_types" in result.output
    assert "0.1.0" in result.output


def test_plugin_that_fails_to_import_is_named_and_skipped(cli, fake_distribution, tmp_path):
    fake_distribution("district-broken", "raise ImportError('нет модуля kirov_utils')\n")
    result = cli("plugins")
    assert result.exit_code == 0
    assert "district-broken" in result.output and "нет модуля kirov_utils" in result.output
    demo = cli("demo", "--out", tmp_path / "out")
    assert demo.exit_code == 0
    assert "плагин «district-broken»" in demo.output and "пропущен" in demo.output
    written = [p.name for p in (tmp_path / "out").glob("Приказ*.docx")]  # the other plugins still work
    assert "Приказ о создании рабочей группы по совершенствованию ВСОКО № 112-од от 01.09.2026.docx" in written


def test_plugin_whose_hook_raises_is_skipped(cli, fake_distribution):
    fake_distribution("district-raises", """
        from docgen import hookimpl

        @hookimpl
        def docgen_register_document_types(register):
            raise RuntimeError("сломанный плагин")
    """)
    result = cli("types")
    assert result.exit_code == 0
    assert "working-group-order" in result.output
    assert "district-raises" in result.output and "сломанный плагин" in result.output


def test_name_clash_never_replaces_a_builtin_type(cli, fake_distribution):
    fake_distribution("district-clash", """
        from docgen import DocumentType, OrderInput, hookimpl

        @hookimpl
        def docgen_register_document_types(register):
            register(DocumentType(slug="working-group-order", title="Подмена", template="x.docx",
                                  input_model=OrderInput, build_context=lambda data: {}))
    """)
    result = cli("types")
    assert result.exit_code == 0, result.output
    assert "уже зарегистрирован плагином «working-group-order»" in result.output
    assert "Приказ о создании рабочей" in result.output and "Подмена" not in result.output


def test_misspelt_hook_is_reported():
    class Typo:
        @hookimpl
        def docgen_register_documnet_types(self, register):
            pass

    plugins = load_plugins(extra=[("typo", Typo())])
    assert any("docgen_register_documnet_types" in p.message for p in plugins.problems)


def test_adjust_context_and_filters_hooks(sample_dir, tmp_path):
    """A district adds a filter and a common header value to every document."""
    import docx

    from docgen import Engine

    class District:
        @hookimpl
        def docgen_register_filters(self, register):
            register("shout", lambda s: s.upper())

        @hookimpl
        def docgen_adjust_context(self, context, document_type, data):
            return {"meetings": "по средам (" + context["meetings"] + ")"}

    engine = Engine(plugins=load_plugins(extra=[("district", District())]))
    assert engine.filters["shout"]("а") == "А"
    result = engine.generate("working-group-order", sample_dir / "working-group-order.yaml", tmp_path)
    text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    assert "заседаний рабочей группы: по средам (еженедельно по четвергам, 8-й урок)." in text


def test_document_type_validates_its_declaration():
    with pytest.raises(ValueError, match="slug"):
        DocumentType(slug="Bad Slug", title="x", template="x.docx", input_model=OrderInput, build_context=dict)


def test_help_imports_nothing_heavy():
    help_text, heavy = help_and_imports("docxtpl", "docx", "pydantic", "pymorphy3", "pytrovich", "babel", "lxml",
                                        "jinja2", "yaml", "num2words", "rich", "sqlalchemy", "pluggy")
    assert heavy == []
    assert "generate" in help_text and "demo" in help_text


def test_python_m_docgen_and_installed_script_work_outside_the_repo(tmp_path):
    """`pip install .` (not editable) must give a working docgen in any folder."""
    import docgen

    where = Path(docgen.__file__).as_posix()
    # CI installs the wheel (`pip install ".[test]"`); a developer's `pip install -e` runs the checkout.
    if os.environ.get("CI"):
        assert "site-packages" in where, "CI must test the installed wheel, not the checkout"
    result = subprocess.run([sys.executable, "-m", "docgen", "demo", "--out", "документы"], cwd=tmp_path,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    written = list((tmp_path / "документы").glob("*.docx"))
    names = [p.name for p in written]  # every built-in type with a sample; more arrive with new plugins
    assert "Приказ о создании рабочей группы по совершенствованию ВСОКО № 112-од от 01.09.2026.docx" in names
    assert "Приказ об утверждении регламента работы по совершенствованию ВСОКО № 105-од от 28.08.2026.docx" in names
    script = Path(sys.executable).with_name("docgen")  # written by every `pip install`, editable or not
    assert script.is_file(), f"{script}: the docgen command is not installed"
    types = subprocess.run([str(script), "types"], cwd=tmp_path, capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})
    assert types.returncode == 0 and "working-group-order" in types.stdout


LAZY_PLUGIN = """
    from docgen import DocumentType, hookimpl

    @hookimpl
    def docgen_register_document_types(register):
        register(DocumentType(slug="district-order", title="Приказ района", template="working-group-order.docx",
                              input_model="{parts}:DistrictInput", build_context="{parts}:build_context",
                              is_order=True))
"""


def test_a_type_given_by_reference_is_imported_when_first_used(cli, fake_distribution, tmp_path):
    fake_distribution("district-lazy", LAZY_PLUGIN.format(parts="district_lazy_parts"))
    (tmp_path / "site" / "district_lazy_parts.py").write_text(textwrap.dedent("""
        from docgen import OrderInput

        class DistrictInput(OrderInput):
            pass

        def build_context(data):
            return {}
    """), encoding="utf-8")
    result = cli("types")
    assert result.exit_code == 0, result.output
    assert "district-order" in result.output and "Приказ района" in result.output
    assert "district_lazy_parts" not in sys.modules  # listed without importing its model
    from docgen import Engine

    district = Engine().get_type("district-order")
    assert district.input_model.__name__ == "DistrictInput" and district.build_context(None) == {}
    assert district.plugin == "district-lazy"
    sys.modules.pop("district_lazy_parts", None)


def test_a_broken_reference_is_named_when_the_type_is_used(cli, fake_distribution, sample_dir, tmp_path):
    fake_distribution("district-broken-ref", LAZY_PLUGIN.format(parts="district_missing_parts"))
    assert cli("types").exit_code == 0
    result = cli("generate", "district-order", "--data", sample_dir / "working-group-order.yaml", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert ("плагин «district-broken-ref»: тип «district-order»: input_model «district_missing_parts:DistrictInput» "
            "не загружается: ModuleNotFoundError") in " ".join(result.output.split())
    assert not (tmp_path / "o").exists()


def test_a_reference_is_checked_for_its_form_and_its_object():
    with pytest.raises(ValueError, match="ссылка вида «пакет.модуль:имя»"):
        DocumentType(slug="x", title="x", template="x.docx", input_model="no colon", build_context=dict)
    lazy = DocumentType(slug="x", title="x", template="x.docx", input_model="builtins:dict", build_context=dict,
                        plugin="district")
    with pytest.raises(PluginError, match="input_model «builtins:dict» не загружается: ValueError: .*моделью pydantic"):
        lazy.input_model
