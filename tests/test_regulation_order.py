"""The order approving the regulation of work on improving ВСОКО, generated through the CLI and
read back as the office would: requisites, items, the grif, the regulation table, the
acquaintance sheet, bad input, and activities derived from the registry of acts."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT

from helpers import (
    NBSP, SAMPLES, assert_office_checker_clean, edited_template, generate, read_yaml, rows_of, sample_document,
    texts, write_yaml,
)

TYPE = "regulation-order"
# The sample with its activities listed inline (the Таяндинская sample takes them from plan.yaml:
# tests/test_plan_file.py); a test writes its edited copy beside the profile.
SAMPLE = SAMPLES / "tayandinskaya" / "inline" / "regulation-order.yaml"
PROFILE = SAMPLES / "tayandinskaya" / "organization.yaml"
HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный исполнитель", "Соисполнители", "Результат (продукт)"]
BONDARENKO = f"Бондаренко{NBSP}О.Н., заместитель директора по учебно-воспитательной работе"


def read_sample() -> dict:
    return {**read_yaml(SAMPLE), "organization": "organization.yaml"}


@pytest.fixture(scope="module")
def order(tmp_path_factory) -> Path:
    """The sample order, generated once for the module's read-only tests."""
    return sample_document(tmp_path_factory, TYPE, SAMPLE)


def test_listed_among_types(cli):
    result = cli("types")
    assert result.exit_code == 0 and "regulation-order" in result.output


def test_file_name_is_descriptive(order):
    assert order.name == ("Приказ об утверждении регламента работы по совершенствованию ВСОКО № 105-од "
                          "от 28.08.2026.docx")


def test_requisites_and_preamble(order):
    body = [t for t in texts(order) if t.strip()]
    assert body[0] == ("Муниципальное казённое общеобразовательное учреждение "
                       "«Таяндинская средняя общеобразовательная школа»")
    assert body[1] == "(МКОУ\u00a0«Таяндинская\u00a0СОШ»)"
    assert body[2] == "ПРИКАЗ"
    assert body[3] == f"28 августа 2026{NBSP}г.\t№{NBSP}105-од"
    assert body[4] == f"с.{NBSP}Таянды"
    assert body[5] == ("Об утверждении регламента работы по совершенствованию внутренней системы оценки качества "
                       "образования")
    assert body[6].startswith(
        f"В соответствии с пунктом{NBSP}13 части{NBSP}3 статьи{NBSP}28 Федерального закона от 29.12.2012 №{NBSP}273\u2011ФЗ "
        "«Об образовании в Российской Федерации», Порядком проведения самообследования образовательной "
        "организацией, утверждённым приказом Министерства образования и науки Российской Федерации "
        f"от 14.06.2013 №{NBSP}462, решением педагогического совета (протокол от 27.08.2026 №{NBSP}1) о "
        f"совершенствовании внутренней системы оценки качества образования (далее{NBSP}— ВСОКО), Программой "
        "развития образовательной организации (раздел о мерах по развитию ВСОКО), в целях обеспечения "
        "системности и комплексности функционирования ВСОКО")
    assert body[7] == "ПРИКАЗЫВАЮ:"


def test_items(order):
    body = texts(order)
    items = [t for t in body if re.match(r"^\d+\. ", t)]
    assert items == [
        "1. Утвердить регламент работы по совершенствованию внутренней системы оценки качества образования "
        "(приложение).",  # the only annex is not numbered (ГОСТ Р 7.0.97)
        "2. Ответственным исполнителям обеспечить выполнение мероприятий регламента в установленные сроки.",
        f"3. Заместителю директора по учебно-воспитательной работе Бондаренко{NBSP}О.Н. осуществлять мониторинг "
        "выполнения мероприятий регламента и ежемесячно информировать директора о ходе и результатах их выполнения.",
        "4. Контроль за исполнением приказа оставляю за собой.",
    ]
    assert f"Директор\tС.В.{NBSP}Ермакова" in body


def test_annex_mark_and_grif(order):
    document = docx.Document(str(order))
    body = texts(order)
    mark = body.index("Приложение")
    assert "Приложение 1" not in body
    assert body[mark:mark + 6] == [
        "Приложение", "УТВЕРЖДЕН", "приказом МКОУ\u00a0«Таяндинская\u00a0СОШ»", f"от 28.08.2026 №{NBSP}105-од",
        "Регламент", "работы по совершенствованию внутренней системы оценки качества образования",
    ]
    # The annex starts a landscape section on a new page; the acquaintance sheet is portrait again.
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE,
                                                          WD_ORIENT.PORTRAIT]
    assert round(document.sections[1].page_width.mm) == 297


