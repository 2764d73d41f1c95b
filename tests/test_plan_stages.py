"""A project's stages from its plan file (issue 18, «a change is made once»): the Таяндинская
passport takes its stages — title, term, content, results, products — from samples/tayandinskaya/
plan.yaml, the file its mechanisms table, the plan-graph and the regulation order read. Generated
through the CLI (`docgen generate`, `docgen batch`) and read back; a stage renamed or moved in the
plan reaches the passport; a term not written is the span of the stage's activities; every bad
stage is refused naming the file and its field, exit 2, nothing written."""
from __future__ import annotations

import pytest

from helpers import NBSP, assert_office_checker_clean, body_of, edit_text, generate, read_yaml, write_yaml

PASSPORT = "project-passport"
DOCUMENTS = {"plan-graph": "plan-graph.yaml", "regulation-order": "regulation-order.yaml",
             PASSPORT: "project.yaml"}
FIRST = "обновление локальной нормативной базы, обеспечивающей функционирование ВСОКО в соответствии с " \
        "современными требованиями и подходами;"


def flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def stage_lines(path) -> list[str]:
    """The passport's stage headings, «Этап N. Title (start – end).», in order."""
    return [flat(t) for t in body_of(path) if flat(t).startswith("Этап ")]


def passport(folder, out, name: str = "project.yaml"):
    return generate(PASSPORT, folder / name, out).document


def test_the_passport_prints_the_plans_stages(sample_dir, tmp_path):
    project = (sample_dir / "project.yaml").read_text(encoding="utf-8")
    # the stage is written once: in the plan, not in the project
    assert "Организационно-деятельностный этап" not in project and "stages: [organizational, results]" in project
    document = passport(sample_dir, tmp_path / "out")
    # organizational: no term written, the span of its activities (01.09.2026 … 11.12.2026);
    # results: its term as written (14.12.2026, before its first activity on 11.01.2027)
    assert stage_lines(document) == ["Этап 1. Организационно-деятельностный (01.09.2026 – 11.12.2026).",
                                     "Этап 2. Результативный (14.12.2026 – 31.05.2027)."]
    body = [flat(t) for t in body_of(document)]
    at = body.index(stage_lines(document)[0])
    assert body[at + 1:at + 3] == ["Содержание этапа:", "– " + FIRST]
    assert "– пакет локальных нормативных актов, обеспечивающих функционирование ВСОКО." in body
    # the preparation stage of the plan is not the project's own stage
    assert not any("Подготовка к реализации проекта" in t for t in body)
    assert_office_checker_clean(document)


def test_a_stage_renamed_and_moved_once_reaches_the_passport(sample_dir, tmp_path):
    edit_text(sample_dir / "plan.yaml", "    title: Организационно-деятельностный этап\n",
              "    title: Организационный этап\n")
    # the stage's last activity ends a day earlier: its span follows
    edit_text(sample_dir / "plan.yaml", "    start: 07.12.2026\n    end: 11.12.2026\n",
              "    start: 07.12.2026\n    end: 10.12.2026\n")
    edit_text(sample_dir / "plan.yaml", "    start: 14.12.2026", "    start: 11.12.2026")
    document = passport(sample_dir, tmp_path / "out")
    assert stage_lines(document) == ["Этап 1. Организационный (01.09.2026 – 10.12.2026).",
                                     "Этап 2. Результативный (11.12.2026 – 31.05.2027)."]
    # the documents that do not print stages read the same plan unchanged
    for slug in ("plan-graph", "regulation-order"):
        generated = generate(slug, sample_dir / DOCUMENTS[slug], tmp_path / slug)
        assert generated.result.exit_code == 0, generated.result.output


