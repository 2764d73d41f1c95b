"""The journal of orders: numbers per organisation and year, the same input keeps its number,
hand-given numbers are checked, nothing is taken for a document that was not written."""
from __future__ import annotations

import csv
import errno
import io
import multiprocessing
import sqlite3
from pathlib import Path

from helpers import (
    NBSP, SAMPLES, edit_text, edited_template, generate, invoke, numberless_order, read_yaml, texts, write_yaml,
)

from docgen.registry.schema import GUARD as SCHEMA_VERSION  # what schema_version says at HEAD

TYPE = "working-group-order"


def _data(folder: Path, name: str = "order.yaml", **changes) -> Path:
    """The order of ``folder`` without its number, with ``changes``, written beside it as ``name``."""
    return numberless_order(folder, folder / name, **changes)


def _rows(store: Path) -> list[tuple]:
    with sqlite3.connect(store) as conn:
        return conn.execute("select year, seq, number, status, file, doc_type from order_journal order by id").fetchall()


def test_numbers_follow_the_format_and_the_same_input_keeps_its_number(sample_dir, tmp_path, journal_db):
    first = _data(sample_dir, "first.yaml")
    second = _data(sample_dir, "second.yaml", meetings="по вторникам, 7-й урок")
    run = generate(TYPE, first, tmp_path / "out")
    path = run.document
    assert f"№{NBSP}1-од" in run.result.output
    assert path.name == "Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-од от 01.09.2026.docx"
    assert texts(path)[3] == f"1 сентября 2026{NBSP}г.\t№{NBSP}1-од"  # the number is in the document itself
    annex = [t for t in texts(path) if t.startswith("от 01.09.2026")]
    assert annex and all(t.endswith(f"№{NBSP}1-од") for t in annex)

    assert generate(TYPE, first, tmp_path / "out").document == path
    assert "№ 2-од" in generate(TYPE, second, tmp_path / "out").document.name
    assert "№ 3-од" in generate(TYPE, first, tmp_path / "out", "--new-number").document.name
    assert [(r[1], r[2], r[3]) for r in _rows(journal_db)] == [(1, "1-од", "complete"), (2, "2-од", "complete"),
                                                        (3, "3-од", "complete")]
    assert all(Path(r[4]).is_file() for r in _rows(journal_db))


def _next_year(folder: Path, name: str) -> Path:
    return _data(folder, name, date="12.01.2027", period={"start": "12.01.2027", "end": "31.05.2027"},
                 tasks=[{"action": "подготовить отчёт о работе группы", "responsible": "bondarenko",
                         "deadline": "01.03.2027"}])


def test_numbering_restarts_each_year_and_each_organisation_has_its_own(sample_dir, tmp_path, journal_db):
    generate(TYPE, _data(sample_dir, "a.yaml"), tmp_path / "out").document
    generate(TYPE, _data(sample_dir, "b.yaml", meetings="по средам"), tmp_path / "out").document
    path = generate(TYPE, _next_year(sample_dir, "c.yaml"), tmp_path / "out").document
    assert path.name.endswith("№ 1-од от 12.01.2027.docx")
    # another school in the same store starts from 1, in its own format
    district = SAMPLES / "district-drozhzhanovsky" / "batch"
    raw = read_yaml(district / "sosh2-working-group.yaml")
    raw["organization"] = str(district / "sosh2.yaml")
    other = write_yaml(tmp_path / "other.yaml", raw)
    path = generate(TYPE, other, tmp_path / "out").document
    assert path.name.endswith("№ 1-од от 02.09.2026.docx")
    with sqlite3.connect(journal_db) as conn:
        numbers = conn.execute("select o.short_name, j.year, group_concat(j.number) from order_journal j "
                               "join organizations o on o.id = j.org_id group by o.short_name, j.year "
                               "order by o.short_name, j.year").fetchall()
    assert numbers == [("МБОУ «СОШ № 2»", 2026, "1-од"), ("МКОУ «Таяндинская СОШ»", 2026, "1-од,2-од"),
                       ("МКОУ «Таяндинская СОШ»", 2027, "1-од")]


