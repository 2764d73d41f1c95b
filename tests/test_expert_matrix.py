"""The expert matrix (seed 002) through the CLI: the blank matrix, the scoring sheets and the
protocol read back with python-docx; numbers checked against values computed by hand in the
comments; every threshold boundary end to end; bad input refused with exit 2 and nothing written."""
from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT

from helpers import NBSP, SAMPLES, body_of, generate, read_yaml, rows_of, sample_document, texts, write_yaml

SAMPLE = SAMPLES / "novosibirsk" / "expert-matrix.yaml"
PROFILE = SAMPLES / "novosibirsk" / "organization.yaml"
TYPES = ("expert-matrix", "expert-scoring-sheets", "expert-protocol")


def sample() -> dict:
    """The sample's data, to change and write elsewhere (its profile named by absolute path)."""
    data = read_yaml(SAMPLE)
    data["organization"] = str(PROFILE)
    return data


LEVELS = [{"score": 3, "descriptor": "в полном объёме"}, {"score": 2, "descriptor": "на 70–99 %"},
          {"score": 1, "descriptor": "на 51–69 %"}, {"score": 0, "descriptor": "50 % и менее"}]
BANDS = [{"score": 3, "min": 100, "max": 100}, {"score": 2, "min": 70, "max": 99},
         {"score": 1, "min": 51, "max": 69}, {"score": 0, "min": 0, "max": 50}]


def small(marks_by_participant: dict[str, list], *, digits: int = 1, ranking: str = "по видам") -> dict:
    """One kind, two criteria (p — plan with thresholds, q — a 0–2 scale), experts a and b; each
    participant gets the marks listed, one list per expert (criterion p's marks, then q's)."""
    experts = [{"id": "a", "person": {"full_name": "Орлова Анна Павловна", "gender": "ж", "position": "методист"}},
               {"id": "b", "person": {"full_name": "Зуев Пётр Ильич", "gender": "м", "position": "методист"}}]
    participants, scores = [], []
    for n, (pid, per_expert) in enumerate(marks_by_participant.items(), 1):
        participants.append({"id": pid, "kind": "umc", "name": f"Школа {n}", "short_name": f"Школа {n}"})
        for expert, (p, q) in zip(experts, per_expert):
            scores.append({"expert": expert["id"], "participant": pid, "marks": {"p": p, "q": q}})
    return {
        "organization": str(PROFILE), "title": "Оценка результативности работы учебно-методических центров",
        "kinds": [{"id": "umc", "title": "Учебно-методический центр", "criteria": [
            {"id": "p", "title": "Выполнение плана работы", "procedure": "Проверка документов", "levels": LEVELS,
             "thresholds": BANDS},
            {"id": "q", "title": "Динамика компетенций педагогов", "procedure": "Диагностические материалы",
             "levels": [{"score": 2, "descriptor": "выявлена"}, {"score": 1, "descriptor": "не выявлена"},
                        {"score": 0, "descriptor": "отрицательная"}]}]}],
        "participants": participants, "experts": experts[:max(len(v) for v in marks_by_participant.values())],
        "scores": scores, "mean_digits": digits, "divergence": 1, "ranking": ranking,
        "protocol": {"date": "20.12.2018", "number": 3, "chair": "a"},
    }


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    """The three documents of the sample, generated once for the module's read-only tests."""
    return {slug: sample_document(tmp_path_factory, slug, SAMPLE) for slug in TYPES}


def test_types_listed(cli):
    result = cli("types")
    assert result.exit_code == 0
    for slug in TYPES:
        assert slug in result.output


# ---------------------------------------------------------------- blank matrix

