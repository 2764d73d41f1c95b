"""The district competition of seed 001 from order to results, through the CLI: one competition
data file feeds the Положение, the three orders of the education authority (approving the
Положение, forming the jury and the expert group, on the results) and the expert matrix; the
documents are read back as a district office reads them; `docgen check` ties the Положение's grif
to its approving order and the results order to the expert protocol; bad input is refused with
the file and the field named, exit 2 and nothing written."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import docx
import pytest

from helpers import NBSP, SAMPLES, assert_office_checker_clean, body_of, document_text, generate, read_yaml, rows_of, \
    squeeze, write_yaml

FOLDER = SAMPLES / "district-drozhzhanovsky"
ORDERS = ("competition-regulation-order", "competition-jury-order", "competition-results-order")
SHORT = "МКУ\u00a0«ОО\u00a0ИК\u00a0ДМР\u00a0РТ»"
COMPETITION_LOCT = "муниципальном конкурсе моделей внутренних систем оценки качества образования"
COMPETITION_GENT = "муниципального конкурса моделей внутренних систем оценки качества образования"


@pytest.fixture
def district(tmp_path) -> Path:
    """A writable copy of the district's sample folder (profiles, competition, orders)."""
    target = tmp_path / "data"
    shutil.copytree(FOLDER, target)
    return target


@pytest.fixture
def db(tmp_path, cli) -> Path:
    """An empty journal and registry of acts (what `docgen check` reads)."""
    path = tmp_path / "journal.sqlite"
    assert cli("journal", "--db", path).exit_code == 0
    return path


def journal_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT number, order_date, doc_type FROM order_journal ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict[str, Path]:
    """The four competition documents and the matrix's three, from the one competition file."""
    from helpers import invoke

    out = tmp_path_factory.mktemp("cycle")
    db = out / "journal.sqlite"
    made = {}
    for slug in (*ORDERS, "competition-regulation"):
        result = invoke("generate", slug, "--data", FOLDER / f"{slug}.yaml", "--out", out, "--db", db)
        assert result.exit_code == 0, result.output
        made[slug] = Path(result.output.strip().splitlines()[-1])
    for slug in ("expert-matrix", "expert-scoring-sheets", "expert-protocol"):
        result = invoke("generate", slug, "--data", FOLDER / "expert-matrix.yaml", "--out", out / slug)
        assert result.exit_code == 0, result.output
        made[slug] = Path(result.output.strip().splitlines()[-1])
    made["journal"] = db
    return made


def test_the_orders_are_numbered_through_the_journal(cycle):
    assert [(n, t) for n, _, t in journal_rows(cycle["journal"])] == [
        ("145", "competition-regulation-order"), ("163", "competition-jury-order"), ("201", "competition-results-order")]
    assert cycle["competition-results-order"].name == "Приказ об итогах муниципального конкурса № 201 от 10.12.2026.docx"


@pytest.mark.parametrize("slug", [*ORDERS, "competition-regulation", "expert-matrix", "expert-scoring-sheets",
                                  "expert-protocol"])
def test_every_document_passes_the_office_checker(cycle, slug):
    assert_office_checker_clean(cycle[slug])


def test_the_regulation_order(cycle):
    body = [squeeze(t) for t in body_of(cycle["competition-regulation-order"])]
    assert "ПРИКАЗ" in body and "14 сентября 2026 г.\t№ 145" in body
    assert f"Об утверждении Положения о {COMPETITION_LOCT}" in body
    text = "\n".join(body)
    assert (f"1. Утвердить прилагаемое Положение о {COMPETITION_LOCT} (далее соответственно — Положение, конкурс)."
            in text)
    # The law first, then the project the competition carries out (domain.md §1.1).
    assert ("В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», в "
            "целях реализации муниципального управленческого проекта «Повышение качества образования в районе "
            "средствами муниципальной и школьной систем оценки качества образования», выявления") in text
    # The matrix whose grif names this order is approved by it.
    assert "2. Утвердить прилагаемую оценочную матрицу конкурса (критерии оценки — приложение 4 к Положению)." in text
    # The categories and terms come from the competition file, once.
    assert ("3. Провести конкурс с 01.10.2026 по 11.12.2026 в номинациях «Лучшая модель ВСОКО средней "
            "общеобразовательной школы» и «Лучшая модель ВСОКО основной общеобразовательной школы».") in text
    assert "в сроки" not in text
    assert ("4. Заместителю начальника по учебно-методической работе Замалтдиновой Э.С. обеспечить организацию и "
            "проведение конкурса в срок до 11.12.2026.") in text
    # Only the organizer's employees the order charges sign it (ст. 22 ТК РФ): no outside juror.
    sheet = document_text(cycle["competition-regulation-order"])
    assert f"Замалтдинова{NBSP}Э.С." in sheet and f"Хасанова{NBSP}А.М." in sheet
    assert "Ибрагимова" not in sheet and f"Хайруллин{NBSP}Р.Ф." not in sheet


