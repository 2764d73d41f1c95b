"""No document ever replaces another document's file: names that collide — two schools' first
orders of one day, numbers that differ only in characters a file name cannot hold, two schools
whose names differ only there — get distinct names, and the journal knows which file is whose.
The same input regenerated replaces its own file."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from helpers import SAMPLES, edit_text, generate, invoke, numberless_order, texts, write_yaml

TYPE = "working-group-order"
FIRST_NAME = "Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-од от 01.09.2026"


def school(root: Path, folder: str, short_name: str, full_name: str, *, store: str | None = None) -> Path:
    """A copy of the Таяндинская sample renamed as another school; ``store``: its own docgen.yaml
    names its own store. Returns the folder (profile and order data inside)."""
    target = root / folder
    shutil.copytree(SAMPLES / "tayandinskaya", target)
    profile = target / "organization.yaml"
    edit_text(profile, "short_name: МКОУ «Таяндинская СОШ»", f"short_name: {short_name}")
    edit_text(profile, 'inn: "3815006786"\n', "")  # another school: not the sample's ИНН (keyed by its name)
    edit_text(profile, "«Таяндинская средняя общеобразовательная школа»", full_name)
    if store is not None:
        (target / "docgen.yaml").write_text(f"db: {store}\n", encoding="utf-8")
    return target


def journal_rows(store: Path) -> list[tuple]:
    with sqlite3.connect(store) as conn:
        return conn.execute("select o.short_name, j.number, j.status, j.file from order_journal j "
                            "join organizations o on o.id = j.org_id order by j.id").fetchall()


def full_text(path: Path) -> str:
    """The document's text with its no-break spaces as plain ones: these tests ask whose it is."""
    return "\n".join(texts(path)).replace("\u00a0", " ")


@pytest.mark.parametrize("stores", ["one store", "a store per school"])
def test_two_schools_first_orders_of_one_day_into_one_folder_keep_both_files(tmp_path, monkeypatch, stores):
    """Both schools' first orders are «№ 1-од от 01.09.2026»: one name. With one store the journal
    sees the other school's row; with a store per school (each school's docgen.yaml) it sees only
    a file it does not know — either way the second document gets a name of its own."""
    own = stores == "a store per school"
    if own:
        monkeypatch.delenv("DOCGEN_DB")
    a = school(tmp_path, "a", "МКОУ «Первая СОШ»", "«Первая средняя школа»", store="a.sqlite" if own else None)
    b = school(tmp_path, "b", "МКОУ «Вторая СОШ»", "«Вторая средняя школа»", store="b.sqlite" if own else None)
    out = tmp_path / "out"
    first = generate(TYPE, numberless_order(a, a / "order.yaml"), out).document
    second = generate(TYPE, numberless_order(b, b / "order.yaml"), out).document

    assert first.name == FIRST_NAME + ".docx"
    assert second.name == FIRST_NAME + " (2).docx"
    assert sorted(p.name for p in out.iterdir()) == [FIRST_NAME + " (2).docx", FIRST_NAME + ".docx"]
    assert "Первая средняя школа" in full_text(first) and "Вторая средняя школа" in full_text(second)
    stores_used = [a / "a.sqlite", b / "b.sqlite"] if own else [tmp_path / "docgen-test.sqlite"]
    rows = [row for store in stores_used for row in journal_rows(store)]
    assert rows == [("МКОУ «Первая СОШ»", "1-од", "complete", str(first)),
                    ("МКОУ «Вторая СОШ»", "1-од", "complete", str(second))]


def test_the_same_input_regenerated_replaces_its_own_file(tmp_path, sample_dir, journal_db):
    data = numberless_order(sample_dir, sample_dir / "order.yaml")
    out = tmp_path / "out"
    first = generate(TYPE, data, out).document
    first.write_bytes(b"an old edition")
    again = generate(TYPE, data, out).document
    assert again == first and again.read_bytes() != b"an old edition"
    assert [p.name for p in out.iterdir()] == [first.name]
    assert [r[1:] for r in journal_rows(journal_db)] == [("1-од", "complete", str(first))]


def test_a_file_the_journal_does_not_know_is_never_replaced(tmp_path, sample_dir, journal_db):
    out = tmp_path / "out"
    out.mkdir()
    foreign = out / (FIRST_NAME + ".docx")
    foreign.write_bytes(b"a clerk's own document")
    path = generate(TYPE, numberless_order(sample_dir, sample_dir / "order.yaml"), out).document
    assert path.name == FIRST_NAME + " (2).docx"
    assert foreign.read_bytes() == b"a clerk's own document"