def test_blank_matrix_grif_title_and_layout(docs):
    doc = docx.Document(str(docs["expert-matrix"]))
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    body = body_of(docs["expert-matrix"])
    assert body[:3] == ["УТВЕРЖДЕНА", f"приказом МАОУ «Лицей №{NBSP}176»", f"от 15.09.2017 №{NBSP}212-од"]
    assert body[3] == ("Оценка результативности работы консалтингового центра и учебно-методических центров "
                       "активного локального сообщества")
    assert body[4] == "(внутрисетевая оценочная матрица)"
    assert "Максимальная сумма баллов: консалтингового центра\u00a0— 32, учебно-методического центра\u00a0— 23." in body
    # The two УМЦ directors agree the matrix (seed 002's «Согласовано»).
    agreed = body[body.index("Максимальная сумма баллов: консалтингового центра\u00a0— 32, учебно-методического "
                             "центра\u00a0— 23.") + 1:]
    assert agreed[:3] == ["СОГЛАСОВАНО", f"Директор МАОУ «СОШ №{NBSP}1» г. Бердска",
                          f"______________ М.Г.{NBSP}Комарова"]
    assert f"______________ Е.Ш.{NBSP}Кашкиров" in agreed


def test_blank_matrix_table(docs):
    table = docx.Document(str(docs["expert-matrix"])).tables[0]
    rows = rows_of(table)
    assert rows[0] == ["Консалтинговый центр"] * 3 + ["Учебно-методический центр"] * 3
    assert rows[1] == ["Критерий, показатель", "Балл", "Процедура, инструмент"] * 2
    assert rows[2] == ["Формирование востребованной системы оценки качества образования и образовательных "
                       "результатов"] * 6
    plan = "Проверка документов, подтверждающих проведение запланированных в КЦ мероприятий"
    assert rows[3] == ["1. Выполнение Программы и плана работы КЦ", "", plan,
                       "1. Выполнение Программы и плана работы УМЦ", "",
                       "Проверка документов, подтверждающих проведение запланированных в УМЦ мероприятий"]
    # Levels with their scores; the procedure cell is merged down over them.
    assert [r[:3] for r in rows[4:8]] == [["– в полном объёме", "3", plan], [f"– на 70–99{NBSP}%", "2", plan],
                                          [f"– на 51–69{NBSP}%", "1", plan], [f"– 50{NBSP}% и менее", "0", plan]]
    # Criterion 3 exists for the consulting centre only: the УМЦ side of its rows is empty.
    third = next(i for i, r in enumerate(rows) if r[0].startswith("3. Разработка УМ-центром (одним) электронного"))
    assert rows[third][2] == "Изучение технологичности электронного приложения"
    assert all(r[3] == "" and r[4] == "" for r in rows[third:third + 5])
    # The competences criterion has a 0–2 scale on both sides.
    eighth = next(i for i, r in enumerate(rows) if r[0].startswith("8. Положительная динамика при оценке уровня"))
    assert rows[eighth][3].startswith("5. Положительная динамика при оценке уровня профессиональных")
    assert [r[1] for r in rows[eighth + 1:eighth + 4]] == ["2", "1", "0"]
    assert [r[4] for r in rows[eighth + 1:eighth + 4]] == ["2", "1", "0"]
    titles = [r[0] for r in rows if r[0][:3].rstrip(". ").isdigit()]
    assert len(titles) == 11 and titles[-1] == "11. Удовлетворённость УМЦ качеством консалтинговых услуг"


def test_single_kind_matrix_has_three_columns(tmp_path):
    data = write_yaml(tmp_path / "matrix.yaml", small({"s1": [({"percent": 80}, 1)]}))
    doc = docx.Document(str(generate("expert-matrix", data, tmp_path / "out").document))
    rows = rows_of(doc.tables[0])
    assert rows[0] == ["Учебно-методический центр"] * 3
    assert rows[2] == ["1. Выполнение плана работы", "", "Проверка документов"]
    assert rows[-1] == ["– отрицательная", "0", "Диагностические материалы"]


# ---------------------------------------------------------------- scoring sheets

def sheet_tables(path: Path) -> list[list[list[str]]]:
    return [rows_of(t) for t in docx.Document(str(path)).tables]