def test_a_project_naming_no_stages_takes_every_stage_of_the_plan(sample_dir, tmp_path):
    data = read_yaml(sample_dir / "project.yaml")
    del data["stages"]
    plan = read_yaml(sample_dir / "plan.yaml")
    plan["stages"][0]["content"] = ["создание рабочей группы по совершенствованию ВСОКО"]
    write_yaml(sample_dir / "plan.yaml", plan)
    document = passport(sample_dir, tmp_path / "out", write_yaml(sample_dir / "all.yaml", data).name)
    # the preparation's only activity has a deadline alone (до 01.09.2026): its span is that day
    assert stage_lines(document) == ["Этап 1. Подготовка к реализации проекта (01.09.2026 – 01.09.2026).",
                                     "Этап 2. Организационно-деятельностный (01.09.2026 – 11.12.2026).",
                                     "Этап 3. Результативный (14.12.2026 – 31.05.2027)."]


def test_a_project_taking_some_stages_of_the_plan_prints_those(sample_dir, tmp_path):
    data = read_yaml(sample_dir / "project.yaml")
    del data["stages"]
    data["plan"] = {"file": "plan.yaml", "stage": ["results"]}
    document = passport(sample_dir, tmp_path / "out", write_yaml(sample_dir / "results.yaml", data).name)
    assert stage_lines(document) == ["Этап 1. Результативный (14.12.2026 – 31.05.2027)."]