def test_hand_number_is_checked_against_the_journal(sample_dir, tmp_path, journal_db):
    sample = sample_dir / "working-group-order.yaml"
    path = generate(TYPE, sample, tmp_path / "out").document
    assert "№ 112-од" in path.name
    assert generate(TYPE, sample, tmp_path / "out").document == path  # the same order again: its number
    changed = _data(sample_dir, "changed.yaml", number=112, meetings="по пятницам")
    before = _rows(journal_db)
    refused, _ = generate(TYPE, changed, tmp_path / "out2")
    assert refused.exit_code == 2
    assert "поле «number» (регистрационный номер): номер 112-од за 2026 год уже присвоен" in refused.output
    assert "МКОУ «Таяндинская СОШ»" in refused.output and "--replace" in refused.output
    assert not (tmp_path / "out2").exists() and _rows(journal_db) == before
    # «112-од» written out in full is the same number
    spelled = _data(sample_dir, "spelled.yaml", number="112-од", meetings="по пятницам")
    assert generate(TYPE, spelled, tmp_path / "out2").result.exit_code == 2
    # a corrected edition keeps the number when asked to
    replaced_path = generate(TYPE, changed, tmp_path / "out2", "--replace").document
    assert "№ 112-од" in replaced_path.name
    assert "по пятницам" in "\n".join(texts(replaced_path))
    assert len(_rows(journal_db)) == 1 and _rows(journal_db)[0][4] == str(replaced_path.resolve())
    # a free hand number is recorded; the automatic sequence continues after the highest
    generate(TYPE, _data(sample_dir, "free.yaml", number=7, meetings="по субботам"), tmp_path / "out").document
    auto = generate(TYPE, _data(sample_dir, "auto.yaml", meetings="по понедельникам"), tmp_path / "out").document
    assert "№ 113-од" in auto.name
    assert sorted(r[2] for r in _rows(journal_db)) == ["112-од", "113-од", "7-од"]


def test_number_format_without_n_is_refused(sample_dir, tmp_path, journal_db):
    edit_text(sample_dir / "organization.yaml", '"{n}-од"', '"од"')
    result, _ = generate(TYPE, _data(sample_dir), tmp_path / "out")
    assert result.exit_code == 2
    assert "organization.yaml" in result.output and "order_number_format" in result.output
    assert "в формате номера нет «{n}»" in result.output
    assert not (tmp_path / "out").exists() and not journal_db.exists()


