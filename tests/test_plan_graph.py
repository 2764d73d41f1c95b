"""The plan-graph (road map) of the working group, generated through the CLI and read back as the
office would: grif, title, the table grouped by block, status marks as of a date, the Gantt chart,
and bad input."""
from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from helpers import (
    NBSP, SAMPLES, assert_office_checker_clean, generate, read_yaml, rows_of, sample_document, texts, write_yaml,
)

TYPE = "plan-graph"
SAMPLE = SAMPLES / "tayandinskaya" / "plan-graph.yaml"
HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный исполнитель", "Соисполнители", "Результат / продукт",
          "Показатель выполнения", "Форма отчётности / контроля", "Отметка о выполнении"]
BLOCK_TITLES = ["1. Нормативно-правовое обеспечение", "2. Организационное обеспечение",
                "3. Кадровое и методическое обеспечение", "4. Аналитико-диагностическое обеспечение",
                "5. Информационное обеспечение", "6. Подведение итогов"]
OVERDUE_FILL = "F8D7DA"


def block_rows(rows: list[list[str]]) -> list[str]:
    """Rows whose one merged cell spans the table (python-docx repeats its text in every column)."""
    return [r[0] for r in rows[1:] if len(set(r)) == 1]


def activity_rows(rows: list[list[str]]) -> list[list[str]]:
    return [r for r in rows[1:] if len(set(r)) > 1]


def row_fill(row) -> set[str | None]:
    fills = set()
    for tc in row._tr.findall(qn("w:tc")):
        shd = tc.find(qn("w:tcPr") + "/" + qn("w:shd"))
        fills.add(None if shd is None else shd.get(qn("w:fill")))
    return fills


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    """The sample plan-graph, generated once for the module's read-only tests."""
    return sample_document(tmp_path_factory, TYPE, SAMPLE)


def test_listed_among_types(cli):
    result = cli("types")
    assert result.exit_code == 0 and "plan-graph" in result.output
    assert "План-график (дорожная карта)" in result.output


def test_file_name_names_the_approving_order(plan):
    assert plan.name == "План-график (дорожная карта) (приказ № 112-од от 01.09.2026).docx"


def test_organisation_grif_and_title(plan):
    body = [t for t in texts(plan) if t.strip()]
    assert body[:8] == [
        "Муниципальное казённое общеобразовательное учреждение «Таяндинская средняя общеобразовательная школа»",
        "(МКОУ «Таяндинская СОШ»)",
        "УТВЕРЖДЕН", "приказом МКОУ «Таяндинская СОШ»", f"от 01.09.2026 №{NBSP}112-од",
        "План-график (дорожная карта)",
        "работы рабочей группы по совершенствованию внутренней системы оценки качества образования "
        "на 2026/2027 учебный год",
        # the table comes next; the first paragraph after it is the legend
        body[7],
    ]
    assert body[7].startswith("Отметки о выполнении\u00a0— по состоянию на 15 октября 2026")
    document = docx.Document(str(plan))
    assert all(s.orientation == WD_ORIENT.LANDSCAPE and round(s.page_width.mm) == 297 for s in document.sections)


def test_table_header_blocks_and_numbering(plan):
    table = docx.Document(str(plan)).tables[0]
    rows = rows_of(table)
    assert rows[0] == HEADER
    assert block_rows(rows) == BLOCK_TITLES
    numbers = [r[0] for r in activity_rows(rows)]
    assert numbers == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3",
                       "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "6.1", "6.2"]
    # the header repeats on every page; no activity row splits between pages
    assert table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    for row in table.rows[1:]:
        assert row._tr.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is not None


def test_rows_terms_and_names(plan):
    rows = activity_rows(rows_of(docx.Document(str(plan)).tables[0]))
    first = rows[0]
    assert first[1].startswith("Изучить нормативные правовые и концептуальные документы")
    assert first[2] == f"01.09.2026{NBSP}– 18.09.2026"
    assert first[3] == f"Бондаренко{NBSP}О.Н., заместитель директора по учебно-воспитательной работе"
    assert first[4] == f"Зайченко{NBSP}Н.И."
    assert first[6] == "Изучены все документы перечня"
    assert first[7] == "Обсуждение на заседании рабочей группы, протокол"
    assert rows[2][4] == f"Ёлкина{NBSP}А.С., Мамедов{NBSP}Р.А., Петрова-Водкина{NBSP}М.А., Ткач{NBSP}Н.П."
    assert rows[3][2] == f"до{NBSP}11.12.2026"
    assert rows[5][2] == "еженедельно по четвергам, 8-й урок"
    assert rows[15][3] == f"Соколов{NBSP}И.Д., учитель информатики" and rows[15][4] == "—"
    for row in rows:
        assert row[1][0].isupper() and not row[1].endswith(".") and row[5][0].isupper()
    assert f"Руководитель рабочей группы\tО.Н.{NBSP}Бондаренко" in texts(plan)


