"""A batch works in chunks of one school's inputs: the school's profile is parsed once, the chunk's
numbers are taken together — and every guarantee of one-by-one numbering still holds."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import NBSP, journal_entries, numberless_order, numberless_orders, texts

TYPE = "working-group-order"


def test_a_schools_profile_and_each_data_file_are_parsed_once(cli, sample_dir, tmp_path, journal_db, monkeypatch):
    from docgen import loading

    data = tmp_path / "inputs"
    data.mkdir()
    orders = [numberless_order(sample_dir, data / f"order-{i:02d}.yaml", meetings=f"заседание № {i + 1}")
              for i in range(12)]
    profile = sample_dir / "organization.yaml"
    parsed: list[Path] = []
    real = loading.parse_mapping
    monkeypatch.setattr(loading, "parse_mapping", lambda path, text: parsed.append(Path(path)) or real(path, text))
    result = cli("batch", TYPE, "--data", data, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 12
    assert parsed.count(profile) == 1
    assert sorted(p for p in parsed if p != profile) == orders  # each data file once, not once to sort and again to load


def texts_of_yaml(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_profile_changed_between_two_documents_is_read_again(cli, sample_dir, tmp_path, journal_db):
    """Remembering a parsed profile must never print a director who has left: the text is the key."""
    order = numberless_order(sample_dir, tmp_path / "order.yaml")
    first = cli("generate", TYPE, "--data", order, "--out", tmp_path / "out")
    assert first.exit_code == 0, first.output
    profile = sample_dir / "organization.yaml"
    text = profile.read_text(encoding="utf-8")
    director = texts_of_yaml(profile)["director"]["full_name"]
    renamed = "Я" + director[1:]  # the same length: a rewrite the modification time may not tell apart
    profile.write_text(text.replace(director, renamed), encoding="utf-8")
    second = cli("generate", TYPE, "--data", order, "--out", tmp_path / "out", "--new-number")
    assert second.exit_code == 0, second.output
    written = sorted((tmp_path / "out").glob("*.docx"), key=lambda p: p.stat().st_mtime_ns)
    assert len(written) == 2
    assert any(renamed.split()[0] in t for t in texts(written[-1]))
    assert not any(director.split()[0] in t for t in texts(written[-1]))


def test_a_document_failing_after_its_number_was_taken_leaves_no_hole(cli, tmp_path, journal_db, monkeypatch):
    """60 orders of one school in chunks; the 3rd and the 20th fail while being rendered, after
    their chunk took its numbers: the later documents take the numbers up, none is lost."""
    from docgen.engine import Engine

    data = tmp_path / "data"
    numberless_orders(data, 60)
    real = Engine.render

    def failing(self, document_type, order):
        if order.meetings.endswith(("№ 3", "№ 20")):
            raise RuntimeError("шаблон не сработал")
        return real(self, document_type, order)

    monkeypatch.setattr(Engine, "render", failing)
    result = cli("batch", TYPE, "--data", data, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "Не сформировано: 2 из 60" in result.output
    assert f"{data / 'order-002.yaml'}: внутренняя ошибка: RuntimeError: шаблон не сработал" in result.output
    rows = journal_entries(journal_db)
    assert sorted(r[0] for r in rows) == list(range(1, 59))  # consecutive: no hole where the failures were
    assert {r[2] for r in rows} == {"complete"}
    for _, number, _, file in rows:
        assert texts(Path(file))[3].endswith(f"№{NBSP}{number}")
    # more than fifty documents: a row per school, each document stays in the journal
    school = re.search(r"МКОУ «Таяндинская СОШ».*?│\s+(\d+)\s+│\s+(\S+ … \S+)\s+│\s+(\d+)\s+│", result.output, re.S)
    assert school and school.groups() == ("58", "1-од … 58-од", "2"), result.output
    assert "docgen journal" in result.output


def test_a_folder_is_sorted_into_data_files_lists_and_profiles_by_their_keys(cli, sample_dir, tmp_path, journal_db):
    """Data files are told by a top-level «organization» key without being parsed twice; a district
    list whose text merely contains that word, indented in a multi-line value, is still a list."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "school.yaml").write_text((sample_dir / "organization.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    quoted = numberless_order(sample_dir, folder / "quoted.yaml", meetings="еженедельно, заседание № 1")
    quoted.write_text(re.sub(r"^organization:.*$", '"organization": "school.yaml"   # the profile beside it',
                             quoted.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    (folder / "plain.json").write_text(json.dumps({**texts_of_yaml(quoted), "meetings": "еженедельно, заседание № 2"},
                                                  ensure_ascii=False, default=str), encoding="utf-8")
    (tmp_path / "listed").mkdir()
    listed = numberless_order(sample_dir, tmp_path / "listed" / "order.yaml", meetings="еженедельно, заседание № 3",
                              organization=None)
    (folder / "list.yaml").write_text(
        "title: |\n  Район\n  organization: this line is text of the title\n"
        f"schools:\n  - profile: school.yaml\n    data: {listed}\n", encoding="utf-8")
    result = cli("batch", TYPE, "--data", folder, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = journal_entries(journal_db)
    assert sorted(r[1] for r in rows) == ["1-од", "2-од", "3-од"] and {r[2] for r in rows} == {"complete"}
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="tells a document's fsync by /proc/self/fd")
def test_a_chunk_is_made_durable_with_one_sync_of_the_disk(cli, sample_dir, tmp_path, journal_db, monkeypatch):
    """Each document of a chunk is a temporary file until the chunk is published: one syncfs for all of
    them (Linux), or, where there is none, an fsync of each — never a document in place before its
    content is on the disk, never one recorded before it is in place."""
    import os

    from docgen import fileio

    data = tmp_path / "inputs"
    data.mkdir()
    for i in range(24):
        numberless_order(sample_dir, data / f"order-{i:02d}.yaml", meetings=f"заседание № {i + 1}")
    from docgen.batch import collect, plan

    chunks = len(plan(collect([data]), 1))
    assert 1 < chunks < 24
    calls = {"syncfs": 0, "fsync": 0}
    real_fsync = os.fsync

    def counted_fsync(fd):
        calls["fsync"] += os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp")  # a document's, not a folder's
        return real_fsync(fd)

    monkeypatch.setattr(fileio.os, "fsync", counted_fsync)
    if fileio._syncfs is not None:
        real_syncfs = fileio._syncfs
        monkeypatch.setattr(fileio, "_syncfs", lambda fd: calls.__setitem__("syncfs", calls["syncfs"] + 1)
                            or real_syncfs(fd))
        expected = {"syncfs": chunks, "fsync": 0}
    else:
        expected = {"syncfs": 0, "fsync": 24}
    result = cli("batch", TYPE, "--data", data, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert calls == expected
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(files) == 24 and all(p.suffix == ".docx" for p in files)  # no temporary file left
    assert {r[2] for r in journal_entries(journal_db)} == {"complete"}

    monkeypatch.setattr(fileio, "_syncfs", None)  # a system without syncfs: each file synced
    calls.update(syncfs=0, fsync=0)
    again = cli("batch", TYPE, "--data", data, "--out", tmp_path / "out2", "--jobs", "1", "--new-number")
    assert again.exit_code == 0, again.output
    assert calls == {"syncfs": 0, "fsync": 24}


def test_the_same_input_twice_in_one_chunk_is_one_document_with_one_number(cli, sample_dir, tmp_path, journal_db):
    """The chunk's earlier entries are found by its later inputs as a query would find them: a copy
    of a data file is the same order, not a second one."""
    data = tmp_path / "inputs"
    data.mkdir()
    first = numberless_order(sample_dir, data / "a.yaml", meetings="заседание № 1")
    (data / "a-copy.yaml").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    numberless_order(sample_dir, data / "b.yaml", meetings="заседание № 2")
    result = cli("batch", TYPE, "--data", data, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = journal_entries(journal_db)
    assert sorted(r[1] for r in rows) == ["1-од", "2-од"] and {r[2] for r in rows} == {"complete"}
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 2
    listed = [line for line in result.output.splitlines() if "№ 1-од от" in line]
    assert len(listed) == 2 and any("a-copy.yaml" in line for line in listed)  # the copy: the original's number


def test_temporary_files_a_killed_batch_left_are_removed_by_the_next(cli, sample_dir, tmp_path, journal_db):
    """Only those older than an hour: a younger one may be another process's document being written."""
    import os
    import time

    data = tmp_path / "inputs"
    data.mkdir()
    numberless_order(sample_dir, data / "a.yaml", meetings="заседание № 1")
    folder = tmp_path / "out" / "МКОУ «Таяндинская СОШ»"
    folder.mkdir(parents=True)
    stale, fresh = folder / ".~killed.tmp", folder / ".~writing.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half a document")
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    result = cli("batch", TYPE, "--data", data, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert not stale.exists() and fresh.exists()
    assert len(list(folder.glob("*.docx"))) == 1
