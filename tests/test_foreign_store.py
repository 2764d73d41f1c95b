"""A store that is not docgen's is refused, not altered; a store that cannot be created (a full
disk) leaves no file behind."""
from __future__ import annotations

import errno
import importlib.util
import sqlite3
from pathlib import Path

import pytest

from helpers import TAYANDY_PROFILE, generate, invoke, numberless_order

TYPE = "working-group-order"


def foreign_database(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("create table contacts (id integer primary key, name text)")
        conn.execute("insert into contacts (name) values ('Иванов')")
    conn.close()
    return path


COMMANDS = {
    "generate": lambda db, data, out: ("generate", TYPE, "--data", data, "--out", out, "--db", db),
    "journal": lambda db, data, out: ("journal", "--db", db),
    "acts list": lambda db, data, out: ("acts", "list", "--org", TAYANDY_PROFILE, "--db", db),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", ["another application's SQLite", "not a database"])
def test_a_store_that_is_not_docgens_is_refused_untouched(tmp_path, sample_dir, command, kind):
    db = tmp_path / "contacts.sqlite"
    if kind == "not a database":
        db.write_text("это не база данных, а заметки\n" * 50, encoding="utf-8")
    else:
        foreign_database(db)
    before = db.read_bytes()
    out = tmp_path / "out"
    result = invoke(*COMMANDS[command](db, numberless_order(sample_dir, sample_dir / "a.yaml"), out))
    assert result.exit_code == 2, result.output
    assert "Ошибка:" in result.stderr and str(db) in result.stderr
    expected = "это база данных другой программы (таблицы contacts)" if kind != "not a database" \
        else "не является базой docgen"
    assert expected in result.stderr
    assert "file is not a database" not in result.stderr  # sqlite's English is not retold
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["contacts.sqlite", "data"])  # no -journal, no out


@pytest.mark.parametrize("failure", ["link", "fsync"])
def test_a_store_that_cannot_be_created_leaves_no_file(tmp_path, sample_dir, monkeypatch, failure):
    """A full disk while the new store is written, or while it is put in place: exit 2, a Russian
    reason, and neither the store nor its temporary file is left (no 0-byte store)."""
    import docgen.registry.store as store_module

    def no_space(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    folder = tmp_path / "stores"
    folder.mkdir()
    monkeypatch.setattr(store_module.os, failure, no_space)
    result = generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml"), tmp_path / "out",
                      "--db", folder / "journal.sqlite")
    assert result.result.exit_code == 2
    assert f"не удаётся создать базу данных {folder / 'journal.sqlite'}: на диске нет свободного места" \
        in result.result.stderr
    assert list(folder.iterdir()) == [] and result.files == []
    monkeypatch.undo()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    again = generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml"), tmp_path / "out",
                     "--db", folder / "journal.sqlite")
    assert "№ 1-од" in again.document.name and (folder / "journal.sqlite").stat().st_size > 0


def test_a_file_system_without_hard_links_still_gets_its_store_in_one_piece(tmp_path, sample_dir, monkeypatch):
    import docgen.registry.store as store_module

    def refused(*_args):
        raise OSError(errno.EPERM, "Operation not permitted")

    folder = tmp_path / "stores"
    folder.mkdir()
    monkeypatch.setattr(store_module.os, "link", refused)
    result = generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml"), tmp_path / "out",
                      "--db", folder / "journal.sqlite")
    assert "№ 1-од" in result.document.name
    assert [p.name for p in folder.iterdir()] == ["journal.sqlite"]  # no temporary file left


@pytest.mark.parametrize("kind", ["folder", "server without its driver", "unknown kind"])
def test_a_store_location_docgen_cannot_use_is_named_in_russian(tmp_path, kind):
    """A folder given as the store, or a server URL whose Python driver is not installed: exit 2 and
    a Russian reason naming the store, not sqlite's or Python's English one."""
    if kind == "folder":
        db = str(tmp_path / "stores")
        Path(db).mkdir()
        expected = "это папка, а не файл базы данных"
    elif kind == "unknown kind":
        db = "nosuchdriver+nosuchdriver://host/db"
        expected = "не удаётся подключиться к базе данных: неизвестный вид базы данных"
    else:
        if importlib.util.find_spec("pymysql") is not None:
            pytest.skip("pymysql is installed here")
        db = "mysql+pymysql://host/db"
        expected = "не установлен драйвер этой базы данных «pymysql»"
    result = invoke("journal", "--db", db)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "unable to open" not in result.stderr and "No module" not in result.stderr
