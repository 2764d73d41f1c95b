"""The staff's acquaintance with the approved acts, through the CLI on a fresh store: who must read
each act (the catalogue's audience over the profile's staff), the sheet (.docx to sign, .xlsx for
the dates), signatures by --person/--date and by the filled sheet back, the shares per act and for
the package, and every refusal leaving the store unchanged."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from helpers import NBSP, TAYANDY_PROFILE, plain_numbers, approve_act, assert_office_checker_clean, invoke, read_yaml, write_yaml

pytestmark = pytest.mark.usefixtures("in_test_folder")

TODAY = "01.10.2026"
TEACHERS_AND_DEPUTIES = [
    "Бондаренко Ольга Николаевна", "Зайченко Никита Ильич", "Белых Ирина Сергеевна", "Ткач Наталья Петровна",
    "Ёлкина Алёна Семёновна", "Мамедов Рашид Ахмед оглы", "Петрова-Водкина Мария Андреевна",
    "Соколов Илья Дмитриевич", "Кузнецова Татьяна Ивановна",
]


@pytest.fixture
def profile(tmp_path) -> Path:
    """The sample school with two staff members who teach nothing: a bookkeeper and a caretaker
    read the acts for everyone, not those for the teachers."""
    data = read_yaml(TAYANDY_PROFILE)
    data["staff"] += [
        {"id": "orlova", "full_name": "Орлова Галина Петровна", "gender": "ж", "position": "главный бухгалтер"},
        {"id": "zuev", "full_name": "Зуев Павел Андреевич", "gender": "м", "position": "заведующий хозяйством"},
    ]
    folder = tmp_path / "school"
    folder.mkdir()
    return write_yaml(folder / "organization.yaml", data)


def cli_ok(*args):
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result


def refused(*args) -> str:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    return result.stderr


def shares(db, profile, act: str | None = None, today: str = TODAY) -> dict:
    args = ["acts", "acquaintance", "--org", profile, "--db", db, "--format", "json", "--today", today]
    return json.loads(cli_ok(*args, *([act] if act else [])).stdout)


def signatures(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select act_id, edition, person, person_name, signed_on from act_acquaintance "
                            "order by id").fetchall()


def acquainted(db, profile, act, *args):
    return invoke("acts", "acquainted", act, "--org", profile, "--db", db, "--today", TODAY, *args)


def sheet(db, profile, act, out: Path) -> tuple[Path, Path]:
    result = cli_ok("acts", "sheet", act, "--org", profile, "--db", db, "--out", out)
    xlsx, docx_path = (Path(line) for line in result.stdout.strip().splitlines()[-2:])
    assert xlsx.suffix == ".xlsx" and docx_path.suffix == ".docx"
    assert sorted(out.iterdir()) == sorted([xlsx, docx_path])
    return docx_path, xlsx


# -- who reads, and the sheet -----------------------------------------------------------------

def test_the_sheet_lists_the_acts_readers_with_a_repeating_header_and_rows_that_do_not_split(
        registry_db, profile, tmp_path):
    approve_act(registry_db, "vsoko-regulation", profile)
    path, _ = sheet(registry_db, profile, "vsoko-regulation", tmp_path / "out")
    document = docx.Document(str(path))
    texts = [plain_numbers(p.text) for p in document.paragraphs]
    assert "Лист ознакомления" in texts
    assert ("с Положением о внутренней системе оценки качества образования (ВСОКО), утверждённым приказом "
            f"МКОУ{NBSP}«Таяндинская{NBSP}СОШ» от 01.09.2026 №{NBSP}45-од") in texts
    table, = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["№ п/п", "Фамилия, имя, отчество", "Должность", "Дата", "Подпись"]
    assert [r[1] for r in rows[1:]] == TEACHERS_AND_DEPUTIES  # not the director, the bookkeeper or the caretaker
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 10)]
    assert rows[1][2] == "Заместитель директора по учебно-воспитательной работе" and rows[3][2] == "Педагог-психолог"
    assert all(r[3] == "" and r[4] == "" for r in rows[1:])
    assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(row._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for row in table.rows)
    assert_office_checker_clean(path)


def test_an_act_for_everyone_lists_the_whole_staff_but_the_director(registry_db, profile, tmp_path):
    approve_act(registry_db, "disputes-commission", profile, order="46-од")
    path, _ = sheet(registry_db, profile, "disputes-commission", tmp_path / "out")
    names = [row.cells[1].text for row in docx.Document(str(path)).tables[0].rows[1:]]
    assert names == [*TEACHERS_AND_DEPUTIES, "Орлова Галина Петровна", "Зуев Павел Андреевич"]
    assert "Ермакова Светлана Викторовна" not in names
    text = plain_numbers("\n".join(p.text for p in docx.Document(str(path)).paragraphs))
    assert "с Положением о комиссии по урегулированию споров" in text and f"№{NBSP}46-од" in text


def test_a_district_overrides_who_counts_as_a_teacher(registry_db, profile, tmp_path, monkeypatch):
    """staff-groups.yaml is found along the template path: a user's folder wins over the built-in one."""
    folder = tmp_path / "my-templates"
    folder.mkdir()
    (folder / "staff-groups.yaml").write_text(
        "groups:\n  - name: педагогические работники\n    positions: [учитель математики]\n"
        "  - name: администрация\n    positions: [главный бухгалтер]\n", encoding="utf-8")
    monkeypatch.setenv("DOCGEN_TEMPLATES", str(folder))
    approve_act(registry_db, "vsoko-regulation", profile)
    data = shares(registry_db, profile)
    assert [r["full_name"] for r in data["acts"][0]["readers"]] == ["Мамедов Рашид Ахмед оглы", "Орлова Галина Петровна"]


