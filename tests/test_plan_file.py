"""One plan file feeding three documents (issue 18): the Таяндинская plan-graph, regulation order
and project passport all name samples/tayandinskaya/plan.yaml. Generated through the CLI and read
back: the same activities, terms and responsible people in each; a change made once in the plan
reaches all three; `docgen check` stays clean; every bad plan is refused naming the plan file and
its field, exit 2, nothing written."""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import docx
import pytest

from helpers import NBSP, assert_office_checker_clean, edit_text, generate, read_yaml, rows_of, write_yaml

INTRODUCED = f" (далее{NBSP}— ВСОКО)"  # the abbreviation's introduction, wherever a document puts it
AUDIT = ("Провести внутренний аудит (экспертизу) функционирующей внутренней системы оценки качества образования "
         "и сформировать перечень локальных нормативных актов, необходимых и достаточных для её функционирования")
BONDARENKO = "Бондаренко О.Н., заместитель директора по учебно-воспитательной работе"
SOKOLOV = "Соколов И.Д., учитель информатики"
DOCUMENTS = {"plan-graph": "plan-graph.yaml", "regulation-order": "regulation-order.yaml",
             "project-passport": "project.yaml"}


def flat(text: str) -> str:
    """What a reader sees: the abbreviation's introduction left out, no-break spaces as spaces."""
    return " ".join(text.replace(INTRODUCED, "").replace(NBSP, " ").split())


def activities(slug: str, path: Path) -> list[tuple[str, str, str]]:
    """(activity, term, responsible) of every row of the document's plan table, in order."""
    tables = docx.Document(str(path)).tables
    # The passport's mechanisms table is shaped as the plan-graph's: a row a direction, then its activities.
    [table] = [t for t in tables if t.rows[0].cells[1].text in ("Мероприятие", "Мероприятия")]
    return [(flat(r[1]), flat(r[2]), flat(r[3])) for r in rows_of(table)[1:] if re.fullmatch(r"[\d.]+", r[0])]


def generate_all(folder: Path, out: Path) -> dict[str, Path]:
    made = {}
    for slug, name in DOCUMENTS.items():
        made[slug] = generate(slug, folder / name, out, "--db", out / "journal.sqlite").document
    return made


@pytest.fixture
def documents(sample_dir, tmp_path) -> dict[str, Path]:
    return generate_all(sample_dir, tmp_path / "out")


def test_one_plan_prints_the_same_rows_in_three_documents(documents, sample_dir):
    rows = {slug: activities(slug, path) for slug, path in documents.items()}
    plan = read_yaml(sample_dir / "plan.yaml")["activities"]
    # The order and the project take the whole plan; the plan-graph its two stages (not the
    # preparation: creating the working group that the plan-graph belongs to).
    assert len(rows["regulation-order"]) == len(rows["project-passport"]) == len(plan) == 21
    assert rows["regulation-order"] == rows["project-passport"]
    preparation = [n for n, row in enumerate(plan) if row.get("stage") == "preparation"]
    assert preparation == [5]
    assert rows["regulation-order"][5][0].startswith("Создать рабочую группу по совершенствованию ВСОКО")
    expected = [row for n, row in enumerate(rows["regulation-order"]) if n not in preparation]
    assert sorted(rows["plan-graph"]) == sorted(expected) and len(rows["plan-graph"]) == 20
    for slug in DOCUMENTS:
        assert (AUDIT, "01.09.2026 – 01.10.2026", BONDARENKO) in rows[slug], slug
        assert ("Проводить заседания рабочей группы", "еженедельно по четвергам, 8-й урок", BONDARENKO) in rows[slug]
    for path in documents.values():
        assert_office_checker_clean(path)


