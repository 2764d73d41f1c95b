"""Every setting is read in docgen.settings and listed in the README; an option beats the
environment, the environment beats docgen.yaml; DOCGEN_LOAD_PLUGINS never hides built-in types."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.plugins import builtin_plugin_names
from docgen.settings import SETTINGS, load_settings
from helpers import CHECKOUT, ORDER_SAMPLE



def test_no_module_but_settings_reads_the_environment():
    readers = re.compile(r"os\.environ\.get|os\.environ\[|os\.getenv|environ\.get\(")
    offenders = [str(p.relative_to(CHECKOUT)) for p in (CHECKOUT / "docgen").rglob("*.py")
                 if p.name != "settings.py" and readers.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_readme_lists_every_setting_in_one_table():
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| ")]
    assert len(SETTINGS) >= 6
    for setting in SETTINGS:
        names = setting.env.split(" / ")
        row = next((r for r in rows if all(f"`{n}`" in r for n in names)), None)
        assert row is not None, f"{setting.env} is not in the README's table of settings"
        assert setting.key is None or f"`{setting.key}`" in row, row  # a key of docgen.yaml, where there is one


def test_option_beats_environment_beats_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOCGEN_DB")
    (tmp_path / "docgen.yaml").write_text("templates: шаблоны\ndb: реестр.sqlite\nsoffice: /opt/lo/soffice\n"
                                          "disable_plugins: plan-graph, expert-matrix\n", encoding="utf-8")
    settings = load_settings()
    assert settings.templates == tmp_path / "шаблоны"  # relative to the file
    assert settings.db == str(tmp_path / "реестр.sqlite")
    assert settings.soffice == "/opt/lo/soffice"
    assert settings.disable_plugins == ["plan-graph", "expert-matrix"]
    monkeypatch.setenv("DOCGEN_TEMPLATES", "/env/templates")
    monkeypatch.setenv("DOCGEN_DB", "postgresql://db/school")
    settings = load_settings()
    assert settings.templates == Path("/env/templates") and settings.source("templates") == "DOCGEN_TEMPLATES"
    assert settings.db == "postgresql://db/school"
    settings = load_settings(templates=Path("cli"), db="cli.sqlite")
    assert settings.templates == Path("cli") and settings.db == "cli.sqlite"
    assert settings.source("db") == "--db"


def test_config_file_named_by_docgen_config(tmp_path, monkeypatch):
    config = tmp_path / "где-то" / "настройки.yaml"
    config.parent.mkdir()
    config.write_text("templates: мои\n", encoding="utf-8")
    monkeypatch.setenv("DOCGEN_CONFIG", str(config))
    assert load_settings().templates == config.parent / "мои"


@pytest.mark.parametrize("variable, value, expected", [
    ("DOCGEN_RENDER_MEMORY_MIB", "99999999999999", "нужно число не больше 1073741824"),  # was an OverflowError
    ("DOCGEN_RENDER_SECONDS", "inf", "нужно положительное число"),  # would turn the limit off
    ("DOCGEN_RENDER_SECONDS", "nan", "нужно положительное число"),
    ("DOCGEN_RENDER_OUTPUT_MIB", "0.5", "нужно целое положительное число"),
])
def test_a_limit_out_of_range_is_refused_by_name(cli, tmp_path, monkeypatch, variable, value, expected):
    monkeypatch.setenv(variable, value)
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert f"({variable}): недопустимое значение «{value}» — {expected}" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_settings_file_docgen_config_names_must_exist(cli, tmp_path, monkeypatch, kind):
    """A misspelt DOCGEN_CONFIG would silently drop every setting (the journal's place among them):
    exit 2 naming the file, nothing written."""
    config = tmp_path / "настройки.yaml"
    if kind == "folder":
        config.mkdir()
    monkeypatch.setenv("DOCGEN_CONFIG", str(config))
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert "DOCGEN_CONFIG" in result.stderr and str(config) in result.stderr
    assert ("папка" if kind == "folder" else "не найден") in result.stderr
    assert not (tmp_path / "out").exists()


def test_templates_folder_from_docgen_yaml_is_used_by_generate(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docgen.yaml").write_text("templates: нет-такой-папки\n", encoding="utf-8")
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "папка шаблонов" in result.stderr and "нет-такой-папки" in result.stderr
    assert "docgen.yaml" in result.stderr  # says where the folder was set
    assert not (tmp_path / "out").exists()


def test_a_misspelt_key_in_docgen_yaml_is_named(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docgen.yaml").write_text("templats: шаблоны\n", encoding="utf-8")
    result = cli("types")
    assert result.exit_code == 2
    assert "docgen.yaml" in result.stderr and "templats" in result.stderr and "неизвестное поле" in result.stderr


def test_database_from_docgen_yaml(cli, tmp_path, in_test_folder):
    (tmp_path / "docgen.yaml").write_text("db: данные/школа.sqlite\n", encoding="utf-8")
    (tmp_path / "данные").mkdir()
    result = cli("generate", "working-group-order", "--data", ORDER_SAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "данные" / "школа.sqlite").is_file()
    assert not (tmp_path / "docgen.sqlite").exists()


def test_load_plugins_restricts_third_party_only(cli, monkeypatch):
    """A district testing its override names its plugin; the built-in types it overrides stay."""
    monkeypatch.setenv("DOCGEN_LOAD_PLUGINS", "kirov")
    result = cli("types")
    assert result.exit_code == 0
    for name in ("working-group-order", "regulation-order", "plan-graph"):
        assert name in result.output


def test_disable_plugins_skips_a_builtin(cli, monkeypatch):
    assert "plan-graph" in cli("types").output and "plan-graph" in cli("plugins").output
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "plan-graph")
    result = cli("types")
    assert result.exit_code == 0, result.output
    assert "working-group-order" in result.output and "plan-graph" not in result.output
    plugins = cli("plugins")
    assert plugins.exit_code == 0, plugins.output
    assert "working-group-order" in plugins.output and "plan-graph" not in plugins.output


def test_builtin_plugins_are_the_ones_shipped():
    assert {"working-group-order", "regulation-order", "plan-graph"} <= set(builtin_plugin_names())
