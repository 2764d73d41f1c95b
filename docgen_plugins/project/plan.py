"""The project's plan as a plain list of rows — direction, activity, term, responsible — written
in the project's file or taken from a plan file shared with the school's plan-graph and the
regulation order (``plan: plan.yaml``, docgen.PlanFile). Nothing here knows the project: a row
checks only itself; the project checks that its rows fall within its term.

A plan file with stages also gives the project its stages (title, term, content, results,
products), so a stage renamed or moved is changed once, in the plan. The project then does not
describe its stages again: a project listing its own stages beside a plan file that has them is
refused rather than compared — two copies that agree today are two places to change tomorrow.
It may name which of the plan's stages it prints (``stages: [organizational, results]``): a plan
often has a stage the project does not report as its own (the preparation before the order that
starts it), whose rows still belong to the mechanisms table."""
from __future__ import annotations

from typing import Any

from pydantic import Field, PrivateAttr, ValidationInfo, model_validator

from docgen import FieldError, PlanActivity, PlanFile, PlanStage, Term, Text, read_plan
from docgen.russian import initials_last


class PlanRow(Term):
    """One activity of the mechanisms table. Consecutive rows with the same direction are printed
    as one direction (its cell spans them)."""

    direction: Text = Field(
        title="направление деятельности",
        description="одинаковое у идущих подряд мероприятий одного направления, например «Выявление комплекса "
                    "условий»")
    action: Text = Field(title="мероприятие", description="например «Проведение стратегической сессии …»")
    responsible: Text | None = Field(
        default=None, title="ответственные",
        description="кто отвечает за мероприятие: должность и ФИО, группа или организация, например «Проектная группа»")

    # Where a row taken from a plan file is reported: a callable (field, message) → FieldError.
    _blame: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _responsible(self) -> "PlanRow":
        if self.responsible is None:
            raise FieldError("responsible", f"у мероприятия «{self.action}» не указан ответственный (responsible): "
                                            "должность и ФИО, группа или организация")
        return self


def from_plan_file(data: Any, info: ValidationInfo, stage_model: type | None = None) -> Any:
    """For the project's ``mode="before"`` validator: ``plan`` naming a plan file (a name or
    {file, stage}) instead of listing the rows. A responsible person of the profile's staff is
    printed as the table prints one — «Бондаренко О.Н., заместитель директора …»; a group or an
    organisation in words stays as written. With ``stage_model``, the project's stages come
    from the plan's stages too (see the module's docstring)."""
    if not isinstance(data, dict):
        return data
    if not isinstance(data.get("plan"), (str, dict)):
        if _codes(data.get("stages")):
            raise FieldError("stages", "этапы указаны кодами, а коды этапов берутся из файла плана: укажите его "
                                       "(plan: plan.yaml) или опишите этапы полностью — title, start, end, content")
        return data
    data = read_plan(data, info, inline="")
    source = data["plan"]
    org = (info.context or {}).get("organization")

    def named(row: PlanActivity) -> dict[str, Any]:
        person = org.find_person(row.responsible) if org is not None and hasattr(org, "find_person") else None
        if person is None:
            return {}
        return {"responsible": f"{initials_last(person.full_name, person.gender)}, {person.position}"}

    rows = source.activities(PlanRow, info.context, fields=named)
    for n, row in enumerate(rows):
        row._blame = lambda field, message, n=n: source.blame(n, field, message)
    data = {**data, "plan": rows}
    if stage_model is not None and source.plan.stages:
        data["stages"] = _stages(data.get("stages"), source, stage_model, info)
    elif _codes(data.get("stages")):
        raise FieldError("stages", f"этапы указаны кодами, а в файле плана «{source.file}» этапов (stages) нет: "
                                   "опишите этапы проекта полностью — title, start, end, content")
    return data


def _codes(stages: Any) -> bool:
    """``stages: [organizational, results]``: the plan's stages named by their codes."""
    return isinstance(stages, list) and bool(stages) and all(isinstance(s, str) for s in stages)


def _stages(own: Any, source: PlanFile, model: type, info: ValidationInfo) -> list[Any]:
    """The project's stages taken from the plan file: those named by code, else the stages the
    ``plan`` selects, else all, in the plan's order; each reports a problem as the plan file's field."""
    known = [s.id for s in source.plan.stages]
    selectable = source.stage or known
    if own and not isinstance(own, list) or isinstance(own, list) and any(isinstance(s, str) for s in own) \
            and not _codes(own):
        raise FieldError("stages", f"stages — список кодов этапов плана «{source.file}», например "
                                   f"[{', '.join(selectable)}]")
    if own and not _codes(own):
        raise FieldError("stages", f"этапы указаны дважды: списком stages в файле проекта и этапами (stages) файла "
                                   f"плана «{source.file}»; оставьте их в файле плана — проект возьмёт их оттуда — "
                                   f"или выберите нужные кодами: stages: [{', '.join(selectable)}]")
    codes = own or None
    for n, code in enumerate(codes or []):
        if code not in known:
            raise FieldError(("stages", n), f"в файле плана «{source.file}» нет этапа «{code}»; этапы плана: "
                                            + ", ".join(f"{s.id} ({s.title})" for s in source.plan.stages))
        if code not in selectable:
            raise FieldError(("stages", n), f"этап «{code}» не выбран в plan.stage ({', '.join(source.stage)}): "
                                            "мероприятий этого этапа нет в механизмах реализации проекта")
        if code in codes[:n]:
            raise FieldError(("stages", n), f"этап «{code}» указан дважды")

    def printed(stage: PlanStage) -> dict[str, Any]:
        if not stage.content:
            raise FieldError("content", f"у этапа «{stage.title}» не указано содержание (content): что делается на "
                                        "этапе — паспорт проекта печатает его в разделе этапов")
        start, end = source.plan.term(stage)
        if start is None or end is None:
            raise FieldError("start" if start is None else "end",
                             f"у этапа «{stage.title}» нет срока: укажите начало и окончание этапа (start, end) "
                             "или даты его мероприятий")
        return {}

    stages = source.stages(model, info.context, ids=codes, fields=printed)
    wanted = set(codes or selectable)
    for stage, code in zip(stages, [c for c in known if c in wanted]):
        stage._blame = lambda field, message, code=code: source.blame_stage(code, field, message)
    return stages