def test_an_act_not_approved_has_no_sheet_and_no_acquaintance(registry_db, profile, tmp_path):
    cli_ok("acts", "set", "vsoko-regulation", "в разработке", "--org", profile, "--db", registry_db)
    out = tmp_path / "out"
    message = refused("acts", "sheet", "vsoko-regulation", "--org", profile, "--db", registry_db, "--out", out)
    assert "акт «vsoko-regulation» не утверждён (статус «в разработке (проект)»)" in message
    assert not out.exists()
    message = acquainted(registry_db, profile, "vsoko-regulation", "--person", "belykh", "--date", "02.09.2026")
    assert message.exit_code == 2 and "не утверждён" in message.stderr
    assert signatures(registry_db) == []
    assert shares(registry_db, profile) == {"required": 0, "signed": 0, "share": None, "acts": []}


# -- signatures and shares ---------------------------------------------------------------------

def test_each_signature_moves_the_act_and_the_package_share_exactly(registry_db, profile):
    approve_act(registry_db, "vsoko-regulation", profile)
    approve_act(registry_db, "disputes-commission", profile, order="46-од")
    data = shares(registry_db, profile)
    assert (data["required"], data["signed"], data["share"]) == (20, 0, "0.0")
    assert [(a["id"], a["required"], a["signed"]) for a in data["acts"]] == [
        ("vsoko-regulation", 9, 0), ("disputes-commission", 11, 0)]

    result = acquainted(registry_db, profile, "vsoko-regulation", "--person", "belykh", "--person",
                        "Мамедов Рашид Ахмед оглы", "--date", "02.09.2026")
    assert result.exit_code == 0, result.output
    assert "Записано: Белых Ирина Сергеевна ознакомлена 02.09.2026" in result.stdout
    assert "Записано: Мамедов Рашид Ахмед оглы ознакомлен 02.09.2026" in result.stdout
    assert f"ознакомлены 2 из 9 — 22,2{NBSP}%" in result.stdout
    data = shares(registry_db, profile)
    assert (data["required"], data["signed"], data["share"]) == (20, 2, "10.0")
    vsoko = data["acts"][0]
    assert (vsoko["signed"], vsoko["share"]) == (2, "22.2")
    assert {r["id"]: r["signed_on"] for r in vsoko["readers"] if r["signed_on"]} == {
        "belykh": "02.09.2026", "mamedov": "02.09.2026"}
    assert data["acts"][1]["signed"] == 0  # a signature under one act is not one under another

    assert acquainted(registry_db, profile, "disputes-commission", "--person", "Орлова Галина Петровна",
                      "--date", "15.09.2026").exit_code == 0
    data = shares(registry_db, profile)
    assert (data["signed"], data["share"], data["acts"][1]["share"]) == (3, "15.0", "9.1")
    assert signatures(registry_db) == [
        ("vsoko-regulation", "2026-09-01 45-од", "belykh", "Белых Ирина Сергеевна", "2026-09-02"),
        ("vsoko-regulation", "2026-09-01 45-од", "mamedov", "Мамедов Рашид Ахмед оглы", "2026-09-02"),
        ("disputes-commission", "2026-09-01 46-од", "orlova", "Орлова Галина Петровна", "2026-09-15"),
    ]
    earlier = shares(registry_db, profile, today="10.09.2026")  # as it stood then: Орлова signed on the 15th
    assert (earlier["signed"], earlier["required"], earlier["acts"][1]["signed"]) == (2, 20, 0)
    table = cli_ok("acts", "acquaintance", "--org", profile, "--db", registry_db, "--today", TODAY).stdout
    assert f"2 из 9 — 22,2{NBSP}%" in table and f"Бондаренко{NBSP}О.Н." in table
    assert f"Пакет ЛНА ВСОКО: ознакомлены 3 из 20 подписей — 15{NBSP}%" in table
    one = cli_ok("acts", "acquaintance", "--org", profile, "--db", registry_db, "vsoko-regulation").stdout
    assert f"Бондаренко{NBSP}О.Н." in one and f"Белых{NBSP}И.С." not in one and "Пакет" not in one


