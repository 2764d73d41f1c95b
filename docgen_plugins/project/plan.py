"""The project's plan as a plain list of rows — direction, activity, term, responsible — so that
the same rows can later come from a plan file shared with the school's plan-graph and the
regulation order (issue 18, «A project's plan feeds its documents»). Nothing here knows the
project: a row checks only itself; the project checks that its rows fall within its term."""
from __future__ import annotations

from pydantic import Field, model_validator

from docgen import FieldError, Term, Text


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

    @model_validator(mode="after")
    def _responsible(self) -> "PlanRow":
        if self.responsible is None:
            raise FieldError("responsible", f"у мероприятия «{self.action}» не указан ответственный (responsible): "
                                            "должность и ФИО, группа или организация")
        return self