def refused(slug: str, data, tmp_path, field: str, message: str) -> str:
    result, written = generate(slug, data, tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert written == []
    output = " ".join(result.output.split())
    assert data.name in output and f"«{field}»" in output and message in output, result.output
    return output


def _stage(n: int, **change):
    def edit(plan: dict) -> None:
        plan["stages"][n].update(change)
        for key in [k for k, v in change.items() if v is None]:
            del plan["stages"][n][key]
    return edit


def _unused(plan: dict) -> None:
    plan["stages"].append({"id": "final", "title": "Итоговый этап"})


def _row_before_its_stage(plan: dict) -> None:
    assert plan["activities"][4]["stage"] == "results"
    plan["activities"][4]["start"] = "01.12.2026"


# The plan's own checks: every document reading the plan refuses it.
PLAN_ERRORS = [
    (_stage(2, start="31.05.2027", end="14.12.2026"), "stages[3].end", "окончание 14.12.2026 раньше начала 31.05.2027"),
    (_unused, "stages[4].id", "этап «final» (Итоговый этап) не указан ни у одного мероприятия"),
    (_row_before_its_stage, "activities[5].start",
     "выходит за срок этапа «Результативный этап»: начало 01.12.2026, а срок этапа: 14.12.2026 – 31.05.2027"),
]


@pytest.mark.parametrize("slug", DOCUMENTS)
@pytest.mark.parametrize("edit, field, message", PLAN_ERRORS, ids=["end-before-start", "unused", "row-outside"])
def test_a_bad_stage_is_refused_by_every_document(sample_dir, tmp_path, slug, edit, field, message):
    plan = read_yaml(sample_dir / "plan.yaml")
    edit(plan)
    write_yaml(sample_dir / "plan.yaml", plan)
    output = refused(slug, sample_dir / DOCUMENTS[slug], tmp_path, field, message)
    assert "файл плана «plan.yaml»" in output


def _no_term(plan: dict) -> None:
    # the preparation stage's only activity gets a term in words: nothing dates the stage
    plan["stages"][0]["content"] = ["создание рабочей группы"]
    row = plan["activities"][5]
    assert row["stage"] == "preparation"
    del row["end"]
    row["term"] = "в начале учебного года"


# What the project needs of a stage it prints.
PROJECT_ERRORS = [
    (_stage(2, end="30.06.2027"), None, "stages[3].end",
     "этап 2 «Результативный этап» выходит за срок проекта: окончание 30.06.2027, а срок проекта: 01.09.2026 – "
     "31.05.2027"),
    (_stage(2, start="01.08.2026"), None, "stages[3].start", "этап 2 «Результативный этап» выходит за срок проекта: "
                                                             "начало 01.08.2026"),
    (_stage(1, content=None), None, "stages[2].content",
     "у этапа «Организационно-деятельностный этап» не указано содержание (content)"),
    (_no_term, ["preparation", "results"], "stages[1].start", "у этапа «Подготовка к реализации проекта» нет срока"),
]


@pytest.mark.parametrize("edit, stages, field, message", PROJECT_ERRORS,
                         ids=["end-outside", "start-outside", "no-content", "no-term"])
def test_a_stage_the_project_cannot_print(sample_dir, tmp_path, edit, stages, field, message):
    plan = read_yaml(sample_dir / "plan.yaml")
    edit(plan)
    write_yaml(sample_dir / "plan.yaml", plan)
    data = sample_dir / "project.yaml"
    if stages:
        data = write_yaml(sample_dir / "proekt.yaml", {**read_yaml(data), "stages": stages})
    output = refused(PASSPORT, data, tmp_path, field, message)
    assert "файл плана «plan.yaml»" in output


OWN_STAGE = {"title": "Организационно-деятельностный этап", "start": "01.09.2026", "end": "11.12.2026",
             "content": ["обновление локальной нормативной базы"]}


@pytest.mark.parametrize("change, field, message", [
    ({"stages": [OWN_STAGE]}, "stages", "этапы указаны дважды: списком stages в файле проекта и этапами (stages) "
                                        "файла плана «plan.yaml»"),
    ({"stages": ["organizational", "final"]}, "stages[2]", "в файле плана «plan.yaml» нет этапа «final»"),
    ({"stages": ["results", "results"]}, "stages[2]", "этап «results» указан дважды"),
    ({"stages": ["results"], "plan": {"file": "plan.yaml", "stage": ["organizational"]}}, "stages[1]",
     "этап «results» не выбран в plan.stage (organizational)"),
    ({"stages": "organizational"}, "stages", "stages — список кодов этапов плана «plan.yaml», например "
                                             "[preparation, organizational, results]"),
    ({"stages": ["organizational", OWN_STAGE]}, "stages", "stages — список кодов этапов плана «plan.yaml»"),
], ids=["both", "unknown-code", "code-twice", "code-not-selected", "one-code-not-a-list", "codes-and-a-stage"])
def test_a_project_naming_its_stages_wrongly(sample_dir, tmp_path, change, field, message):
    data = write_yaml(sample_dir / "proekt.yaml", {**read_yaml(sample_dir / "project.yaml"), **change})
    refused(PASSPORT, data, tmp_path, field, message)


def test_stage_codes_need_a_plan_file_with_stages(sample_dir, tmp_path):
    inline = read_yaml(sample_dir / "inline" / "project.yaml")
    data = write_yaml(sample_dir / "inline" / "proekt.yaml", {**inline, "stages": ["organizational"]})
    refused(PASSPORT, data, tmp_path, "stages", "этапы указаны кодами, а коды этапов берутся из файла плана")
    plan = read_yaml(sample_dir / "plan.yaml")
    del plan["stages"]
    for row in plan["activities"]:
        row.pop("stage", None)
    write_yaml(sample_dir / "plain-plan.yaml", plan)
    data = write_yaml(sample_dir / "proekt.yaml", {**read_yaml(sample_dir / "project.yaml"), "plan": "plain-plan.yaml"})
    refused(PASSPORT, data, tmp_path / "2", "stages", "в файле плана «plain-plan.yaml» этапов (stages) нет")


def test_batch_refuses_a_bad_stage_and_writes_the_others(cli, sample_dir, tmp_path):
    plan = read_yaml(sample_dir / "plan.yaml")
    plan["stages"][2]["end"] = "30.06.2027"
    write_yaml(sample_dir / "plan-bad.yaml", plan)
    bad = write_yaml(sample_dir / "proekt-bad.yaml", {**read_yaml(sample_dir / "project.yaml"), "plan": "plan-bad.yaml"})
    out = tmp_path / "out"
    result = cli("batch", PASSPORT, "--data", sample_dir / "project.yaml", "--data", bad, "--out", out, "--jobs", "1")
    assert result.exit_code == 1, result.output  # the batch's «some not written»
    output = " ".join(result.output.split())
    assert "proekt-bad.yaml" in output and "файл плана «plan-bad.yaml»: поле «stages[3].end»" in output, result.output
    written = sorted(out.rglob("*.docx"))
    assert len(written) == 1, written
    assert stage_lines(written[0])[1] == "Этап 2. Результативный (14.12.2026 – 31.05.2027)."
