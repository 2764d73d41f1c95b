"""`docgen acts scan`: a school's folder of existing acts read back into proposals, and `--apply`.

The folder is built as a school has it: the six local acts written by `docgen generate` with their
grifs (councils' protocols and the approving order), two of them as PDF (LibreOffice), under
meaningless names, mixed with a text file, a picture, a broken .docx, a copy of one act and a PDF
locked with a password. The scan must propose the right act for each real file with the order's
number and date read back, give every other file a Russian reason, and change nothing; `--apply`
of the confirmed rows must make `docgen acts list` show each act approved by that order — and
every bad edit of the table (unknown act, impossible or future date, another answer than «да»,
a missing column, a confirmed row without an act, one act twice) refuses the whole table."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from openpyxl import load_workbook

from helpers import SAMPLES, assert_office_checker_clean, generate, invoke

TAYANDY = SAMPLES / "tayandinskaya"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
TODAY = "30.11.2026"

# act id → (sample data file, order number as the data gives it, order date); each act its own order.
ACTS = {
    "vsoko-regulation": ("local-act-vsoko.yaml", 131, "11.12.2025"),
    "assessment-and-attestation": ("local-act-assessment.yaml", 56, "30.08.2024"),
    "internal-control": ("local-act-internal-control.yaml", 97, "02.09.2025"),
    "internal-monitoring": ("local-act-internal-monitoring.yaml", 98, "03.09.2025"),
    "self-evaluation": ("local-act-self-evaluation.yaml", 41, "28.03.2025"),
    "working-group-regulation": ("local-act-working-group.yaml", 111, "01.09.2026"),
}
# The meaningless names the files get in the school's folder; the two PDFs are converted by LibreOffice.
NAMES = {
    "vsoko-regulation": "scan_0001.docx",
    "assessment-and-attestation": "документ (2).docx",
    "internal-control": "Новый документ.pdf",
    "internal-monitoring": "old/a7.docx",
    "self-evaluation": "x.pdf",
    "working-group-regulation": "Положение_итог_final.docx",
}
PDF_ACTS = ("internal-control", "self-evaluation")
OTHERS = {  # file → words its reason must hold
    "notes.txt": "текстовый файл",
    "photo.png": "изображение",
    "broken.docx": "повреждён",
    "old/копия scan_0001.docx": "копия файла «scan_0001.docx»",
    "locked.pdf": "зашифрован",
}
EXPECTED = {name: act for act, name in NAMES.items()}


def _day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d.%m.%Y").date()


def _approved_data(folder: Path, act: str) -> Path:
    """The sample's data file with the act carried through the councils and approved."""
    sample, number, date = ACTS[act]
    data = yaml.safe_load((TAYANDY / sample).read_text(encoding="utf-8"))
    day = _day(date)
    before = lambda days: f"{day - dt.timedelta(days=days):%d.%m.%Y}"  # noqa: E731
    data.update(organization="organization.yaml", act=act,
                students_council={"date": before(5), "number": 2}, parents_council={"date": before(4), "number": 2},
                pedagogical_council={"date": before(2), "number": 3}, approved={"date": date, "number": number})
    path = folder / f"{act}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _encrypted_pdf(source: Path, target: Path, work: Path) -> None:
    """A PDF with an opening password, as LibreOffice's PDF export writes it."""
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    work.mkdir()
    shutil.copy(source, work / "locked.docx")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", options, "--outdir", str(work), str(work / "locked.docx")],
                   capture_output=True, timeout=180, check=True)
    shutil.move(work / "locked.pdf", target)


