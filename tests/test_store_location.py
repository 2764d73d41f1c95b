"""One journal per school wherever the command runs: the store is the one the school's settings
name (docgen.yaml beside the profile), else one in the user's data folder — never a
docgen.sqlite in whatever folder the command runs from; --db and DOCGEN_DB still win; starting a
new store says so."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from helpers import generate, invoke, numberless_order

TYPE = "working-group-order"
NOTICE = "Создан новый журнал и реестр: "


@pytest.fixture
def clerk(tmp_path, monkeypatch) -> Path:
    """No DOCGEN_DB, the user's data folder in the test's folder (XDG_DATA_HOME)."""
    monkeypatch.delenv("DOCGEN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    return tmp_path / "home" / ".local" / "share" / "docgen" / "docgen.sqlite"


def numbers(store: Path) -> list[str]:
    with sqlite3.connect(store) as conn:
        return [r[0] for r in conn.execute("select number from order_journal order by id")]


def test_commands_run_from_different_folders_share_one_journal(clerk, sample_dir, tmp_path, monkeypatch):
    first_folder, second_folder = tmp_path / "desk", tmp_path / "elsewhere"
    first_folder.mkdir()
    second_folder.mkdir()
    monkeypatch.chdir(first_folder)
    first = generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml"), tmp_path / "out")
    assert f"{NOTICE}{clerk}" in first.result.stderr
    monkeypatch.chdir(second_folder)
    second = generate(TYPE, numberless_order(sample_dir, sample_dir / "b.yaml", meetings="по средам"), tmp_path / "out")
    assert "№ 2-од" in second.document.name  # not a second «№ 1-од» for the same school
    assert NOTICE not in second.result.stderr  # the store existed: nothing new to announce
    assert numbers(clerk) == ["1-од", "2-од"]
    assert not list(tmp_path.glob("*/docgen.sqlite")) and not (tmp_path / "docgen.sqlite").exists()
    listed = invoke("journal")
    assert "1-од" in listed.stdout and "2-од" in listed.stdout


def test_the_schools_docgen_yaml_beside_its_profile_names_its_store(clerk, sample_dir, tmp_path, monkeypatch):
    (sample_dir / "docgen.yaml").write_text("db: журнал/школа.sqlite\n", encoding="utf-8")
    (sample_dir / "журнал").mkdir()
    store = sample_dir / "журнал" / "школа.sqlite"
    monkeypatch.chdir(tmp_path)
    result = generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml"), tmp_path / "out")
    assert f"{NOTICE}{store}" in result.result.stderr
    assert numbers(store) == ["1-од"] and not clerk.exists()
    listed = invoke("journal", "--org", sample_dir / "organization.yaml")
    assert listed.exit_code == 0 and "1-од" in listed.stdout
    assert "В журнале нет приказов" in invoke("journal").stdout  # the user's store is another one


def test_db_option_and_environment_win_over_the_schools_settings(clerk, sample_dir, tmp_path, monkeypatch):
    (sample_dir / "docgen.yaml").write_text("db: школа.sqlite\n", encoding="utf-8")
    data = numberless_order(sample_dir, sample_dir / "a.yaml")
    option = tmp_path / "option.sqlite"
    generate(TYPE, data, tmp_path / "out", "--db", option).document
    monkeypatch.setenv("DOCGEN_DB", str(tmp_path / "env.sqlite"))
    generate(TYPE, data, tmp_path / "out").document
    assert numbers(option) == ["1-од"] and numbers(tmp_path / "env.sqlite") == ["1-од"]
    assert not (sample_dir / "школа.sqlite").exists() and not clerk.exists()


def test_acts_of_a_school_go_to_the_store_its_settings_name(clerk, sample_dir, tmp_path, monkeypatch):
    """The registry of acts and the journal of orders are one store: `acts` follows the same rule."""
    (sample_dir / "docgen.yaml").write_text("db: школа.sqlite\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("acts", "set", "self-evaluation", "drafting", "--org", sample_dir / "organization.yaml")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(sample_dir / "школа.sqlite") as conn:
        assert conn.execute("select act_id, status from act_status").fetchall() == [("self-evaluation", "drafting")]
    assert not clerk.exists()


def test_demo_announces_no_store(clerk, tmp_path):
    """The demonstration numbers in a throw-away journal: nothing new for the user to know."""
    result = invoke("demo", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    assert NOTICE not in result.stderr and not clerk.exists()


def test_a_batch_writes_each_schools_orders_into_the_journal_its_settings_name(clerk, tmp_path):
    """A district run follows every school's own docgen.yaml, as `generate` does; nothing lands in
    the user's store."""
    import shutil

    from helpers import SAMPLES

    district = tmp_path / "district"
    shutil.copytree(SAMPLES / "district-drozhzhanovsky", district)
    (district / "docgen.yaml").write_text("db: район.sqlite\n", encoding="utf-8")  # СОШ № 1, ООШ № 3
    (district / "batch" / "docgen.yaml").write_text("db: своя.sqlite\n", encoding="utf-8")  # СОШ № 2
    result = invoke("batch", TYPE, "--data", district / "batch" / "schools.yaml", "--out", tmp_path / "out",
                    "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3
    assert len(numbers(district / "район.sqlite")) == 2 and len(numbers(district / "batch" / "своя.sqlite")) == 1
    assert not clerk.exists()