def test_scoring_sheet_of_ubinsk_hand_computed(docs):
    path = docs["expert-scoring-sheets"]
    tables = sheet_tables(path)
    assert len(tables) == 3  # one sheet per participant
    rows = tables[2]
    assert rows[0] == ["№", "Критерий (показатель)", "Соколова И.В.", "Гончаров А.Н.", "Лебедева О.С.",
                       "Средний балл", "Макс. балл"]
    # Experts' marks (Соколова, Гончаров, Лебедева) and means rounded half-up to tenths:
    # 1: 72 % → 2, 51 % → 1, 75 % → 2; (2+1+2)/3 = 1,666… → 1,7
    assert rows[1] == ["1", "Выполнение Программы и плана работы УМЦ", f"2 (72{NBSP}%)", f"1 (51{NBSP}%)",
                       f"2 (75{NBSP}%)", "1,7", "3"]
    means = [r[5] for r in rows[1:9]]
    # 2: 3,3,3 → 3,0; 3: 3,1,2 → 2,0; 4: 2,2,3 → 2,333… → 2,3; 5: 2,2,2 → 2,0 (max 2);
    # 6: 2,2,2 → 2,0; 7: 2,2,3 → 2,3; 8: 3,3,3 → 3,0
    assert means == ["1,7", "3,0", "2,0", "2,3", "2,0", "2,0", "2,3", "3,0"]
    assert [r[6] for r in rows[1:9]] == ["3", "3", "3", "3", "2", "3", "3", "3"]
    # Total = 1,7+3,0+2,0+2,3+2,0+2,0+2,3+3,0 = 18,3 of 3·7+2 = 23; experts' own sums:
    # Соколова 2+3+3+2+2+2+2+3 = 19, Гончаров 1+3+1+2+2+2+2+3 = 16, Лебедева 2+3+2+3+2+2+3+3 = 20
    assert rows[9] == ["", "Итого", "19", "16", "20", "18,3", "23"]
    body = texts(path)
    # 18,3 / 23 = 0,79565… → 79,6 %
    assert f"Итоговый балл: 18,3 из 23 возможных (79,6{NBSP}% от максимального)." in body
    # Criterion 3: 3 and 1 are 2 points apart, more than the allowed 1.
    assert f"Расхождение оценок экспертов более 1{NBSP}балла\u00a0— требуется дополнительная экспертиза:" in body
    assert ("критерий 3 «Реализация ОО, работающими с УМЦ, практической части программы, проекта\u00a0— проведение "
            "оценочных процедур»: оценки 3, 1, 2.") in body


def test_scoring_sheet_of_lyceum_hand_computed(docs):
    rows = sheet_tables(docs["expert-scoring-sheets"])[0]
    # 1: 100 % → 3, 95 % → 2, 100 % → 3; 8/3 = 2,666… → 2,7
    assert rows[1][2:6] == [f"3 (100{NBSP}%)", f"2 (95{NBSP}%)", f"3 (100{NBSP}%)", "2,7"]
    # Means 2,7 3,0 2,3 2,7 3,0 2,0 1,7 1,7 2,0 2,0 3,0 → total 26,1 of 3·10+2 = 32
    assert [r[5] for r in rows[1:12]] == ["2,7", "3,0", "2,3", "2,7", "3,0", "2,0", "1,7", "1,7", "2,0", "2,0",
                                          "3,0"]
    assert rows[12][1:] == ["Итого", "27", "24", "27", "26,1", "32"]
    body = texts(docs["expert-scoring-sheets"])
    # 26,1 / 32 = 0,815625 → 81,6 %; no divergence on this sheet (the largest spread, 2 and 1, is 1)
    assert f"Итоговый балл: 26,1 из 32 возможных (81,6{NBSP}% от максимального)." in body
    first_sheet = body[:body.index(f"Итоговый балл: 18,3 из 23 возможных (79,6{NBSP}% от максимального).")]
    assert sum(t.startswith("Расхождение оценок") for t in first_sheet) == 0
    assert f"Эксперт\t______________ И.В.{NBSP}Соколова" in body


