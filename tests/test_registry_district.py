"""Teacher counts from the profile, and `docgen coverage --district`: ranking, shared places and
the district's pooled share, checked against hand-computed values."""
from __future__ import annotations

import json
import shutil

import pytest

from helpers import NBSP, SAMPLES, TAYANDY_PROFILE as TAYANDY, approve_act, edited_template

SCHOOL_1 = SAMPLES / "district-drozhzhanovsky" / "sosh1.yaml"
SCHOOL_3 = SAMPLES / "district-drozhzhanovsky" / "oosh3.yaml"
TODAY = "01.10.2026"

# Every test here works in its own folder: a command given no --db keeps its store there.
pytestmark = pytest.mark.usefixtures("in_test_folder")


def district(cli, registry_db, *paths):
    result = cli("coverage", "--district", *paths, "--db", registry_db, "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_teacher_counts_come_from_the_profile_and_options_override(cli, registry_db):
    base = ["coverage", "--org", TAYANDY, "--db", registry_db, "--format", "json", "--today", TODAY]
    data = json.loads(cli(*base).stdout)
    assert data["teachers"] == {"total": 24, "involved": 9, "share": "37.5"}
    data = json.loads(cli(*base, "--teachers-involved", "12", "--teachers-total", "30").stdout)
    assert data["teachers"] == {"total": 30, "involved": 12, "share": "40.0"}


@pytest.mark.parametrize("counts, message", [
    ("teachers_total: 20\n", "укажите оба поля"),
    ("teachers_total: 20\nteachers_involved: 21\n", "вовлечённых педагогов (21) больше, чем всего педагогов (20)"),
])
def test_bad_teacher_counts_in_the_profile_are_refused(cli, registry_db, tmp_path, counts, message):
    text = SCHOOL_3.read_text(encoding="utf-8")
    text = text.replace("teachers_total: 12\nteachers_involved: 12\n", counts)
    profile = tmp_path / "school.yaml"
    profile.write_text(text, encoding="utf-8")
    result = cli("coverage", "--org", profile, "--db", registry_db, "--format", "json")
    assert result.exit_code == 2
    assert message in result.stderr and "school.yaml" in result.stderr
    assert not registry_db.exists()


@pytest.fixture
def folder(tmp_path):
    """A folder of profiles: СОШ № 1 (8 required) and a primary-only school (7 required)."""
    target = tmp_path / "district"
    target.mkdir()
    shutil.copy(SCHOOL_1, target / "a-sosh1.yaml")
    text = SCHOOL_3.read_text(encoding="utf-8").replace("levels: [НОО, ООО]", "levels: [НОО]")
    assert "levels: [НОО]" in text
    (target / "b-oosh3.yml").write_text(text, encoding="utf-8")
    return target


def test_ranking_ties_share_a_place_and_the_district_share_is_pooled(cli, registry_db, folder):
    primary = folder / "b-oosh3.yml"
    approve_act(registry_db, "vsoko-regulation", TAYANDY)            # Таяндинская: 2 of 8 = 25.0
    approve_act(registry_db, "disputes-commission", TAYANDY)
    approve_act(registry_db, "vsoko-regulation", SCHOOL_1)       # СОШ № 1: 2 of 8 = 25.0
    approve_act(registry_db, "self-evaluation", SCHOOL_1)
    approve_act(registry_db, "vsoko-regulation", primary)            # ООШ № 3 (НОО only): 1 of 7 = 14.285… → 14.3
    data = district(cli, registry_db, TAYANDY, folder)
    ranking = [(o["place"], o["organization"], o["approved"], o["required"], o["share"]) for o in data["organizations"]]
    assert ranking == [
        (1, "МБОУ «СОШ № 1»", 2, 8, "25.0"),
        (1, "МКОУ «Таяндинская СОШ»", 2, 8, "25.0"),
        (3, "МБОУ «ООШ № 3»", 1, 7, "14.3"),
    ]
    # 5 / 23 = 21.739… % — the pooled share, not the mean of the three shares (21.4)
    assert (data["approved"], data["required"], data["share"]) == (5, 23, "21.7")
    table = cli("coverage", "--district", TAYANDY, folder, "--db", registry_db, "--today", TODAY)
    assert table.exit_code == 0, table.output
    assert f"По району: утверждено и действует 5 из 23 обязательных актов — 21,7{NBSP}%" in table.stdout
    assert "Место" in table.stdout and f"14,3{NBSP}%" in table.stdout


def test_district_share_is_rounded_half_up(cli, registry_db):
    approve_act(registry_db, "vsoko-regulation", SCHOOL_1)       # 1 of 8 and 0 of 8: 1/16 = 6.25 % → 6.3
    data = district(cli, registry_db, TAYANDY, SCHOOL_1)
    assert [(o["place"], o["share"]) for o in data["organizations"]] == [(1, "12.5"), (2, "0.0")]
    assert (data["approved"], data["required"], data["share"]) == (1, 16, "6.3")


def test_the_same_profile_twice_counts_once(cli, registry_db):
    data = district(cli, registry_db, TAYANDY, TAYANDY)
    assert len(data["organizations"]) == 1 and data["required"] == 8


@pytest.mark.parametrize("make_args, message", [
    (lambda tmp: [tmp / "нет.yaml"], "нет такого файла или папки"),
    (lambda tmp: [tmp], "в папке нет профилей"),
    (lambda tmp: [], "перечислите профили"),
    (lambda tmp: [TAYANDY, "--org", TAYANDY], "без --org"),
    (lambda tmp: [TAYANDY, "--format", "docx"], "укажите --authority"),
])
def test_bad_district_input_is_refused(cli, registry_db, tmp_path, make_args, message):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("coverage", "--district", *make_args(empty), "--db", registry_db)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not registry_db.exists()


def test_one_organisation_in_two_profiles_is_refused(cli, registry_db, tmp_path):
    copy = tmp_path / "copy.yaml"
    shutil.copy(TAYANDY, copy)
    result = cli("coverage", "--district", TAYANDY, copy, "--db", registry_db)
    assert result.exit_code == 2
    assert "уже описана в профиле" in result.stderr and "copy.yaml" in result.stderr


def test_profiles_without_district_are_refused(cli, registry_db):
    result = cli("coverage", TAYANDY, "--db", registry_db)
    assert result.exit_code == 2 and "только с --district" in result.stderr
    result = cli("coverage", "--db", registry_db)
    assert result.exit_code == 2 and "--org" in result.stderr


DEPARTMENT = SAMPLES / "district-drozhzhanovsky" / "department.yaml"


def test_a_folder_of_stores_reads_each_school_from_its_own_store(cli, registry_db, tmp_path):
    stores = tmp_path / "базы"
    stores.mkdir()
    approve_act(stores / "tayandy.sqlite", "vsoko-regulation", TAYANDY)
    approve_act(stores / "tayandy.sqlite", "disputes-commission", TAYANDY)
    approve_act(stores / "novo.db", "vsoko-regulation", SCHOOL_1)
    # The same changes in one district store give the same figures.
    approve_act(registry_db, "vsoko-regulation", TAYANDY)
    approve_act(registry_db, "disputes-commission", TAYANDY)
    approve_act(registry_db, "vsoko-regulation", SCHOOL_1)
    (stores / "readme.txt").write_text("not a store", encoding="utf-8")  # other files are ignored
    folder = district(cli, stores, TAYANDY, SCHOOL_1, SCHOOL_3)
    single = district(cli, registry_db, TAYANDY, SCHOOL_1, SCHOOL_3)
    ranking = [(o["place"], o["organization"], o["approved"], o["required"]) for o in folder["organizations"]]
    # ООШ № 3 is in no store: nothing approved yet, but it stays in the denominator.
    assert ranking[:2] == [(1, "МКОУ «Таяндинская СОШ»", 2, 8), (2, "МБОУ «СОШ № 1»", 1, 8)]
    assert ranking[2][1:3] == ("МБОУ «ООШ № 3»", 0)
    assert [o["share"] for o in folder["organizations"]] == [o["share"] for o in single["organizations"]]
    assert (folder["approved"], folder["required"], folder["share"]) == (single["approved"], single["required"],
                                                                         single["share"])


def test_a_school_in_two_stores_or_a_foreign_file_is_refused(cli, tmp_path):
    stores = tmp_path / "базы"
    stores.mkdir()
    approve_act(stores / "a.sqlite", "vsoko-regulation", TAYANDY)
    approve_act(stores / "b.sqlite", "self-evaluation", TAYANDY)
    result = cli("coverage", "--district", TAYANDY, "--db", stores, "--format", "json", "--today", TODAY)
    assert result.exit_code == 2
    assert "есть в нескольких базах: a.sqlite, b.sqlite" in result.stderr
    (stores / "b.sqlite").unlink()
    (stores / "c.db").write_bytes(b"this is not sqlite" * 100)
    result = cli("coverage", "--district", TAYANDY, "--db", stores, "--today", TODAY)
    assert result.exit_code == 2 and "не база данных реестра docgen" in result.stderr and "c.db" in result.stderr
    empty = tmp_path / "пусто"
    empty.mkdir()
    result = cli("coverage", "--district", TAYANDY, "--db", empty, "--today", TODAY)
    assert result.exit_code == 2 and "в папке нет баз данных реестра" in result.stderr


def test_district_report_docx(cli, registry_db, tmp_path):
    import docx

    approve_act(registry_db, "vsoko-regulation", TAYANDY)
    approve_act(registry_db, "disputes-commission", TAYANDY)
    approve_act(registry_db, "vsoko-regulation", SCHOOL_1)
    out = tmp_path / "справки"
    args = ("coverage", "--district", TAYANDY, SCHOOL_1, "--db", registry_db, "--today", TODAY, "--format", "docx",
            "--out", out)
    refused = cli(*args)
    assert refused.exit_code == 2 and "--authority" in refused.stderr and not out.exists()
    result = cli(*args, "--authority", DEPARTMENT)
    assert result.exit_code == 0, result.output
    doc = docx.Document(result.stdout.strip())
    text = [p.text for p in doc.paragraphs]
    assert text[0].startswith("Муниципальное казённое учреждение «Отдел образования")
    assert "СПРАВКА" in text
    # 3 of 16 = 18.75 % → 18,8 % (half-up)
    assert any(f"в 2{NBSP}организациях утверждено и действует 3\u00a0из\u00a016 обязательных" in t and f"18,8{NBSP}%" in t
               for t in text)
    assert len(doc.inline_shapes) == 1
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["Место", "Организация", "Утверждено актов", "Обязательных актов", "Доля"]
    assert rows[1:] == [["1", "МКОУ\u00a0«Таяндинская\u00a0СОШ»", "2", "8", f"25{NBSP}%"],
                        ["2", "МБОУ\u00a0«СОШ\u00a0№\u00a01»", "1", "8", f"12,5{NBSP}%"],
                        ["", "Итого по району", "3", "16", f"18,8{NBSP}%"]]
    assert text[-1] == f"Начальник\tР.Ф.{NBSP}Хайруллин"
    conclusions = text[text.index("Выводы") + 1]
    assert conclusions.startswith(f"Обязательные локальные нормативные акты ВСОКО утверждены в полном объёме ни в одной из 2 "
                                  f"организаций; не в полном объёме{NBSP}— в 2{NBSP}организациях: МКОУ{NBSP}«Таяндинская{NBSP}СОШ» (")
    proposal = text[text.index("Предложения") + 1]
    assert f"срок{NBSP}— до 30.11.2026, ответственные{NBSP}— руководители организаций" in proposal  # 60 days
    single = cli("coverage", "--org", TAYANDY, "--authority", DEPARTMENT, "--db", registry_db)
    assert single.exit_code == 2 and "только со сводкой по району" in single.stderr


def test_a_districts_template_overrides_the_district_report(cli, registry_db, tmp_path):
    import docx


    mine = edited_template(tmp_path / "шаблоны", "district-coverage-report.docx", "Рейтинг организаций",
                           "Рейтинг школ района")
    result = cli("coverage", "--district", TAYANDY, SCHOOL_1, "--db", registry_db, "--today", TODAY, "--format", "docx",
                 "--out", tmp_path / "справки", "--authority", DEPARTMENT, "--templates", mine)
    assert result.exit_code == 0, result.output
    doc = docx.Document(result.stdout.strip())
    assert f"Таблица 1{NBSP}— Рейтинг школ района" in [p.text for p in doc.paragraphs]
    assert [c.text for c in doc.tables[0].rows[-1].cells] == ["", "Итого по району", "0", "16", f"0{NBSP}%"]
