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


LEVELS = [{"score": 3, "descriptor": "в полном объёме"}, {"score": 2}, {"score": 1},
          {"score": 0, "descriptor": "50 % и менее"}]  # levels 2 and 1 take their bands' words
# Seed 002's «в полном объёме / 70–99 % / 51–69 % / 50 % и менее»: 100 → 3, 70 ≤ x < 100 → 2,
# 50 < x < 70 → 1, x ≤ 50 → 0.
BANDS = [{"score": 3, "from": 100}, {"score": 2, "from": 70}, {"score": 1, "over": 50}, {"score": 0, "from": 0}]


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
    assert body[:3] == ["УТВЕРЖДЕНА", f"приказом МАОУ\u00a0«Лицей\u00a0№{NBSP}176»", f"от 15.09.2017 №{NBSP}212-од"]
    assert body[3] == ("Оценка результативности работы консалтингового центра и учебно-методических центров "
                       "активного локального сообщества")
    assert body[4] == "(внутрисетевая оценочная матрица)"
    assert "Максимальная сумма баллов: для консалтингового центра\u00a0— 32, для учебно-методического центра\u00a0— 23." in body
    # The two УМЦ directors agree the matrix (seed 002's «Согласовано»), two abreast in a table
    # without borders after the matrix.
    agreed = [[p.text for p in cell.paragraphs] for cell in doc.tables[-1].rows[0].cells]
    assert agreed[0] == ["СОГЛАСОВАНО", f"Директор МАОУ\u00a0«СОШ\u00a0№{NBSP}1» г.\u00a0Бердска",
                         f"______________ М.Г.{NBSP}Комарова", f"11 сентября 2017{NBSP}г."]
    assert agreed[1][2] == f"______________ Е.Ш.{NBSP}Кашкиров"
    assert len(doc.tables) == 2 and len(doc.tables[-1].rows) == 1
    assert not any("20____" in t for t in body + agreed[0] + agreed[1])  # the data has the date: no blank
    # The bands of the plan criterion in words, as measured (99,9 % is not «в полном объёме»).
    assert any(t.startswith("Балл по критерию 1 учебно-методического центра «Выполнение Программы и плана работы "
                            "УМЦ» определяется по проценту выполнения, как он измерен, без округления: 100") and
               f"не менее 70{NBSP}%, но менее 100{NBSP}%\u00a0— 2{NBSP}балла" in t for t in body)


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
    # The levels of a banded criterion say what its bands say: written from them, not beside them.
    assert [r[:3] for r in rows[4:8]] == [
        ["– в полном объёме", "3", plan], [f"– не менее 70{NBSP}%, но менее 100{NBSP}%", "2", plan],
        [f"– свыше 50{NBSP}%, но менее 70{NBSP}%", "1", plan], [f"– не более 50{NBSP}%", "0", plan]]
    # Criterion 3 exists for the consulting centre only: the УМЦ side reads «—», its levels are empty.
    third = next(i for i, r in enumerate(rows) if r[0].startswith("3. Разработка УМЦ (одним) электронного"))
    assert rows[third][2] == "Изучение технологичности электронного приложения"
    assert rows[third][3:] == ["—", "", "—"]
    assert all(r[3] == "" and r[4] == "" for r in rows[third + 1:third + 5])
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
    # 1: 72 % → 2, 51 % → 1 (over 50), 75 % → 2; (2+1+2)/3 = 1,666… → 1,7
    assert rows[1] == ["1", "Выполнение Программы и плана работы УМЦ", f"2 (72{NBSP}%)", f"1 (51{NBSP}%)",
                       f"2 (75{NBSP}%)", "1,7", "3"]
    means = [r[5] for r in rows[1:9]]
    # 2: 3,3,3 → 3,0; 3: 3,2,2 → 2,3; 4: 2,2,3 → 2,3; 5: 2,2,2 → 2,0 (max 2);
    # 6: 2,2,2 → 2,0; 7: 2,2,3 → 2,3; 8: 3,3,3 → 3,0 (the rounded means add up to 18,6)
    assert means == ["1,7", "3,0", "2,3", "2,3", "2,0", "2,0", "2,3", "3,0"]
    assert [r[6] for r in rows[1:9]] == ["3", "3", "3", "3", "2", "3", "3", "3"]
    # Experts' own sums: Соколова 2+3+3+2+2+2+2+3 = 19, Гончаров 1+3+2+2+2+2+2+3 = 17,
    # Лебедева 2+3+2+3+2+2+3+3 = 20; the total is their mean 56/3 = 18,666… → 18,7 (one rule, not 18,6)
    assert rows[9] == ["", "Итого", "19", "17", "20", "18,7", "23"]
    body = texts(path)
    # The share comes from the exact mean: 56/3/23 = 81,16 % → 81,2 % (the printed 18,7 would make 81,3 %);
    # the rounded means add up to 18,6, and the sheet says why that is not the total.
    note = next(t for t in body if t.startswith("Итоговый балл: 18,7"))
    assert note.startswith(f"Итоговый балл: 18,7\u00a0из\u00a023 возможных (81,2{NBSP}% от максимального)\u00a0— среднее "
                           "арифметическое итоговых баллов экспертов, округлённое до десятых; доля от максимального "
                           "вычислена по неокруглённому среднему.")
    assert "их сумма (18,6) отличается от итогового балла из-за округления." in note
    assert not any(t.startswith("Оценки экспертов расходятся") for t in body)
    assert sum(t.startswith("Итоговый балл:") and "среднее арифметическое итоговых баллов экспертов" in t
               for t in body) == 3  # the rule, stated on every sheet
    assert body.count(f"Дата заполнения листа: 17 декабря 2018{NBSP}г.") == 3
    # Not a competition: the sheet names the kind of participant, there is no nomination.
    assert any(t.startswith("Вид участника: учебно-методический центр.") for t in body)
    assert not any(t.startswith("Номинация") for t in body)