def test_each_sheet_starts_a_page(docs):
    doc = docx.Document(str(docs["expert-scoring-sheets"]))
    heads = [i for i, p in enumerate(doc.paragraphs) if p.text == "Оценочный лист"]
    assert len(heads) == 3
    for i in heads[1:]:
        breaks = doc.paragraphs[i - 1]._p.xpath(".//w:br[@w:type='page']")
        assert breaks, "a participant's sheet must begin on a new page"


@pytest.mark.parametrize("percent, score", [(50, "0"), (51, "1"), (69, "1"), (70, "2"), (99, "2"), (100, "3"),
                                            # half-up to a whole percent first: 50,4 → 50, 50,5 → 51, 99,5 → 100
                                            ("50.4", "0"), ("50.5", "1"), ("99.5", "3")])
def test_threshold_boundaries_end_to_end(tmp_path, percent, score):
    value = float(percent) if isinstance(percent, str) else percent
    data = write_yaml(tmp_path / "matrix.yaml", small({"s1": [({"percent": value}, 2)]}))
    rows = sheet_tables(generate("expert-scoring-sheets", data, tmp_path / "out").document)[0]
    assert rows[1][2].split(" ")[0] == score
    assert rows[1][3] == f"{score},0"  # one expert: the mean is the score


def test_all_six_boundaries_on_one_sheet_set(tmp_path):
    """50/51/69/70/99/100 % as six participants → scores 0/1/1/2/2/3 on their sheets."""
    marks = {f"s{p}": [({"percent": p}, 1)] for p in (50, 51, 69, 70, 99, 100)}
    path = generate("expert-scoring-sheets", write_yaml(tmp_path / "matrix.yaml", small(marks)), tmp_path / "out").document
    assert [t[1][2] for t in sheet_tables(path)] == [
        f"0 (50{NBSP}%)", f"1 (51{NBSP}%)", f"1 (69{NBSP}%)", f"2 (70{NBSP}%)", f"2 (99{NBSP}%)", f"3 (100{NBSP}%)"]


@pytest.mark.parametrize("digits, shown, total", [(1, "2,5", "4,0"), (0, "3", "5")])
def test_mean_half_up(tmp_path, digits, shown, total):
    # Experts a and b: p — 2 and 3 → 2,5 (to tenths) or 3 (to whole points, half-up, not banker's 2);
    # q — 1 and 2 → 1,5 or 2. Totals: 2,5+1,5 = 4,0; 3+2 = 5.
    data = write_yaml(tmp_path / "matrix.yaml", small({"s1": [(2, 1), (3, 2)]}, digits=digits))
    rows = sheet_tables(generate("expert-scoring-sheets", data, tmp_path / "out").document)[0]
    assert rows[1][2:5] == ["2", "3", shown]
    assert rows[3][1:] == ["Итого", "3", "5", total, "5"]


# ---------------------------------------------------------------- protocol

