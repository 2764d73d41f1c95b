"""The jury's protocol of the district competition (seed 001) and the orders around it, through
the CLI: the protocol the results order cites is a document of its own, written from the
competition's file (members present, chair and secretary by their roles in the jury, the quorum,
the expert group's protocol heard, the places the results order prints, the vote); a meeting
without a quorum, a stranger among those present, a protocol out of the order of events are
refused with the file and the field named, exit 2 and nothing written. Also: the expert group's
protocol is due before the очный этап, a list with someone known by initials only is headed
«Фамилия, инициалы», and no order introduces an abbreviation inside a cited act's title."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from helpers import SAMPLES, assert_office_checker_clean, body_of, document_text, generate, read_yaml, \
    rows_of, squeeze, write_yaml

FOLDER = SAMPLES / "district-drozhzhanovsky"
SLUG = "competition-jury-protocol"
COMPETITION_GENT = "муниципального конкурса моделей внутренних систем оценки качества образования"


@pytest.fixture
def district(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FOLDER, target)
    return target


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("jury")
    db = out / "journal.sqlite"
    docs = {}
    for slug in (SLUG, "competition-regulation-order", "competition-jury-order", "competition-results-order"):
        result = generate(slug, FOLDER / f"{slug}.yaml", out, "--db", db)
        assert result.result.exit_code == 0, result.result.output
        docs[slug] = result.document
    return docs


def test_the_protocol_is_named_as_the_results_order_cites_it(made):
    assert made[SLUG].name == "Протокол заседания жюри конкурса № 1 от 09.12.2026.docx"
    order = squeeze("\n".join(body_of(made["competition-results-order"])))
    assert "на основании протокола заседания жюри конкурса от 09.12.2026 № 1" in order


@pytest.mark.parametrize("slug", [SLUG, "competition-regulation-order", "competition-jury-order",
                                  "competition-results-order"])
def test_every_document_passes_the_office_checker(made, slug):
    assert_office_checker_clean(made[slug])


def test_the_protocol_header_and_attendance(made):
    body = [squeeze(t) for t in body_of(made[SLUG])]
    # ГОСТ Р 7.0.97: the authority's full name and its abbreviation, ПРОТОКОЛ, date and number, place.
    assert body[0].startswith("Муниципальное казённое учреждение «Отдел образования")
    assert body[1] == "(МКУ «ОО ИК ДМР РТ»)"
    assert body[2:7] == ["ПРОТОКОЛ", f"заседания жюри {COMPETITION_GENT}", "9 декабря 2026 г.\t№ 1",
                         "с. Старое Дрожжаное", "Об определении победителей и призёров конкурса"]
    # Chair and secretary are the jury's (roles in competition.yaml), not typed again.
    assert "Председатель — Э.С. Замалтдинова." in body and "Секретарь — Т.В. Кудряшова." in body
    assert ("Присутствовали: 7 из 7 членов жюри (кворум — не менее двух третей состава жюри, 5 членов; кворум "
            "имеется).") in body
    # The chair is known by initials only: everyone in surname and initials.
    assert ("– Замалтдинова Э.С. — заместитель начальника по учебно-методической работе, МКУ «ОО ИК ДМР РТ» "
            "(председатель жюри);") in body
    assert ("– Ибрагимова Л.А. — доцент кафедры управления в образовании, ГАОУ ДПО «Институт развития образования "
            "Республики Татарстан»;") in body
    assert not any("Лилия Ахатовна" in t for t in body)


def test_the_protocol_hears_the_expert_group_and_decides_the_places_the_order_prints(made):
    body = [squeeze(t) for t in body_of(made[SLUG])]
    text = "\n".join(body)
    heard = body[body.index("СЛУШАЛИ:") + 1]
    assert heard == ("Галиеву А.Р., руководителя экспертной группы, о результатах экспертизы конкурсных материалов и "
                     "оценки защиты моделей в период очного этапа (с 01.12.2026 по 04.12.2026) и о предлагаемых местах "
                     "участников (протокол заседания экспертной группы от 07.12.2026 № 1).")
    assert "1.1. В номинации «Лучшая модель ВСОКО средней общеобразовательной школы»:" in body
    # The schools as the competition's file names them (read from it: a renamed school is renamed here too).
    competition = read_yaml(FOLDER / "competition.yaml")
    school = {p["id"]: squeeze(p["short_name"]) for p in competition["participants"]}
    first, last = competition["results"][0]["places"][0], competition["results"][-1]["places"][-1]
    assert f"– I место (победитель) — {school[first['participant']]};" in body
    assert f"– II место (призёр) — {school[last['participant']]}." in body
    # The same places, in the same order, as the results order.
    order = [squeeze(t) for t in body_of(made["competition-results-order"])]
    places = lambda lines: [t for t in lines if t.startswith("– ") and " место (" in t]
    assert places(body) == places(order) and len(places(body)) == 4
    assert "ГОЛОСОВАЛИ: за — 7, против — 0, воздержались — 0." in text
    assert body[-2:] == ["Председатель жюри\tЭ.С. Замалтдинова", "Секретарь жюри\tТ.В. Кудряшова"]


def test_full_names_when_nobody_is_known_by_initials(district, tmp_path):
    profile = read_yaml(district / "department.yaml")
    profile["staff"][0]["full_name"] = "Замалтдинова Эльвира Салиховна"
    write_yaml(district / "department.yaml", profile)
    protocol = generate(SLUG, district / f"{SLUG}.yaml", tmp_path / "p")
    assert protocol.result.exit_code == 0, protocol.result.output
    body = [squeeze(t) for t in body_of(protocol.document)]
    assert any(t.startswith("– Замалтдинова Эльвира Салиховна — ") for t in body)
    assert any(t.startswith("– Ибрагимова Лилия Ахатовна — ") for t in body)
    order = generate("competition-jury-order", district / "competition-jury-order.yaml", tmp_path / "o",
                     "--db", tmp_path / "j.sqlite")
    assert order.result.exit_code == 0, order.result.output
    jury = rows_of(docx.Document(str(order.document)).tables[0])
    assert jury[0][1] == "Фамилия, имя, отчество" and jury[1][1] == "Замалтдинова Эльвира Салиховна"


def test_a_deputy_chairs_in_the_chairs_absence_and_the_absent_are_named(district, tmp_path):
    competition = read_yaml(district / "competition.yaml")
    competition["jury_protocol"]["present"] = ["khasanova", "kudryashova", "nikolaev", "Галиева А.Р.",
                                               "Ефимов Андрей Николаевич"]
    competition["jury_protocol"]["votes"] = {"against": 1}
    write_yaml(district / "competition.yaml", competition)
    protocol = generate(SLUG, district / f"{SLUG}.yaml", tmp_path / "p")
    assert protocol.result.exit_code == 0, protocol.result.output
    text = squeeze("\n".join(body_of(protocol.document)))
    assert "Председательствующий — заместитель председателя жюри А.М. Хасанова." in text
    assert "Присутствовали: 5 из 7 членов жюри" in text
    assert "Отсутствовали: Замалтдинова Э.С. (заместитель начальника по учебно-методической работе" in text
    assert "ГОЛОСОВАЛИ: за — 4, против — 1, воздержались — 0." in text
    assert "Заместитель председателя жюри\tА.М. Хасанова" in text


def _quorum(competition, data):
    competition["jury_protocol"]["present"] = ["zamaltdinova", "kudryashova", "nikolaev", "khasanova"]


def _stranger(competition, data):
    competition["jury_protocol"]["present"].append("Петров Пётр Петрович")


def _twice(competition, data):
    competition["jury_protocol"]["present"].append("Замалтдинова Э.С.")


def _no_secretary(competition, data):
    competition["jury_protocol"]["present"].remove("kudryashova")


def _votes(competition, data):
    competition["jury_protocol"]["votes"] = {"for": 5, "against": 0, "abstained": 0}


def _no_majority(competition, data):
    competition["jury_protocol"]["votes"] = {"for": 3, "against": 3, "abstained": 1}


def _more_against_than_present(competition, data):
    competition["jury_protocol"]["votes"] = {"against": 4, "abstained": 4}


def _after_the_competition(competition, data):
    competition["jury_protocol"]["date"] = "14.12.2026"


def _two_stages(competition, data):
    competition["stages"] = [competition["stages"][0], competition["stages"][-1]]


def _protocol_without_experts(competition, data):
    competition["experts"], competition["scores"] = [], []


def _before_the_experts(competition, data):
    competition["jury_protocol"]["date"] = "23.11.2026"


def _after_the_order(competition, data):
    competition["jury_protocol"]["date"] = "11.12.2026"


BAD = [
    (_quorum, "competition", "jury_protocol.present",
     "на заседании 4 из 7 членов жюри, а заседание правомочно, если присутствует не менее двух третей состава (5): "
     "кворума нет"),
    (_stranger, "competition", "jury_protocol.present[8]", "«Петров Пётр Петрович» нет в составе жюри (jury)"),
    (_twice, "competition", "jury_protocol.present[8]", "Замалтдинова Э. С. уже указан(а) среди присутствующих"),
    (_no_secretary, "competition", "jury_protocol.present",
     "секретаря жюри нет среди присутствующих: протокол подписывают председатель и секретарь жюри"),
    (_votes, "competition", "jury_protocol.votes", "голосов 5, а на заседании 7 членов жюри"),
    (_more_against_than_present, "competition", "jury_protocol.votes",
     "против 4 и воздержались 4 — больше, чем присутствует (7 членов жюри)"),
    (_two_stages, "competition", "stages", "этапов 2: нужны не меньше трёх — приём заявок, экспертиза (заочный "
                                           "этап) и подведение итогов"),
    (_protocol_without_experts, "competition", "protocol",
     "указан протокол экспертной группы, а экспертной группы (experts) в файле конкурса нет"),
    (_after_the_competition, "competition", "jury_protocol.date",
     "протокол от 14.12.2026 — после окончания этапа «подведение итогов» (11.12.2026)"),
    (_no_majority, "competition", "jury_protocol.votes", "«за» 3 из 7: решение принимается простым большинством"),
    (_before_the_experts, "competition", "jury_protocol.date",
     "протокол жюри от 23.11.2026 раньше протокола экспертной группы от 07.12.2026"),
    (_after_the_order, "results_order", None,
     "протокол заседания жюри от 11.12.2026 позже приказа об итогах от 10.12.2026 № 201"),
]


@pytest.mark.parametrize("edit,field,inner,message", BAD, ids=[b[0].__name__.strip("_") for b in BAD])
def test_bad_meeting_is_refused_naming_file_and_field(district, tmp_path, edit, field, inner, message):
    competition = read_yaml(district / "competition.yaml")
    data = read_yaml(district / f"{SLUG}.yaml")
    edit(competition, data)
    write_yaml(district / "competition.yaml", competition)
    write_yaml(district / f"{SLUG}.yaml", data)
    result, written = generate(SLUG, district / f"{SLUG}.yaml", tmp_path / "out")
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert f"{district / f'{SLUG}.yaml'}: данные не прошли проверку" in output
    assert f"поле «{field}»" in output
    if inner is not None:
        assert "файл конкурса «competition.yaml»" in output and f"поле «{inner}»" in output
    assert " ".join(message.split()) in output, output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.docx"))


def test_check_finds_the_jury_protocol_in_its_own_document(cli, district, tmp_path):
    """Without the expert matrix's file the cited jury protocol is still held: by the protocol's data."""
    db = tmp_path / "journal.sqlite"
    assert cli("journal", "--db", db).exit_code == 0
    (district / "expert-matrix.yaml").unlink()
    result = cli("check", district, "--db", db)
    assert result.exit_code == 0, result.output
    assert "нарушений нет" in result.output


# -- the orders ---------------------------------------------------------------------------------

def test_the_expert_protocol_is_due_after_the_in_person_stage(district, tmp_path):
    """The experts score the defence (the очный этап, 01.12–04.12.2026): their protocol cannot be
    due before it ends — a mark would be dated before what it marks."""
    data = read_yaml(district / "competition-jury-order.yaml")
    data["protocol_due"] = "04.12.2026"
    write_yaml(district / "competition-jury-order.yaml", data)
    result, written = generate("competition-jury-order", district / "competition-jury-order.yaml", tmp_path / "o",
                               "--db", tmp_path / "j.sqlite")
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert "поле «protocol_due»" in output
    assert ("срок протокола экспертной группы 04.12.2026 — не позже окончания этапа «очный этап» (04.12.2026)"
            in output)
    assert not any(p.suffix == ".docx" for p in written)


def test_an_expert_protocol_dated_within_the_in_person_stage_is_refused(district, tmp_path):
    competition = read_yaml(district / "competition.yaml")
    competition["protocol"]["date"] = "02.12.2026"
    write_yaml(district / "competition.yaml", competition)
    result, written = generate("competition-jury-order", district / "competition-jury-order.yaml", tmp_path / "o",
                               "--db", tmp_path / "j.sqlite")
    assert result.exit_code == 2 and not any(p.suffix == ".docx" for p in written)
    output = " ".join(result.output.split())
    assert "competition.yaml" in output and "protocol.date" in output
    assert ("протокол экспертной группы от 02.12.2026 — не позже окончания этапа «очный этап» (04.12.2026)"
            in output)


def test_without_a_due_date_the_expert_protocol_is_due_when_the_summing_up_begins(district, tmp_path):
    data = read_yaml(district / "competition-jury-order.yaml")
    del data["protocol_due"]
    write_yaml(district / "competition-jury-order.yaml", data)
    made = generate("competition-jury-order", district / "competition-jury-order.yaml", tmp_path / "o",
                    "--db", tmp_path / "j.sqlite")
    assert made.result.exit_code == 0, made.result.output
    assert "предлагаемыми местами участников не позднее 07.12.2026." in squeeze(document_text(made.document))


def test_a_default_due_date_within_the_in_person_stage_is_refused_naming_the_default(district, tmp_path):
    """No protocol_due and a summing-up that starts on the очный этап's last day: the default due
    date would fall inside the defence — refused, saying where the date came from."""
    data = read_yaml(district / "competition-jury-order.yaml")
    del data["protocol_due"]
    write_yaml(district / "competition-jury-order.yaml", data)
    competition = read_yaml(district / "competition.yaml")
    competition["stages"][-1]["start"] = "04.12.2026"
    write_yaml(district / "competition.yaml", competition)
    result, written = generate("competition-jury-order", district / "competition-jury-order.yaml", tmp_path / "o",
                               "--db", tmp_path / "j.sqlite")
    assert result.exit_code == 2 and not any(p.suffix == ".docx" for p in written)
    output = " ".join(result.output.split())
    assert ("срок протокола экспертной группы 04.12.2026 (не указан — начало этапа «подведение итогов»; укажите "
            "protocol_due) — не позже окончания этапа «очный этап» (04.12.2026)") in output


def test_an_expert_protocol_dated_after_its_due_date_is_refused(district, tmp_path):
    competition = read_yaml(district / "competition.yaml")
    competition["protocol"]["date"] = "08.12.2026"
    write_yaml(district / "competition.yaml", competition)
    result, _ = generate("competition-jury-order", district / "competition-jury-order.yaml", tmp_path / "o",
                         "--db", tmp_path / "j.sqlite")
    assert result.exit_code == 2
    assert ("срок 07.12.2026 раньше даты протокола экспертной группы в файле конкурса (08.12.2026)"
            in " ".join(result.output.split()))


ABBREVIATION = re.compile(r"\(далее[\s\u00a0]*—[\s\u00a0]*[А-ЯЁA-Z]{2,}\)")
CITED_TITLE = re.compile(r"(?:Положени|Порядк|Порядок|Правил|Регламент|Инструкци)[а-яё]*\s+об?\s[^,;.()«»]*"
                         r"\(далее[^)]*\)[^,;.()«»]*,\s*утвержд", re.IGNORECASE)


def _in_quotes(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("«") > before.count("»")


def test_no_order_introduces_an_abbreviation_inside_a_cited_title(tmp_path):
    """Every order type's sample: «(далее — X)» never inside «…» nor inside an act's title cited as
    approved («Положением о …, утверждённым приказом …»)."""
    from helpers import builtin_engine

    engine = builtin_engine()
    orders = [(slug, sample) for slug, t in sorted(engine.document_types.items()) if t.is_order
              for sample in t.samples]
    assert len(orders) >= 5
    seen = 0
    for n, (slug, sample) in enumerate(orders):
        made = generate(slug, sample, tmp_path / f"o{n}", "--db", tmp_path / f"j{n}.sqlite")
        assert made.result.exit_code == 0, made.result.output
        for line in body_of(made.document):
            for match in ABBREVIATION.finditer(line):
                seen += 1
                assert not _in_quotes(line, match.start()), f"{slug}: {line}"
            assert not CITED_TITLE.search(line), f"{slug}: {line}"
    assert seen >= 1  # the rule still introduces abbreviations where it should


def test_the_results_order_leaves_the_regulations_title_as_cited(made):
    preamble = next(squeeze(t) for t in body_of(made["competition-results-order"]) if t.startswith("В соответствии"))
    assert preamble.startswith("В соответствии с Положением о муниципальном конкурсе моделей внутренних систем "
                               "оценки качества образования, утверждённым приказом")
    assert "далее" not in preamble