def test_regulation_table(order):
    rows = rows_of(docx.Document(str(order)).tables[0])
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 10)]
    assert rows[1] == [
        "1", "Создать рабочую группу по совершенствованию ВСОКО, утвердить её состав и план-график (дорожную карту) "
        "работы", f"до{NBSP}01.09.2026", BONDARENKO, f"Зайченко{NBSP}Н.И.",
        "Приказ о создании рабочей группы; план-график работы рабочей группы",
    ]
    assert rows[2][2] == f"01.09.2026{NBSP}– 01.10.2026"
    assert rows[2][4] == f"Зайченко{NBSP}Н.И., Белых{NBSP}И.С."
    assert rows[3][1].startswith("Разработать (скорректировать) проекты локальных нормативных актов")
    assert rows[3][3] == f"Зайченко{NBSP}Н.И., заместитель директора по воспитательной работе"
    assert rows[3][4] == (f"Ёлкина{NBSP}А.С., Мамедов{NBSP}Р.А., Петрова-Водкина{NBSP}М.А., Ткач{NBSP}Н.П.")
    # Posting the drafts (Соколов, as in order 112 and plan 5.2), then the pedagogical council's review
    # after the discussion (as in plan 2.4), then the final edit and approval.
    assert rows[4][1].startswith("Разместить проекты локальных нормативных актов ВСОКО для общественного обсуждения")
    assert rows[4][3] == f"Соколов{NBSP}И.Д., учитель информатики" and rows[4][4] == f"Зайченко{NBSP}Н.И."
    assert rows[4][2] == f"23.11.2026{NBSP}– 01.12.2026" and rows[5][2] == f"02.12.2026{NBSP}– 04.12.2026"
    assert rows[7][1].startswith("Организовать постоянно действующий методический семинар")  # as plan 3.1
    assert rows[7][2] == rows[8][2] == "ежемесячно"
    assert rows[9][2] == f"17.05.2027{NBSP}– 31.05.2027"
    assert rows[9][5] == "Аналитическая справка; протокол заседания педагогического совета"
    for row in rows[1:]:
        assert re.fullmatch(rf"(до{NBSP})?\d\d\.\d\d\.\d{{4}}|\d\d\.\d\d\.\d{{4}}{NBSP}– \d\d\.\d\d\.\d{{4}}|ежемесячно",
                            row[2]), row[2]
        assert not row[1].endswith(".") and row[1][0].isupper() and row[5][0].isupper()


def test_acquaintance_sheet_lists_everyone_named(order):
    document = docx.Document(str(order))
    assert "С приказом ознакомлены:" in texts(order)
    rows = rows_of(document.tables[1])
    assert rows[0] == ["№ п/п", "Фамилия, инициалы", "Должность", "Подпись", "Дата"]
    names = [r[1] for r in rows[1:]]
    # the coordinator first, then everyone in the order the regulation names them; never the director
    assert names == [f"{n}{NBSP}{i}" for n, i in [
        ("Бондаренко", "О.Н."), ("Зайченко", "Н.И."), ("Белых", "И.С."), ("Ёлкина", "А.С."), ("Мамедов", "Р.А."),
        ("Петрова-Водкина", "М.А."), ("Ткач", "Н.П."), ("Соколов", "И.Д."), ("Кузнецова", "Т.И."),
    ]]
    assert rows[9][2] == "Советник директора по воспитанию"


def test_office_checker_finds_no_errors(order):
    assert_office_checker_clean(order)


def test_control_by_a_deputy_and_terms_of_every_kind(sample_dir, tmp_path):
    data = read_sample()
    data.update(control="zaichenko", reporting="ежеквартально", number="7-од", activities=[
        {"action": "провести аудит.", "start": "01.09.2026", "end": "01.09.2026", "responsible": "belykh",
         "result": "справка."},
        {"action": "подвести итоги", "term": "в течение учебного года", "responsible": "Ткач Наталья Петровна",
         "co_executors": [], "result": "протокол"},
    ])
    document = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out").document
    body = texts(document)
    items = [t for t in body if re.match(r"^\d+\. ", t)]
    assert items[2].endswith("и ежеквартально информировать директора о ходе и результатах их выполнения.")
    assert items[3] == (f"4. Контроль за исполнением приказа возложить на заместителя директора по воспитательной "
                        f"работе Зайченко{NBSP}Н.И.")
    rows = rows_of(docx.Document(str(document)).tables[0])
    assert rows[1] == ["1", "Провести аудит", "01.09.2026", f"Белых{NBSP}И.С., педагог-психолог", "—", "Справка"]
    assert rows[2][2:5] == ["в течение учебного года", f"Ткач{NBSP}Н.П., учитель-логопед", "—"]


