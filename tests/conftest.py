"""Fixtures every test may ask for: the CLI, a writable sample, and the folders and stores a test
works in. The helpers they are built on (and that tests import) are in helpers.py."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import BUILTIN_PLUGINS, SAMPLES, invoke

# Settings a developer may have in the shell; the tests must not read them.
DEVELOPER_SETTINGS = ("DOCGEN_TEMPLATES", "DOCGEN_DISABLE_PLUGINS", "DOCGEN_CONFIG", "DOCGEN_CACHE")


@pytest.fixture(scope="session", autouse=True)
def _session_environment(tmp_path_factory):
    """The environment of module-scoped fixtures too, which run outside the per-test one below:
    only built-in plugins, none of the developer's settings, and a store of the session's own, so
    no order is journaled into a docgen.sqlite in the working folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOCGEN_DB", str(tmp_path_factory.mktemp("store") / "docgen-session.sqlite"))
        user_data = tmp_path_factory.mktemp("user-data")  # a command's default store, never the real one
        patch.setenv("XDG_DATA_HOME", str(user_data))
        patch.setenv("APPDATA", str(user_data))
        user_cache = tmp_path_factory.mktemp("user-cache")  # prepared templates, shared by the session's tests
        patch.setenv("XDG_CACHE_HOME", str(user_cache))
        patch.setenv("LOCALAPPDATA", str(user_cache))
        patch.setenv("DOCGEN_LOAD_PLUGINS", BUILTIN_PLUGINS)
        for name in DEVELOPER_SETTINGS:
            patch.delenv(name, raising=False)
        patch.setenv("COLUMNS", "200")  # wide tables, one field per column; tests of 80 columns set it
        yield


@pytest.fixture(autouse=True)
def _test_environment(monkeypatch, tmp_path):
    """Each test starts from the session's environment with a store of its own, so the numbers
    one test takes from the order journal are not seen by another. A test changes the
    environment through monkeypatch, which puts it back afterwards."""
    monkeypatch.setenv("DOCGEN_DB", str(tmp_path / "docgen-test.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "user-data"))


@pytest.fixture
def cli():
    """`cli("generate", …)`: run docgen's command line in this process and get click's result."""
    return invoke


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    """A writable copy of the Таяндинская sample (profile + data), to break in tests."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLES / "tayandinskaya", target)
    return target


@pytest.fixture
def in_test_folder(monkeypatch, tmp_path) -> Path:
    """The test's folder as the working folder, and DOCGEN_DB unset: a command given no --db keeps
    its default store in the user's data folder (XDG_DATA_HOME: the test's «user-data»), as on a
    clerk's machine, and stray files land in the test's folder."""
    monkeypatch.delenv("DOCGEN_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def registry_db(in_test_folder) -> Path:
    """The registry of acts a test names with --db (created by the first command that writes it)."""
    return in_test_folder / "registry.sqlite"


@pytest.fixture
def journal_db(tmp_path, monkeypatch) -> Path:
    """The store named by DOCGEN_DB, where `generate` and `batch` journal the numbers they give;
    a test reads it back with sqlite3."""
    path = tmp_path / "journal.sqlite"
    monkeypatch.setenv("DOCGEN_DB", str(path))
    return path
