"""The order approving local acts of the catalogue, generated through the CLI and read back as the
office would: one act and a package, the councils' protocols named once each, items, dative names,
the earlier order repealed, the acquaintance sheet; bad input refused before a number is taken."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from helpers import (
    NB_HYPHEN, NBSP, SAMPLES, assert_office_checker_clean, body_of, generate, read_yaml, rows_of,
    sample_document, write_yaml,
)

TYPE = "act-approval-order"
SAMPLE = SAMPLES / "tayandinskaya" / "act-approval-order.yaml"
LAW = f"Федерального закона от 29.12.2012 №{NBSP}273{NB_HYPHEN}ФЗ «Об образовании в Российской Федерации»"
BONDARENKO = f"Заместителю директора по учебно-воспитательной работе Бондаренко{NBSP}О.Н."
SOKOLOV = f"Учителю информатики Соколову{NBSP}И.Д."


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """The sample order (three acts), generated once for the module's read-only tests."""
    return sample_document(tmp_path_factory, TYPE, SAMPLE)


def sample_with(folder: Path, name: str = "order.yaml", **changes) -> Path:
    """The sample's data in ``folder`` (a copy of the Таяндинская sample) with ``changes`` applied
    (None removes a field)."""
    data = read_yaml(SAMPLE)
    data.update(changes)
    return write_yaml(folder / name, {k: v for k, v in data.items() if v is not None})


def items_of(path: Path) -> list[str]:
    """The numbered items after «ПРИКАЗЫВАЮ:» up to the signature."""
    body = body_of(path)
    start = body.index("ПРИКАЗЫВАЮ:") + 1
    return [t for t in body[start:] if re.match(r"^\d+(\.\d+)*\. ", t)]


def preamble_of(path: Path) -> str:
    body = body_of(path)
    return body[body.index("ПРИКАЗЫВАЮ:") - 1]


# -- the sample: a package of three acts ------------------------------------------------------------

def test_file_name_and_requisites(package):
    assert package.name == "Приказ об утверждении локальных нормативных актов № 131-од от 11.12.2026.docx"
    body = body_of(package)
    assert body[2] == "ПРИКАЗ"
    assert body[3] == f"11 декабря 2026{NBSP}г.\t№{NBSP}131-од"
    assert body[4] == f"с.{NBSP}Таянды"
    assert body[5] == ("Об утверждении локальных нормативных актов по вопросам внутренней системы оценки качества "
                       "образования")
    assert f"Директор\tС.В.{NBSP}Ермакова" in body


def test_preamble_names_each_protocol_once(package):
    # Two acts were taken to both councils and all three to one meeting of the pedagogical council:
    # every protocol is named once, in the singular.
    assert preamble_of(package) == (
        f"В соответствии с пунктом{NBSP}1 части{NBSP}3 статьи{NBSP}28, частью{NBSP}3 статьи{NBSP}30 {LAW}, "
        f"на основании решения педагогического совета (протокол от 03.12.2026 №{NBSP}3), с учётом мнения совета "
        f"обучающихся (протокол от 02.12.2026 №{NBSP}2) и совета родителей (законных представителей) "
        f"несовершеннолетних обучающихся (протокол от 02.12.2026 №{NBSP}2)")