def test_the_regulation_carries_its_approving_order_in_the_grif(cycle):
    body = [squeeze(t) for t in body_of(cycle["competition-regulation"])]
    grif = body.index("УТВЕРЖДЕНО")
    assert body[grif:grif + 3] == ["УТВЕРЖДЕНО", "приказом МКУ «ОО ИК ДМР РТ»", "от 14.09.2026 № 145"]
    text = "\n".join(body)
    # Categories and stages from the competition file.
    assert "«Лучшая модель ВСОКО основной общеобразовательной школы»" in text
    assert "26.10.2026" in text and "20.11.2026" in text
    # The jury is formed, with the expert group, by the order of its own: the Положение does not
    # list it a second time; the assessment sheet is the fourth and last annex.
    assert ("8.1. Для рассмотрения результатов экспертизы и определения победителей и призёров создаётся жюри. Состав жюри "
            "и экспертной группы утверждается приказом организатора") in text
    # The expert group's step the orders and the protocols use: who it is, what it does, whom it proposes to.
    assert ("8.2. Для экспертизы конкурсных материалов на заочном этапе и оценки защиты моделей на очном этапе "
            "создаётся экспертная группа. В неё входят "
            "руководитель экспертной группы, секретарь и эксперты — члены жюри и приглашённые специалисты в области "
            "оценки качества образования.") in text
    assert ("оформляет результаты экспертизы протоколом заседания, который подписывают руководитель и секретарь "
            "экспертной группы, и предлагает жюри места участников в каждой номинации.") in text
    # The experts score the defence too (criterion «Представление и защита модели»): their protocol
    # follows the очный этап, which the jury attends; no mark is dated before what it marks.
    assert ("8.3. Жюри присутствует на защите моделей на очном этапе, рассматривает результаты экспертизы, "
            "представленные экспертной группой, определяет победителей и призёров конкурса") in text
    assert ("6.4. По итогам очного этапа эксперты завершают заполнение оценочных листов, и экспертная группа "
            "представляет жюри протокол своего заседания с результатами экспертизы конкурсных материалов и защиты "
            "моделей и предлагаемыми местами участников.") in text
    assert "передаёт материалы экспертной группе." in text
    assert "8.6. Заседание жюри правомочно, если на нём присутствует не менее двух третей его состава." in text
    assert "СОСТАВ ЖЮРИ" not in text and "Приложение 5" not in text and "Ефимов" not in text
    assert "оценочный лист (приложение 4)" in text and "Приложение 4" in body
    # The tie rule is the jury's vote.
    assert ("9.3. При равенстве итоговых баллов участников место определяет жюри открытым голосованием; при "
            "равенстве голосов решающим является голос председателя жюри.") in text