def test_scoring_sheet_of_lyceum_hand_computed(docs):
    rows = sheet_tables(docs["expert-scoring-sheets"])[0]
    # The lyceum hosts the expert group: its own staff (Соколова, Лебедева) do not score it.
    assert rows[0][2:4] == ["Гончаров А.Н.", "Миронова Е.А."]
    # 1: 95 % → 2, 100 % → 3; 2,5
    assert rows[1][2:5] == [f"2 (95{NBSP}%)", f"3 (100{NBSP}%)", "2,5"]
    # Sums: Гончаров 2+3+2+2+3+2+1+2+2+2+3 = 24, Миронова 3+3+2+3+3+2+2+2+2+2+3 = 27 → 25,5 of 32
    assert rows[12][1:] == ["Итого", "24", "27", "25,5", "32"]
    body = texts(docs["expert-scoring-sheets"])
    # 25,5 / 32 = 79,6875 % → 79,7 %; the means add up to the total: no word about rounding
    note = next(t for t in body if t.startswith("Итоговый балл: 25,5"))
    assert note.startswith(f"Итоговый балл: 25,5\u00a0из\u00a032 возможных (79,7{NBSP}% от максимального)")
    assert "их сумма" not in note
    # Percent bands stated once, after the rule: no colon after a colon.
    assert note.endswith(f"без округления. Баллы по критерию 1: 100{NBSP}%\u00a0— 3{NBSP}балла; не менее 70{NBSP}%, но "
                         f"менее 100{NBSP}%\u00a0— 2{NBSP}балла; свыше 50{NBSP}%, но менее 70{NBSP}%\u00a0— 1{NBSP}балл; "
                         f"не более 50{NBSP}%\u00a0— 0{NBSP}баллов.")
    # The experts sign side by side on one line.
    assert (f"Эксперты:\u2003\u2003______________\u00a0А.Н.{NBSP}Гончаров\u2003\u2003______________\u00a0"
            f"Е.А.{NBSP}Миронова") in body


def test_berdsk_plan_at_99_9_percent_is_not_in_full(docs):
    rows = sheet_tables(docs["expert-scoring-sheets"])[1]
    # 85 % → 2, 70 % → 2, 99,9 % → 2 (not rounded to 100 first); the totals 18, 17, 19 → 18,0
    assert rows[1][2:6] == [f"2 (85{NBSP}%)", f"2 (70{NBSP}%)", f"2 (99,9{NBSP}%)", "2,0"]
    assert rows[9][1:] == ["Итого", "18", "17", "19", "18,0", "23"]


