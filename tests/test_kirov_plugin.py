"""The Kirov sample plugin (samples/kirov-plugin), installed with pip as a district would: it is
discovered by its entry point, its type renders, its acts join the registry, its template
overrides the built-in one (and a user's own folder still overrides it), and its own tests pass."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from docgen.resources import data_dir
from helpers import (
    BUILTIN_PLUGINS, CHECKOUT, NBSP, ORDER_SAMPLE, docx_differences, pip_install, printed_document, run_python,
    texts,
)

SOURCE = CHECKOUT / "samples" / "kirov-plugin"
PLUGINS = f"{BUILTIN_PLUGINS},kirov"
TYPE = "kirov-monitoring-order"
KIROV_WORDING = "методическими рекомендациями КОГОАУ\u00a0ДПО\u00a0«Институт развития образования Кировской области»"


@pytest.fixture(scope="module")
def kirov(tmp_path_factory):
    """A copy of the plugin installed with `pip install --target`; returns (root, package copy, site)."""
    root = tmp_path_factory.mktemp("kirov")
    package = root / "kirov-plugin"
    shutil.copytree(SOURCE, package, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    return root, package, pip_install(package, root / "site")


def docgen(kirov, *args, plugins: str = PLUGINS, installed: bool = True):
    """`docgen ARGS` in a fresh process with the Kirov plugin asked for (and, unless ``installed``
    is false, installed)."""
    root, _, site = kirov
    return run_python(["-m", "docgen", *args], cwd=root, site=site if installed else None, plugins=plugins,
                      columns="250")


def preamble(document: Path) -> str:
    return next(t for t in texts(document) if "в соответствии с" in t.lower())  # the built-in opens with «В целях»


def test_package_passes_plugin_check(cli):
    result = cli("plugin", "check", SOURCE)
    assert result.exit_code == 0, result.output
    assert "docgen_register_catalogues" in result.output and "kirov = docgen_kirov" in result.output


def test_discovered_by_entry_point(kirov):
    result = docgen(kirov, "plugins")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "│ kirov " in line)
    assert "0.1.0" in line and "docgen-kirov" in line and TYPE in line
    for hook in ("docgen_register_document_types", "docgen_register_template_dirs", "docgen_register_catalogues"):
        assert hook in result.stdout
    types = docgen(kirov, "types")
    assert TYPE in types.stdout and "Приказ о проведении мониторинга муниципальных показателей" in types.stdout


def test_not_there_without_the_package(kirov):
    result = docgen(kirov, "types", installed=False)
    assert result.returncode == 0, result.stderr
    assert "working-group-order" in result.stdout  # the same command lists the types it loads …
    assert TYPE not in result.stdout  # … and the Kirov type only comes with its package


@pytest.fixture(scope="module")
def order(kirov) -> Path:
    root, _, site = kirov
    return printed_document(docgen(kirov, "generate", TYPE, "--data", site / "docgen_kirov" / "sample" / "monitoring-order.yaml",
                            "--out", root / "out"))


def test_order_renders_with_requisites_decisions_and_participants(order):
    assert order.name == "Приказ о проведении мониторинга муниципальных показателей № 214-од от 01.10.2026.docx"
    body = [t for t in texts(order) if t.strip()]
    assert body[:5] == ["Управление образования администрации Оричевского района Кировской области",
                        "(УО Оричевского района)", "ПРИКАЗ", f"1 октября 2026{NBSP}г.\t№{NBSP}214-од", "пгт Оричи"]
    preamble = body[6]
    assert preamble.startswith("В соответствии с письмом Федеральной службы по надзору в сфере образования и науки "
                               f"от 20.04.2021 №{NBSP}08-70")
    assert preamble.endswith("принятия обоснованных управленческих решений по её результатам")
    assert ("1. Провести мониторинг муниципальных показателей системы работы по самоопределению и профессиональной "
            "ориентации обучающихся (далее\u00a0— мониторинг) в период с 05.10.2026 по 30.11.2026.") in body
    numbers = [t.split(".")[0] for t in body if t[:2].rstrip(".").isdigit() and ". " in t[:4]]
    assert numbers == [str(n) for n in range(1, 12)]  # 1…11 with no gap after the steps and decisions loops
    assert any(t.startswith("9. По итогам мониторинга заместителю начальника управления образования "
                            f"Кротовой{NBSP}Н.А. подготовить проект приказа о поощрении") for t in body)
    assert "11. Контроль за исполнением приказа возложить на заместителя начальника управления образования " \
           f"Кротову{NBSP}Н.А." in body
    assert ["Приложение 1", "к приказу УО Оричевского района", f"от 01.10.2026 №{NBSP}214-од"] == \
        body[body.index("Приложение 1"):body.index("Приложение 1") + 3]
    tables = docx.Document(str(order)).tables
    assert [c.text for c in tables[1].rows[0].cells] == ["№ п/п", "Организация", "Ответственный за предоставление сведений"]
    assert len(tables[1].rows) == 4
    assert [c.text for c in tables[2].rows[1].cells][1:3] == [f"Кротова{NBSP}Н.А.",
                                                               "Заместитель начальника управления образования"]


def test_bad_data_is_refused_and_nothing_written(kirov, tmp_path):
    _, _, site = kirov
    sample = site / "docgen_kirov" / "sample"
    shutil.copy(sample / "organization.yaml", tmp_path)
    bad = tmp_path / "order.yaml"
    bad.write_text((sample / "monitoring-order.yaml").read_text(encoding="utf-8")
                   .replace("submission_deadline: 30.10.2026", "submission_deadline: 30.12.2026"), encoding="utf-8")
    result = docgen(kirov, "generate", TYPE, "--data", bad, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "срок предоставления сведений 30.12.2026 вне периода мониторинга" in result.stderr
    assert not (tmp_path / "out").exists()


def test_acts_join_the_registry(kirov):
    _, _, site = kirov
    school = site / "docgen_kirov" / "sample" / "school.yaml"
    result = docgen(kirov, "acts", "list", "--org", school)
    assert result.returncode == 0, result.stderr
    assert "kirov-career-guidance-plan" in result.stdout
    assert "План работы по самоопределению и профессиональной ориентации обучающихся" in result.stdout
    assert "vsoko-regulation" in result.stdout
    without = docgen(kirov, "acts", "list", "--org", school, plugins=BUILTIN_PLUGINS)
    assert without.returncode == 0, without.stderr
    assert "vsoko-regulation" in without.stdout and "kirov-career-guidance-plan" not in without.stdout


@pytest.fixture(scope="module")
def preambles(kirov, tmp_path_factory) -> dict[str, str]:
    """The working-group order's preamble printed three ways: with the Kirov plugin, without it,
    and with the plugin and a user's folder holding the built-in template."""
    out = tmp_path_factory.mktemp("preambles")
    mine = out / "mine"
    mine.mkdir()
    shutil.copy(data_dir("templates") / "working-group-order.docx", mine)
    args = ("generate", "working-group-order", "--data", ORDER_SAMPLE)
    return {
        "kirov": preamble(printed_document(docgen(kirov, *args, "--out", out / "kirov"))),
        "builtin": preamble(printed_document(docgen(kirov, *args, "--out", out / "builtin", plugins=BUILTIN_PLUGINS))),
        "user": preamble(printed_document(docgen(kirov, *args, "--out", out / "user", "--templates", mine))),
    }