def test_a_change_made_once_in_the_plan_reaches_all_three(sample_dir, tmp_path):
    edit_text(sample_dir / "plan.yaml", "    end: 01.10.2026\n    responsible: bondarenko\n"
                                        "    co_executors: [zaichenko, belykh]",
              "    end: 05.10.2026\n    responsible: sokolov\n    co_executors: [zaichenko, belykh]")
    for slug, path in generate_all(sample_dir, tmp_path / "out").items():
        rows = activities(slug, path)
        assert (AUDIT, "01.09.2026 – 05.10.2026", SOKOLOV) in rows, slug
        assert not any(action == AUDIT and term.endswith("01.10.2026") for action, term, _ in rows), slug
    # The order's acquaintance list follows: everyone the plan names signs it.
    order = docx.Document(str(next((tmp_path / "out").glob("Приказ*.docx"))))
    assert any("Соколов" in cell.text for table in order.tables for row in table.rows for cell in row.cells)


def test_a_document_takes_one_stage_of_the_plan(sample_dir, tmp_path):
    data = read_yaml(sample_dir / "regulation-order.yaml")
    data["plan"] = {"file": "plan.yaml", "stage": "preparation"}
    document = generate("regulation-order", write_yaml(sample_dir / "stage.yaml", data), tmp_path / "out").document
    rows = activities("regulation-order", document)
    # its own row, then the rows of no stage (they run through the whole plan)
    assert [action.split(" ")[0] for action, _, _ in rows] == ["Создать", "Проводить", "Проводить", "Организовать",
                                                              "Проводить"]
    assert not any(action.startswith("Изучить") for action, _, _ in rows)


def test_check_is_clean_over_the_samples(cli, sample_dir, tmp_path):
    db = tmp_path / "db.sqlite"
    result = cli("acts", "import", sample_dir / "acts.csv", "--org", sample_dir / "organization.yaml", "--db", db,
                 "--today", "30.11.2026")
    assert result.exit_code == 0, result.output
    result = cli("check", sample_dir, "--db", db)
    assert result.exit_code == 0, result.output
    assert "нарушений нет" in result.output


def _row(n: int, **change):
    def edit(plan: dict) -> None:
        plan["activities"][n].update(change)
        for key in [k for k, v in change.items() if v is None]:
            del plan["activities"][n][key]
    return edit


PLAN_ERRORS = [
    (_row(1, responsible=None), "activities[2].responsible", "не указан ответственный исполнитель"),
    (_row(1, start="01.11.2026"), "activities[2].end", "окончание 01.10.2026 раньше начала 01.11.2026"),
    (_row(1, stage="final"), "activities[2].stage", "этапа «final» нет в stages плана"),
    (_row(1, end=None, start=None), "activities[2].end", "не указан срок"),
]


@pytest.mark.parametrize("slug", DOCUMENTS)
@pytest.mark.parametrize("edit, field, message", PLAN_ERRORS)
def test_a_bad_plan_row_is_refused_by_every_document(sample_dir, tmp_path, slug, edit, field, message):
    plan = read_yaml(sample_dir / "plan.yaml")
    edit(plan)
    write_yaml(sample_dir / "plan.yaml", plan)
    refused(slug, sample_dir / DOCUMENTS[slug], tmp_path, field, message)