def test_the_same_signature_again_is_not_an_error_and_another_date_is(registry_db, profile):
    approve_act(registry_db, "vsoko-regulation", profile)
    assert acquainted(registry_db, profile, "vsoko-regulation", "--person", "tkach", "--date", "02.09.2026").exit_code == 0
    again = acquainted(registry_db, profile, "vsoko-regulation", "--person", "Ткач Наталья Петровна", "--date", "02.09.2026")
    assert again.exit_code == 0 and "Уже было записано: Ткач Наталья Петровна, 02.09.2026" in again.stdout
    before = signatures(registry_db)
    assert len(before) == 1
    other = acquainted(registry_db, profile, "vsoko-regulation", "--person", "tkach", "--date", "03.09.2026")
    assert other.exit_code == 2
    assert "ознакомление Ткач Натальи Петровны с актом «vsoko-regulation» уже записано: 02.09.2026" in other.stderr
    assert signatures(registry_db) == before


@pytest.mark.parametrize(("args", "message"), [
    (["--person", "ivanov", "--date", "02.09.2026"], "«ivanov» нет в штатном списке профиля организации"),
    (["--person", "belykh", "--date", "31.08.2026"],
     "дата ознакомления 31.08.2026 раньше приказа об утверждении акта (от 01.09.2026 № 45-од)"),
    (["--person", "belykh", "--date", "02.10.2026"], "дата ознакомления 02.10.2026 ещё не наступила (сегодня 01.10.2026)"),
    (["--person", "belykh", "--date", "31.09.2026"], "параметр --date"),
    (["--person", "orlova", "--date", "02.09.2026"],
     "Орлова Галина Петровна (главный бухгалтер) не входит в круг ознакомляемых с актом «vsoko-regulation»"),
    (["--person", "belykh", "--person", "ivanov", "--date", "02.09.2026"], "«ivanov» нет в штатном списке"),
    (["--person", "belykh", "--person", "Белых Ирина Сергеевна", "--date", "02.09.2026"], "уже указан"),
    (["--person", "belykh"], "укажите сотрудника (--person КОД или ФИО) и дату ознакомления"),
])
def test_bad_signatures_are_refused_in_russian_and_nothing_is_written(registry_db, profile, args, message):
    approve_act(registry_db, "vsoko-regulation", profile)
    result = acquainted(registry_db, profile, "vsoko-regulation", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert signatures(registry_db) == []


def test_an_unknown_act_is_refused(registry_db, profile):
    result = acquainted(registry_db, profile, "no-such-act", "--person", "belykh", "--date", "02.09.2026")
    assert result.exit_code == 2 and "акта с кодом «no-such-act» нет в каталоге" in result.stderr
    assert "акта с кодом «no-such-act» нет в каталоге" in refused("acts", "sheet", "no-such-act", "--org", profile,
                                                                  "--db", registry_db)


# -- the sheet in Excel, there and back --------------------------------------------------------

def fill(xlsx: Path, dates: dict[str, object], target: Path | None = None, edit=None) -> Path:
    """The sheet with «Дата ознакомления» filled for the given staff ids (a date or a text)."""
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    ws = wb.active
    for row in ws.iter_rows(min_row=7):
        if row[3].value in dates:
            row[4].value = dates[row[3].value]
    if edit:
        edit(ws)
    target = target or xlsx.with_name("filled.xlsx")
    wb.save(target)
    return target


def test_the_excel_sheet_round_trip(registry_db, profile, tmp_path):
    approve_act(registry_db, "vsoko-regulation", profile)
    _, xlsx = sheet(registry_db, profile, "vsoko-regulation", tmp_path / "out")
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    assert [c.value for c in ws[6]] == ["№", "ФИО", "Должность", "Код сотрудника", "Дата ознакомления"]
    assert [ws.cell(r, 2).value for r in range(7, 16)] == TEACHERS_AND_DEPUTIES and ws.max_row == 15
    assert ws["B2"].value == "vsoko-regulation" and ws["B3"].value == "от 01.09.2026 № 45-од"

    filled = fill(xlsx, {"bondarenko": dt.datetime(2026, 9, 3), "elkina": "04.09.2026", "sokolov": "2026-09-05"})
    result = acquainted(registry_db, profile, "vsoko-regulation", "--from", filled)
    assert result.exit_code == 0, result.output
    assert f"ознакомлены 3 из 9 — 33,3{NBSP}%" in result.stdout
    assert {r["id"]: r["signed_on"] for r in shares(registry_db, profile)["acts"][0]["readers"] if r["signed_on"]} == {
        "bondarenko": "03.09.2026", "elkina": "04.09.2026", "sokolov": "05.09.2026"}
    again = acquainted(registry_db, profile, "vsoko-regulation", "--from", filled)  # loaded twice: nothing new
    assert again.exit_code == 0 and again.stdout.count("Уже было записано") == 3
    assert len(signatures(registry_db)) == 3

    _, fresh = sheet(registry_db, profile, "vsoko-regulation", tmp_path / "again")  # the recorded dates come back
    ws = load_workbook(fresh).active
    dates = {ws.cell(r, 4).value: ws.cell(r, 5).value for r in range(7, 16)}
    assert dates["bondarenko"] == dt.datetime(2026, 9, 3) and dates["belykh"] is None


def _rename_header(ws):
    ws["B6"].value = "Имя"


def _unknown_person(ws):
    ws["B9"].value, ws["D9"].value = "Иванов Иван Иванович", None


@pytest.mark.parametrize(("dates", "edit", "message"), [
    ({"belykh": "02.09.2026"}, _rename_header, "строка 6: нет столбцов «ФИО»"),
    ({"belykh": "02.09.2026"}, _unknown_person, "строка 9: «Иванов Иван Иванович» нет в штатном списке"),
    ({"bondarenko": "02.09.2026", "belykh": "31.02.2026"}, None, "строка 9, столбец «Дата ознакомления»"),
    ({"bondarenko": "02.09.2026", "belykh": "20.08.2026"}, None, "строка 9: дата ознакомления 20.08.2026 раньше приказа"),
    ({"bondarenko": "02.09.2026", "belykh": "02.12.2026"}, None, "строка 9: дата ознакомления 02.12.2026 ещё не наступила"),
])
def test_a_bad_sheet_records_nothing(registry_db, profile, tmp_path, dates, edit, message):
    approve_act(registry_db, "vsoko-regulation", profile)
    _, xlsx = sheet(registry_db, profile, "vsoko-regulation", tmp_path / "out")
    result = acquainted(registry_db, profile, "vsoko-regulation", "--from", fill(xlsx, dates, edit=edit))
    assert result.exit_code == 2, result.output
    assert "filled.xlsx" in result.stderr and message in result.stderr
    assert signatures(registry_db) == []


def test_a_sheet_of_another_act_or_of_a_replaced_edition_is_refused(registry_db, profile, tmp_path):
    approve_act(registry_db, "vsoko-regulation", profile)
    approve_act(registry_db, "internal-control", profile, order="47-од")
    _, xlsx = sheet(registry_db, profile, "vsoko-regulation", tmp_path / "out")
    filled = fill(xlsx, {"belykh": "02.09.2026"})
    result = acquainted(registry_db, profile, "internal-control", "--from", filled)
    assert result.exit_code == 2
    assert "это лист ознакомления с другим актом: «vsoko-regulation», а загружается «internal-control»" in result.stderr
    assert acquainted(registry_db, profile, "vsoko-regulation", "--from", filled).exit_code == 0

    # a new edition: the old signatures stay, but do not count for it, and the old sheet is refused
    cli_ok("acts", "set", "vsoko-regulation", "требует актуализации", "--org", profile, "--db", registry_db)
    cli_ok("acts", "set", "vsoko-regulation", "утверждён", "--order", "50-од", "--date", "20.09.2026", "--org", profile,
           "--db", registry_db, "--today", TODAY)
    vsoko = shares(registry_db, profile, "vsoko-regulation")
    assert (vsoko["signed"], vsoko["acts"][0]["order_number"]) == (0, "50-од")
    stale = fill(xlsx, {"tkach": "21.09.2026"}, tmp_path / "stale.xlsx")
    result = acquainted(registry_db, profile, "vsoko-regulation", "--from", stale)
    assert result.exit_code == 2
    assert "лист составлен для редакции акта «vsoko-regulation» (2026-09-01 45-од)" in result.stderr
    assert "утверждённая приказом от 20.09.2026 № 50-од" in result.stderr
    assert len(signatures(registry_db)) == 1


def test_a_file_that_is_not_a_sheet_is_refused(registry_db, profile, tmp_path):
    approve_act(registry_db, "vsoko-regulation", profile)
    export = tmp_path / "registry.xlsx"
    cli_ok("acts", "export", "--org", profile, "--db", registry_db, "--out", export)
    result = acquainted(registry_db, profile, "vsoko-regulation", "--from", export)
    assert result.exit_code == 2 and "это не лист ознакомления docgen: нет строки «Код акта»" in result.stderr
    text = tmp_path / "sheet.csv"
    text.write_text("ФИО;Дата\n", encoding="utf-8")
    result = acquainted(registry_db, profile, "vsoko-regulation", "--from", text)
    assert result.exit_code == 2 and "ожидается лист ознакомления в формате .xlsx" in result.stderr
    assert signatures(registry_db) == []


def test_a_second_sheet_is_written_beside_the_first_never_over_its_filled_dates(registry_db, profile, tmp_path):
    approve_act(registry_db, "vsoko-regulation", profile)
    out = tmp_path / "out"
    first_docx, first_xlsx = sheet(registry_db, profile, "vsoko-regulation", out)
    import openpyxl

    book = openpyxl.load_workbook(first_xlsx)  # a date filled in by hand
    book.active.cell(row=book.active.max_row, column=book.active.max_column, value="02.09.2026")
    book.save(first_xlsx)
    filled = first_xlsx.read_bytes()
    result = cli_ok("acts", "sheet", "vsoko-regulation", "--org", profile, "--db", registry_db, "--out", out)
    xlsx, docx_path = (Path(line) for line in result.stdout.strip().splitlines()[-2:])
    assert xlsx != first_xlsx and xlsx.name.endswith("(2).xlsx")  # the same .docx again may stand in place
    assert docx_path.is_file() and first_docx.is_file()
    assert first_xlsx.read_bytes() == filled