def test_protocol_sample_ranking(docs):
    path = docs["expert-protocol"]
    body = body_of(path)
    assert body[:6] == ["Муниципальное автономное общеобразовательное учреждение города Новосибирска «Лицей №"
                        f"{NBSP}176»", "ПРОТОКОЛ", "заседания экспертной группы", f"20 декабря 2018{NBSP}г. №{NBSP}2",
                        "г. Новосибирск", "Об итогах оценки результативности работы участников сетевого сообщества"]
    assert f"Председатель\u00a0— И.В.{NBSP}Соколова." in body and f"Секретарь\u00a0— О.С.{NBSP}Лебедева." in body
    assert any(t.startswith(f"Присутствовали члены экспертной группы: А.Н.{NBSP}Гончаров (старший преподаватель")
               for t in body)
    rows = rows_of(docx.Document(str(path)).tables[0])
    assert rows[0] == ["Место", "Участник", "Итоговый балл", "Макс. балл", "Доля от максимума"]
    # Shares: 26,1/32 = 81,56 % → place 1; 18,3/23 = 79,57 % twice → both place 2.
    assert rows[1:] == [
        ["1", f"МАОУ «Лицей №{NBSP}176» (консалтинговый центр)", "26,1", "32", f"81,6{NBSP}%"],
        ["2", f"МАОУ «СОШ №{NBSP}1» г. Бердска (учебно-методический центр)", "18,3", "23", f"79,6{NBSP}%"],
        ["2", f"МКОУ «Убинская средняя школа №{NBSP}2» (учебно-методический центр)", "18,3", "23",
         f"79,6{NBSP}%"]]
    assert (f"МАОУ «СОШ №{NBSP}1» г. Бердска и МКОУ «Убинская средняя школа №{NBSP}2» набрали равную долю от "
            "максимального балла и разделили 2-е место.") in body
    assert any("поэтому места определены по доле итогового балла от максимального общим списком" in t for t in body)
    assert any(t.startswith(f"– МКОУ «Убинская средняя школа №{NBSP}2»: критерий 3 «Реализация ОО") and
               t.endswith("оценки 3, 1, 2.") for t in body)
    assert "РЕШИЛИ:" in body and "1. Утвердить результаты оценки и места участников." in body
    assert "3. Учебно-методическим центрам учесть результаты оценки при планировании работы на 2019\u00a0год." in body
    assert body[-2:] == [f"Председатель\tИ.В.{NBSP}Соколова", f"Секретарь\tО.С.{NBSP}Лебедева"]


def test_ranking_with_tie_one_one_three(tmp_path):
    # Two experts; s1: p 3,3 → 3,0, q 2,2 → 2,0 → 5,0 of 5 = 100 %; s2: p 100 %, 100 % → 3,3; q 2,2 → 5,0;
    # s3: p 2,2 → 2,0, q 1,1 → 1,0 → 3,0 = 60 %. Places 1, 1, 3 (the next place after a shared one is skipped).
    data = small({"s1": [(3, 2), (3, 2)], "s2": [({"percent": 100}, 2), ({"percent": 100}, 2)],
                  "s3": [(2, 1), (2, 1)]})
    path = generate("expert-protocol", write_yaml(tmp_path / "matrix.yaml", data), tmp_path / "out").document
    doc = docx.Document(str(path))
    rows = rows_of(doc.tables[0])
    assert [r[0] for r in rows[1:]] == ["1", "1", "3"]
    assert [r[1] for r in rows[1:]] == ["Школа 1", "Школа 2", "Школа 3"]
    assert [r[4] for r in rows[1:]] == [f"100,0{NBSP}%", f"100,0{NBSP}%", f"60,0{NBSP}%"]
    body = texts(path)
    assert "Школа 1 и Школа 2 набрали равную долю от максимального балла и разделили 1-е место." in body
    # Per kind ranking: the title of the kind heads its table; no divergence here.
    assert "Учебно-методический центр" in body
    assert f"Расхождений оценок экспертов более 1{NBSP}балла нет." in body


# ---------------------------------------------------------------- bad input

