"""The report on the execution of the plan-graph, generated through the CLI from the approved
plan's own data file plus the facts, and read back as the office would: title with the approving
order and the date, a mark and a note per activity, the Gantt chart, the summary with its shares,
the head's signature kept with the summary — and the date rules that refuse a bad report."""
from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from helpers import (
    NBSP, SAMPLES, assert_office_checker_clean, body_of, generate, read_yaml, rows_of, sample_document, texts,
    write_yaml,
)
from test_plan_graph import activity

TYPE = "plan-graph-report"
SAMPLE = SAMPLES / "tayandinskaya" / "plan-graph-report.yaml"
HEADER = ["№ п/п", "Мероприятие", "Срок по плану", "Ответственный исполнитель", "Результат / продукт",
          "Отметка об исполнении", "Примечание"]
SIGNATURE = f"Руководитель рабочей группы\tО.Н.{NBSP}Бондаренко"


def activity_rows(table) -> list[list[str]]:
    return [r for r in rows_of(table)[1:] if len(set(r)) > 1]


def marks(path: Path) -> dict[str, str]:
    return {r[0]: r[5] for r in activity_rows(docx.Document(str(path)).tables[0])}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return sample_document(tmp_path_factory, TYPE, SAMPLE)


def test_listed_among_types(cli):
    result = cli("types")
    assert result.exit_code == 0 and "plan-graph-report" in result.output
    assert "Отчёт об исполнении плана-графика" in result.output


def test_the_demo_writes_the_plan_and_its_report(cli, tmp_path):
    result = cli("demo", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    written = {p.name for p in (tmp_path / "out").glob("*.docx")}
    assert {"План-график (дорожная карта) (приказ № 112-од от 01.09.2026).docx",
            "Отчёт об исполнении плана-графика на 15.10.2026.docx"} <= written


def test_title_names_the_plan_its_approval_and_the_date(report):
    assert report.name == "Отчёт об исполнении плана-графика на 15.10.2026.docx"
    assert body_of(report)[:7] == [
        f"Муниципальное казённое общеобразовательное учреждение «Таяндинская средняя общеобразовательная{NBSP}школа»",
        "(МКОУ\u00a0«Таяндинская\u00a0СОШ»)",
        "ОТЧЁТ",
        "об исполнении плана-графика (дорожной карты) работы рабочей группы по совершенствованию внутренней "
        f"системы оценки качества образования на 2026/2027{NBSP}учебный{NBSP}год,",
        f"утверждённого приказом МКОУ\u00a0«Таяндинская\u00a0СОШ» от 01.09.2026 №{NBSP}112-од,",
        "по состоянию на 15.10.2026",
        "Исполнение мероприятий",
    ]
    document = docx.Document(str(report))
    assert all(s.orientation == WD_ORIENT.LANDSCAPE for s in document.sections)


def test_each_activity_has_its_mark_and_note(report):
    table = docx.Document(str(report)).tables[0]
    rows = rows_of(table)
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:] if len(set(r)) == 1][0] == "1. Нормативно-правовое обеспечение"
    assert marks(report) == {
        "1.1": "выполнено 17.09.2026", "1.2": "выполнено 01.10.2026", "1.3": "выполняется",
        "1.4": "срок не наступил", "1.5": "срок не наступил",  # 1.4 follows the discussion: from 07.12
        "2.1": "выполняется", "2.2": "просрочено", "2.3": "выполняется", "2.4": "срок не наступил",
        "3.1": "выполняется", "3.2": "выполняется", "3.3": "выполняется",
        "4.1": "выполняется", "4.2": "выполняется", "4.3": "срок не наступил",
        "5.1": "выполнено 12.10.2026", "5.2": "срок не наступил", "5.3": "срок не наступил",
        "6.1": "срок не наступил", "6.2": "срок не наступил",
    }
    notes = {r[0]: r[6] for r in activity_rows(table)}
    assert notes["1.1"] == f"Аналитическая записка рассмотрена на заседании рабочей группы (протокол №{NBSP}3 от 17.09.2026)"
    assert notes["2.2"].startswith("Решения приняты педагогическим и методическим советами")
    assert notes["1.4"] == "—"
    # Every «выполняется» says what was done; the figures agree with the registry (16 acts in the list).
    assert all(notes[n] != "—" for n, mark in marks(report).items() if mark == "выполняется")
    assert notes["1.2"].startswith("Перечень из 16 локальных нормативных актов")
    assert notes["1.3"].startswith("Разработаны проекты двух актов")
    assert notes["2.1"].startswith("Проведено шесть заседаний")
    assert "размещены 03.09.2026" in notes["5.1"]  # within three working days of order 112
    overdue = next(r for r in table.rows if r.cells[0].text == "2.2").cells[5].paragraphs[0].runs
    assert [r.bold for r in overdue if r.text] == [True]  # «просрочено» stands out without colour
    assert {shd.get(qn("w:fill")) for shd in table._tbl.iter(qn("w:shd"))} <= {"auto", None}