def test_failed_write_takes_no_number(sample_dir, tmp_path, journal_db, monkeypatch):
    """A full disk (the write fails while flushing) or a folder that cannot be created: an error
    in Russian, exit 2, no file, and the journal does not keep the number."""
    import docgen.fileio

    blocker = tmp_path / "file"
    blocker.write_text("x")
    result, _ = generate(TYPE, _data(sample_dir), blocker / "sub")
    assert result.exit_code == 2 and "не удаётся записать в папку" in result.output

    def no_space(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    assert invoke("journal").exit_code == 0  # the store exists: the document's write is what fails
    monkeypatch.setattr(docgen.fileio.os, "fsync", no_space)
    monkeypatch.setattr(docgen.fileio, "_syncfs", lambda _fd: -1)  # the disk's sync fails too: each file's is tried
    result, _ = generate(TYPE, _data(sample_dir), tmp_path / "full")
    assert result.exit_code == 2
    assert "не удаётся записать файл" in result.output and "на диске нет свободного места" in result.output
    assert list((tmp_path / "full").iterdir()) == []  # not even the temporary file
    assert _rows(journal_db) == []
    monkeypatch.undo()
    monkeypatch.setenv("DOCGEN_DB", str(journal_db))
    path = generate(TYPE, _data(sample_dir), tmp_path / "full").document
    assert "№ 1-од" in path.name  # the number was given back


def test_broken_template_takes_no_number(sample_dir, tmp_path, journal_db):
    folder = edited_template(tmp_path / "templates", f"{TYPE}.docx", "ПРИКАЗЫВАЮ:", "{{ meetings ")
    result, _ = generate(TYPE, _data(sample_dir), tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and "ошибка в разметке Jinja" in result.output
    assert _rows(journal_db) == [] and not any((tmp_path / "out").glob("*.docx"))


def test_journal_command_lists_and_exports(cli, sample_dir, tmp_path, journal_db):
    generate(TYPE, _data(sample_dir, "a.yaml"), tmp_path / "out").document
    generate(TYPE, _data(sample_dir, "b.yaml", meetings="по средам"), tmp_path / "out").document
    generate(TYPE, _next_year(sample_dir, "c.yaml"), tmp_path / "out").document
    table = cli("journal")
    assert table.exit_code == 0, table.output
    assert "Журнал регистрации приказов МКОУ «Таяндинская СОШ»" in table.output
    for header in ("№", "Дата", "Тип", "Заголовок", "Файл", "Состояние"):
        assert header in table.output
    assert "1-од" in table.output and "12.01.2027" in table.output and "сформирован" in table.output
    only = cli("journal", "--year", "2027")
    assert "за 2027 год" in only.output and "01.09.2026" not in only.output and "12.01.2027" in only.output
    assert "нет приказов за 2030 год" in cli("journal", "--year", "2030").output

    out_csv = tmp_path / "журнал.csv"
    assert cli("journal", "--format", "csv", "--out", out_csv, "--year", "2026").exit_code == 0
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Организация", "№", "Дата", "Тип", "Заголовок", "Файл", "Состояние"]
    assert [r[1:4] for r in rows[1:]] == [["1-од", "01.09.2026", TYPE], ["2-од", "01.09.2026", TYPE]]
    assert all(Path(r[5]).is_file() for r in rows[1:])

    from openpyxl import load_workbook

    out_xlsx = tmp_path / "журнал.xlsx"
    assert cli("journal", "--format", "xlsx", "--out", out_xlsx).exit_code == 0
    sheet = load_workbook(out_xlsx).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Организация", "№", "Дата"] and len(values) == 4
    assert values[3][1] == "1-од" and values[3][2].year == 2027

    bad = cli("journal", "--format", "pdf")
    assert bad.exit_code == 2 and "ожидается table, csv или xlsx" in bad.output
    assert cli("journal", "--format", "csv").exit_code == 2  # no --out


def test_journal_marks_a_number_whose_document_was_not_written(cli, sample_dir, tmp_path, journal_db):
    """A run killed between taking the number and writing leaves a reserved entry: shown as
    «не сформирован», and taken over by the next run of the same input."""
    from docgen.journal import Journal, input_hash
    from docgen.loading import load_input
    from docgen.plugins import load_plugins

    data_path = _data(sample_dir)
    document_type = load_plugins().document_types[TYPE]
    data = load_input(document_type.input_model, data_path)
    journal = Journal.open(str(journal_db))
    reservation = journal.reserve(organization=data.organization, doc_type=TYPE, title=document_type.title,
                                  order_date=data.date, digest=input_hash(TYPE, data), number=None)
    journal.close()
    assert reservation.number == "1-од"
    listed = cli("journal")
    assert "не сформирован" in listed.output
    other = generate(TYPE, _data(sample_dir, "other.yaml", meetings="по средам"), tmp_path / "out").document
    assert "№ 2-од" in other.name  # the reserved number is not handed to another order
    path = generate(TYPE, data_path, tmp_path / "out").document
    assert "№ 1-од" in path.name
    assert [r[3] for r in _rows(journal_db)] == ["complete", "complete"]
    path.unlink()
    assert "файл удалён" in cli("journal").output


def test_store_of_version_1_is_upgraded_in_place(sample_dir, tmp_path, journal_db):
    """What docgen 0.1 wrote: the registry without a journal (the v4 dump less its journal)."""
    dump = (Path(__file__).parent / "store_of_main_v4.sql").read_text(encoding="utf-8")
    with sqlite3.connect(journal_db) as conn:
        conn.executescript(dump.replace("{OUT}", str(tmp_path / "out")))
        conn.execute("drop table order_journal")
        conn.execute("update schema_version set version = 1")
        statuses = conn.execute("select act_id, status from act_status order by act_id").fetchall()
    # basis without a catalogue act: the check reads the registry, this test reads the upgrade
    path = generate(TYPE, _data(sample_dir, basis=None), tmp_path / "out", "--db", journal_db).document
    with sqlite3.connect(journal_db) as conn:
        assert conn.execute("select version from schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("select act_id, status from act_status order by act_id").fetchall() == statuses
        assert conn.execute("select number from order_journal").fetchall() == [("1-од",)]
    assert "№ 1-од" in path.name


def _worker(store: str, data_paths: list[str], out: str) -> None:
    from docgen.engine import Engine
    from docgen.journal import Journal

    engine = Engine()
    journal = Journal.open(store)
    for path in data_paths:
        engine.generate(TYPE, Path(path), Path(out), journal=journal)
    journal.close()


def test_processes_generating_at_once_get_distinct_consecutive_numbers(sample_dir, tmp_path):
    store = str(tmp_path / "shared.sqlite")
    procs, per_process, inputs = 3, 4, []
    for p in range(procs):
        inputs.append([str(_data(sample_dir, f"p{p}-{i}.yaml", meetings=f"по понедельникам, {p}-{i}"))
                       for i in range(per_process)])
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_worker, args=(store, paths, str(tmp_path / "out"))) for paths in inputs]
    for w in workers:
        w.start()
    for w in workers:
        w.join(300)
        assert w.exitcode == 0
    with sqlite3.connect(store) as conn:
        rows = conn.execute("select seq, number, status, file from order_journal").fetchall()
    assert sorted(r[0] for r in rows) == list(range(1, procs * per_process + 1))
    assert all(r[2] == "complete" for r in rows)
    for seq, number, _, file in rows:
        assert texts(Path(file))[3].endswith(f"№{NBSP}{number}")
    assert len(list((tmp_path / "out").glob("*.docx"))) == procs * per_process


def test_demo_is_repeatable_and_touches_no_journal(cli, tmp_path, in_test_folder, monkeypatch):
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "competition-regulation,plan-graph,expert-matrix")
    for _ in range(2):
        result = cli("demo", "--out", tmp_path / "demo")
        assert result.exit_code == 0, result.output
        assert "112-од" in result.output and "105-од" in result.output
    assert not (tmp_path / "docgen.sqlite").exists()
    kept = tmp_path / "kept.sqlite"
    assert cli("demo", "--out", tmp_path / "demo", "--db", kept).exit_code == 0
    assert {r[2] for r in _rows(kept)} >= {"112-од", "105-од"}