def test_items_of_the_package(package):
    items = items_of(package)
    assert [t.split(" ")[0] for t in items] == ["1.", "1.1.", "1.2.", "1.3.", "2.", "3.", "4.", "5.", "6."]
    assert items[0] == "1. Утвердить прилагаемые локальные нормативные акты:"
    assert items[1] == "1.1. Положение о внутренней системе оценки качества образования (ВСОКО);"
    assert items[2] == "1.2. Положение о внутреннем мониторинге качества образования;"
    assert items[3] == "1.3. Положение о порядке проведения самообследования."
    assert items[4] == ("2. Ввести в действие локальные нормативные акты, утверждённые пунктом\u00a01 настоящего "
                        "приказа, с 14.12.2026.")
    # The previous edition of the self-evaluation regulation (acts.csv: 41-од of 28.03.2019).
    assert items[5] == (f"3. Признать утратившим силу приказ МКОУ\u00a0«Таяндинская\u00a0СОШ» от 28.03.2019 "
                        f"№{NBSP}41-од «Об утверждении Положения о порядке проведения самообследования».")
    assert items[6] == (f"4. {SOKOLOV} разместить утверждённые локальные нормативные акты на официальном сайте "
                        "МКОУ\u00a0«Таяндинская\u00a0СОШ» в срок до 18.12.2026.")
    assert items[7] == (f"5. {BONDARENKO} в соответствии со статьёй{NBSP}22 Трудового кодекса Российской Федерации "
                        "ознакомить работников с утверждёнными локальными нормативными актами под подпись в срок "
                        "до 25.12.2026.")
    assert items[8] == "6. Контроль за исполнением приказа оставляю за собой."
    # The acts are separate documents with their own grif: no annex is cited by number.
    assert "(приложение" not in "\n".join(body_of(package))


def test_acquaintance_sheet_lists_the_people_the_order_charges(package):
    document = docx.Document(str(package))
    assert "С приказом ознакомлены:" in body_of(package)
    rows = rows_of(document.tables[-1])
    assert rows[0] == ["№ п/п", "Фамилия, инициалы", "Должность", "Подпись", "Дата"]
    assert [r[1:3] for r in rows[1:]] == [
        [f"Соколов{NBSP}И.Д.", "Учитель информатики"],
        [f"Бондаренко{NBSP}О.Н.", "Заместитель директора по учебно-воспитательной работе"],
    ]


def test_the_sample_passes_the_office_checker(package):
    assert_office_checker_clean(package, "--level", "2")


# -- one act, a package with different protocols -----------------------------------------------------

ATTESTATION = {
    "act": "assessment-and-attestation",
    "council": {"date": "03.12.2026", "number": 3},
    "students_council": {"date": "02.12.2026", "number": 2},
    "parents_council": {"date": "01.12.2026", "number": "4"},
    "replaces": {"date": "30.08.2024", "number": 56},
}


def test_one_act(sample_dir, tmp_path):
    data = sample_with(sample_dir, acts=[ATTESTATION], effective=None, control="zaichenko", executor=None)
    path = generate(TYPE, data, tmp_path / "out").document
    title = ("Положения о формах, периодичности и порядке текущего контроля успеваемости и промежуточной "
             "аттестации обучающихся")
    assert path.name == "Приказ об утверждении локального нормативного акта № 131-од от 11.12.2026.docx"
    assert body_of(path)[5] == f"Об утверждении {title}"
    assert preamble_of(path).endswith(
        f"(протокол от 03.12.2026 №{NBSP}3), с учётом мнения совета обучающихся (протокол от 02.12.2026 №{NBSP}2) и "
        f"совета родителей (законных представителей) несовершеннолетних обучающихся (протокол от 01.12.2026 "
        f"№{NBSP}4)")
    items = items_of(path)
    assert [t.split(" ")[0] for t in items] == ["1.", "2.", "3.", "4.", "5.", "6."]
    # «Положение» is neuter: «прилагаемое»; the only act is not numbered 1.1.
    assert items[0] == ("1. Утвердить прилагаемое Положение о формах, периодичности и порядке текущего контроля "
                        "успеваемости и промежуточной аттестации обучающихся.")
    assert items[1] == "2. Ввести в действие Положение с 11.12.2026."  # no «effective»: the order's date
    assert items[2] == (f"3. Признать утратившим силу приказ МКОУ\u00a0«Таяндинская\u00a0СОШ» от 30.08.2024 "
                        f"№{NBSP}56-од «Об утверждении {title}».")
    assert items[3].startswith(f"4. {SOKOLOV} разместить Положение на официальном сайте")
    assert "ознакомить работников с Положением под подпись в срок до 25.12.2026." in items[4]
    assert items[5] == ("6. Контроль за исполнением приказа возложить на заместителя директора по воспитательной "
                        f"работе Зайченко{NBSP}Н.И.")
    rows = rows_of(docx.Document(str(path)).tables[-1])
    assert [r[1] for r in rows[1:]] == [f"Соколов{NBSP}И.Д.", f"Бондаренко{NBSP}О.Н.", f"Зайченко{NBSP}Н.И."]
    assert_office_checker_clean(path, "--level", "2")


