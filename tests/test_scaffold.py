"""`docgen plugin new` → `pip install` → `docgen types` shows the type → `docgen generate` writes its
document, and the package's own test passes; `docgen plugin check`; bad names and folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import BUILTIN_PLUGINS, NBSP, body_of, edit_text, pip_install, printed_document, run_python as run, texts

NAME = "kazan-monitoring"
MODULE = "docgen_kazan_monitoring"


def scaffold_and_install(root: Path, *args) -> tuple[Path, Path, Path]:
    """`docgen plugin new ARGS --dir root/pkg`, then `pip install --target root/site` of the package."""
    created = run(["-m", "docgen", "plugin", "new", *args, "--dir", root / "pkg"], cwd=root, plugins=BUILTIN_PLUGINS)
    assert created.returncode == 0, created.stderr
    package = Path(created.stdout.strip().splitlines()[-1])
    return root, package, pip_install(package, root / "site")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """One scaffold and one `pip install --target` for the module."""
    return scaffold_and_install(tmp_path_factory.mktemp("scaffold"), NAME)


def test_package_layout(installed):
    _, package, _ = installed
    files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert {"pyproject.toml", "README.md", "build_template.py", f"src/{MODULE}/__init__.py", f"src/{MODULE}/model.py",
            f"src/{MODULE}/templates/{NAME}.docx", f"src/{MODULE}/sample/organization.yaml",
            f"src/{MODULE}/sample/{NAME}.yaml", f"tests/test_{MODULE}.py"} <= files
    pyproject = (package / "pyproject.toml").read_text(encoding="utf-8")
    assert f'[project.entry-points.docgen]\n{NAME} = "{MODULE}"' in pyproject
    assert 'build-backend = "hatchling.build"' in pyproject


def test_starter_template_has_the_header_and_signature(installed):
    _, package, _ = installed
    text = texts(package / "src" / MODULE / "templates" / f"{NAME}.docx")
    assert text[:4] == ["{{ organization.full_name }}", "({{ organization.short_name }})", "ПРИКАЗ",
                        "{{ date|date }}\t{{ number|number_sign }}"]
    assert "{{ director.position|capfirst }}\t{{ director|initials }}" in text
    assert "Лист ознакомления" in text


def test_installed_type_appears_in_types(installed):
    root, _, site = installed
    result = run(["-m", "docgen", "types"], cwd=root, site=site, plugins=f"{BUILTIN_PLUGINS},{NAME}")
    assert result.returncode == 0, result.stderr
    assert NAME in result.stdout
    assert "Приказ о подготовке к проведению мониторинга качества образования" in result.stdout
    plugins = run(["-m", "docgen", "plugins"], cwd=root, site=site, plugins=f"{BUILTIN_PLUGINS},{NAME}")
    assert f"docgen-{NAME}" in plugins.stdout and "0.1.0" in plugins.stdout


def test_installed_type_generates_its_sample(installed):
    root, package, site = installed
    sample = site / MODULE / "sample" / f"{NAME}.yaml"
    path = printed_document(run(["-m", "docgen", "generate", NAME, "--data", sample, "--out", root / "out"], cwd=root,
                                site=site, plugins=f"{BUILTIN_PLUGINS},{NAME}"))
    assert path.parent == root / "out" and path.suffix == ".docx"
    text = body_of(path)
    assert "О подготовке к проведению мониторинга качества образования" in text
    assert f"2 сентября 2026{NBSP}г.\t№{NBSP}118-од" in text
    assert any(t.startswith("2. Учителю информатики Громову") for t in text)
    assert f"Директор\tА.П.{NBSP}Соловьёва" in text


@pytest.mark.parametrize("fixture", ["installed", "installed_extra"])
def test_generated_test_passes(request, fixture):
    _, package, site = request.getfixturevalue(fixture)
    result = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", package / "tests"], cwd=package, site=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_generated_template_passes_the_checker(installed):
    root, _, site = installed
    result = run(["-m", "docgen", "templates", "check", NAME], cwd=root, site=site, plugins=f"{BUILTIN_PLUGINS},{NAME}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ошибок нет" in result.stdout


# -- the type's slug apart from the plugin's name ---------------------------------------------------

EXTRA, EXTRA_MODULE, EXTRA_TYPE = "kirov-extra", "docgen_kirov_extra", "monitoring-order"
QUOTED_TITLE = 'Приказ о мониторинге "Качество"'


@pytest.fixture(scope="module")
def installed_extra(tmp_path_factory):
    return scaffold_and_install(tmp_path_factory.mktemp("scaffold-extra"), f"docgen-{EXTRA}", "--type", EXTRA_TYPE,
                                "--title", QUOTED_TITLE)


def test_type_slug_apart_from_the_plugin_name(installed_extra):
    _, package, _ = installed_extra
    files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert {f"src/{EXTRA_MODULE}/templates/{EXTRA_TYPE}.docx", f"src/{EXTRA_MODULE}/sample/{EXTRA_TYPE}.yaml",
            f"tests/test_{EXTRA_MODULE}.py"} <= files
    pyproject = (package / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "docgen-kirov-extra"' in pyproject  # not docgen-docgen-…
    assert f'[project.entry-points.docgen]\n{EXTRA} = "{EXTRA_MODULE}"' in pyproject
    assert 'description = "Плагин docgen: Приказ о мониторинге \\"Качество\\""' in pyproject
    init = (package / "src" / EXTRA_MODULE / "__init__.py").read_text(encoding="utf-8")
    assert f'slug="{EXTRA_TYPE}"' in init and 'title="Приказ о мониторинге \\"Качество\\""' in init
    assert "class MonitoringOrderInput(OrderInput)" in (package / "src" / EXTRA_MODULE / "model.py").read_text(
        encoding="utf-8")


def test_type_slug_apart_from_the_plugin_name_is_listed_and_generates(installed_extra):
    root, _, site = installed_extra
    plugins = f"{BUILTIN_PLUGINS},{EXTRA}"
    types = run(["-m", "docgen", "types"], cwd=root, site=site, plugins=plugins)
    assert types.returncode == 0, types.stderr
    assert EXTRA_TYPE in types.stdout and 'Приказ о мониторинге "Качество"' in types.stdout
    sample = site / EXTRA_MODULE / "sample" / f"{EXTRA_TYPE}.yaml"
    text = body_of(printed_document(run(["-m", "docgen", "generate", EXTRA_TYPE, "--data", sample, "--out", root / "out"],
                                        cwd=root, site=site, plugins=plugins)))
    assert f"2 сентября 2026{NBSP}г.\t№{NBSP}118-од" in text


@pytest.mark.parametrize("slug", ["Monitoring", "monitoring_order", "приказ", "order-"])
def test_invalid_type_slug(cli, tmp_path, slug):
    result = cli("plugin", "new", "kazan", "--type", slug, "--dir", tmp_path / "pkg")
    assert result.exit_code == 2
    assert f"код типа документа «{slug}» (--type) не подходит" in result.output
    assert list(tmp_path.iterdir()) == []


def test_plugin_check_accepts_the_scaffold(cli, installed):
    _, package, _ = installed
    result = cli("plugin", "check", package)
    assert result.exit_code == 0, result.output
    assert f"Пакет «docgen-{NAME}» готов к установке" in result.output
    assert "docgen_register_document_types" in result.output


def test_default_folder_and_title(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("plugin", "new", "perm-rating", "--title", "Приказ о проведении рейтинга школ")
    assert result.exit_code == 0, result.output
    package = tmp_path / "docgen-perm-rating"
    assert result.output.strip().splitlines()[-1] == str(package)
    assert 'title="Приказ о проведении рейтинга школ"' in (package / "src" / "docgen_perm_rating" / "__init__.py").read_text(
        encoding="utf-8")
    assert oct(package.stat().st_mode & 0o777) != oct(0o700)
    assert [p.name for p in tmp_path.iterdir()] == ["docgen-perm-rating"]  # no staging folder left


# -- bad input: Russian message, exit 2, nothing written ------------------------------------------

@pytest.mark.parametrize("name", ["Kazan", "kazan_monitoring", "1kazan", "казань", "kazan--x", "kazan-"])
def test_invalid_name(cli, tmp_path, name):
    result = cli("plugin", "new", name, "--dir", tmp_path / "pkg")
    assert result.exit_code == 2
    assert f"имя плагина «{name}» не подходит" in result.output
    assert list(tmp_path.iterdir()) == []


def test_target_folder_not_empty(cli, tmp_path):
    target = tmp_path / "pkg"
    target.mkdir()
    (target / "notes.txt").write_text("моё", encoding="utf-8")
    result = cli("plugin", "new", NAME, "--dir", target)
    assert result.exit_code == 2
    assert "уже существует и не пуста" in result.output
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_empty_target_folder_is_used(cli, tmp_path):
    target = tmp_path / "pkg"
    target.mkdir()
    result = cli("plugin", "new", NAME, "--dir", target)
    assert result.exit_code == 0, result.output
    assert (target / "pyproject.toml").is_file()


@pytest.mark.parametrize("args", [["working-group-order"], ["kazan", "--type", "working-group-order"]])
def test_name_of_an_existing_type_is_refused(cli, tmp_path, args):
    result = cli("plugin", "new", *args, "--dir", tmp_path / "pkg")
    assert result.exit_code == 2
    assert "тип документа «working-group-order» уже есть" in result.output
    assert list(tmp_path.iterdir()) == []


def _package(tmp_path: Path, pyproject: str, module: str | None = "from docgen import hookimpl\n\n"
             "@hookimpl\ndef docgen_register_document_types(register):\n    pass\n") -> Path:
    folder = tmp_path / "district"
    (folder / "src" / "docgen_district").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    if module is not None:
        (folder / "src" / "docgen_district" / "__init__.py").write_text(module, encoding="utf-8")
    return folder


HEAD = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "docgen-district"\n'


def test_plugin_check_without_entry_point(cli, tmp_path):
    folder = _package(tmp_path, HEAD + 'version = "0.1"\n')
    result = cli("plugin", "check", folder)
    assert result.exit_code == 2
    assert "pyproject.toml: нет точки входа docgen" in result.output
    assert "[project.entry-points.docgen]" in result.output


def test_plugin_check_entry_point_to_a_missing_module(cli, tmp_path):
    folder = _package(tmp_path, HEAD + '\n[project.entry-points.docgen]\ndistrict = "docgen_distrikt"\n')
    result = cli("plugin", "check", folder)
    assert result.exit_code == 2
    assert "указывает на модуль «docgen_distrikt», а его нет" in result.output


def test_plugin_check_misspelt_hook(cli, tmp_path):
    folder = _package(tmp_path, HEAD + '\n[project.entry-points.docgen]\ndistrict = "docgen_district"\n',
                      "def docgen_register_documnet_types(register):\n    pass\n")
    result = cli("plugin", "check", folder)
    assert result.exit_code == 2
    assert "«docgen_register_documnet_types» не соответствует ни одному хуку" in result.output


def test_plugin_check_not_a_package(cli, tmp_path):
    result = cli("plugin", "check", tmp_path)
    assert result.exit_code == 2
    assert "нет файла pyproject.toml" in result.output


def test_installed_package_without_entry_point_is_not_discovered(installed, tmp_path):
    """What `plugin check` warns about: pip installs such a package, docgen never sees it."""
    _, package, _ = installed
    broken = tmp_path / "broken"
    shutil.copytree(package, broken, ignore=shutil.ignore_patterns("__pycache__"))
    edit_text(broken / "pyproject.toml", f'[project.entry-points.docgen]\n{NAME} = "{MODULE}"\n', "")
    site = pip_install(broken, tmp_path / "site")
    assert (site / MODULE / "__init__.py").is_file()  # installed and importable …
    types = run(["-m", "docgen", "types"], cwd=tmp_path, site=site)
    assert types.returncode == 0, types.stderr
    assert "working-group-order" in types.stdout  # … plugins load …
    assert NAME not in types.stdout  # … but not this one
    check = run(["-m", "docgen", "plugin", "check", broken], cwd=tmp_path, site=site)
    assert check.returncode == 2 and "нет точки входа docgen" in check.stderr