# The schema docgen wrote before the journal's table moved from the registry's store to
# docgen.journal (version 2, read from a store file that code created): a store file of it opens
# unchanged, and a fresh store gets exactly this schema.
V2_SCHEMA = {
    "organizations": "CREATE TABLE organizations (\n\tid INTEGER NOT NULL, \n\tshort_name VARCHAR(500) NOT NULL, "
                     "\n\tfull_name TEXT, \n\tlevels VARCHAR(100), \n\tcreated_at DATETIME NOT NULL, \n\tPRIMARY KEY (id), "
                     "\n\tUNIQUE (short_name)\n)",
    "schema_version": "CREATE TABLE schema_version (\n\tversion INTEGER NOT NULL\n)",
    "order_journal": "CREATE TABLE order_journal (\n\tid INTEGER NOT NULL, \n\torg_id INTEGER NOT NULL, \n\tyear INTEGER "
                     "NOT NULL, \n\tseq INTEGER, \n\tnumber VARCHAR(100) NOT NULL, \n\torder_date DATE NOT NULL, \n\tdoc_type "
                     "VARCHAR(100) NOT NULL, \n\ttitle TEXT NOT NULL, \n\tfile TEXT, \n\tinput_hash VARCHAR(64) NOT NULL, "
                     "\n\tstatus VARCHAR(20) NOT NULL, \n\tmanual BOOLEAN NOT NULL, \n\tcreated_at DATETIME NOT NULL, "
                     "\n\tcompleted_at DATETIME, \n\tPRIMARY KEY (id), \n\tCONSTRAINT uq_order_journal_number UNIQUE (org_id, "
                     "year, number), \n\tCONSTRAINT uq_order_journal_seq UNIQUE (org_id, year, seq), \n\tFOREIGN KEY(org_id) "
                     "REFERENCES organizations (id)\n)",
    "ix_order_journal_hash": "CREATE INDEX ix_order_journal_hash ON order_journal (org_id, year, doc_type, input_hash)",
}


def _schema(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("select name, sql from sqlite_master where sql is not null").fetchall())


def _columns(path: Path, table: str = "order_journal") -> list[tuple]:
    """(name, type, not null, default) of each column of ``table``, in order."""
    with sqlite3.connect(path) as conn:
        return [row[1:5] for row in conn.execute(f"pragma table_info({table})")]


V3_COLUMNS = [("void_reason", "TEXT", 0, None), ("voided_by", "VARCHAR(200)", 0, None), ("voided_at", "DATETIME", 0, None)]