def test_summary_counts_and_shares(report):
    body = body_of(report)
    start = body.index("Итоги исполнения на 15.10.2026")
    assert body[start + 1:] == [
        "Всего мероприятий в плане-графике\u00a0— 20, из них:",
        f"выполнено\u00a0— 3 (15{NBSP}%);",
        f"выполняется\u00a0— 8 (40{NBSP}%);",
        f"просрочено\u00a0— 1 (5{NBSP}%): пункт 2.2;",
        f"срок не наступил\u00a0— 8 (40{NBSP}%).",
        f"Из 3{NBSP}мероприятий, срок окончания которых истёк к 15.10.2026, выполнено 2 (66,7{NBSP}%).",
        SIGNATURE,
        "15.10.2026",  # the date it was drawn up, under the signature
    ]


def test_the_chart_is_in_the_report_before_the_summary_and_the_signature(report):
    document = docx.Document(str(report))
    [shape] = document.inline_shapes
    assert round(shape.width.mm) == 250 and shape.height.mm < 150
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[blob].blob.startswith(b"\x89PNG")
    body = texts(report)
    heading = body.index("Диаграмма Ганта: сроки мероприятий и их исполнение на 15.10.2026")
    assert document.paragraphs[heading].paragraph_format.page_break_before
    assert ("Мероприятия со сроком без календарных дат на диаграмме не показаны: 2.1 (еженедельно по четвергам, "
            "8-й урок); 3.1 (ежемесячно); 4.2 (ежемесячно).") in body
    assert heading < body.index("Итоги исполнения на 15.10.2026") < body.index(SIGNATURE) == len(body) - 2


def test_the_signature_keeps_with_the_summary(report):
    """Every line from the summary's heading down keeps with the next: the signature is never
    alone at the top of a page, nor the summary parted from it."""
    paragraphs = [p for p in docx.Document(str(report)).paragraphs if p.text.strip()]
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Итоги исполнения"))
    assert paragraphs[-2].text == SIGNATURE and paragraphs[-1].text == "15.10.2026"
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[start:-1])


def test_office_checker_finds_no_errors(report):
    assert_office_checker_clean(report)


# -- hand-built data -------------------------------------------------------------------------------

PLAN = {
    "organization": "organization.yaml",
    "approved": {"date": "01.09.2026", "number": "120-од"},
    "head": "zaichenko",
    "activities": [
        activity("analytical", "срок истёк вчера", start="01.09.2026", end="14.10.2026"),
        activity("analytical", "срок сегодня", end="15.10.2026"),
        activity("analytical", "начинается сегодня", start="15.10.2026", end="30.10.2026"),
        activity("analytical", "начинается завтра", start="16.10.2026", end="30.10.2026"),
        activity("analytical", "выполнено позже срока", end="01.10.2026"),
        activity("analytical", "выполнено в срок", end="01.10.2026"),
        activity("summing_up", "постоянное", term="ежемесячно"),
    ],
}
REPORT = {
    "plan": "plan.yaml",
    "as_of": "15.10.2026",
    "chart": False,
    "execution": [
        {"activity": "1.5", "done": "05.10.2026", "note": "справка представлена с опозданием"},
        {"activity": "1.6", "done": "30.09.2026"},
        {"activity": "2.1", "note": "проведено два заседания"},
        {"activity": "1.2", "note": "справка готовится"},
    ],
}


