"""Nonsense accepted no more: order dates within a window the profile can widen, order numbers
from 1, staff ids unique, references to namesakes reported as ambiguous — each through
`docgen generate`: exit 2, a Russian message naming the file and the field, nothing written and
no number taken from the journal."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from helpers import edit_text, generate, numberless_order

THIS_YEAR = dt.date.today().year
SAMPLE_YEARS = "order_years: [2024, 2030]"


@pytest.fixture
def sample_dir(sample_dir):
    """The sample profile without its own years of orders, so the default window applies."""
    edit_text(sample_dir / "organization.yaml", SAMPLE_YEARS, "")
    return sample_dir


def refused(run, file, *words):
    assert run.result.exit_code == 2, run.result.output
    message = " ".join(run.result.output.split())
    assert str(file) in message
    for word in words:
        assert word in message, message
    assert run.files == []


def journal_count(db) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        return conn.execute("select count(*) from order_journal").fetchone()[0] if "order_journal" in tables else 0


def dated(sample_dir, year: int):
    """The sample order with its date, its period and its deadlines moved to ``year``."""
    data = sample_dir / "working-group-order.yaml"
    text = data.read_text(encoding="utf-8").replace(".2026", f".{year}").replace(".2027", f".{year + 1}")
    data.write_text(text, encoding="utf-8")
    return data


@pytest.mark.parametrize("year", [1900, THIS_YEAR - 2, THIS_YEAR + 2, 2999])
def test_an_order_outside_the_years_is_refused_and_takes_no_number(sample_dir, tmp_path, journal_db, year):
    data = numberless_order(sample_dir, tmp_path / "order.yaml")
    edit_text(data, "date: 01.09.2026", f"date: 01.09.{year}")
    run = generate("working-group-order", data, tmp_path / "out")
    refused(run, data, "поле «date» (дата приказа)", f"датирован {year} годом",
            f"допускаются {THIS_YEAR - 1}–{THIS_YEAR + 1} годы", "order_years")
    assert journal_count(journal_db) == 0


def test_the_profile_widens_the_years(sample_dir, tmp_path):
    data = dated(sample_dir, 2018)
    assert generate("working-group-order", data, tmp_path / "refused").result.exit_code == 2
    with (sample_dir / "organization.yaml").open("a", encoding="utf-8") as f:
        f.write("order_years: [2018, 2030]\n")
    run = generate("working-group-order", data, tmp_path / "out")
    assert run.result.exit_code == 0, run.result.output
    assert "от 01.09.2018" in run.document.name


def test_a_bad_window_in_the_profile_is_named(sample_dir, tmp_path):
    profile = sample_dir / "organization.yaml"
    with profile.open("a", encoding="utf-8") as f:
        f.write("order_years: [2030, 2018]\n")
    run = generate("working-group-order", sample_dir / "working-group-order.yaml", tmp_path / "out")
    refused(run, profile, "поле «order_years» (годы приказов)", "два года по порядку")


def test_an_approval_of_years_ago_is_not_an_order_of_today(tmp_path):
    """The expert matrix of 2017–2018 refers to orders of its time: only an order's own date is windowed."""
    from helpers import SAMPLES

    run = generate("expert-matrix", SAMPLES / "novosibirsk" / "expert-matrix.yaml", tmp_path / "out")
    assert run.result.exit_code == 0, run.result.output


@pytest.mark.parametrize("number", ["0", "-5", "'-5'", "'0-од'", "'+3'", "'−7'"])
def test_an_order_number_below_one_is_refused(sample_dir, tmp_path, journal_db, number):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "number: 112", f"number: {number}")
    run = generate("working-group-order", data, tmp_path / "out")
    refused(run, data, "поле «number» (регистрационный номер)", "целое число не меньше 1")
    assert journal_count(journal_db) == 0


def test_two_staff_members_with_one_id_are_refused_naming_both(sample_dir, tmp_path):
    profile = sample_dir / "organization.yaml"
    edit_text(profile, "id: tkach", "id: Belykh")
    run = generate("working-group-order", sample_dir / "working-group-order.yaml", tmp_path / "out")
    refused(run, profile, "поле «staff[4].id» (краткий код)", "код «Belykh» уже есть у сотрудника staff[3]",
            "Белых Ирина Сергеевна", "Ткач Наталья Петровна")


def test_a_reference_to_namesakes_is_ambiguous(sample_dir, tmp_path):
    edit_text(sample_dir / "organization.yaml", "full_name: Кузнецова Татьяна Ивановна",
              "full_name: Белых Ирина Сергеевна")
    data = sample_dir / "working-group-order.yaml"
    assert generate("working-group-order", data, tmp_path / "by-id").result.exit_code == 0  # ids tell them apart
    edit_text(data, "person: belykh", "person: Белых Ирина Сергеевна")
    run = generate("working-group-order", data, tmp_path / "out")
    refused(run, data, "поле «members[4].person» (сотрудник)", "подходит нескольким сотрудникам",
            "staff[3]", "код «belykh»", "staff[9]", "код «kuznetsova»", "укажите код (id)")


def test_references_by_name_and_initials_find_the_one_person(sample_dir, tmp_path):
    """ё/е, case, spacing and «Фамилия И.О.» all name the same staff member, as a reader would."""
    import docx

    from helpers import rows_of

    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "person: elkina", "person: ЕЛКИНА  алена семеновна")
    edit_text(data, "person: tkach", "person: Ткач Н. П.")
    run = generate("working-group-order", data, tmp_path / "out")
    cells = {cell for table in docx.Document(str(run.document)).tables for row in rows_of(table) for cell in row}
    assert {"Ёлкина Алёна Семёновна", "Ткач Наталья Петровна"} <= cells, cells


def test_the_director_listed_again_in_the_staff_is_one_person(sample_dir, tmp_path):
    """Not two members with one id: the same person (name and gender) in two entries, found once."""
    profile = sample_dir / "organization.yaml"
    edit_text(profile, "  full_name: Ермакова Светлана Викторовна", "  id: ermakova\n  full_name: Ермакова Светлана Викторовна")
    with profile.open("a", encoding="utf-8") as f:
        f.write("  - {id: ermakova, full_name: Ермакова Светлана Викторовна, gender: ж, position: учитель истории}\n")
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "person: tkach", "person: ermakova")
    run = generate("working-group-order", data, tmp_path / "out")
    assert run.result.exit_code == 0, run.result.output