def test_each_sheet_starts_a_page(docs):
    doc = docx.Document(str(docs["expert-scoring-sheets"]))
    # Three experts' marks on each: a summary sheet, not one expert's own.
    heads = [p for p in doc.paragraphs if p.text == "Сводный оценочный лист"]
    assert len(heads) == 3
    assert all(p.paragraph_format.page_break_before for p in heads), "a participant's sheet begins a new page"
    # No empty paragraph carries a break that could push a full sheet onto a blank page.
    assert not doc.element.body.xpath(".//w:br[@w:type='page']")
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE


THRESHOLDS = [(100, "3", "100"), (99.9, "2", "99,9"), (70, "2", "70"), (69.9, "1", "69,9"), (50.5, "1", "50,5"),
              (50, "0", "50")]


@pytest.mark.parametrize("percent, score, shown", THRESHOLDS)
def test_threshold_table_through_the_sheets_and_the_protocol(tmp_path, percent, score, shown):
    """The issue's table, as measured: 100 → 3, 99,9 → 2, 70 → 2, 69,9 → 1, 50,5 → 1, 50 → 0 —
    on the scoring sheet (the mark, the mean, the total) and in the protocol (the total)."""
    data = write_yaml(tmp_path / "matrix.yaml", small({"s1": [({"percent": percent}, 2)]}))
    rows = sheet_tables(generate("expert-scoring-sheets", data, tmp_path / "sheets").document)[0]
    assert rows[1][2] == f"{score} ({shown}{NBSP}%)"
    assert rows[1][3] == f"{score},0"  # one expert: the mean is the score
    assert rows[3][1:] == ["Итого", str(int(score) + 2), f"{int(score) + 2},0", "5"]
    protocol = rows_of(docx.Document(str(generate("expert-protocol", data, tmp_path / "protocol").document)).tables[0])
    assert protocol[1][2] == f"{int(score) + 2},0"


def test_all_six_boundaries_on_one_sheet_set(tmp_path):
    """100/99,9/70/69,9/50,5/50 % as six participants → scores 3/2/2/1/1/0 on their sheets."""
    marks = {f"s{n}": [({"percent": p}, 1)] for n, (p, _, _) in enumerate(THRESHOLDS)}
    path = generate("expert-scoring-sheets", write_yaml(tmp_path / "matrix.yaml", small(marks)), tmp_path / "out").document
    assert [t[1][2] for t in sheet_tables(path)] == [f"{score} ({shown}{NBSP}%)" for _, score, shown in THRESHOLDS]


@pytest.mark.parametrize("digits, shown, total", [(1, "2,5", "4,0"), (0, "3", "4")])
def test_total_is_the_mean_of_the_experts_totals(tmp_path, digits, shown, total):
    # Experts a and b: p — 2 and 3 → 2,5 (to tenths) or 3 (to whole points, half-up, not banker's 2);
    # q — 1 and 2 → 1,5 or 2. The experts' totals 3 and 5 make 4 — to whole points too, where the
    # rounded means would add up to 3+2 = 5.
    data = write_yaml(tmp_path / "matrix.yaml", small({"s1": [(2, 1), (3, 2)]}, digits=digits))
    rows = sheet_tables(generate("expert-scoring-sheets", data, tmp_path / "out").document)[0]
    assert rows[1][2:5] == ["2", "3", shown]
    assert rows[3][1:] == ["Итого", "3", "5", total, "5"]


# ---------------------------------------------------------------- protocol

