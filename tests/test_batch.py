"""`docgen batch`: every school of a district in parallel; a bad input is reported, not fatal."""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from helpers import NBSP, ORDER_SAMPLE, SAMPLES, numberless_order, texts, write_yaml

TYPE = "working-group-order"
DISTRICT = SAMPLES / "district-drozhzhanovsky" / "batch"
SCHOOLS = DISTRICT / "schools.yaml"


def _journal(store: Path) -> list[tuple]:
    with sqlite3.connect(store) as conn:
        return conn.execute("select o.short_name, j.number, j.status, j.file from order_journal j "
                            "join organizations o on o.id = j.org_id order by j.id").fetchall()


def _copies(sample_dir: Path, folder: Path, count: int, *, broken: dict[int, str] | None = None) -> list[Path]:
    """``count`` different orders of the Таяндинская school without numbers; ``broken`` replaces
    the text of some of them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [numberless_order(sample_dir, folder / f"order-{i:02d}.yaml", meetings=f"еженедельно, заседание № {i + 1}")
             for i in range(count)]
    for i, text in (broken or {}).items():
        paths[i].write_text(text, encoding="utf-8")
    return paths


def test_district_list_gives_every_school_its_own_numbers(cli, tmp_path, journal_db):
    out = tmp_path / "приказы"
    result = cli("batch", TYPE, "--data", SCHOOLS, "--out", out, "--jobs", "2", "--zip", tmp_path / "район.zip")
    assert result.exit_code == 0, result.output
    files = sorted(out.rglob("*.docx"))
    assert [p.relative_to(out).as_posix() for p in files] == [
        "МБОУ «ООШ № 3»/Приказ о создании рабочей группы по совершенствованию ВСОКО № 1 от 04.09.2026.docx",
        "МБОУ «СОШ № 1»/Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-о от 03.09.2026.docx",
        "МБОУ «СОШ № 2»/Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-од от 02.09.2026.docx",
    ]
    novo = next(p for p in files if "СОШ № 1" in str(p))
    body = texts(novo)
    assert body[0].startswith(f"Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №{NBSP}1»")
    assert f"3 сентября 2026{NBSP}г.\t№{NBSP}1-о" in body
    assert any("Назначить Губайдуллину Эльмиру Рустамовну" in t for t in body)
    # the summary table and the progress bar
    for text in ("МБОУ «СОШ № 1» / sosh1-working-group.yaml", "сформирован", "1-о",
                 "Формирование документов", "3/3"):
        assert text in result.output, text
    with zipfile.ZipFile(tmp_path / "район.zip") as archive:
        assert sorted(archive.namelist()) == [p.relative_to(out).as_posix() for p in files]
    assert sorted(r[1] for r in _journal(journal_db)) == ["1", "1-о", "1-од"]

    again = cli("batch", TYPE, "--data", SCHOOLS, "--out", out, "--jobs", "1")  # in this process
    assert again.exit_code == 0
    assert len(_journal(journal_db)) == 3 and sorted(out.rglob("*.docx")) == files  # the same input keeps its number


def test_parallel_workers_hand_out_unique_consecutive_numbers(cli, sample_dir, tmp_path, journal_db):
    _copies(sample_dir, tmp_path / "inputs", 12)
    result = cli("batch", TYPE, "--data", tmp_path / "inputs", "--out", tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 0, result.output
    rows = _journal(journal_db)
    assert sorted(int(r[1].removesuffix("-од")) for r in rows) == list(range(1, 13))
    assert {r[2] for r in rows} == {"complete"}
    for _, number, _, file in rows:
        assert texts(Path(file))[3].endswith(f"№{NBSP}{number}")
    # the folder's profile is not taken for a data file
    assert "organization.yaml" not in result.output


def test_one_bad_input_does_not_stop_the_others(cli, sample_dir, tmp_path, journal_db):
    good = _copies(sample_dir, tmp_path / "inputs", 4, broken={1: "date: 31.02.2026\n", 2: "meetings: [не закрыто\n"})
    result = cli("batch", TYPE, "--data", tmp_path / "inputs", "--out", tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 1
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 2
    assert "Не сформировано: 2 из 4" in result.output
    assert f"{good[2]}: ошибка YAML в строке 2" in result.output
    assert "order-01.yaml" in result.output and "поле «organization» (организация): обязательное поле не заполнено" \
        in result.output
    assert sorted(r[1] for r in _journal(journal_db)) == ["1-од", "2-од"]  # failed inputs took no number


def test_district_list_naming_a_missing_profile_stops_before_anything(cli, tmp_path, journal_db):
    listing = write_yaml(tmp_path / "schools.yaml", {"schools": [
        {"profile": str(DISTRICT / "sosh2.yaml"), "data": str(DISTRICT / "sosh2-working-group.yaml")},
        {"profile": "нет-такой-школы.yaml", "data": str(DISTRICT / "oosh3-working-group.yaml")},
    ]})
    result = cli("batch", TYPE, "--data", listing, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "schools.yaml" in result.output
    assert "поле «schools[2].profile»: файл профиля школы «нет-такой-школы.yaml» не найден" in result.output
    assert not (tmp_path / "out").exists() and not journal_db.exists()


@pytest.mark.parametrize("args, message", [
    (("--jobs", "0"), "параметр --jobs: 0 — ожидается целое число от 1 до 61"),
    (("--jobs", "1000000"), "параметр --jobs: 1000000 — ожидается целое число от 1 до 61"),
    (("--zip", "архив.rar"), "ожидается файл с расширением .zip"),
])
def test_bad_options(cli, tmp_path, args, message):
    result = cli("batch", TYPE, "--data", SCHOOLS, "--out", tmp_path / "out", *args)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_type_and_empty_folder(cli, tmp_path):
    unknown = cli("batch", "no-such-type", "--data", SCHOOLS, "--out", tmp_path / "out")
    assert unknown.exit_code == 2 and "неизвестный тип документа «no-such-type»" in unknown.output
    (tmp_path / "empty").mkdir()
    empty = cli("batch", TYPE, "--data", tmp_path / "empty", "--out", tmp_path / "out")
    assert empty.exit_code == 2 and "нет ни одного файла данных" in empty.output


def test_pdf_for_batch_generate_and_demo(cli, tmp_path, monkeypatch):
    """--pdf: one LibreOffice run makes a PDF next to every document; the zip holds both."""
    out = tmp_path / "out"
    result = cli("batch", TYPE, "--data", SCHOOLS, "--out", out, "--pdf", "--zip", tmp_path / "all.zip")
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 3 and all(p.with_suffix(".docx").is_file() for p in pdfs)
    assert all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert sum(n.endswith(".pdf") for n in archive.namelist()) == 3

    single = cli("generate", TYPE, "--data", ORDER_SAMPLE,
                 "--out", tmp_path / "one", "--pdf")
    assert single.exit_code == 0, single.output
    lines = single.output.strip().splitlines()
    assert lines[-1].endswith("№ 112-од от 01.09.2026.pdf") and Path(lines[-1]).read_bytes()[:5] == b"%PDF-"

    # two orders only: the other built-in types are not what this test is about
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "competition-regulation,plan-graph,expert-matrix,local-act,act-approval-order,project,acquaintance-sheet")
    demo = cli("demo", "--out", tmp_path / "demo", "--pdf")
    assert demo.exit_code == 0, demo.output
    docs = sorted((tmp_path / "demo").glob("*.docx"))
    # two orders and the sample registry's справка, each with its PDF
    assert len(docs) == 3 and all(d.with_suffix(".pdf").is_file() for d in docs)


def test_missing_libreoffice_is_said_before_anything_is_written(cli, tmp_path, journal_db, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", "/нет/soffice")
    for args in (("batch", TYPE, "--data", SCHOOLS), ("generate", TYPE, "--data", ORDER_SAMPLE)):
        result = cli(*args, "--out", tmp_path / "out", "--pdf")
        assert result.exit_code == 2
        assert "для PDF нужен LibreOffice" in result.output
    assert not (tmp_path / "out").exists() and not journal_db.exists()