def test_override_wins_over_the_builtin_template(preambles):
    assert KIROV_WORDING in preambles["kirov"]
    assert f"№{NBSP}08-70" in preambles["kirov"] and ", в целях " in preambles["kirov"]
    assert KIROV_WORDING not in preambles["builtin"]


def test_users_folder_still_wins_over_the_plugin(preambles):
    assert KIROV_WORDING in preambles["kirov"]  # the same run without --templates takes the plugin's
    assert preambles["user"] == preambles["builtin"]


def test_lookup_order_plugin_folder_before_builtin(tmp_path):
    from docgen.templates import TemplatePath

    plugin_dir = SOURCE / "src" / "docgen_kirov" / "templates"
    path = TemplatePath.build(None, [plugin_dir])
    assert path.find("working-group-order.docx") == plugin_dir / "working-group-order.docx"
    assert path.find("regulation-order.docx") == data_dir("templates") / "regulation-order.docx"
    user = tmp_path / "user"
    user.mkdir()
    shutil.copy(data_dir("templates") / "working-group-order.docx", user)
    assert TemplatePath.build(user, [plugin_dir]).find("working-group-order.docx") == user / "working-group-order.docx"


def test_templates_pass_the_checker(kirov):
    for slug in (TYPE, "working-group-order"):
        result = docgen(kirov, "templates", "check", slug)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ошибок нет" in result.stdout and "docgen_kirov/templates" in result.stdout


def test_plugins_own_tests_pass(kirov):
    _, package, site = kirov
    result = run_python(["-m", "pytest", "-q", package / "tests"], cwd=package, site=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


def test_committed_templates_match_their_builder(tmp_path):
    """The .docx files are exactly what build_templates.py writes (every part, as canonical XML)."""
    import runpy

    builders = runpy.run_path(str(SOURCE / "build_templates.py"))["BUILDERS"]
    templates = SOURCE / "src" / "docgen_kirov" / "templates"
    assert set(builders) == {p.name for p in templates.glob("*.docx")}, "a template without its builder, or the reverse"
    for name, build in builders.items():
        built = tmp_path / name
        build().save(str(built))
        assert docx_differences(built, templates / name) == [], name