def test_protocol_sample(docs):
    path = docs["expert-protocol"]
    body = body_of(path)
    assert body[:6] == ["Муниципальное автономное общеобразовательное учреждение города Новосибирска «Лицей\u00a0№"
                        f"{NBSP}176»", "ПРОТОКОЛ", "заседания экспертной группы", f"20 декабря 2018{NBSP}г.\t№{NBSP}2",
                        "г.\u00a0Новосибирск", "Об итогах оценки результативности работы участников сетевого сообщества"]
    assert f"Председатель\u00a0— И.В.{NBSP}Соколова." in body and f"Секретарь\u00a0— О.С.{NBSP}Лебедева." in body
    # Attendance: the count, the quorum, every member with position and workplace.
    start = body.index(f"Присутствовали: 4\u00a0из\u00a04{NBSP}членов экспертной группы; кворум имеется:")
    present = body[start + 1:start + 5]
    assert present[0] == (f"– И.В.{NBSP}Соколова\u00a0— заместитель директора по научно-методической работе, "
                          f"МАОУ\u00a0«Лицей\u00a0№{NBSP}176» (председатель);")
    assert present[1].startswith(f"– А.Н.{NBSP}Гончаров\u00a0— старший преподаватель") and present[3].endswith(".")
    # Kinds ranked apart: the consulting centre alone (no place), the two УМЦ by their totals.
    tables = [rows_of(t) for t in docx.Document(str(path)).tables]
    assert tables[0][0] == ["Место", "Участник", "Итоговый балл", "Макс. балл", "Доля от максимума"]
    assert tables[0][1:] == [["—", f"МАОУ\u00a0«Лицей\u00a0№{NBSP}176»", "25,5", "32", f"79,7{NBSP}%"]]
    # The share from the exact mean: 56/3/23 = 81,16 % → 81,2 %, as the sheet says.
    assert tables[1][1:] == [["I", f"МКОУ\u00a0«Убинская средняя школа №{NBSP}2»", "18,7", "23", f"81,2{NBSP}%"],
                             ["II", f"МАОУ\u00a0«СОШ\u00a0№{NBSP}1» г.\u00a0Бердска", "18,0", "23", f"78,3{NBSP}%"]]
    assert body.index("Консалтинговый центр") < body.index("Учебно-методический центр")
    assert "Участник этого вида один; место не присваивается." in body
    assert any("поэтому места определены по итоговому баллу отдельно для каждого вида участников" in t for t in body)
    assert "Номинация" not in "\n".join(body)  # a network's matrix, not a competition: kinds, not nominations
    assert any("Итоговый балл участника\u00a0— среднее арифметическое итоговых баллов экспертов" in t for t in body)
    assert f"Расхождений оценок экспертов по отдельным критериям более 1{NBSP}балла нет." in body
    # Every decision: a deadline, a responsible person, the vote.
    decisions = body[body.index("РЕШИЛИ:") + 1:-2]
    assert decisions[:3] == ["1. Утвердить результаты оценки и места участников.",
                             f"Срок\u00a0— 20 декабря 2018{NBSP}г. Ответственный\u00a0— председатель экспертной группы "
                             f"И.В.{NBSP}Соколова.",
                             "ГОЛОСОВАЛИ: за\u00a0— 4, против\u00a0— 0, воздержались\u00a0— 0."]
    # The director is not a member: the group cannot bind her, it recommends (a recommended deadline,
    # no «Ответственный»).
    assert decisions[9:] == [f"4. Рекомендовать директору МАОУ\u00a0«Лицей\u00a0№{NBSP}176» М.П.{NBSP}Корневой учесть "
                             f"результаты оценки при планировании работы консалтингового центра на 2019{NBSP}год.",
                             f"Рекомендуемый срок\u00a0— 29 декабря 2018{NBSP}г.",
                             "ГОЛОСОВАЛИ: за\u00a0— 4, против\u00a0— 0, воздержались\u00a0— 0."]
    # Who scored whom, from the marks: the lyceum's own staff did not score it, Миронова scored only it.
    heard = body[body.index("СЛУШАЛИ:") + 1:]
    assert heard[0].startswith(f"Соколову{NBSP}И.В., председателя экспертной группы, о результатах оценки. Участников "
                               "оценили эксперты по критериям оценочной матрицы")
    assert heard[0].endswith("Оценивали участников:")
    assert heard[1:4] == [
        f"– МАОУ\u00a0«Лицей\u00a0№{NBSP}176»\u00a0— А.Н.{NBSP}Гончаров, Е.А.{NBSP}Миронова (И.В.{NBSP}Соколова и "
        f"О.С.{NBSP}Лебедева работают в этой организации и не оценивали её);",
        f"– МАОУ\u00a0«СОШ\u00a0№{NBSP}1» г.\u00a0Бердска\u00a0— И.В.{NBSP}Соколова, А.Н.{NBSP}Гончаров, О.С.{NBSP}Лебедева;",
        f"– МКОУ\u00a0«Убинская средняя школа №{NBSP}2»\u00a0— И.В.{NBSP}Соколова, А.Н.{NBSP}Гончаров, "
        f"О.С.{NBSP}Лебедева."]
    assert not any("оценили каждого участника" in t for t in body)
    # The lyceum's staff scored the УМЦ: not refused (kinds are ranked apart), but disclosed.
    assert heard[4] == (f"И.В.{NBSP}Соколова и О.С.{NBSP}Лебедева\u00a0— сотрудники МАОУ\u00a0«Лицей\u00a0№{NBSP}176» "
                        "(консалтингового центра)\u00a0— оценивали участников другого вида: места каждого вида "
                        "определяются отдельно, и эти оценки не входят в итоговый балл консалтингового центра.")
    assert len(decisions) == 12 and sum(t.startswith("ГОЛОСОВАЛИ:") for t in decisions) == 4
    assert body[-2:] == [f"Председатель\tИ.В.{NBSP}Соколова", f"Секретарь\tО.С.{NBSP}Лебедева"]


