"""Input of the report on the execution of the plan-graph («Отчёт об исполнении плана-графика …
по состоянию на …»).

The report does not copy the plan: ``plan`` names the approved plan-graph's data file, the same
file that prints the approved annex, and the report adds only what happened since — the date it
is made on (``as_of``) and, per activity, the date it was done and a note. The organisation and
the signer (the head of the working group) come from the plan. Activities are named by the
numbers the approved plan-graph prints («1.2»), which is how the working group refers to them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from docgen import DocgenError, FieldError, InputError, Organization, RuDate, Strict, Text

from .context import numbered
from .model import PlanGraphInput, numeric


def _activity_number(value: Any) -> Any:
    """«1.2» as printed. YAML reads an unquoted 1.10 as the number 1.1: a number is refused
    rather than guessed, so a fact never lands on the wrong activity."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError(
            "ru_activity_number", "номер мероприятия пишите в кавычках, как он напечатан в плане-графике: "
            "\"{value}\" (без кавычек YAML читает 1.10 как число 1.1)", {"value": str(value)})
    return value


ActivityNumber = Annotated[str, BeforeValidator(_activity_number)]


class Fact(Strict):
    activity: ActivityNumber = Field(title="номер мероприятия",
                                     description="как в утверждённом плане-графике, в кавычках: \"1.2\"")
    done: RuDate | None = Field(default=None, title="дата выполнения",
                                description="ДД.ММ.ГГГГ, не позже даты отчёта; не выполнено — не указывайте")
    note: Text | None = Field(default=None, title="примечание",
                              description="что сделано, причина отставания, новый срок")

    @model_validator(mode="after")
    def _says_something(self) -> "Fact":
        if self.done is None and self.note is None:
            raise FieldError("done", "укажите дату выполнения (done) или примечание (note)")
        return self


def _read_plan(value: str, info: ValidationInfo) -> PlanGraphInput:
    """The plan-graph's data file (relative to the report's file), read and checked as the
    plan-graph itself reads it; its problems are reported with its name and field."""
    from docgen import Engine

    from . import PLAN_GRAPH

    path = Path(value).expanduser()
    base = (info.context or {}).get("data_dir")
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    try:
        return Engine().load(PLAN_GRAPH, path)
    except InputError as exc:
        problems = "; ".join(exc.problems) if exc.problems else str(exc)
        raise FieldError("plan", f"файл плана-графика «{value}»: {problems}") from None
    except DocgenError as exc:
        raise FieldError("plan", f"файл плана-графика «{value}»: {exc}") from None


class PlanGraphReportInput(Strict):
    organization: Organization = Field(
        title="организация", description="не указывайте: берётся из плана-графика; указана — должна совпадать")
    plan: PlanGraphInput = Field(
        title="утверждённый план-график",
        description="имя файла данных плана-графика (относительно этого файла), например plan-graph.yaml")
    as_of: RuDate = Field(title="дата отчёта (по состоянию на)",
                          description="ДД.ММ.ГГГГ, не раньше утверждения плана-графика")
    date: RuDate | None = Field(default=None, title="дата составления отчёта",
                                description="ДД.ММ.ГГГГ, печатается под подписью; не указана — дата as_of")
    chart: bool = Field(default=True, title="диаграмма Ганта",
                        description="false — отчёт без диаграммы сроков и исполнения")
    execution: list[Fact] = Field(
        default=[], title="выполнение мероприятий",
        description="по одному на мероприятие: номер, дата выполнения и (или) примечание")

    @model_validator(mode="before")
    @classmethod
    def _plan_first(cls, data: Any, info: ValidationInfo) -> Any:
        """The plan is read before the rest, and the organisation taken from it."""
        if not isinstance(data, dict):
            return data
        plan = data.get("plan")
        if plan is None:
            return data
        if not isinstance(plan, str):
            raise FieldError("plan", "ожидается имя файла данных плана-графика, например plan-graph.yaml")
        plan = _read_plan(plan, info)
        org = data.get("organization")
        if isinstance(org, Organization) and org.full_name != plan.organization.full_name:
            raise FieldError("organization", f"отчёт — об исполнении плана-графика другой организации "
                                             f"(«{plan.organization.full_name}»)")
        return {**data, "plan": plan, "organization": plan.organization if org is None else org}

    @model_validator(mode="after")
    def _facts_fit_the_plan(self) -> "PlanGraphReportInput":
        approved = self.plan.approved.date
        if self.as_of < approved:
            raise FieldError("as_of", f"отчёт по состоянию на {numeric(self.as_of)} раньше утверждения "
                                      f"плана-графика ({numeric(approved)})")
        if self.plan.head is None:
            raise FieldError("plan", "в плане-графике не указан руководитель рабочей группы (head): "
                                     "он подписывает отчёт")
        activities = {number: a for _, rows in numbered(self.plan) for number, a in rows}
        known = list(activities)
        seen: set[str] = set()
        for n, fact in enumerate(self.execution):
            if fact.activity not in known:
                raise FieldError(("execution", n, "activity"), f"в плане-графике нет мероприятия «{fact.activity}»; "
                                 f"есть: {', '.join(known)}")
            if fact.activity in seen:
                raise FieldError(("execution", n, "activity"), f"мероприятие {fact.activity} указано дважды")
            seen.add(fact.activity)
            if fact.done is not None and fact.done > self.as_of:
                raise FieldError(("execution", n, "done"), f"мероприятие {fact.activity} выполнено "
                                 f"{numeric(fact.done)} — позже даты отчёта ({numeric(self.as_of)})")
            if fact.done is not None and fact.done < approved:
                raise FieldError(("execution", n, "done"), f"мероприятие {fact.activity} выполнено "
                                 f"{numeric(fact.done)} — раньше утверждения плана-графика ({numeric(approved)})")
            start = activities[fact.activity].start
            if fact.done is not None and start is not None and fact.done < start:
                raise FieldError(("execution", n, "done"), f"мероприятие {fact.activity} выполнено "
                                 f"{numeric(fact.done)} — раньше начала его срока по плану ({numeric(start)})")
        if self.date is not None and self.date < self.as_of:
            raise FieldError("date", f"отчёт составлен {numeric(self.date)} — раньше даты, на которую он составлен "
                                     f"({numeric(self.as_of)})")
        self._evidence(activities)
        return self

    def _evidence(self, activities: dict[str, Any]) -> None:
        """An activity the report marks «выполняется» says what has been done: a mark without a
        note is a claim nobody can check. Asked only once its term has run a day — from its start,
        or from the plan's approval for a deadline «до …» or a term in words; an activity whose
        start is after the report's date is «срок не наступил» whatever its note says."""
        from .report import IN_PROGRESS, state

        for number, activity in activities.items():
            fact = self.fact(number)
            begun = activity.start or self.plan.approved.date
            if state(activity, fact, self.as_of) == IN_PROGRESS and begun < self.as_of \
                    and (fact is None or not fact.note):
                raise FieldError("execution", f"мероприятие {number} на {numeric(self.as_of)} выполняется "
                                 f"(срок — {activity.term_text}): укажите в execution, что сделано "
                                 f"(activity: \"{number}\", note: …), или начало его срока (start) в плане-графике")

    def fact(self, number: str) -> Fact | None:
        return next((f for f in self.execution if f.activity == number), None)