def refused(tmp_path, data: dict, *fragments: str, slug: str = "expert-scoring-sheets") -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    result, files = generate(slug, write_yaml(tmp_path / "bad.yaml", data), tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert files == []
    assert "bad.yaml" in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output
    return result.output


def test_score_outside_levels(tmp_path):
    data = sample()
    data["scores"][0]["marks"]["k8"] = 3  # criterion 8 has levels 2, 1, 0
    refused(tmp_path, data, "поле «scores[1].marks.k8» (оценки по критериям)",
            "балл 3 не предусмотрен критерием «k8»: допустимы 0, 1, 2")


@pytest.mark.parametrize("bands, message", [
    ([{"score": 3, "min": 100, "max": 100}, {"score": 2, "min": 70, "max": 98},
      {"score": 1, "min": 51, "max": 69}, {"score": 0, "min": 0, "max": 50}], "99 % не входит ни в одну полосу"),
    ([{"score": 3, "min": 100, "max": 100}, {"score": 2, "min": 69, "max": 99},
      {"score": 1, "min": 51, "max": 69}, {"score": 0, "min": 0, "max": 50}], "полосы накладываются на 69 %"),
])
def test_threshold_table_with_gap_or_overlap(tmp_path, bands, message):
    data = sample()
    data["kinds"][1]["criteria"][0]["thresholds"] = bands
    refused(tmp_path, data, "поле «kinds[2].criteria[1]", message, slug="expert-matrix")


def test_criterion_without_levels(tmp_path):
    data = sample()
    data["kinds"][0]["criteria"][2]["levels"] = []
    refused(tmp_path, data, "поле «kinds[1].criteria[3].levels» (уровни)", "у критерия нет уровней",
            slug="expert-matrix")


@pytest.mark.parametrize("field, value, message", [
    ("criterion", "k12", "поле «scores[1].marks.k12» (оценки по критериям): у вида участника «Консалтинговый "
                         "центр» нет критерия «k12»"),
    ("participant", "berdsk9", "поле «scores[1].participant» (код участника): участника «berdsk9» нет в participants"),
    ("expert", "ivanova", "поле «scores[1].expert» (код эксперта): эксперта «ivanova» нет в experts"),
])
def test_unknown_ids_in_scores(tmp_path, field, value, message):
    data = sample()
    entry = data["scores"][0]
    if field == "criterion":
        entry["marks"][value] = 2
    else:
        entry[field] = value
    refused(tmp_path, data, message)


def test_percent_on_criterion_without_thresholds(tmp_path):
    data = sample()
    data["scores"][0]["marks"]["k2"] = {"percent": 80}
    refused(tmp_path, data, "у критерия «k2» нет порогов: укажите балл, а не процент")


def test_protocol_needs_its_meeting(tmp_path):
    data = sample()
    del data["protocol"]
    refused(tmp_path, data, "поле «protocol»", slug="expert-protocol")
    # The blank matrix and the sheets do not need it.
    generate("expert-matrix", write_yaml(tmp_path / "ok.yaml", data), tmp_path / "ok").document


def test_blank_matrix_ignores_scores(tmp_path):
    data = copy.deepcopy(sample())
    data.pop("scores"), data.pop("protocol")
    doc = docx.Document(str(generate("expert-matrix", write_yaml(tmp_path / "matrix.yaml", data), tmp_path / "out").document))
    assert rows_of(doc.tables[0])[3][0] == "1. Выполнение Программы и плана работы КЦ"
    refused(tmp_path / "sheets", data, "нет ни одной оценки участников: licey176, berdsk1, ubinsk2")


def test_the_competition_criteria_file_serves_the_matrix_too(tmp_path):
    """One criteria file: the Дрожжановский competition's assessment sheet and an expert matrix."""
    shared = SAMPLES / "district-drozhzhanovsky" / "vsoko-model-criteria.yaml"
    criteria = read_yaml(shared)["criteria"]
    data = write_yaml(tmp_path / "matrix.yaml", {
        "organization": str(SAMPLES / "district-drozhzhanovsky" / "department.yaml"),
        "title": "Оценка моделей ВСОКО — участников муниципального конкурса",
        "approved": {"date": "14.09.2026", "number": 146},
        "kinds": [{"id": "oo", "title": "Общеобразовательная организация", "criteria": str(shared)}],
    })
    path = generate("expert-matrix", data, tmp_path / "out").document
    document = docx.Document(str(path))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert [f"{n}. {c['title']}" in cells for n, c in enumerate(criteria, 1)] == [True] * len(criteria)
    total = sum(max(level["score"] for level in c["levels"]) for c in criteria)  # 9 criteria × 3 = 27
    assert total == 27
    assert "Максимальная сумма баллов: общеобразовательной организации\u00a0— 27." in texts(path)


# ---------------------------------------------------------------- expert columns

PEOPLE = [("Орлова Анна Павловна", "ж"), ("Зуев Пётр Ильич", "м"), ("Котова Нина Юрьевна", "ж"),
          ("Белов Иван Сергеевич", "м"), ("Исаева Ольга Петровна", "ж"), ("Миронов Олег Ильич", "м"),
          ("Титова Вера Павловна", "ж")]


def with_experts(count: int) -> dict:
    """One participant scored by ``count`` experts: criterion p gets 3, 2, 3, 2, …; q gets 1 each."""
    data = small({"s1": [(2, 1)]})
    data["experts"] = [{"id": f"e{i}", "person": {"full_name": name, "gender": g, "position": "методист"}}
                       for i, (name, g) in enumerate(PEOPLE[:count])]
    data["protocol"]["chair"] = "e0"
    data["scores"] = [{"expert": f"e{i}", "participant": "s1", "marks": {"p": 3 - i % 2, "q": 1}}
                      for i in range(count)]
    return data


def grid_mm(table) -> list[float]:
    from docx.oxml.ns import qn

    return [int(c.get(qn("w:w"))) * 25.4 / 1440 for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 6])