@pytest.mark.parametrize("change, field, message", [
    ({"start": "01.10.2026", "end": "15.09.2026"}, "activities[2].end",
     "окончание 15.09.2026 раньше начала 01.10.2026"),
    ({"responsible": "Сидоров Пётр Петрович"}, "activities[2].responsible",
     "«Сидоров Пётр Петрович» нет в штатном списке"),
    ({"co_executors": ["belykh", "ivanov"]}, "activities[2].co_executors[2]", "«ivanov» нет в штатном списке"),
    ({"end": None, "start": None}, "activities[2].end", "не указан срок"),
    ({"term": "ежемесячно"}, "activities[2].term", "либо срок словами (term), либо даты"),
    ({"co_executors": ["bondarenko"]}, "activities[2].co_executors[1]", "указан и среди соисполнителей"),
    ({"co_executors": ["belykh", "belykh"]}, "activities[2].co_executors[2]", "соисполнитель указан дважды"),
])
def test_bad_activity(sample_dir, tmp_path, change, field, message):
    data = read_sample()
    activity = data["activities"][1]
    activity.update(change)
    for key in [k for k, v in change.items() if v is None]:
        del activity[key]
    result, written = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "regulation.yaml" in result.output
    assert f"поле «{field}»" in result.output and message in result.output


def test_activity_due_before_the_order_and_no_activities(sample_dir, tmp_path):
    data = read_sample()
    data["activities"][0]["end"] = "01.08.2026"
    result, written = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    # A check across fields (an activity's end and the order's date) blames the activity's end.
    assert "поле «activities[1].end» (окончание выполнения (срок)): срок мероприятия (01.08.2026) раньше даты " \
           "приказа" in result.output
    data["activities"] = []
    result, written = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "в регламенте нет мероприятий" in result.output


# -- activities derived from the registry of acts -------------------------------------------------

def _set(cli, db, act, *steps, today="01.08.2026"):
    for step in steps:
        result = cli("acts", "set", act, *step, "--org", PROFILE, "--db", db, "--today", today)
        assert result.exit_code == 0, result.output


def test_activities_from_the_registry(cli, sample_dir, tmp_path, in_test_folder):
    db = sample_dir / "registry.sqlite"
    approved = ["утверждён", "--order", "50-од", "--date", "01.03.2019"]
    _set(cli, db, "vsoko-regulation", ["в разработке", "--responsible", "Зайченко Никита Ильич"])
    _set(cli, db, "self-evaluation", ["в разработке"], ["принят"], approved)  # review period of 5 years has run out
    _set(cli, db, "pedagogical-council", ["в разработке"], ["принят"])
    _set(cli, db, "assessment-and-attestation", ["в разработке"], ["принят"],
         ["утверждён", "--order", "70-од", "--date", "01.06.2026"])  # approved and current: no activity
    data = read_sample()
    data["activities"] = data["activities"][:2]
    data["from_registry"] = {"db": "registry.sqlite", "responsible": "bondarenko", "deadline": "01.12.2026",
                             "after": 1}
    document = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out").document
    rows = rows_of(docx.Document(str(document)).tables[0])
    actions = [r[1] for r in rows[1:]]
    assert actions[0].startswith("Создать рабочую группу") and actions[-1].startswith("Провести внутренний аудит")
    derived = rows[2:-1]
    assert [r[1] for r in derived] == [
        "Разработать Положение о внутренней системе оценки качества образования (ВСОКО)",
        "Разработать Положение об индивидуальном учёте результатов освоения обучающимися образовательных программ "
        "и поощрений, хранении в архивах информации об этих результатах и поощрениях",
        "Актуализировать Положение о порядке проведения самообследования",
        "Утвердить Положение о педагогическом совете",
        "Разработать Положение о комиссии по урегулированию споров между участниками образовательных отношений",
        "Разработать Положение об индивидуальном проекте обучающихся",
        "Разработать Программу развития образовательной организации (раздел о мерах по развитию ВСОКО)",
    ]
    assert all(r[2] == f"до{NBSP}01.12.2026" and r[4] == "—" for r in derived)
    assert derived[0][3] == f"Зайченко{NBSP}Н.И., заместитель директора по воспитательной работе"  # from the registry
    assert derived[1][3] == BONDARENKO  # the default
    assert derived[0][5] == "Приказ об утверждении Положения о внутренней системе оценки качества образования (ВСОКО)"
    assert derived[2][5] == "Приказ об утверждении новой редакции Положения о порядке проведения самообследования"
    assert derived[6][5] == ("Приказ об утверждении Программы развития образовательной организации "
                             "(раздел о мерах по развитию ВСОКО)")


