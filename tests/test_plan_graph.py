"""The plan-graph (road map) of the working group as approved, generated through the CLI and read
back as the office would: grif, title, the table grouped by block — and nothing dated after the
approval (no execution marks, no shading, no chart), which is the report's (test_plan_graph_report.py)."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from helpers import (
    NBSP, SAMPLES, assert_office_checker_clean, body_of, generate, read_yaml, rows_of, sample_document, write_yaml,
)

TYPE = "plan-graph"
SAMPLE = SAMPLES / "tayandinskaya" / "plan-graph.yaml"
HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный исполнитель", "Соисполнители", "Результат / продукт",
          "Показатель выполнения", "Форма отчётности / контроля"]
BLOCK_TITLES = ["1. Нормативно-правовое обеспечение", "2. Организационное обеспечение",
                "3. Кадровое и методическое обеспечение", "4. Аналитико-диагностическое обеспечение",
                "5. Информационное обеспечение", "6. Подведение итогов"]
# What execution looks like in a document: none of it belongs to the approved annex.
EXECUTION_WORDS = re.compile(r"выполнено|выполняется|просрочено|срок истекает|не наступил|по состоянию на|"
                             r"Отметка о(б)? (вы|ис)полнении|Диаграмма", re.IGNORECASE)


def block_rows(rows: list[list[str]]) -> list[str]:
    """Rows whose one merged cell spans the table (python-docx repeats its text in every column)."""
    return [r[0] for r in rows[1:] if len(set(r)) == 1]


def activity_rows(rows: list[list[str]]) -> list[list[str]]:
    return [r for r in rows[1:] if len(set(r)) > 1]


def fills(document) -> set[str]:
    """Every cell shading colour in the document's tables (Word's «auto» is no shading)."""
    return {shd.get(qn("w:fill")) for t in document.tables for shd in t._tbl.iter(qn("w:shd"))} - {"auto", None}


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
    assert body_of(plan) == [
        f"Муниципальное казённое общеобразовательное учреждение «Таяндинская средняя общеобразовательная{NBSP}школа»",
        "(МКОУ\u00a0«Таяндинская\u00a0СОШ»)",
        "УТВЕРЖДЕН", "приказом МКОУ\u00a0«Таяндинская\u00a0СОШ»", f"от 01.09.2026 №{NBSP}112-од",
        "План-график (дорожная карта)",
        "работы рабочей группы по совершенствованию внутренней системы оценки качества образования "
        f"на 2026/2027{NBSP}учебный{NBSP}год",  # «учебный год» never alone on the title's last line
    ]  # and then only the table: no legend, no summary, no signature after it
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
    # the header repeats on every page; no row splits between pages; a block's title keeps with its first row
    assert table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    for row in table.rows[1:]:
        assert row._tr.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is not None
    titles = [row for row in table.rows if len({c.text for c in row.cells}) == 1][1:]
    assert titles and all(row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in titles)


def test_rows_terms_and_names(plan):
    rows = activity_rows(rows_of(docx.Document(str(plan)).tables[0]))
    first = rows[0]
    assert first[1].startswith("Изучить нормативные правовые и концептуальные документы")
    assert first[2] == f"01.09.2026{NBSP}– 18.09.2026"
    assert first[3] == f"Бондаренко{NBSP}О.Н., заместитель директора по учебно-воспитательной работе"
    assert first[4] == f"Зайченко{NBSP}Н.И."
    assert first[6] == "Изучены все документы перечня"
    assert first[7] == "Обсуждение на заседании рабочей группы, протокол"
    assert f"качества образования (далее{NBSP}— ВСОКО)" in rows[1][1]  # the abbreviation expanded at first use
    assert rows[2][4] == f"Ёлкина{NBSP}А.С., Мамедов{NBSP}Р.А., Петрова-Водкина{NBSP}М.А., Ткач{NBSP}Н.П."
    assert rows[1][2] == f"01.09.2026{NBSP}– 01.10.2026"  # the audit's term as the regulation (105-од, п. 2) sets it
    assert rows[3][2] == f"07.12.2026{NBSP}– 11.12.2026"  # after the discussion (5.2) and the council (2.4)
    assert rows[7][2] == f"02.10.2026{NBSP}– 20.11.2026"  # technical tasks end with the drafts (1.3)
    assert rows[8][2] == f"02.12.2026{NBSP}– 04.12.2026"  # the council reviews after the discussion
    assert rows[16][2] == f"23.11.2026{NBSP}– 01.12.2026"
    assert not any("показателей проекта" in cell for row in rows for cell in row)  # no project is defined
    assert rows[5][2] == "еженедельно по четвергам, 8-й урок"
    assert rows[15][3] == f"Соколов{NBSP}И.Д., учитель информатики" and rows[15][4] == "—"
    for row in rows:
        assert row[1][0].isupper() and not row[1].endswith(".") and row[5][0].isupper()


def test_the_approved_plan_carries_nothing_dated_after_its_approval(plan):
    """Class 5 of issue 14: what was approved on 01.09.2026, without marks, shading or a chart."""
    document = docx.Document(str(plan))
    everything = body_of(plan) + [c for t in document.tables for r in rows_of(t) for c in r]
    assert [t for t in everything if EXECUTION_WORDS.search(t)] == []
    assert fills(document) == set()
    assert len(document.inline_shapes) == 0
    assert not any(t.startswith("Руководитель рабочей группы") for t in everything)


def test_office_checker_finds_no_errors(plan):
    assert_office_checker_clean(plan)


# -- hand-built data -------------------------------------------------------------------------------

def activity(block: str, action: str, **kw) -> dict:
    return {"block": block, "action": action, "responsible": "bondarenko", "result": "справка", **kw}


DATA = {
    "organization": "organization.yaml",
    "approved": {"date": "01.09.2026", "number": "120-од"},
    "activities": [
        # listed out of block order on purpose: the document orders the blocks itself
        activity("summing_up", "подвести итоги", end="31.05.2027"),
        activity("analytical", "провести анализ", start="01.09.2026", end="14.10.2026"),
        activity("analytical", "постоянное", term="ежемесячно", co_executors=["zaichenko", "Белых Ирина Сергеевна"]),
    ],
}


def test_blocks_in_their_order_and_empty_ones_left_out(sample_dir, tmp_path):
    path = generate(TYPE, write_yaml(sample_dir / "plan.yaml", copy.deepcopy(DATA)), tmp_path / "out").document
    rows = rows_of(docx.Document(str(path)).tables[0])
    assert block_rows(rows) == ["1. Аналитико-диагностическое обеспечение", "2. Подведение итогов"]
    assert [(r[0], r[1], r[2]) for r in activity_rows(rows)] == [
        ("1.1", "Провести анализ", f"01.09.2026{NBSP}– 14.10.2026"),
        ("1.2", "Постоянное", "ежемесячно"),
        ("2.1", "Подвести итоги", f"до{NBSP}31.05.2027"),
    ]
    assert activity_rows(rows)[1][4] == f"Зайченко{NBSP}Н.И., Белых{NBSP}И.С."
    assert_office_checker_clean(path)


@pytest.mark.parametrize("change, field", [
    ({"as_of": "15.10.2026"}, "as_of"),
    ({"gantt": True}, "gantt"),
    ({"due_soon_days": 14}, "due_soon_days"),
])
def test_execution_marks_are_refused_in_the_plan(sample_dir, tmp_path, change, field):
    """A plan file of the old shape is told where its marks went, not «неизвестное поле»."""
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", {**DATA, **change}), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "plan.yaml" in result.output and f"поле «{field}»" in result.output
    assert "отметки о выполнении в утверждённый план-график не входят" in result.output
    assert "plan-graph-report" in result.output


def test_a_done_mark_on_an_activity_is_refused(sample_dir, tmp_path):
    data = copy.deepcopy(DATA)
    data["activities"][1]["done"] = "01.10.2026"
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «activities[2].done»: отметки о выполнении в утверждённый план-график не входят" in result.output


@pytest.mark.parametrize("change, field, message", [
    ({"start": "01.11.2026", "end": "15.10.2026"}, "activities[2].end",
     "окончание 15.10.2026 раньше начала 01.11.2026"),
    ({"responsible": "Сидоров Пётр Петрович"}, "activities[2].responsible",
     "«Сидоров Пётр Петрович» нет в штатном списке"),
    ({"co_executors": ["belykh", "ivanov"]}, "activities[2].co_executors[2]", "«ivanov» нет в штатном списке"),
    ({"start": "31.09.2026"}, "activities[2].start", "такой даты нет"),
    ({"end": "2026/10/25"}, "activities[2].end", "ожидается дата в виде ДД.ММ.ГГГГ"),
    ({"block": "financial"}, "activities[2].block", "неизвестный блок «financial»; допустимые: normative"),
    ({"term": "ежемесячно"}, "activities[2].term", "либо срок словами (term), либо даты"),
])
def test_bad_activity(sample_dir, tmp_path, change, field, message):
    data = copy.deepcopy(DATA)
    data["activities"][1].update(change)
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "plan.yaml" in result.output
    assert f"поле «{field}»" in result.output and message in result.output


@pytest.mark.parametrize("change, message", [
    ({"approved": {"date": "1 сентября", "number": 120}}, "поле «approved.date»"),
    ({"period": {"start": "01.09.2026", "end": "31.12.2026"}},
     "поле «activities[1].end» (окончание выполнения (срок)): сроки мероприятия выходят за период плана (01.09.2026 – 31.12.2026)"),
    ({"activities": []}, "поле «activities» (мероприятия плана-графика)"),
])
def test_bad_plan(sample_dir, tmp_path, change, message):
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", {**DATA, **change}), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "plan.yaml" in result.output and message in result.output


def test_activity_before_the_approval(sample_dir, tmp_path):
    # the inline sample (the Таяндинская sample takes its activities from plan.yaml: tests/test_plan_file.py)
    data = {**read_yaml(SAMPLE.parent / "inline" / SAMPLE.name), "organization": "organization.yaml"}
    data["activities"][0]["start"] = "25.08.2026"
    data["activities"][0]["end"] = "31.08.2026"
    result, written = generate(TYPE, write_yaml(sample_dir / "plan.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «activities[1].end» (окончание выполнения (срок)): срок мероприятия (31.08.2026) раньше даты утверждения плана-графика (01.09.2026)" in result.output