def test_the_jury_order(cycle):
    path = cycle["competition-jury-order"]
    body = [squeeze(t) for t in body_of(path)]
    assert f"О составе жюри и экспертной группы {COMPETITION_GENT}" in body
    text = "\n".join(body)
    assert (f"В соответствии с Положением о {COMPETITION_LOCT}, утверждённым приказом МКУ «ОО ИК ДМР РТ» от 14.09.2026 "
            "№ 145") in text
    assert "1. Утвердить состав жюри конкурса (приложение 1)." in text
    assert "2. Утвердить состав экспертной группы конкурса (приложение 2)." in text
    assert ("3. Экспертной группе провести экспертизу конкурсных материалов в период заочного этапа с 26.10.2026 по "
            "20.11.2026 и оценить защиту моделей в период очного этапа с 01.12.2026 по 04.12.2026") in text
    # The expert protocol follows the очный этап (01.12–04.12.2026), whose defence the experts score.
    assert ("представить жюри протокол заседания экспертной группы с результатами экспертизы и предлагаемыми местами "
            "участников не позднее 07.12.2026.") in text
    assert ("4. Жюри на основании протокола экспертной группы определить победителей и "
            "призёров конкурса и оформить решение протоколом заседания жюри не позднее 11.12.2026.") in text
    jury, experts = [rows_of(t) for t in docx.Document(str(path)).tables[:2]]
    # The chair is known by initials only (seed 001): both annexes are surnames and initials for
    # everyone, and say so — a juror who is also an expert is written one way in the order.
    assert jury[0][1] == "Фамилия, инициалы" and experts[0][1] == "Фамилия, инициалы"
    assert jury[1][1:] == ["Замалтдинова\xa0Э.С.",
                           "Заместитель начальника по учебно-методической работе, " + SHORT, "Председатель"]
    assert jury[2][3] == "Заместитель председателя" and jury[3][3] == "Секретарь"
    assert jury[5][1] == "Ибрагимова\xa0Л.А."
    assert "ГАОУ ДПО «Институт развития образования Республики Татарстан»" in squeeze(jury[5][2])
    assert experts[1][1] == "Галиева\xa0А.Р." and experts[1][3] == "Руководитель"
    assert [r[3] for r in experts[2:]] == ["Секретарь", "Член экспертной группы", "Член экспертной группы"]
    assert "Приложение 1" in body and "Приложение 2" in body


def test_the_results_order_cites_the_protocol_and_gives_places_by_category(cycle):
    body = [squeeze(t) for t in body_of(cycle["competition-results-order"])]
    assert f"Об итогах {COMPETITION_GENT}" in body
    text = "\n".join(body)
    assert "на основании протокола заседания жюри конкурса от 09.12.2026 № 1" in text
    # Only the places given: no III place was awarded.
    assert "2. Признать победителями (I место) и призёрами (II место) конкурса и наградить дипломами" in text
    assert "утверждённым приказом МКУ «ОО ИК ДМР РТ» от 14.09.2026 № 145" in text
    first = body.index("2.1. В номинации «Лучшая модель ВСОКО средней общеобразовательной школы»:")
    assert body[first + 1:first + 3] == ["– I место (победитель) — МБОУ «СОШ № 1»;",
                                         "– II место (призёр) — МБОУ «СОШ № 2»."]
    second = body.index("2.2. В номинации «Лучшая модель ВСОКО основной общеобразовательной школы»:")
    assert body[second + 1:second + 3] == ["– I место (победитель) — МБОУ «ООШ № 3»;",
                                           "– II место (призёр) — МБОУ «ООШ № 4»."]
    assert "3. Методисту Кудряшовой Т.В. организовать вручение дипломов в срок до 25.12.2026." in text


def test_the_matrix_and_protocol_read_the_same_competition(cycle):
    protocol = squeeze(document_text(cycle["expert-protocol"]))
    assert "МБОУ «СОШ № 1»" in protocol and "Галиева" in protocol
    assert "07.12.2026" in protocol or "7 декабря 2026" in protocol
    # The group proposes places; the jury decides them, and breaks ties by its vote.
    assert "Утвердить результаты" not in protocol and "занимают одно место" not in protocol
    assert ("Представить жюри конкурса результаты экспертизы и предлагаемые места участников для определения "
            "победителей и призёров.") in protocol
    assert "место определяет жюри открытым голосованием" in protocol
    assert "по критериям с порогами" not in protocol
    matrix = squeeze(document_text(cycle["expert-matrix"]))
    assert "Средняя общеобразовательная школа" in matrix and "Нормативное обеспечение ВСОКО" in matrix
    # The order approving the Положение approves the matrix too (its п. 2): the grif; one maximum for both nominations.
    assert "УТВЕРЖДЕНА\nприказом МКУ «ОО ИК ДМР РТ»\nот 14.09.2026 № 145" in matrix
    assert "Максимальная сумма баллов — 27 (для обеих номинаций)." in matrix