def test_package_with_different_protocols(sample_dir, tmp_path):
    acts = [
        # Adopted in October with the pupils' council's opinion only (a customary act: not required).
        {"act": "individual-project", "council": {"date": "28.10.2026", "number": 2},
         "students_council": {"date": "20.10.2026", "number": 1}},
        {"act": "internal-control", "council": {"date": "03.12.2026", "number": 3}},
        {"act": "internal-monitoring", "council": {"date": "03.12.2026", "number": 3}},
    ]
    path = generate(TYPE, sample_with(sample_dir, acts=acts), tmp_path / "out").document
    assert preamble_of(path).endswith(
        f"на основании решений педагогического совета (протоколы от 28.10.2026 №{NBSP}2, от 03.12.2026 №{NBSP}3), "
        f"с учётом мнения совета обучающихся (протокол от 20.10.2026 №{NBSP}1)")
    items = items_of(path)
    assert items[1:4] == ["1.1. Положение об индивидуальном проекте обучающихся;",
                          "1.2. Положение о внутришкольном контроле (ВШК);",
                          "1.3. Положение о внутреннем мониторинге качества образования."]
    assert not any("утратившим" in t for t in items)  # nothing replaced: publication is item 3
    assert items[5].startswith(f"3. {SOKOLOV} разместить")
    assert items[7] == "5. Контроль за исполнением приказа оставляю за собой."
    assert_office_checker_clean(path, "--level", "2")


def test_no_opinion_taken_cites_no_article_30(sample_dir, tmp_path):
    acts = [{"act": "internal-control", "council": {"date": "03.12.2026", "number": 3}},
            # A law-level act the school declares not to touch pupils' rights needs no opinion.
            {"act": "disputes-commission", "students_rights": False, "council": {"date": "03.12.2026", "number": 3}}]
    path = generate(TYPE, sample_with(sample_dir, acts=acts), tmp_path / "out").document
    assert preamble_of(path) == (
        f"В соответствии с пунктом{NBSP}1 части{NBSP}3 статьи{NBSP}28 {LAW}, на основании решения педагогического "
        f"совета (протокол от 03.12.2026 №{NBSP}3)")


# -- bad input: a Russian message naming the field, exit 2, nothing written, no number taken --------

def _act(**changes) -> dict:
    return {**ATTESTATION, **changes}


