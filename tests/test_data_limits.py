"""Data files that explode: YAML aliases bounded before any pass over the data, a size cap on
YAML and JSON, nesting and self-reference refused — each through `docgen generate`, exit 2, a
Russian message naming the file, nothing written and no number taken."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time

import pytest

from helpers import CODE_UNDER_TEST, edit_text, generate

LAUGHS = "\n".join(
    [f'l0: &l0 [{", ".join(["lol"] * 9)}]']
    + [f'l{n}: &l{n} [{", ".join([f"*l{n - 1}"] * 9)}]' for n in range(1, 10)]
) + "\n"


def refused(run, data, *words):
    """Exit 2, the file named, each word in the message, nothing under --out."""
    assert run.result.exit_code == 2, run.result.output
    assert str(data) in run.result.output
    for word in words:
        assert word in run.result.output
    assert run.files == []


def journal_rows(db):
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        return conn.execute("select * from order_journal").fetchall() if "order_journal" in tables else []


def test_billion_laughs_in_a_data_file_is_refused_quickly(sample_dir, tmp_path, journal_db):
    data = sample_dir / "working-group-order.yaml"
    data.write_text(data.read_text(encoding="utf-8") + LAUGHS, encoding="utf-8")
    assert len(LAUGHS) < 1000
    started = time.perf_counter()
    run = generate("working-group-order", data, tmp_path / "out")
    assert time.perf_counter() - started < 5
    refused(run, data, "метки и ссылки YAML", "1 000 000")
    assert journal_rows(journal_db) == []


def test_billion_laughs_in_a_profile_is_refused_naming_the_profile(sample_dir, tmp_path):
    profile = sample_dir / "organization.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + LAUGHS, encoding="utf-8")
    run = generate("working-group-order", sample_dir / "working-group-order.yaml", tmp_path / "out")
    refused(run, profile, "метки и ссылки YAML")


def test_the_bomb_is_stopped_before_any_walk_in_bounded_memory(sample_dir, tmp_path):
    """In a child with 1 GiB of address space: the old walk over the expansion needed gigabytes."""
    data = sample_dir / "bomb.yaml"
    data.write_text(LAUGHS, encoding="utf-8")
    limit = 1024 * 1024 * 1024
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d, %d)); "
            "from docgen.cli import main; sys.argv = ['docgen', 'generate', 'working-group-order', '--data', %r, "
            "'--out', %r]; main()" % (limit, limit, str(data), str(tmp_path / "out")))
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                             env={"PYTHONPATH": str(CODE_UNDER_TEST), "PATH": "/usr/bin:/bin",
                                  "DOCGEN_DB": str(tmp_path / "db.sqlite")})
    assert process.returncode == 2, process.stderr
    assert "метки и ссылки YAML" in process.stderr and str(data) in process.stderr
    assert not (tmp_path / "out").exists()


def test_a_few_aliases_are_still_fine(sample_dir, tmp_path):
    """Anchors have honest uses (one person in two roles); the budget is on the expansion."""
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "  - person: bondarenko", "  - person: &head bondarenko")
    data.write_text(data.read_text(encoding="utf-8") + "control: *head\n", encoding="utf-8")
    run = generate("working-group-order", data, tmp_path / "out")
    assert run.result.exit_code == 0, run.result.output


def test_an_alias_to_itself_is_refused(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "loop: &loop [1, *loop]\n", encoding="utf-8")
    refused(generate("working-group-order", data, tmp_path / "out"), data, "указывает на запись, внутри которой")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_deeper_than_any_document_is_refused(sample_dir, tmp_path, suffix):
    data = sample_dir / f"deep{suffix}"
    deep = "[" * 5000 + "]" * 5000
    data.write_text(f'{{"organization": "organization.yaml", "x": {deep}}}', encoding="utf-8")
    refused(generate("working-group-order", data, tmp_path / "out"), data, "вложены глубже 100 уровней")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_data_file_over_the_size_cap_is_refused_unread(sample_dir, tmp_path, suffix):
    from docgen.loading import MAX_DATA_BYTES

    data = sample_dir / f"huge{suffix}"
    with data.open("w", encoding="utf-8") as f:
        f.write('{"organization": "organization.yaml", "purpose": "')
        f.write("а" * (MAX_DATA_BYTES // 2 + 10))  # two bytes a letter in UTF-8
        f.write('"}')
    refused(generate("working-group-order", data, tmp_path / "out"), data, "файл данных слишком велик", "10 МБ")


def test_an_iso_date_that_does_not_exist_is_a_message_not_a_traceback(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "date: 01.09.2026", "date: 2026-02-30")
    refused(generate("working-group-order", data, tmp_path / "out"), data, "строка 4", "даты «2026-02-30» не бывает")


def test_libyaml_and_the_pure_loader_give_the_same_data_and_messages(sample_dir):
    """The fast loader must not change what a file means or what a user is told."""
    from docgen.yaml_budget import DataShapeError, load_yaml
    import yaml

    assert getattr(yaml, "CSafeLoader", None) is not None, "PyYAML without libyaml: the fast path is untested"
    for path in sorted(sample_dir.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == load_yaml(text, fast=False), path
    for text in ("a: b: c\n", "a: 'x\n", "a: \x07\n", "a: *nowhere\n", LAUGHS, "a: &a [*a]\n", "d: 2026-13-01\n"):
        outcomes = []
        for fast in (True, False):
            try:
                load_yaml(text, fast=fast)
                outcomes.append(None)
            except (yaml.YAMLError, DataShapeError) as exc:
                outcomes.append((type(exc), str(exc)))
        assert outcomes[0] is not None and outcomes[0] == outcomes[1], text


def test_json_keeps_working_and_control_characters_are_cleaned(sample_dir, tmp_path):
    from docgen.loading import read_mapping

    data = sample_dir / "order.json"
    data.write_text(json.dumps({"organization": "organization.yaml", "purpose": "цель\x07\x1b[31m\u0085 \ud800"}),
                    encoding="utf-8")
    assert read_mapping(data)["purpose"] == "цель[31m \ufffd"


def test_staff_references_cost_grows_linearly(tmp_path):
    """20,000 references into a staff of 20,000: one index, not 4·10⁸ comparisons (that took minutes)."""
    from docgen.models import Organization

    staff = [{"id": f"p{n}", "full_name": f"Иванова-{n} Елена Петровна", "gender": "ж", "position": "учитель"}
             for n in range(20_000)]
    org = Organization.model_validate({"full_name": "Школа", "short_name": "Школа", "place": "с. Таянды",
                                       "director": {"full_name": "Ермакова Светлана Викторовна", "gender": "ж",
                                                    "position": "директор"}, "staff": staff})
    started = time.perf_counter()
    found = [org.find_person(f"p{n}" if n % 2 else f"иванова-{n}  елена петровна") for n in range(20_000)]
    assert time.perf_counter() - started < 2
    assert [p.id for p in found] == [f"p{n}" for n in range(20_000)]


def test_a_bomb_in_a_district_run_is_one_failed_file_not_a_dead_run(cli, sample_dir, tmp_path, journal_db):
    """The whole run used to die in the expansion before any school was written."""
    from helpers import numberless_order

    folder = tmp_path / "район"
    folder.mkdir()
    good = numberless_order(sample_dir, folder / "школа.yaml")
    bomb = folder / "бомба.yaml"
    bomb.write_text(good.read_text(encoding="utf-8") + LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    result = cli("batch", "working-group-order", "--data", folder, "--out", tmp_path / "out")
    assert time.perf_counter() - started < 30
    assert result.exit_code == 1, result.output
    assert str(bomb) in " ".join(result.output.split()) and "метки и ссылки YAML" in result.output
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 1
    assert len(journal_rows(journal_db)) == 1