def test_the_protocol_and_the_sheets_are_headed_by_the_nomination(cycle):
    """The places and the sheets name the nomination, as the Положение and the orders do, not the
    kind of school the matrix compares («Средняя общеобразовательная школа»)."""
    senior = "Номинация «Лучшая модель ВСОКО средней общеобразовательной школы»"
    basic = "Номинация «Лучшая модель ВСОКО основной общеобразовательной школы»"
    protocol = [squeeze(p.text) for p in docx.Document(cycle["expert-protocol"]).paragraphs]
    assert protocol.index(senior) < protocol.index(basic)
    # The heading's «ВСОКО» is expanded before it, and the header introduces the short name the members' workplaces use.
    assert protocol.index("Сокращения: внутренняя система оценки качества образования (ВСОКО).") < protocol.index(senior)
    assert protocol[1] == "(МКУ «ОО ИК ДМР РТ»)"
    # The chair is the group's leader, named as the jury order names her.
    assert any(p.startswith("Галиеву А.Р., руководителя экспертной группы, о результатах оценки.") for p in protocol)
    # One name for her role throughout, the jury order's: the meeting's head, the member list, the signature.
    assert "Руководитель экспертной группы — А.Р. Галиева." in protocol
    assert any(p.startswith("– А.Р. Галиева — ") and p.endswith("(руководитель);") for p in protocol)
    assert "Руководитель экспертной группы\tА.Р. Галиева" in protocol
    assert not any("редседатель" in p and "жюри" not in p for p in protocol)
    assert "Срок — 7 декабря 2026 г. Ответственный — руководитель экспертной группы А.Р. Галиева." in protocol
    assert not any("председател" in p and "экспертной группы" in p for p in protocol)
    assert "Средняя общеобразовательная школа" not in protocol and "Основная общеобразовательная школа" not in protocol
    assert any("Предлагаемые места определены по итоговому баллу отдельно для каждой номинации." in p for p in protocol)
    assert not any("вида участник" in p for p in protocol)
    tables = [[[squeeze(c.text) for c in r.cells] for r in t.rows] for t in docx.Document(cycle["expert-protocol"]).tables]
    assert [t[1][1] for t in tables] == ["МБОУ «СОШ № 1»", "МБОУ «ООШ № 3»"]
    sheets = [squeeze(p.text) for p in docx.Document(cycle["expert-scoring-sheets"]).paragraphs]
    nominations = [p.split(".")[0] for p in sheets if p.startswith("Номинация")]
    assert nominations == [senior, senior, basic, basic]
    assert sheets.index("Сокращения: внутренняя система оценки качества образования (ВСОКО).") < sheets.index(
        next(p for p in sheets if p.startswith("Номинация")))  # expanded before its first use
    assert not any(p.startswith("Вид участника") for p in sheets)
    results = squeeze(document_text(cycle["competition-results-order"]))
    assert "В номинации «Лучшая модель ВСОКО средней общеобразовательной школы»:" in results


def test_a_change_in_the_competition_file_reaches_every_document(cli, district, tmp_path):
    data = read_yaml(district / "competition.yaml")
    data["participants"][2]["short_name"] = "МБОУ «Основная школа № 3»"
    write_yaml(district / "competition.yaml", data)
    db = tmp_path / "journal.sqlite"
    results = generate("competition-results-order", district / "competition-results-order.yaml", tmp_path / "o",
                       "--db", db).document
    protocol = generate("expert-protocol", district / "expert-matrix.yaml", tmp_path / "p").document
    for path in (results, protocol):
        assert "МБОУ «Основная школа № 3»" in squeeze(document_text(path))


# -- docgen check ---------------------------------------------------------------------------

def test_check_is_clean_on_the_sample_folder(cli, db):
    result = cli("check", FOLDER, "--db", db)
    assert result.exit_code == 0, result.output
    assert "нарушений нет" in result.output


def test_check_names_the_field_when_the_approving_order_is_missing(cli, district, db):
    (district / "competition-regulation-order.yaml").unlink()
    result = cli("check", district, "--db", db, "--org", district / "department.yaml")
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert f"{district / 'competition-regulation.yaml'}: поле «approved»" in output
    assert "файл приказа об утверждении «competition-regulation-order.yaml»: не найден" in output


