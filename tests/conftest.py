"""Shared fixtures: the CLI runner, sample paths, and a reader for generated documents."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen.plugins import builtin_plugin_names
from docgen.resources import data_dir

SAMPLES = data_dir("samples")
ORDER_SAMPLE = SAMPLES / "tayandinskaya" / "working-group-order.yaml"

# As DOCGEN_LOAD_PLUGINS: it names no third-party plugin, so none loads (built-in types always do).
BUILTIN_PLUGINS = ",".join(builtin_plugin_names())


@pytest.fixture(scope="session", autouse=True)
def _session_store(tmp_path_factory):
    """Module-scoped fixtures run outside the per-test environment below: they too must not
    journal their orders into a docgen.sqlite in the working folder."""
    import os

    os.environ["DOCGEN_DB"] = str(tmp_path_factory.mktemp("store") / "docgen-session.sqlite")
    os.environ["DOCGEN_LOAD_PLUGINS"] = BUILTIN_PLUGINS
    yield
    os.environ.pop("DOCGEN_DB", None)


@pytest.fixture(autouse=True)
def _only_builtin_plugins(monkeypatch, tmp_path):
    """Third-party plugins installed on the machine must not leak into the tests, and no test
    writes the registry or the order journal into the working folder."""
    monkeypatch.setenv("DOCGEN_LOAD_PLUGINS", BUILTIN_PLUGINS)
    monkeypatch.setenv("DOCGEN_DB", str(tmp_path / "docgen-test.sqlite"))
    for name in ("DOCGEN_TEMPLATES", "DOCGEN_DISABLE_PLUGINS", "DOCGEN_CONFIG"):
        monkeypatch.delenv(name, raising=False)  # a developer's own settings stay out of the tests
    monkeypatch.setenv("COLUMNS", "200")  # wide tables, one field per column; tests of 80 columns set it


@pytest.fixture
def cli():
    from docgen.cli import app

    runner = CliRunner()

    def run(*args):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    """A writable copy of the Таяндинская sample (profile + data), to break in tests."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLES / "tayandinskaya", target)
    return target


def texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


OFFICE_CHECKER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "check_docx.py"


def assert_office_checker_clean(path: Path) -> str:
    """Run the shared ГОСТ checker (../shared/tools/check_docx.py) on a document; skip where the
    checker is not beside this checkout (a bare clone), fail on any error. Returns its report."""
    import subprocess
    import sys

    if not OFFICE_CHECKER.is_file():
        pytest.skip("shared/tools/check_docx.py is not beside this checkout")
    result = subprocess.run([sys.executable, str(OFFICE_CHECKER), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert " 0 error(s)" in result.stdout, result.stdout
    return result.stdout


# Parts of a .docx whose bytes change on every save without a change of content.
VOLATILE_CORE = ("created", "modified", "lastModifiedBy", "revision", "lastPrinted")


def _canonical_parts(path: Path) -> dict[str, bytes]:
    """Every member of the package: XML as canonical XML (c14n), anything else as its bytes;
    the timestamps and counters of docProps/core.xml left out."""
    import zipfile

    from lxml import etree

    parts = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            data = package.read(name)
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(data)
                if name == "docProps/core.xml":
                    for element in list(root):
                        if etree.QName(element).localname in VOLATILE_CORE:
                            root.remove(element)
                data = etree.tostring(root, method="c14n")
            parts[name] = data
    return parts


def docx_differences(built: Path, committed: Path) -> list[str]:
    """The package members in which two .docx files differ (an empty list: the same document).

    Used to prove that a committed template is exactly what its builder writes."""
    a, b = _canonical_parts(built), _canonical_parts(committed)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