def refused(slug: str, data: Path, tmp_path: Path, field: str, message: str) -> str:
    result, written = generate(slug, data, tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert written == []
    assert data.name in result.output and "файл плана «plan.yaml»" in result.output, result.output
    assert f"«{field}»" in result.output and message in result.output, result.output
    store = Path(os.environ["DOCGEN_DB"])
    if store.exists():
        with sqlite3.connect(store) as conn:
            assert conn.execute("select count(*) from order_journal").fetchone()[0] == 0
    return result.output


@pytest.mark.parametrize("slug", ["plan-graph", "regulation-order"])
def test_a_responsible_not_in_the_staff_list(sample_dir, tmp_path, slug):
    plan = read_yaml(sample_dir / "plan.yaml")
    plan["activities"][1]["responsible"] = "Сидоров Пётр Петрович"
    write_yaml(sample_dir / "plan.yaml", plan)
    refused(slug, sample_dir / DOCUMENTS[slug], tmp_path, "activities[2].responsible",
            "«Сидоров Пётр Петрович» нет в штатном списке")


def test_the_project_takes_a_group_in_words(sample_dir, tmp_path):
    """A project is run by groups and organisations: its table prints a responsible in words."""
    plan = read_yaml(sample_dir / "plan.yaml")
    plan["activities"][1]["responsible"] = "Проектная группа"
    write_yaml(sample_dir / "plan.yaml", plan)
    document = generate("project-passport", sample_dir / "project.yaml", tmp_path / "out").document
    assert (AUDIT, "01.09.2026 – 01.10.2026", "Проектная группа") in activities("project-passport", document)


@pytest.mark.parametrize("slug, change, field, message", [
    ("plan-graph", {"plan": {"file": "plan.yaml", "stage": ["final"]}}, "stage[1]",
     "в файле плана «plan.yaml» нет этапа «final»; этапы плана: preparation"),
    ("regulation-order", {"plan": {"file": "plan.yaml", "stages": ["results"]}}, "plan",
     "лишнее поле «stages»: указывают только file и stage"),
    ("regulation-order", {"plan": "plans.yaml"}, "plan", "файл плана «plans.yaml»: не найден"),
    ("project-passport", {"plan": {"file": "plan.yaml", "stage": "final"}}, "stage[1]", "нет этапа «final»"),
])
def test_a_bad_reference_to_the_plan(sample_dir, tmp_path, slug, change, field, message):
    data = {**read_yaml(sample_dir / DOCUMENTS[slug]), **change}
    result, written = generate(slug, write_yaml(sample_dir / "doc.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "doc.yaml" in result.output and f"«{field}»" in result.output and message in result.output, result.output


@pytest.mark.parametrize("slug", ["plan-graph", "regulation-order"])
def test_both_an_inline_list_and_a_plan_file(sample_dir, tmp_path, slug):
    inline = read_yaml(sample_dir / "inline" / DOCUMENTS[slug])
    data = {**read_yaml(sample_dir / DOCUMENTS[slug]), "activities": inline["activities"]}
    result, written = generate(slug, write_yaml(sample_dir / "doc.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    assert "doc.yaml" in result.output and "поле «plan»" in result.output
    assert "мероприятия указаны дважды: списком activities и файлом плана plan" in result.output


def test_a_direction_that_is_no_block_of_the_plan_graph(sample_dir, tmp_path):
    plan = read_yaml(sample_dir / "plan.yaml")
    plan["activities"][1]["direction"] = "Управленческие механизмы"
    write_yaml(sample_dir / "plan.yaml", plan)
    refused("plan-graph", sample_dir / "plan-graph.yaml", tmp_path, "activities[2].direction",
            "направление «Управленческие механизмы» не совпадает ни с одним блоком плана-графика")
    # the project and the order have no blocks: the same plan serves them
    assert generate("project-passport", sample_dir / "project.yaml", tmp_path / "p").result.exit_code == 0


def test_a_row_outside_the_plan_graph_period_names_the_plan_file(sample_dir, tmp_path):
    plan = read_yaml(sample_dir / "plan.yaml")
    plan["activities"][1].update(start="01.06.2027", end="15.06.2027")
    write_yaml(sample_dir / "plan.yaml", plan)
    refused("plan-graph", sample_dir / "plan-graph.yaml", tmp_path, "activities[2].end",
            "сроки мероприятия выходят за период плана")
    refused("project-passport", sample_dir / "project.yaml", tmp_path, "activities[2].start",
            "выходит за срок проекта")


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_the_inline_samples_still_generate(tmp_path, slug):
    """The same documents with their activities listed in the file itself (samples/tayandinskaya/inline):
    both ways stay working."""
    from helpers import SAMPLES

    data = SAMPLES / "tayandinskaya" / "inline" / DOCUMENTS[slug]
    assert "plan.yaml" not in data.read_text(encoding="utf-8")
    document = generate(slug, data, tmp_path / "out").document
    rows = activities(slug, document)
    assert len(rows) >= 9 and all(term and responsible for _, term, responsible in rows)
    assert_office_checker_clean(document)