def test_check_an_inline_grif_looks_for_the_order_among_the_files_and_in_the_journal(cli, district, db, tmp_path):
    data = read_yaml(district / "competition-regulation.yaml")
    data["approved"] = {"date": "14.09.2026", "number": 145}
    write_yaml(district / "competition-regulation.yaml", data)
    order = read_yaml(district / "competition-regulation-order.yaml")
    (district / "competition-regulation-order.yaml").unlink()
    for name in ("competition-jury-order.yaml", "competition-results-order.yaml"):
        other = read_yaml(district / name)
        other["regulation"] = {"date": "14.09.2026", "number": 145}
        write_yaml(district / name, other)
    result = cli("check", district, "--db", db)
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert (f"{district / 'competition-regulation.yaml'}: поле «approved»: приказ № 145 от 14.09.2026, названный в "
            "грифе «УТВЕРЖДЕНО», не найден ни среди проверяемых файлов, ни в журнале приказов") in output
    # Generated earlier (its data kept elsewhere), the order is in the journal: the grif names it.
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(district, elsewhere)
    write_yaml(elsewhere / "competition-regulation-order.yaml", order)
    assert generate("competition-regulation-order", elsewhere / "competition-regulation-order.yaml", tmp_path / "o",
                    "--db", db).result.exit_code == 0
    result = cli("check", district, "--db", db)
    assert result.exit_code == 0, result.output


def test_check_the_results_order_names_the_jury_protocol_the_checked_data_hold(cli, district, db):
    (district / "expert-matrix.yaml").unlink()
    (district / "competition-jury-protocol.yaml").unlink()
    result = cli("check", district, "--db", db)
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert (f"{district / 'competition-results-order.yaml'}: поле «competition.jury_protocol»: приказ называет "
            "протокол заседания жюри от 09.12.2026 № 1, а среди проверяемых файлов нет данных с этим "
            "протоколом") in output


def test_tied_totals_take_the_places_the_jury_votes(cli, district, tmp_path):
    """Without shared places equal totals are the jury's to order: either order of the tie is
    accepted, and the protocol says the jury decides."""
    competition = read_yaml(district / "competition.yaml")
    # СОШ № 2 scores what СОШ № 1 does: 23,5 each.
    competition["scores"][2]["marks"] = dict(competition["scores"][0]["marks"])
    competition["scores"][3]["marks"] = dict(competition["scores"][1]["marks"])
    competition["results"][0]["places"] = [{"participant": "sosh2", "place": 1},
                                          {"participant": "sosh1", "place": 2}]
    write_yaml(district / "competition.yaml", competition)
    made = generate("competition-results-order", district / "competition-results-order.yaml", tmp_path / "o",
                    "--db", tmp_path / "j.sqlite")
    assert made.result.exit_code == 0, made.result.output
    protocol = generate("expert-protocol", district / "expert-matrix.yaml", tmp_path / "p")
    assert protocol.result.exit_code == 0, protocol.result.output
    text = squeeze(document_text(protocol.document))
    assert "набрали равный итоговый балл; место определяет жюри." in text


# -- bad input --------------------------------------------------------------------------------

def _juror_from_a_competing_school(competition, orders):
    competition["jury"][4]["workplace"] = "МБОУ «СОШ № 1»"


def _expert_from_a_competing_school(competition, orders):
    competition["experts"][3]["workplace"] = "Муниципальное бюджетное общеобразовательное учреждение «Основная " \
                                             "общеобразовательная школа № 3»"


def _results_before_the_protocol(competition, orders):
    orders["competition-results-order"]["date"] = "07.12.2026"


def _places_without_the_jury(competition, orders):
    del competition["jury_protocol"]


def _jury_before_the_experts(competition, orders):
    competition["jury_protocol"]["date"] = "20.11.2026"


def _place_in_another_category(competition, orders):
    competition["results"][0]["places"].append({"participant": "oosh3", "place": 2})


def _place_beyond_the_category(competition, orders):
    competition["results"][0]["places"][1]["place"] = 3


def _duplicate_place_without_a_tie_rule(competition, orders):
    competition["results"][1]["places"][1]["place"] = 1