def test_registry_database_missing(sample_dir, tmp_path):
    data = read_sample()
    data["from_registry"] = {"db": "nowhere.sqlite", "responsible": "bondarenko", "deadline": "01.12.2026"}
    result, written = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «from_registry.db»" in result.output and "файла базы реестра нет" in result.output
    assert not (sample_dir / "nowhere.sqlite").exists()


@pytest.mark.parametrize("spec, field, message", [
    ({"deadline": "01.08.2026"}, "from_registry.deadline (срок разработки актов)",
     "срок разработки актов из реестра раньше даты приказа"),
    ({"after": 9}, "from_registry.after (место в регламенте)", "мероприятий в activities 2, а указано место после 9-го"),
], ids=["deadline-before-order", "after-too-far"])
def test_registry_checks_name_their_field(sample_dir, tmp_path, spec, field, message):
    data = read_sample()
    data["activities"] = data["activities"][:2]
    (sample_dir / "registry.sqlite").touch()
    data["from_registry"] = {"db": "registry.sqlite", "responsible": "bondarenko", "deadline": "01.12.2026", **spec}
    result, written = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    name = field.split(" ")[0]
    assert f"поле «{name}» {field[len(name) + 1:]}: {message}" in result.output, result.output


def test_registry_rows_are_worded_by_the_template(cli, sample_dir, tmp_path, in_test_folder):
    """A district rewords the rows derived from the registry in its copy of the template."""
    _set(cli, sample_dir / "registry.sqlite", "vsoko-regulation", ["в разработке"])
    mine = edited_template(tmp_path / "mine", "regulation-order.docx", "Разработать", "Подготовить и принять")
    data = read_sample()
    data["activities"] = data["activities"][:1]
    data["from_registry"] = {"db": "registry.sqlite", "responsible": "bondarenko", "deadline": "01.12.2026"}
    document = generate(TYPE, write_yaml(sample_dir / "regulation.yaml", data), tmp_path / "out",
                        "--templates", mine).document
    rows = rows_of(docx.Document(str(document)).tables[0])
    assert rows[2][1] == "Подготовить и принять Положение о внутренней системе оценки качества образования (ВСОКО)"


def test_registry_without_db_is_the_one_the_schools_docgen_yaml_names(cli, sample_dir, tmp_path, in_test_folder):
    """No `from_registry.db`: the acts are read from the school's store (the `db` of the docgen.yaml
    beside its profile), the one `docgen acts --org` writes — not from a store of the user's data
    folder made up on the spot, which would list every act as never started."""
    (sample_dir / "docgen.yaml").write_text("db: школа.sqlite\n", encoding="utf-8")
    profile = sample_dir / "organization.yaml"
    for step in (["в разработке"], ["принят"], ["утверждён", "--order", "70-од", "--date", "01.06.2026"]):
        result = cli("acts", "set", "vsoko-regulation", *step, "--org", profile, "--today", "01.08.2026")
        assert result.exit_code == 0, result.output
    data = read_sample()
    data["from_registry"] = {"responsible": "bondarenko", "deadline": "01.12.2026"}
    data.pop("basis")  # the sample's basis (the development programme) is not approved in this store
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data_file = write_yaml(sample_dir / "regulation.yaml", data)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(elsewhere)  # any folder: the school's store is found through its profile
        document = generate(TYPE, data_file, tmp_path / "out").document
    actions = [r[1] for r in rows_of(docx.Document(str(document)).tables[0])[1:]]
    assert "Разработать Положение о внутренней системе оценки качества образования (ВСОКО)" not in actions
    assert "Разработать Положение о педагогическом совете" in actions  # still to do in the school's store
    assert not list((tmp_path / "user-data").rglob("*.sqlite"))  # no second store was made up