@pytest.mark.parametrize("acts, field, message", [
    ([_act(act="vsoko-regulaton")], "acts[1].act",
     "акта с кодом «vsoko-regulaton» нет в каталоге актов (registries/vsoko.yaml"),
    ([{"act": "internal-control", "council": {"date": "03.12.2026", "number": 3}},
      {"act": "internal-control", "council": {"date": "03.12.2026", "number": 3}}], "acts[2].act",
     "акт «internal-control» уже указан в acts[1]: один акт утверждается приказом один раз"),
    ([_act(council={"date": "14.12.2026", "number": 3})], "acts[1].council.date",
     "протокол педагогического совета от 14.12.2026 позже даты приказа (11.12.2026)"),
    ([_act(parents_council=None)], "acts[1].parents_council",
     "акт затрагивает права обучающихся (закон требует его прямо — уровень law в каталоге"),
    ([_act(students_council=None)], "acts[1].students_council", "нужен протокол совета обучающихся"),
    ([_act(students_council={"date": "04.12.2026", "number": 2})], "acts[1].students_council.date",
     "протокол совета обучающихся от 04.12.2026 позже протокола педагогического совета от 03.12.2026"),
    ([_act(replaces={"date": "11.12.2026", "number": 130})], "acts[1].replaces.date",
     "прежний приказ от 11.12.2026 не раньше этого приказа"),
    ([], "acts", "ожидается не меньше 1"),
])
def test_bad_acts(sample_dir, tmp_path, journal_db, acts, field, message):
    data = read_yaml(SAMPLE)
    data["acts"] = [{k: v for k, v in act.items() if v is not None} for act in acts]
    del data["number"]  # the journal would give one
    result, written = generate(TYPE, write_yaml(sample_dir / "approval.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "approval.yaml" in result.output
    assert f"поле «{field}»" in result.output and message in result.output, result.output
    assert not journal_db.exists()  # no number taken


@pytest.mark.parametrize("change, field, message", [
    ({"effective": "10.12.2026"}, "effective", "акты вводятся в действие с 10.12.2026 — раньше даты приказа"),
    ({"publish": {"person": "sokolov", "deadline": "01.12.2026"}}, "publish.deadline",
     "срок 01.12.2026 раньше даты приказа (11.12.2026)"),
    ({"acquaint": {"person": "ivanov", "deadline": "25.12.2026"}}, "acquaint.person", "«ivanov» нет в штатном списке"),
    ({"acquaint": None}, "acquaint", ""),
])
def test_bad_order_fields(sample_dir, tmp_path, journal_db, change, field, message):
    data = sample_with(sample_dir, "approval.yaml", number=None, **change)
    result, written = generate(TYPE, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert f"поле «{field}»" in result.output and message in result.output, result.output
    assert not journal_db.exists()


# -- the registry: `docgen check` reads what the order approves ------------------------------------

def _registry(cli, sample_dir, db):
    result = cli("acts", "import", sample_dir / "acts.csv", "--org", sample_dir / "organization.yaml", "--db", db,
                 "--today", "30.11.2026")
    assert result.exit_code == 0, result.output


def test_check_holds_when_the_registry_records_this_order(cli, sample_dir, tmp_path):
    db = tmp_path / "registry.sqlite"
    _registry(cli, sample_dir, db)
    for step in (["принят"], ["утверждён", "--order", "131-од", "--date", "11.12.2026"]):
        result = cli("acts", "set", "vsoko-regulation", *step, "--org", sample_dir / "organization.yaml",
                     "--db", db, "--today", "11.12.2026")
        assert result.exit_code == 0, result.output
    result = cli("check", sample_dir, "--db", db)
    assert result.exit_code == 0, result.output
    assert "нарушений нет" in result.output


def test_check_refuses_an_act_this_order_does_not_approve(cli, sample_dir, tmp_path):
    db = tmp_path / "registry.sqlite"
    _registry(cli, sample_dir, db)
    for step in (["принят"], ["утверждён", "--order", "131-од", "--date", "11.12.2026"]):
        result = cli("acts", "set", "internal-control", *step, "--org", sample_dir / "organization.yaml",
                     "--db", db, "--today", "11.12.2026")
        assert result.exit_code == 0, result.output
    result = cli("check", sample_dir, "--db", db)
    assert result.exit_code != 0
    assert "act-approval-order.yaml: поле «number»" in result.output
    assert "этот приказ такого акта не утверждает" in result.output


def test_check_wants_the_earlier_approving_order_repealed(cli, sample_dir, tmp_path):
    """The registry holds the self-evaluation regulation as approved by 41-од of 28.03.2019: a new
    edition names that order in «replaces», and names it as the registry does."""
    db = tmp_path / "registry.sqlite"
    _registry(cli, sample_dir, db)
    order = sample_dir / "act-approval-order.yaml"
    data = read_yaml(order)
    data["acts"][2].pop("replaces")
    write_yaml(order, data)
    result = cli("check", sample_dir, "--db", db)
    assert result.exit_code != 0
    assert ("act-approval-order.yaml: поле «acts[3].replaces»: по реестру акт «Положение о порядке проведения "
            "самообследования» уже утверждён приказом № 41-од от 28.03.2019") in result.output
    data["acts"][2]["replaces"] = {"date": "28.03.2019", "number": 40}
    write_yaml(order, data)
    result = cli("check", sample_dir, "--db", db)
    assert result.exit_code != 0
    assert "указан приказ № 40-од от 28.03.2019, а по реестру" in result.output