def test_sample_marks_as_of_its_date(plan):
    table = docx.Document(str(plan)).tables[0]
    marks = {r[0]: r[8] for r in activity_rows(rows_of(table))}
    assert marks["1.1"] == "выполнено 17.09.2026" and marks["1.2"] == "выполнено 01.10.2026"
    assert marks["2.2"] == "просрочено"                    # до 30.09.2026, not done by 15.10.2026
    assert marks["4.1"] == "срок истекает 29.10.2026"      # exactly 14 days after 15.10.2026
    assert marks["5.1"] == "выполнено 12.10.2026"
    assert marks["2.1"] == "" and marks["1.3"] == "" and marks["6.2"] == ""
    body = texts(plan)
    assert "Всего мероприятий: 20; выполнено: 3; просрочено: 1; срок истекает: 1." in body


def test_gantt_chart_page(plan):
    document = docx.Document(str(plan))
    [shape] = document.inline_shapes
    assert round(shape.width.mm) == 250 and shape.height.mm < 150
    body = texts(plan)
    heading = body.index("Диаграмма Ганта плана-графика")
    assert document.paragraphs[heading].paragraph_format.page_break_before
    assert ("Мероприятия со сроком без календарных дат на диаграмме не показаны: 2.1 (еженедельно по четвергам, "
            "8-й урок); 3.1 (ежемесячно); 4.2 (ежемесячно).") in body
    blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[blob].blob.startswith(b"\x89PNG")


def test_office_checker_finds_no_errors(plan):
    assert_office_checker_clean(plan)


# -- hand-built data -------------------------------------------------------------------------------

def activity(block: str, action: str, **kw) -> dict:
    return {"block": block, "action": action, "responsible": "bondarenko", "result": "справка", **kw}


MARKS_DATA = {
    "organization": "organization.yaml",
    "approved": {"date": "01.09.2026", "number": "120-од"},
    "as_of": "15.10.2026",
    "due_soon_days": 10,
    "activities": [
        # listed out of block order on purpose: the document orders the blocks itself
        activity("summing_up", "подвести итоги", end="31.05.2027"),
        activity("analytical", "просроченное", start="01.09.2026", end="14.10.2026"),
        activity("analytical", "срок ровно через 10 дней", end="25.10.2026"),
        activity("analytical", "срок через 11 дней", end="26.10.2026"),
        activity("analytical", "срок сегодня", end="15.10.2026"),
        activity("analytical", "выполненное", end="01.10.2026", done=True),
        activity("analytical", "выполненное в срок", end="01.10.2026", done="30.09.2026"),
        activity("analytical", "постоянное", term="ежемесячно", co_executors=["zaichenko", "Белых Ирина Сергеевна"]),
    ],
}


def test_marks_boundaries_and_empty_blocks(sample_dir, tmp_path):
    path = generate(TYPE, write_yaml(sample_dir / "plan.yaml", copy.deepcopy(MARKS_DATA)), tmp_path / "out").document
    document = docx.Document(str(path))
    table = document.tables[0]
    rows = rows_of(table)
    assert block_rows(rows) == ["1. Аналитико-диагностическое обеспечение", "2. Подведение итогов"]
    marks = [(r[0], r[1], r[8]) for r in activity_rows(rows)]
    assert marks == [
        ("1.1", "Просроченное", "просрочено"),
        ("1.2", "Срок ровно через 10\u00a0дней", "срок истекает 25.10.2026"),
        ("1.3", "Срок через 11\u00a0дней", ""),
        ("1.4", "Срок сегодня", "срок истекает 15.10.2026"),
        ("1.5", "Выполненное", "выполнено"),
        ("1.6", "Выполненное в срок", "выполнено 30.09.2026"),
        ("1.7", "Постоянное", ""),
        ("2.1", "Подвести итоги", ""),
    ]
    assert activity_rows(rows)[6][4] == f"Зайченко{NBSP}Н.И., Белых{NBSP}И.С."
    # only the overdue row is shaded, and its mark is bold
    by_number = {r.cells[0].text: r for r in table.rows}
    assert row_fill(by_number["1.1"]) == {OVERDUE_FILL}
    for n in ("1.2", "1.3", "1.5", "2.1"):
        assert OVERDUE_FILL not in row_fill(by_number[n])
    overdue_mark = [r for r in by_number["1.1"].cells[8].paragraphs[0].runs if r.text]
    assert overdue_mark and all(r.bold for r in overdue_mark)
    due_mark = [r for r in by_number["1.2"].cells[8].paragraphs[0].runs if r.text]
    assert not any(r.bold for r in due_mark)
    body = texts(path)
    legend = next(t for t in body if t.startswith("Отметки о выполнении"))
    assert legend.startswith(f"Отметки о выполнении\u00a0— по состоянию на 15 октября 2026{NBSP}г.:")
    assert f"не позднее чем через 10{NBSP}дней" in legend
    assert not any(t.startswith("Отметку о выполнении ставит") for t in body)
    assert "Всего мероприятий: 8; выполнено: 2; просрочено: 1; срок истекает: 2." in body
    # no gantt: true → no chart; no head → no signature
    assert len(document.inline_shapes) == 0 and "Диаграмма Ганта плана-графика" not in body
    assert not any(t.startswith("Руководитель рабочей группы") for t in body)
    assert body[2:5] == ["УТВЕРЖДЕН", "приказом МКОУ «Таяндинская СОШ»", f"от 01.09.2026 №{NBSP}120-од"]