def write_pair(folder: Path, plan: dict | None = None, report: dict | None = None) -> Path:
    write_yaml(folder / "plan.yaml", copy.deepcopy(plan or PLAN))
    return write_yaml(folder / "report.yaml", copy.deepcopy(report or REPORT))


def test_states_at_their_boundaries(sample_dir, tmp_path):
    path = generate(TYPE, write_pair(sample_dir), tmp_path / "out").document
    assert marks(path) == {
        "1.1": "просрочено",                          # the end was before the report's date
        "1.2": "выполняется",                         # the end is the report's date: not yet overdue
        "1.3": "выполняется",                         # starts on the report's date
        "1.4": "срок не наступил",                    # starts the day after
        "1.5": "выполнено 05.10.2026, позже срока",
        "1.6": "выполнено 30.09.2026",
        "2.1": "выполняется",                         # a term in words runs through the plan
    }
    body = body_of(path)
    summary = body[body.index("Итоги исполнения на 15.10.2026") + 1:]
    assert summary == [
        "Всего мероприятий в плане-графике\u00a0— 7, из них:",
        f"выполнено\u00a0— 2 (28,6{NBSP}%), в том числе позже срока\u00a0— 1;",
        f"выполняется\u00a0— 3 (42,9{NBSP}%);",
        f"просрочено\u00a0— 1 (14,3{NBSP}%): пункт 1.1;",
        f"срок не наступил\u00a0— 1 (14,3{NBSP}%).",
        f"Из 3{NBSP}мероприятий, срок окончания которых истёк к 15.10.2026, выполнено 2 (66,7{NBSP}%).",
        f"Руководитель рабочей группы\tН.И.{NBSP}Зайченко",   # the plan's head signs
        "15.10.2026",
    ]
    # chart: false — no picture and no chart heading
    document = docx.Document(str(path))
    assert len(document.inline_shapes) == 0 and not any(t.startswith("Диаграмма Ганта") for t in body)
    assert_office_checker_clean(path)


def test_nothing_due_yet_and_everything_done(sample_dir, tmp_path):
    report = {**REPORT, "as_of": "01.09.2026", "execution": []}
    body = body_of(generate(TYPE, write_pair(sample_dir, report=report), tmp_path / "a").document)
    assert f"выполнено\u00a0— 0 (0{NBSP}%);" in body and f"просрочено\u00a0— 0 (0{NBSP}%);" in body
    assert not any(t.startswith("Из ") for t in body)  # no activity was due yet: no share of them
    plan = {**PLAN, "activities": PLAN["activities"][:1]}
    report = {**REPORT, "as_of": "20.10.2026", "execution": [{"activity": "1.1", "done": "14.10.2026"}]}
    body = body_of(generate(TYPE, write_pair(sample_dir, plan, report), tmp_path / "b").document)
    assert f"выполнено\u00a0— 1 (100{NBSP}%);" in body
    assert f"Из 1{NBSP}мероприятия, срок окончания которого истёк к 20.10.2026, выполнено 1 (100{NBSP}%)." in body