def test_ranking_with_tie_one_one_three(tmp_path):
    # Two experts; s1: p 3,3, q 2,2 → totals 5, 5 → 5,0 of 5; s2: p 100 %, 100 % → 3,3; q 2,2 → 5,0;
    # s3: p 2,2, q 1,1 → 3,0. Places I, I, III (the next place after a shared one is skipped), in Roman
    # numerals as a competition's places are written.
    data = small({"s1": [(3, 2), (3, 2)], "s2": [({"percent": 100}, 2), ({"percent": 100}, 2)],
                  "s3": [(2, 1), (2, 1)]})
    path = generate("expert-protocol", write_yaml(tmp_path / "matrix.yaml", data), tmp_path / "out").document
    doc = docx.Document(str(path))
    rows = rows_of(doc.tables[0])
    assert [r[0] for r in rows[1:]] == ["I", "I", "III"]
    assert [r[1] for r in rows[1:]] == ["Школа 1", "Школа 2", "Школа 3"]
    assert [r[4] for r in rows[1:]] == [f"100{NBSP}%", f"100{NBSP}%", f"60{NBSP}%"]  # whole: no «,0»
    body = texts(path)
    assert "Школа 1 и Школа 2 набрали равный итоговый балл и разделили I место." in body
    # Every expert scored every participant: said so, with no list of who scored whom.
    assert any("о результатах оценки. Каждого участника оценили все эксперты по критериям" in t for t in body)
    assert not any("Оценивали участников" in t for t in body)
    assert "Учебно-методический центр" in body
    assert f"Присутствовали: 2\u00a0из\u00a02{NBSP}членов экспертной группы; кворум имеется:" in body


def diverging(**protocol) -> dict:
    """s1's experts 3 and 1 on p (2 points apart, the limit is 1); s2's agree."""
    data = small({"s1": [(3, 2), (1, 2)], "s2": [(2, 2), (2, 2)]})
    data["protocol"].update(protocol)
    return data


def test_divergent_marks_send_results_to_review_not_approval(tmp_path):
    review = {"deadline": "27.12.2018", "responsible": "b"}
    path = generate("expert-protocol", write_yaml(tmp_path / "m.yaml", diverging(review=review)), tmp_path / "o").document
    body = body_of(path)
    assert "Учебно-методический центр (предварительные результаты)" in body
    assert not any(t.startswith("1. Утвердить результаты") for t in body)  # no approval of what is disputed
    assert ("1. Провести дополнительную экспертизу по критериям, оценки по которым расходятся (см. выше); результаты "
            "оценки и места участников вида «Учебно-методический центр» утвердить по её итогам.") in body
    assert f"Срок\u00a0— 27 декабря 2018{NBSP}г. Ответственный\u00a0— член экспертной группы П.И.{NBSP}Зуев." in body
    sheets = texts(generate("expert-scoring-sheets", write_yaml(tmp_path / "m.yaml", diverging()), tmp_path / "s").document)
    assert f"Оценки экспертов расходятся более 1{NBSP}балла\u00a0— требуется дополнительная экспертиза:" in sheets