def _unknown_participant(competition, orders):
    competition["results"][1]["places"][0]["participant"] = "shlangovskaya"


def _places_against_the_marks(competition, orders):
    competition["results"][0]["places"][0]["place"] = 2
    competition["results"][0]["places"][1]["place"] = 1


def _marks_of_an_unknown_participant(competition, orders):
    competition["scores"][3]["participant"] = "sosh5"


def _participant_in_an_unknown_category(competition, orders):
    competition["participants"][0]["category"] = "nosh"


BAD = [
    (_juror_from_a_competing_school, "competition-jury-order", "competition", "jury[5].workplace",
     "Ибрагимова Лилия Ахатовна работает в МБОУ «СОШ № 1», которая участвует в конкурсе"),
    (_expert_from_a_competing_school, "competition-jury-order", "competition", "experts[4].workplace",
     "Ефимов Андрей Николаевич работает в МБОУ «ООШ № 3», которая участвует в конкурсе"),
    (_results_before_the_protocol, "competition-results-order", "date", None,
     "приказ об итогах от 07.12.2026 раньше протокола заседания жюри от 09.12.2026 № 1"),
    (_places_without_the_jury, "competition-results-order", "competition", "jury_protocol",
     "места указаны, а протокола заседания жюри нет: места определяет жюри"),
    (_jury_before_the_experts, "competition-results-order", "competition", "jury_protocol.date",
     "протокол жюри от 20.11.2026 раньше протокола экспертной группы от 07.12.2026"),
    (_place_in_another_category, "competition-results-order", "competition", "results[1].places[3].participant",
     "МБОУ «ООШ № 3» участвует в номинации «Лучшая модель ВСОКО основной общеобразовательной школы», а место "
     "указано в номинации «Лучшая модель ВСОКО средней общеобразовательной школы»"),
    (_place_beyond_the_category, "competition-results-order", "competition", "results[1].places[2].place",
     "в номинации «Лучшая модель ВСОКО средней общеобразовательной школы» участников 2, а указано 3 место"),
    (_duplicate_place_without_a_tie_rule, "competition-results-order", "competition", "results[2].places[2].place",
     "1 место в номинации «Лучшая модель ВСОКО основной общеобразовательной школы» уже присуждено участнику МБОУ "
     "«ООШ № 3»: укажите разные места или разрешите равные места (shared_places: true)"),
    (_unknown_participant, "competition-results-order", "competition", "results[2].places[1].participant",
     "участника «shlangovskaya» нет в participants"),
    (_places_against_the_marks, "competition-results-order", "competition", "results[1].places[1].place",
     "МБОУ «СОШ № 1»: указано 2 место, а по оценкам экспертов (итоговый балл 23,5) — 1 место"),
    (_marks_of_an_unknown_participant, "competition-results-order", "competition", "scores[4].participant",
     "участника «sosh5» нет в participants"),
    (_participant_in_an_unknown_category, "competition-regulation", "competition", "participants[1].category",
     "номинации «nosh» нет в categories"),
]


@pytest.mark.parametrize("edit,slug,field,inner,message", BAD, ids=[b[0].__name__.strip("_") for b in BAD])
def test_bad_input_is_refused_naming_file_and_field(district, tmp_path, edit, slug, field, inner, message):
    competition = read_yaml(district / "competition.yaml")
    orders = {s: read_yaml(district / f"{s}.yaml") for s in ORDERS}
    edit(competition, orders)
    write_yaml(district / "competition.yaml", competition)
    for s, data in orders.items():
        write_yaml(district / f"{s}.yaml", data)
    db = tmp_path / "journal.sqlite"
    result, written = generate(slug, district / f"{slug}.yaml", tmp_path / "out", "--db", db)
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert f"{district / f'{slug}.yaml'}: данные не прошли проверку" in output
    assert f"поле «{field}»" in output
    if inner is not None:  # the competition file and the field inside it
        assert "файл конкурса «competition.yaml»" in output and f"поле «{inner}»" in output
    assert " ".join(message.split()) in output
    assert written == [] or not any(p.suffix == ".docx" for p in written)
    assert not db.exists() or journal_rows(db) == []