def refused(sample_dir, tmp_path, plan=None, report=None) -> str:
    result, written = generate(TYPE, write_pair(sample_dir, plan, report), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "report.yaml" in result.output
    return result.output


def with_fact(**fact) -> dict:
    return {**REPORT, "execution": [*REPORT["execution"], fact]}


@pytest.mark.parametrize("report, message", [
    ({**REPORT, "as_of": "31.08.2026"},
     "поле «as_of» (дата отчёта (по состоянию на)): отчёт по состоянию на 31.08.2026 раньше утверждения "
     "плана-графика (01.09.2026)"),
    (with_fact(activity="1.3", done="16.10.2026"),
     "поле «execution[5].done» (дата выполнения): мероприятие 1.3 выполнено 16.10.2026 — позже даты "
     "отчёта (15.10.2026)"),
    (with_fact(activity="1.3", done="31.08.2026"),
     "поле «execution[5].done» (дата выполнения): мероприятие 1.3 выполнено 31.08.2026 — раньше "
     "утверждения плана-графика (01.09.2026)"),
    (with_fact(activity="1.1", done="31.08.2026"),
     "поле «execution[5].done» (дата выполнения): мероприятие 1.1 выполнено 31.08.2026 — раньше "
     "утверждения плана-графика (01.09.2026)"),
    # «выполнено» before the activity's term began: 1.4 starts on 16.10.2026
    ({**REPORT, "as_of": "20.10.2026", "execution": [*REPORT["execution"][:4], {"activity": "1.4", "done": "15.10.2026"}]},
     "поле «execution[5].done» (дата выполнения): мероприятие 1.4 выполнено 15.10.2026 — раньше начала его "
     "срока по плану (16.10.2026)"),
    # «выполняется» without a word of what was done
    ({**REPORT, "execution": REPORT["execution"][:3]},
     "поле «execution» (выполнение мероприятий): мероприятие 1.2 на 15.10.2026 выполняется (срок"),
    ({**REPORT, "date": "14.10.2026"},
     "поле «date» (дата составления отчёта): отчёт составлен 14.10.2026 — раньше даты, на которую он "
     "составлен (15.10.2026)"),
    (with_fact(activity="3.1", note="нет такого"),
     "поле «execution[5].activity» (номер мероприятия): в плане-графике нет мероприятия «3.1»; есть: 1.1, 1.2, "
     "1.3, 1.4, 1.5, 1.6, 2.1"),
    (with_fact(activity="1.5", note="ещё раз"), "поле «execution[5].activity» (номер мероприятия): мероприятие 1.5 указано дважды"),
    (with_fact(activity=1.2, note="без кавычек"),
     "поле «execution[5].activity» (номер мероприятия): номер мероприятия пишите в кавычках"),
    (with_fact(activity="1.3"), "поле «execution[5].done» (дата выполнения): укажите дату выполнения (done) или примечание (note)"),
    (with_fact(activity="1.3", done="32.10.2026"), "поле «execution[5].done»"),
    ({**REPORT, "plan": "нет-такого.yaml"}, "поле «plan» (утверждённый план-график): файл плана-графика «нет-такого.yaml»"),
    ({**REPORT, "plan": {"activities": []}}, "поле «plan» (утверждённый план-график): ожидается имя файла данных плана-графика"),
    ({key: value for key, value in REPORT.items() if key != "as_of"}, "поле «as_of»"),
])
def test_bad_report(sample_dir, tmp_path, report, message):
    assert message in refused(sample_dir, tmp_path, report=report)


def test_a_problem_in_the_plan_names_the_plan_file_and_its_field(sample_dir, tmp_path):
    plan = copy.deepcopy(PLAN)
    plan["activities"][1]["end"] = "31.08.2026"
    output = refused(sample_dir, tmp_path, plan=plan)
    assert "поле «plan» (утверждённый план-график): файл плана-графика «plan.yaml»: поле «activities[2].end»" in output
    assert "раньше даты утверждения плана-графика" in output


def test_a_plan_without_its_head_has_nobody_to_sign(sample_dir, tmp_path):
    plan = {key: value for key, value in PLAN.items() if key != "head"}
    output = refused(sample_dir, tmp_path, plan=plan)
    assert "поле «plan» (утверждённый план-график): в плане-графике не указан руководитель рабочей группы (head)" in output


def test_the_report_is_of_the_plans_organisation(sample_dir, tmp_path):
    other = read_yaml(sample_dir / "organization.yaml")
    other["full_name"] = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 2»"
    write_yaml(sample_dir / "other.yaml", other)
    output = refused(sample_dir, tmp_path, report={**REPORT, "organization": "other.yaml"})
    assert "поле «organization»" in output and "другой организации" in output
    # the same profile named explicitly is accepted
    generate(TYPE, write_pair(sample_dir, report={**REPORT, "organization": "organization.yaml"}), tmp_path / "ok").document