def test_a_column_per_expert_across_the_text_width(tmp_path, count):
    path = generate("expert-scoring-sheets", write_yaml(tmp_path / "matrix.yaml", with_experts(count)), tmp_path / "out").document
    table = docx.Document(str(path)).tables[0]
    rows = rows_of(table)
    surnames = [f"{name.split()[0]} {name.split()[1][0]}.{name.split()[2][0]}." for name, _ in PEOPLE[:count]]
    assert rows[0] == ["№", "Критерий (показатель)", *surnames, "Средний балл", "Макс. балл"]
    p_marks = [str(3 - i % 2) for i in range(count)]
    assert rows[1][2:2 + count] == p_marks and rows[2][2:2 + count] == ["1"] * count
    assert rows[3] == ["", "Итого", *[str(int(m) + 1) for m in p_marks], rows[3][-2], "5"]
    widths = grid_mm(table)
    assert len(widths) == count + 4  # №, criterion, the experts, mean, maximum
    assert sum(widths) == pytest.approx(165, abs=0.5)  # the text width, whatever the number of experts
    assert widths[1] >= 50 and all(w == pytest.approx(widths[2], abs=0.1) for w in widths[2:2 + count])
    for row in table._tbl.tr_lst:
        assert len(row.tc_lst) == count + 4


def test_more_experts_than_a_sheet_holds_are_refused(tmp_path):
    result, files = generate("expert-scoring-sheets", write_yaml(tmp_path / "matrix.yaml", with_experts(7)), tmp_path / "out")
    assert result.exit_code == 2
    assert "участника «s1» оценили 7 экспертов; оценочный лист вмещает от 1 до 6 экспертов" in result.stderr
    assert files == []


def test_the_sheets_template_is_plain_text_tags():
    """No markup hidden in XML comments: Word drops comments on its first save."""
    import zipfile

    from docgen.resources import data_dir

    with zipfile.ZipFile(data_dir("templates") / "expert-scoring-sheets.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert "<!--" not in xml and "gridCol w:w=\"{{" not in xml


def test_the_sheets_template_survives_a_libreoffice_save(tmp_path, docs):
    """The template saved by LibreOffice renders the same columns and values (and a sound package)."""
    import subprocess
    import zipfile

    from docgen.pdf import find_soffice
    from docgen.resources import data_dir

    saved = tmp_path / "saved"
    subprocess.run([find_soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "docx", "--outdir", str(saved),
                    str(data_dir("templates") / "expert-scoring-sheets.docx")],
                   check=True, capture_output=True, timeout=120)
    assert (saved / "expert-scoring-sheets.docx").is_file()
    path = generate("expert-scoring-sheets", SAMPLE, tmp_path / "out", "--templates", saved).document
    assert sheet_tables(path) == sheet_tables(docs["expert-scoring-sheets"])
    assert [len(grid_mm(t)) for t in docx.Document(str(path)).tables] == [7, 7, 7]
    assert body_of(path) == body_of(docs["expert-scoring-sheets"])
    names = zipfile.ZipFile(path).namelist()
    assert len(names) == len(set(names))  # one docProps/core.xml, though LibreOffice names its type otherwise