def test_absent_member_votes_and_quorum(tmp_path):
    data = small({"s1": [(3, 2), (3, 2)]})
    data["experts"].append({"id": "c", "person": {"full_name": "Котова Нина Юрьевна", "gender": "ж",
                                                  "position": "учитель"}, "workplace": "МБОУ «СОШ № 9»"})
    data["protocol"].update(absent=["c"], votes={"for": 1, "abstained": 1})
    body = body_of(generate("expert-protocol", write_yaml(tmp_path / "m.yaml", data), tmp_path / "o").document)
    assert f"Присутствовали: 2\u00a0из\u00a03{NBSP}членов экспертной группы; кворум имеется:" in body
    assert f"Отсутствовали: Н.Ю.{NBSP}Котова (учитель, МБОУ\u00a0«СОШ\u00a0№{NBSP}9»)." in body
    assert "ГОЛОСОВАЛИ: за\u00a0— 1, против\u00a0— 0, воздержались\u00a0— 1." in body


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
    (BANDS[:3], "первая полоса должна начинаться с «from: 0» (от 0 %), иначе проценты ниже 50 % не получат балла"),
    ([BANDS[0], BANDS[1], {"score": 1, "from": 70}, BANDS[3]], "две полосы начинаются с 70 %, одна из них пуста"),
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


def test_an_expert_does_not_score_their_own_organisation(tmp_path):
    """Соколова works at the lyceum (the profile, the host of the expert group): her marks for it
    are refused — in every document read from the file, the blank matrix aside."""
    data = sample()
    data["scores"].append({"expert": "sokolova", "participant": "licey176",
                           "marks": data["scores"][0]["marks"]})
    for slug in ("expert-scoring-sheets", "expert-protocol"):
        refused(tmp_path / slug, data, "поле «scores[9].expert» (код эксперта): эксперт «Соколова Ирина Викторовна» "
                                       "(sokolova) работает в МАОУ «Лицей № 176» и не может оценивать этого "
                                       "участника (конфликт интересов)", slug=slug)


def test_an_outside_expert_from_a_participant_is_recognised_by_workplace_or_code(tmp_path):
    data = sample()
    data["experts"][1]["workplace"] = "МКОУ «Убинская средняя школа № 2»"  # Гончаров now works at a participant
    refused(tmp_path / "name", data, "эксперт «Гончаров Андрей Николаевич» (goncharov) работает в МКОУ «Убинская "
                                     "средняя школа № 2» и не может оценивать этого участника")
    data = sample()
    data["experts"][1]["participant"] = "berdsk1"
    refused(tmp_path / "code", data, "поле «scores[4].expert»", "(goncharov) работает в МАОУ «СОШ №")
    data["experts"][1]["participant"] = "berdsk9"
    refused(tmp_path / "unknown", data, "поле «experts[2].participant» (участник, в котором работает эксперт): "
                                        "участника «berdsk9» нет в participants")


def test_kinds_with_different_criteria_are_not_ranked_in_one_list(tmp_path):
    data = sample()
    data["ranking"] = "общий"
    refused(tmp_path, data, "поле «ranking» (ранжирование): участники разных видов оцениваются по разным критериям "
                            f"(максимум 32 и 23{NBSP}балла) и ранжируются отдельно", slug="expert-protocol")