def test_fresh_store_has_the_schema_of_version_2_and_the_columns_of_version_3(tmp_path):
    from docgen.registry.store import Store

    Store(f"sqlite:///{tmp_path / 'fresh.sqlite'}").close()
    schema = _schema(tmp_path / "fresh.sqlite")
    assert {name: schema.get(name) for name in V2_SCHEMA if name not in ("order_journal", "organizations")} == \
        {name: sql for name, sql in V2_SCHEMA.items() if name not in ("order_journal", "organizations")}
    with sqlite3.connect(tmp_path / "v2.sqlite") as conn:
        conn.execute(V2_SCHEMA["organizations"])
    # revision 0002: organisations keyed by a code, their profiles kept beside them
    assert _columns(tmp_path / "fresh.sqlite", "organizations") == _columns(tmp_path / "v2.sqlite", "organizations") + [
        ("code", "VARCHAR(200)", 1, None), ("profile", "TEXT", 0, None), ("profile_digest", "VARCHAR(64)", 0, None)]
    with sqlite3.connect(tmp_path / "v2.sqlite") as conn:
        conn.execute(V2_SCHEMA["order_journal"])
    assert _columns(tmp_path / "fresh.sqlite") == _columns(tmp_path / "v2.sqlite") + V3_COLUMNS
    assert {"act_status", "act_history"} <= set(schema)


def test_store_of_version_2_written_before_the_move_keeps_its_numbers(sample_dir, tmp_path, journal_db):
    with sqlite3.connect(journal_db) as conn:
        for name in ("schema_version", "organizations", "order_journal", "ix_order_journal_hash"):
            conn.execute(V2_SCHEMA[name])
        conn.execute("insert into schema_version values (2)")
        conn.execute("insert into organizations values (1, 'МКОУ «Таяндинская СОШ»', 'школа', 'НОО', "
                     "'2026-09-01 10:00:00')")
        conn.execute("insert into order_journal values (1, 1, 2026, 7, '7-од', '2026-08-30', 'working-group-order', "
                     "'Приказ', null, 'x', 'complete', 0, '2026-08-30 10:00:00', '2026-08-30 10:00:00')")
    # basis without a catalogue act: this store predates the registry the check reads
    path = generate(TYPE, _data(sample_dir, basis=None), tmp_path / "out", "--db", journal_db).document
    assert texts(path)[3] == f"1 сентября 2026{NBSP}г.\t№{NBSP}8-од"
    with sqlite3.connect(journal_db) as conn:
        assert conn.execute("select version from schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("select number from order_journal order by id").fetchall() == [("7-од",), ("8-од",)]
    from docgen.registry.store import Store

    Store(f"sqlite:///{tmp_path / 'fresh.sqlite'}").close()  # upgraded in place: the columns of a new store
    assert _columns(journal_db) == _columns(tmp_path / "fresh.sqlite")
    assert _indexes(journal_db) == _indexes(tmp_path / "fresh.sqlite")  # and its indexes (version 4)
    assert "ix_order_journal_file" in _indexes(journal_db)


def _indexes(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'index' "
                                            "and tbl_name = 'order_journal' and sql is not null")]
        return {name: [r[2] for r in conn.execute(f"pragma index_info('{name}')")] for name in names}


def test_new_number_and_replace_together_are_refused_before_any_number_is_taken(sample_dir, tmp_path, journal_db):
    """A new number and «the same number, corrected» cannot both be meant: exit 2, nothing written."""
    data = numberless_order(sample_dir, tmp_path / "order.yaml")
    result, written = generate(TYPE, data, tmp_path / "out", "--new-number", "--replace")
    assert result.exit_code == 2 and written == []
    assert "--new-number (новый номер) и --replace" in " ".join(result.output.split())
    assert not journal_db.exists()


def test_an_inputs_digest_is_the_one_earlier_versions_stored(sample_dir, tmp_path):
    """Journals written before keep recognising their inputs: the digest is still the SHA-256 of
    the whole validated input (organisation included, number excluded) dumped as sorted JSON —
    however the organisation's part of it is computed now."""
    import hashlib
    import json

    from docgen.engine import Engine
    from docgen.journal import input_hash

    engine = Engine()
    kind = engine.get_type(TYPE)
    for meetings in ("еженедельно", "по средам"):
        data = engine.load(kind, numberless_order(sample_dir, tmp_path / f"{meetings}.yaml", meetings=meetings))
        dumped = json.dumps({"type": TYPE, "data": data.model_dump(mode="json", exclude={"number"})},
                            ensure_ascii=False, sort_keys=True, default=str)
        assert input_hash(TYPE, data) == hashlib.sha256(dumped.encode("utf-8")).hexdigest()
