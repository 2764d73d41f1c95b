"""`docgen acts export|import`: XLSX and CSV round trips, and an import that is all or nothing."""
from __future__ import annotations

import csv

import pytest

from helpers import TAYANDY_PROFILE as PROFILE, approve_act, registry_rows

TODAY = "01.10.2026"

# Every test here works in its own folder: a command given no --db keeps its store there.
pytestmark = pytest.mark.usefixtures("in_test_folder")


def export(cli, registry_db, path):
    r = cli("acts", "export", "--org", PROFILE, "--db", registry_db, "--today", TODAY, "--out", path)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == str(path)


def import_(cli, registry_db, path):
    return cli("acts", "import", path, "--org", PROFILE, "--db", registry_db, "--today", TODAY)


def read_xlsx(path):
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def test_xlsx_round_trip(cli, registry_db, tmp_path):
    from openpyxl import load_workbook

    approve_act(registry_db, "vsoko-regulation")
    first = tmp_path / "реестр.xlsx"
    export(cli, registry_db, first)
    rows = read_xlsx(first)
    assert rows[0] == ["Код", "Акт", "Статус", "Приказ №", "Дата приказа", "Ответственный", "Примечание"]
    assert len(rows) == 17 and rows[1][0] == "vsoko-regulation" and rows[1][2] == "утверждён"
    wb = load_workbook(first)
    ws = wb.active
    n = next(i for i, r in enumerate(ws.iter_rows(values_only=True), 1) if r[0] == "disputes-commission")
    ws.cell(n, 3).value = "в разработке"
    ws.cell(n, 6).value = "Белых И.С."
    wb.save(first)
    result = import_(cli, registry_db, first)
    assert result.exit_code == 0, result.output
    assert "Изменено актов: 1" in result.stdout
    again = tmp_path / "снова.xlsx"
    export(cli, registry_db, again)
    expected = read_xlsx(first)
    expected[n - 1][2] = "в разработке (проект)"
    assert read_xlsx(again) == expected
    before = registry_rows(registry_db)
    assert "Изменено актов: 0" in import_(cli, registry_db, again).stdout  # re-import changes nothing
    assert registry_rows(registry_db) == before


def test_csv_round_trip_utf8_bom_semicolon(cli, registry_db, tmp_path):
    approve_act(registry_db, "vsoko-regulation")
    path = tmp_path / "реестр.csv"
    export(cli, registry_db, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Код", "Акт", "Статус"] and rows[1][3:5] == ["45-од", "01.09.2026"]
    n = next(i for i, r in enumerate(rows) if r[0] == "self-evaluation")
    rows[n][2] = "в разработке (проект)"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    assert import_(cli, registry_db, path).exit_code == 0
    again = tmp_path / "снова.csv"
    export(cli, registry_db, again)
    assert list(csv.reader(again.read_text(encoding="utf-8-sig").splitlines(), delimiter=";")) == rows


@pytest.mark.parametrize("act, column_index, value, where, message", [
    ("disputes-commission", 0, "no-such-act", "столбец «Код»", "нет в каталоге"),
    ("disputes-commission", 2, "почти готов", "столбец «Статус»", "неизвестный статус"),
    ("disputes-commission", 2, "утверждён", "столбец «Приказ №»", "нужен номер"),
    ("vsoko-regulation", 2, "в разработке", "столбец «Статус»", "невозможен"),  # approved → draft
    ("vsoko-regulation", 4, "31.02.2026", "столбец «Дата приказа»", "такой даты нет"),
])
def test_bad_row_is_refused_and_the_store_is_unchanged(cli, registry_db, tmp_path, act, column_index, value, where, message):
    approve_act(registry_db, "vsoko-regulation")
    path = tmp_path / "реестр.csv"
    export(cli, registry_db, path)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    good = next(i for i, r in enumerate(rows) if r[0] == "self-evaluation")
    rows[good][2] = "в разработке"  # a valid change before the bad row: it must be rolled back too
    bad = next(i for i, r in enumerate(rows) if r[0] == act)
    rows[bad][column_index] = value
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    before = registry_rows(registry_db)
    result = import_(cli, registry_db, path)
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "реестр.csv" in err and f"строка {bad + 1}" in err and where in err and message in err, err
    assert registry_rows(registry_db) == before


def test_a_fresh_registry_takes_the_schools_list_as_it_is(cli, registry_db, tmp_path):
    """Acts the registry has never seen are registered in the status the file gives; from then on
    the lifecycle applies."""
    path = tmp_path / "реестр школы.csv"
    rows = [["Код", "Акт", "Статус", "Приказ №", "Дата приказа", "Ответственный", "Примечание"],
            ["disputes-commission", "", "утверждён", "12-од", "15.02.2024", "Бондаренко О.Н.", ""],
            ["self-evaluation", "", "принят", "", "", "", "принят педсоветом"]]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    result = import_(cli, registry_db, path)
    assert result.exit_code == 0, result.output
    listed = cli("acts", "list", "--org", PROFILE, "--db", registry_db, "--today", TODAY, "--status", "утверждён")
    assert "disputes-commission" in listed.stdout and "12-од" in listed.stdout
    history = cli("acts", "history", "disputes-commission", "--org", PROFILE, "--db", registry_db)
    assert "не разработан" in history.stdout and "утверждён" in history.stdout
    rows[2][2] = "не разработан"  # now known: «принят» → «не разработан» is not a transition
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    before = registry_rows(registry_db)
    result = import_(cli, registry_db, path)
    assert result.exit_code == 2 and "невозможен" in result.stderr
    assert registry_rows(registry_db) == before
