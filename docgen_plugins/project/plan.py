"""The project's plan as a plain list of rows — direction, activity, term, responsible — written
in the project's file or taken from a plan file shared with the school's plan-graph and the
regulation order (``plan: plan.yaml``, docgen.PlanFile). Nothing here knows the project: a row
checks only itself; the project checks that its rows fall within its term."""
from __future__ import annotations

from typing import Any

from pydantic import Field, PrivateAttr, ValidationInfo, model_validator

from docgen import FieldError, PlanActivity, Term, Text, read_plan
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


def from_plan_file(data: Any, info: ValidationInfo) -> Any:
    """For the project's ``mode="before"`` validator: ``plan`` naming a plan file (a name or
    {file, stage}) instead of listing the rows. A responsible person of the profile's staff is
    printed as the table prints one — «Бондаренко О.Н., заместитель директора …»; a group or an
    organisation in words stays as written."""
    if not isinstance(data, dict) or not isinstance(data.get("plan"), (str, dict)):
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
    return {**data, "plan": rows}