@pytest.fixture(scope="module")
def school(tmp_path_factory) -> Path:
    """The school's folder of acts (see the module's docstring) and its profile beside it."""
    if not SOFFICE or not PDFTOTEXT:
        pytest.skip("нужны LibreOffice (soffice) и pdftotext (poppler-utils): два акта — PDF")
    data = tmp_path_factory.mktemp("data")
    shutil.copy(TAYANDY / "organization.yaml", data / "organization.yaml")
    out = tmp_path_factory.mktemp("written")
    folder = tmp_path_factory.mktemp("school") / "Документы"
    (folder / "old").mkdir(parents=True)
    written = {}
    for act in ACTS:
        extra = ("--pdf",) if act in PDF_ACTS else ()
        made = generate("local-act", _approved_data(data, act), out / act, *extra)
        written[act] = made.document
        source = made.document.with_suffix(".pdf") if act in PDF_ACTS else made.document
        assert source.is_file(), made.files
        shutil.copy(source, folder / NAMES[act])
    assert_office_checker_clean(written["vsoko-regulation"])
    (folder / "notes.txt").write_text("Список актов на проверку", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (folder / "broken.docx").write_bytes(b"this is not a zip archive")
    shutil.copy(folder / "scan_0001.docx", folder / "old" / "копия scan_0001.docx")
    _encrypted_pdf(written["internal-monitoring"], folder / "locked.pdf", tmp_path_factory.mktemp("lock") / "w")
    (folder.parent / "organization.yaml").write_text((TAYANDY / "organization.yaml").read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    return folder


def profile_of(school: Path) -> Path:
    return school.parent / "organization.yaml"


def scan(school: Path, out: Path, db: Path):
    return invoke("acts", "scan", school, "--org", profile_of(school), "--out", out, "--db", db, "--today", TODAY)


def read_table(path: Path) -> tuple[list[str], dict[str, dict[str, object]]]:
    ws = load_workbook(path).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = rows[0]
    return header, {r[header.index("Файл")]: dict(zip(header, r)) for r in rows[1:]}


def confirm(path: Path, files, *, edit=None) -> Path:
    """Write «да» into the rows of ``files``; ``edit(ws, row_of)`` changes the sheet further."""
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    row_of = {ws.cell(r, header.index("Файл") + 1).value: r for r in range(2, ws.max_row + 1)}
    column = header.index("Подтвердить (да/нет)") + 1
    for name in files:
        ws.cell(row_of[name], column).value = "да"
    if edit:
        edit(ws, row_of, header)
    wb.save(path)
    return path


def approved_rows(db: Path) -> list[tuple]:
    import sqlite3

    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute("select act_id, status, order_number, order_date from act_status").fetchall()


@pytest.fixture
def proposals(school, tmp_path) -> tuple[Path, Path, object]:
    out, db = tmp_path / "Предложения.xlsx", tmp_path / "registry.sqlite"
    result = scan(school, out, db)
    # the table is written whole; the files that are no documents or copies make it bad input (exit 2)
    assert result.exit_code == 2, result.output
    assert out.is_file()
    return out, db, result


# -- the scan -------------------------------------------------------------------------------------

def test_each_real_file_gets_its_act_and_order(proposals):
    out, db, result = proposals
    header, rows = read_table(out)
    assert header == ["Код", "Акт", "Файл", "Уверенность, %", "Предлагаемый статус", "Приказ №", "Дата приказа",
                      "Примечание", "Подтвердить (да/нет)"]
    assert set(rows) == set(EXPECTED) | set(OTHERS)
    for name, act in EXPECTED.items():
        _, number, date = ACTS[act]
        row = rows[name]
        assert row["Код"] == act, (name, row)
        assert row["Уверенность, %"] >= 90, row
        assert row["Предлагаемый статус"] == "утверждён"
        assert (row["Приказ №"], row["Дата приказа"].date()) == (f"{number}-од", _day(date)), row
        assert row["Подтвердить (да/нет)"] is None  # the user's to fill
        protocol_day = _day(date) - dt.timedelta(days=2)
        assert f"ПРИНЯТО: протокол от {protocol_day:%d.%m.%Y} № 3" in row["Примечание"]
    assert "Реестр не изменён" in result.output
    assert approved_rows(db) == []  # nothing written by a scan


def test_files_that_are_not_acts_get_russian_reasons(proposals):
    out, _, result = proposals
    _, rows = read_table(out)
    for name, words in OTHERS.items():
        row = rows[name]
        assert row["Код"] is None and row["Предлагаемый статус"] is None, row
        assert words in row["Примечание"], row
        assert name in result.output or Path(name).name in result.output
    assert "Файлов: 11; найдено актов каталога: 6; без предложения: 5." in " ".join(result.output.split())
    refused = " ".join(result.stderr.split())
    assert "Не приняты файлы: 5" in refused and all(name in refused for name in OTHERS)


def test_two_files_of_one_act_name_each_other(school, tmp_path):
    folder = tmp_path / "two"
    shutil.copytree(school, folder)
    shutil.copy(folder / "scan_0001.docx", folder / "edited.docx")
    document = docx.Document(str(folder / "edited.docx"))
    document.add_paragraph("Изменённая копия.")  # other bytes, the same act
    document.save(str(folder / "edited.docx"))
    shutil.copy(profile_of(school), tmp_path / "organization.yaml")
    out = tmp_path / "p.xlsx"
    result = invoke("acts", "scan", folder, "--org", tmp_path / "organization.yaml", "--out", out,
                    "--db", tmp_path / "r.sqlite", "--today", TODAY)
    assert result.exit_code == 2, result.output  # the school folder's non-documents, as in the first scan
    _, rows = read_table(out)
    assert rows["edited.docx"]["Код"] == rows["scan_0001.docx"]["Код"] == "vsoko-regulation"
    assert "этот же акт найден в файле «scan_0001.docx»" in rows["edited.docx"]["Примечание"]
    assert "этот же акт найден в файле «edited.docx»" in rows["scan_0001.docx"]["Примечание"]


# -- grif variants, in documents a school typed by hand --------------------------------------------

GRIFS = {
    "УТВЕРЖДЕНО\nприказом директора\nот 11.12.2025 № 131-од": ("131-од", "11.12.2025"),
    "Утверждено приказом № 131 от 11.12.2025": ("131", "11.12.2025"),
    "УТВЕРЖДЕНО\nприказом\nот 11.12.2025 г.\n№ 131-од": ("131-од", "11.12.2025"),
    "УТВЕРЖДЕНО приказом от «11» декабря 2025 г. № 01-05/131": ("01-05/131", "11.12.2025"),
    "ПРИНЯТО\nна педагогическом совете\n(протокол от 10.12.2025 № 4)\nУТВЕРЖДЕНО\nприказом № 131-од\nот 11.12.2025":
        ("131-од", "11.12.2025"),
}


def _typed_act(path: Path, grif: str, title: tuple[str, ...] = ("ПОЛОЖЕНИЕ", "о внутришкольном контроле")) -> None:
    document = docx.Document()
    document.add_paragraph("Муниципальное казённое общеобразовательное учреждение «Таяндинская СОШ»")
    for line in grif.split("\n"):
        document.add_paragraph(line)
    for line in title:
        document.add_paragraph(line)
    document.add_paragraph("1. Общие положения")
    document.add_paragraph("1.1. Настоящее Положение утверждено приказом от 01.01.2020 № 1.")
    document.save(str(path))


@pytest.mark.parametrize("grif", list(GRIFS))
def test_grif_variants_give_the_order(grif, tmp_path):
    folder = tmp_path / "acts"
    folder.mkdir()
    _typed_act(folder / "act.docx", grif)
    out = tmp_path / "p.xlsx"
    result = invoke("acts", "scan", folder, "--org", TAYANDY / "organization.yaml", "--out", out,
                    "--db", tmp_path / "r.sqlite", "--today", TODAY)
    assert result.exit_code == 0, result.output
    row = read_table(out)[1]["act.docx"]
    number, date = GRIFS[grif]
    assert (row["Код"], row["Предлагаемый статус"]) == ("internal-control", "утверждён")
    assert (row["Приказ №"], row["Дата приказа"].date()) == (number, _day(date))


@pytest.mark.parametrize("grif, status, note", [
    ("ПРИНЯТО\nна педагогическом совете\n(протокол от 10.12.2025 № 4)", "принят", "протокол от 10.12.2025 № 4"),
    ("УТВЕРЖДАЮ\nДиректор _____ И.И. Иванов", "принят", "номер и дата приказа не прочитаны"),
    ("ПРОЕКТ", "в разработке (проект)", "похоже на проект"),
])
def test_status_follows_the_grifs_found(grif, status, note, tmp_path):
    folder = tmp_path / "acts"
    folder.mkdir()
    _typed_act(folder / "act.docx", grif)
    out = tmp_path / "p.xlsx"
    result = invoke("acts", "scan", folder, "--org", TAYANDY / "organization.yaml", "--out", out,
                    "--db", tmp_path / "r.sqlite", "--today", TODAY)
    assert result.exit_code == 0, result.output
    row = read_table(out)[1]["act.docx"]
    assert (row["Код"], row["Предлагаемый статус"], row["Приказ №"]) == ("internal-control", status, None)
    assert note in row["Примечание"]


def test_an_act_outside_the_catalogue_is_not_proposed(tmp_path):
    folder = tmp_path / "acts"
    folder.mkdir()
    _typed_act(folder / "library.docx", "УТВЕРЖДЕНО приказом от 11.12.2025 № 5",
               ("ПОЛОЖЕНИЕ", "о школьной библиотеке"))
    out = tmp_path / "p.xlsx"
    result = invoke("acts", "scan", folder, "--org", TAYANDY / "organization.yaml", "--out", out,
                    "--db", tmp_path / "r.sqlite", "--today", TODAY)
    assert result.exit_code == 0, result.output
    row = read_table(out)[1]["library.docx"]
    assert row["Код"] is None and row["Приказ №"] is None
    assert "«ПОЛОЖЕНИЕ о школьной библиотеке» не найден в каталоге" in row["Примечание"]


# -- --apply --------------------------------------------------------------------------------------

def apply(out: Path, db: Path, school: Path):
    return invoke("acts", "scan", "--apply", out, "--org", profile_of(school), "--db", db, "--today", TODAY)


def test_apply_sets_the_confirmed_acts_approved_by_their_orders(proposals, school):
    out, db, _ = proposals

    def garbage_in_unconfirmed_row(ws, row_of, header):  # not confirmed: never read
        ws.cell(row_of["notes.txt"], header.index("Код") + 1).value = "no-such-act"
        ws.cell(row_of["notes.txt"], header.index("Подтвердить (да/нет)") + 1).value = "нет"

    confirm(out, EXPECTED, edit=garbage_in_unconfirmed_row)
    result = apply(out, db, school)
    assert result.exit_code == 0, result.output
    assert "Внесено в реестр актов: 6" in result.output
    listed = invoke("acts", "list", "--org", profile_of(school), "--db", db, "--status", "утверждён",
                    "--today", TODAY)
    assert listed.exit_code == 0, listed.output
    for act, (_, number, date) in ACTS.items():
        assert act in listed.output
        assert f"№ {number}-од от {date}" in listed.output, listed.output
    assert sorted(approved_rows(db)) == sorted(
        (act, "approved", f"{number}-од", f"{_day(date):%Y-%m-%d}") for act, (_, number, date) in ACTS.items())
    again = apply(out, db, school)  # the same table twice: nothing new
    assert again.exit_code == 0 and "Внесено в реестр актов: 0; без изменений: 6" in again.output


def _set(name: str, column: str, value):
    def edit(ws, row_of, header):
        ws.cell(row_of[name], header.index(column) + 1).value = value
    return edit


def _drop_column(column: str):
    def edit(ws, row_of, header):
        ws.delete_cols(header.index(column) + 1)
    return edit


BAD = {
    "unknown act": (["scan_0001.docx"], _set("scan_0001.docx", "Код", "no-such-act"),
                    "столбец «Код»: акта с кодом «no-such-act» нет в каталоге"),
    "impossible date": (["x.pdf"], _set("x.pdf", "Дата приказа", "31.02.2025"), "столбец «Дата приказа»"),
    "future date": (["x.pdf"], _set("x.pdf", "Дата приказа", "01.01.2027"), "ещё не наступила"),
    "another answer": (["x.pdf"], _set("scan_0001.docx", "Подтвердить (да/нет)", "может быть"),
                       "столбец «Подтвердить (да/нет)»: «может быть» — ожидается «да» или «нет»"),
    "missing column": (["x.pdf"], _drop_column("Приказ №"), "строка 1: нет столбца «Приказ №»"),
    "confirmed without an act": (["x.pdf", "notes.txt"], None, "столбец «Код»: не указан код акта"),
    "one act twice": (["x.pdf", "scan_0001.docx"], _set("scan_0001.docx", "Код", "self-evaluation"),
                      "акт «self-evaluation» уже есть в строке"),
    "approved without order": (["x.pdf"], _set("x.pdf", "Приказ №", None),
                               "столбец «Приказ №»: для статуса «утверждён» нужен номер"),
    "unknown status": (["x.pdf"], _set("x.pdf", "Предлагаемый статус", "почти"),
                       "столбец «Предлагаемый статус»: неизвестный статус «почти»"),
    "nothing confirmed": ([], None, "ни одна строка не подтверждена"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_table_changes_nothing(case, proposals, school):
    out, db, _ = proposals
    files, edit, words = BAD[case]
    good = [] if case == "nothing confirmed" else ["Положение_итог_final.docx"]  # all or nothing
    confirm(out, [*good, *files], edit=edit)
    result = apply(out, db, school)
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert words in message, message
    assert str(out.name) in message
    if case not in ("missing column", "nothing confirmed"):
        assert "строка " in message
    assert approved_rows(db) == []


# -- bad invocations ------------------------------------------------------------------------------

def test_bad_invocations(tmp_path, school):
    org = profile_of(school)
    empty = tmp_path / "empty"
    empty.mkdir()
    existing = tmp_path / "есть.xlsx"
    existing.write_bytes(b"user's table")
    cases = [
        (("acts", "scan", tmp_path / "нет", "--org", org, "--out", tmp_path / "p.xlsx"), "папка не найдена"),
        (("acts", "scan", empty, "--org", org, "--out", tmp_path / "p.xlsx"), "в папке нет файлов"),
        (("acts", "scan", school, "--org", org, "--out", existing), "файл уже есть"),
        (("acts", "scan", school, "--org", org, "--out", tmp_path / "p.csv"), "в .xlsx"),
        (("acts", "scan", school, "--org", org, "--apply", existing), "либо папку"),
        (("acts", "scan", "--org", org), "укажите папку"),
        (("acts", "scan", "--apply", tmp_path / "нет.xlsx", "--org", org), "файла нет"),
        (("acts", "scan", "--apply", existing, "--org", org), "не читается как таблица Excel"),
    ]
    for args, words in cases:
        result = invoke(*args, "--db", tmp_path / "r.sqlite")
        assert result.exit_code == 2, (args, result.output)
        assert words in " ".join(result.output.split()), (args, result.output)
    assert existing.read_bytes() == b"user's table"
    assert not (tmp_path / "p.xlsx").exists() and not (tmp_path / "p.csv").exists()


# -- hostile files ----------------------------------------------------------------------------------

def _zip(path: Path, parts: dict[str, bytes]) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_hostile_files_are_read_under_the_limits(tmp_path, monkeypatch):
    """A .docx that unpacks past the limit (a zip bomb, the limit lowered so the test stays small),
    one past the size limit, one whose XML declares a DOCTYPE (entity tricks), a zip without a
    document, a PDF that makes pdftotext hang (a stand-in that sleeps): each a reason, the scan goes on."""
    from docgen.registry import act_files

    folder = tmp_path / "acts"
    folder.mkdir()
    _typed_act(folder / "good.docx", "УТВЕРЖДЕНО приказом от 11.12.2025 № 131-од")
    _zip(folder / "bomb.docx", {"word/document.xml": b"<w:document/>" + b" " * 3_000_000})
    _zip(folder / "big.docx", {"word/document.xml": b"<document/>", "word/media/scan.bin": os.urandom(1_000_000)})
    _zip(folder / "doctype.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml":
                                   b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "x">]><document>&x;</document>'})
    _zip(folder / "archive.docx", {"readme.txt": b"hello"})
    (folder / "slow.pdf").write_bytes(b"%PDF-1.4 slow")
    _zip(folder / "table.xlsx", {"xl/workbook.xml": b"<workbook/>"})
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setattr(act_files, "MAX_UNPACKED_BYTES", 2_000_000)
    monkeypatch.setattr(act_files, "MAX_DOCX_BYTES", 500_000)
    sleeper = tmp_path / "pdftotext"
    sleeper.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    sleeper.chmod(0o755)
    monkeypatch.setattr(act_files, "pdftotext", lambda: str(sleeper))
    monkeypatch.setattr(act_files, "PDF_SECONDS", 1)
    out = tmp_path / "p.xlsx"
    result = invoke("acts", "scan", folder, "--org", TAYANDY / "organization.yaml", "--out", out,
                    "--db", tmp_path / "r.sqlite", "--today", TODAY)
    assert result.exit_code == 2 and "Не приняты файлы:" in result.stderr, result.output  # the table still whole
    rows = read_table(out)[1]
    reasons = {name: row["Примечание"] for name, row in rows.items()}
    assert "распаковывается в" in reasons["bomb.docx"]
    assert "документ больше" in reasons["big.docx"]
    assert "повреждён" in reasons["doctype.docx"] and "DOCTYPE" in reasons["doctype.docx"]
    assert "нет word/document.xml" in reasons["archive.docx"]
    assert "не прочитан за 1 с" in reasons["slow.pdf"]
    assert "таблица Excel" in reasons["table.xlsx"]
    assert "Word 97–2003 (.doc) не читается: сохраните его в Word как .docx" in reasons["old.doc"]
    assert all(rows[name]["Код"] is None for name in reasons if name != "good.docx")
    assert rows["good.docx"]["Код"] == "internal-control" and rows["good.docx"]["Приказ №"] == "131-од"