@pytest.mark.parametrize("change, message", [
    ({"absent": ["goncharov", "mironova"]}, "поле «protocol.absent» (отсутствовали): кворума нет: присутствуют 2 из 4 "
                                            "членов экспертной группы, нужно больше 50 %"),
    ({"absent": ["lebedeva"]}, "поле «protocol.absent[1]» (отсутствовали): эксперт «lebedeva» ведёт заседание"),
    ({"absent": ["ivanova"]}, "поле «protocol.absent[1]» (отсутствовали): эксперта «ivanova» нет в experts"),
    ({"votes": {"for": 3}}, "поле «protocol.votes» (итоги голосования): проголосовали 3, а присутствуют 4"),
    ({"decisions": [{"text": "т", "deadline": "19.12.2018", "responsible": "sokolova"}]},
     "поле «protocol.decisions[1].deadline» (срок исполнения): срок 19.12.2018 раньше даты заседания 20.12.2018"),
    ({"decisions": [{"text": "т", "deadline": "21.12.2018", "responsible": "petrov"}]},
     "поле «protocol.decisions[1].responsible» (ответственный): «petrov» — не код эксперта"),
    ({"decisions": [{"text": "т", "deadline": "21.12.2018"}]}, "поле «protocol.decisions[1].responsible»"),
    ({"decisions": ["представить результаты"]}, "поле «protocol.decisions[1]»"),
])
def test_bad_meeting(tmp_path, change, message):
    data = sample()
    data["protocol"].update(change)
    refused(tmp_path, data, message, slug="expert-protocol")


def test_divergent_marks_need_a_review_with_deadline_and_responsible(tmp_path):
    refused(tmp_path, diverging(), "поле «protocol.review» (дополнительная экспертиза): оценки экспертов расходятся "
                                   f"больше чем на 1{NBSP}балл (Школа 1): укажите срок и ответственного",
            slug="expert-protocol")


def test_additional_expertise_is_given_to_a_member(tmp_path):
    """The group can bind only its members: a participant's head cannot be made responsible for
    the additional expertise."""
    refused(tmp_path, diverging(review={"deadline": "27.12.2018", "responsible": "s1"}),
            "поле «protocol.review.responsible» (ответственный за дополнительную экспертизу): «s1» не член "
            "экспертной группы", slug="expert-protocol")


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
    assert "Максимальная сумма баллов\u00a0— 27." in texts(path)  # one kind: no genitive hanging on nothing


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
    assert sum(widths) == pytest.approx(252, abs=0.5)  # the landscape text width, whatever the number of experts
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
    assert [len(grid_mm(t)) for t in docx.Document(str(path)).tables] == [6, 7, 7]  # 2, 3, 3 experts
    assert body_of(path) == body_of(docs["expert-scoring-sheets"])
    names = zipfile.ZipFile(path).namelist()
    assert len(names) == len(set(names))  # one docProps/core.xml, though LibreOffice names its type otherwise


def test_abbreviations_expanded_where_they_are_used(docs, tmp_path):
    """Each document expands the data's abbreviations it prints, before their first use — and
    only those: the protocol of the sample prints none of the criteria's."""
    matrix = body_of(docs["expert-matrix"])
    line = next(t for t in matrix if t.startswith("Сокращения: "))
    assert matrix.index(line) < matrix.index("Максимальная сумма баллов: для консалтингового центра\u00a0— 32, "
                                             "для учебно-методического центра\u00a0— 23.")
    for expanded in ("консалтинговый центр (КЦ)", "учебно-методический центр (УМЦ)", "универсальные учебные "
                     "действия (УУД)"):
        assert expanded in line
    sheets = [t for t in body_of(docs["expert-scoring-sheets"]) if t.startswith("Сокращения: ")]
    assert len(sheets) == 3 and "(КЦ)" in sheets[0] and "(КЦ)" not in sheets[2]  # the УМЦ's criteria have no «КЦ»
    assert not any(t.startswith("Сокращения") for t in body_of(docs["expert-protocol"]))
    data = small({"s1": [(2, 1)]})
    data["abbreviations"] = {"ОО": "общеобразовательная организация"}
    data["kinds"][0]["criteria"][0]["title"] = "Выполнение плана работы ОО"
    body = body_of(generate("expert-scoring-sheets", write_yaml(tmp_path / "m.yaml", data), tmp_path / "o").document)
    assert "Сокращения: общеобразовательная организация (ОО)." in body