def test_without_a_date_the_marks_are_left_to_the_signer(sample_dir, tmp_path):
    data = copy.deepcopy(MARKS_DATA)
    del data["as_of"]
    for a in data["activities"]:
        a.pop("done", None)
    data["gantt"] = True
    path = generate(TYPE, write_yaml(sample_dir / "plan.yaml", data), tmp_path / "out").document
    document = docx.Document(str(path))
    assert [r[8] for r in activity_rows(rows_of(document.tables[0]))] == [""] * 8
    body = texts(path)
    assert not any(t.startswith("Отметки о выполнении") or t.startswith("Всего мероприятий") for t in body)
    assert "Отметку о выполнении ставит ответственный исполнитель после выполнения мероприятия." in body
    assert len(document.inline_shapes) == 1
    assert "Мероприятия со сроком без календарных дат на диаграмме не показаны: 1.7 (ежемесячно)." in body


@pytest.mark.parametrize("change, field, message", [
    ({"start": "01.11.2026", "end": "15.10.2026"}, "activities[2].end",
     "окончание 15.10.2026 раньше начала 01.11.2026"),
    ({"responsible": "Сидоров Пётр Петрович"}, "activities[2].responsible",
     "«Сидоров Пётр Петрович» нет в штатном списке"),
    ({"co_executors": ["belykh", "ivanov"]}, "activities[2].co_executors[2]", "«ivanov» нет в штатном списке"),
    ({"start": "31.09.2026"}, "activities[2].start", "такой даты нет"),
    ({"end": "2026/10/25"}, "activities[2].end", "ожидается дата в виде ДД.ММ.ГГГГ"),
    ({"block": "financial"}, "activities[2].block", "неизвестный блок «financial»; допустимые: normative"),
    ({"done": "когда-нибудь"}, "activities[2].done", "ожидается true (выполнено), false или дата выполнения"),
    ({"term": "ежемесячно"}, "activities[2].term", "либо срок словами (term), либо даты"),
])
def test_bad_activity(sample_dir, tmp_path, change, field, message):
    data = copy.deepcopy(MARKS_DATA)
    data["activities"][1].update(change)
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "plan.yaml" in result.output
    assert f"поле «{field}»" in result.output and message in result.output


@pytest.mark.parametrize("change, message", [
    ({"as_of": "15.13.2026"}, "поле «as_of» (дата отметок о выполнении): 15.13.2026: такого месяца нет"),
    ({"approved": {"date": "1 сентября", "number": 120}}, "поле «approved.date»"),
    ({"as_of": None}, "поле «activities[6].done» (отметка о выполнении): у мероприятия отметка о выполнении (done), но не указана дата отметок (as_of)"),
    ({"as_of": "29.09.2026"}, "поле «activities[7].done» (отметка о выполнении): мероприятие выполнено 30.09.2026, позже даты отметок 29.09.2026"),
    ({"period": {"start": "01.09.2026", "end": "31.12.2026"}},
     "поле «activities[1].end» (окончание выполнения (срок)): сроки мероприятия выходят за период плана (01.09.2026 – 31.12.2026)"),
    ({"activities": []}, "поле «activities» (мероприятия плана-графика)"),
])
def test_bad_plan(sample_dir, tmp_path, change, message):
    data = copy.deepcopy(MARKS_DATA)
    data.update(change)
    data = {k: v for k, v in data.items() if v is not None}
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "plan.yaml" in result.output and message in result.output


def test_activity_before_the_approval(sample_dir, tmp_path):
    data = read_yaml(SAMPLE)
    data["activities"][0]["start"] = "25.08.2026"
    data["activities"][0]["end"] = "31.08.2026"
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «activities[1].end» (окончание выполнения (срок)): срок мероприятия (31.08.2026) раньше даты утверждения плана-графика (01.09.2026)" in result.output