@pytest.mark.parametrize("numbers", [("7/1", "7:1"), ('7"1', "7|1"), ("7?1", "7*1")])
def test_numbers_that_differ_only_in_characters_a_file_name_cannot_hold(tmp_path, sample_dir, journal_db, numbers):
    out = tmp_path / "out"
    paths = []
    for index, number in enumerate(numbers):
        data = numberless_order(sample_dir, sample_dir / f"order-{index}.yaml", number=number,
                                meetings=f"заседание {index}")
        paths.append(generate(TYPE, data, out).document)
    assert paths[0] != paths[1] and all(p.is_file() for p in paths)
    for path, number in zip(paths, numbers):
        assert texts(path)[3].endswith(number)  # each file holds its own order
    assert [(r[1], r[3]) for r in journal_rows(journal_db)] == list(zip(numbers, map(str, paths)))


def test_two_schools_in_a_batch_whose_names_differ_only_in_such_characters(tmp_path, journal_db):
    """«Школа 1/2» and «Школа 1:2» make one folder name; each school's first order of the day is
    «№ 1-од»: both documents are kept, and each journal row names its own file."""
    a = school(tmp_path, "a", "Школа 1/2", "«Первая средняя школа»")
    b = school(tmp_path, "b", "Школа 1:2", "«Вторая средняя школа»")
    listing = write_yaml(tmp_path / "schools.yaml", {"schools": [
        {"profile": "a/organization.yaml", "data": "a/order.yaml"},
        {"profile": "b/organization.yaml", "data": "b/order.yaml"},
    ]})
    for folder in (a, b):
        numberless_order(folder, folder / "order.yaml", organization=None)
    out = tmp_path / "out"
    result = invoke("batch", TYPE, "--data", listing, "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = journal_rows(journal_db)
    assert [(r[0], r[1], r[2]) for r in rows] == [("Школа 1/2", "1-од", "complete"), ("Школа 1:2", "1-од", "complete")]
    files = [Path(r[3]) for r in rows]
    assert files[0] != files[1]
    assert "Первая средняя школа" in full_text(files[0]) and "Вторая средняя школа" in full_text(files[1])
    assert sorted(out.rglob("*.docx")) == sorted(files)


def test_school_folders_are_not_shared_by_two_schools(tmp_path, journal_db):
    """`Engine.produce(by_school=True)` — what `batch` calls — gives each school a folder no other
    school's documents hold: «Школа 1 2» and «Школа 1 2 (2)», the same on every run."""
    from docgen.engine import Engine
    from docgen.journal import Journal

    engine = Engine()
    document_type = engine.get_type(TYPE)
    schools = [school(tmp_path, "a", "Школа 1/2", "«Первая средняя школа»"),
               school(tmp_path, "b", "Школа 1:2", "«Вторая средняя школа»")]
    journal = Journal.open(None)
    try:
        runs = []
        for _ in range(2):
            runs.append([])
            for folder in schools:
                data = engine.load(document_type, numberless_order(folder, folder / "order.yaml"))
                runs[-1].append(engine.produce(document_type, data, tmp_path / "out", journal=journal,
                                               by_school=True).path)
    finally:
        journal.close()
    assert runs[0] == runs[1]
    assert [p.parent.name for p in runs[0]] == ["Школа 1 2", "Школа 1 2 (2)"]
    assert "Первая средняя школа" in full_text(runs[0][0]) and "Вторая средняя школа" in full_text(runs[0][1])


def test_documents_no_journal_records_never_replace_another(tmp_path):
    """Not only orders: two different expert matrices written into one folder are both kept, the
    same one regenerated replaces only itself, and a clerk's own file of that name is left alone."""
    import shutil

    from helpers import SAMPLES, edit_text

    folder = tmp_path / "data"
    shutil.copytree(SAMPLES / "novosibirsk", folder)
    first = folder / "expert-matrix.yaml"
    second = folder / "other-matrix.yaml"
    shutil.copy(first, second)
    edit_text(second, "approved: {date: 15.09.2017, number: 212}", "approved: {date: 15.09.2017, number: 213}")
    out = tmp_path / "out"
    a = generate("expert-matrix", first, out).document
    assert generate("expert-matrix", first, out).document == a  # the same document: its own file
    b = generate("expert-matrix", second, out).document
    assert b != a and b.name == "Оценочная матрица (2).docx"
    assert sorted(p.name for p in out.iterdir()) == ["Оценочная матрица (2).docx", "Оценочная матрица.docx"]
    assert "№ 212" in " ".join(texts(a)).replace("\u00a0", " ") and "№ 213" in " ".join(texts(b)).replace("\u00a0", " ")
    a.write_bytes(b"a clerk's own notes")  # not a document docgen wrote
    c = generate("expert-matrix", first, out).document
    assert c.name == "Оценочная матрица (3).docx" and a.read_bytes() == b"a clerk's own notes"
