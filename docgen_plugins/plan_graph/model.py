"""Input of the plan-graph (road map) of the working group on improving ВСОКО (seed 000, stage III:
«план-график (план, „дорожная карта“) деятельности той организационной структуры, которая отвечает
за проект»; the columns and blocks of domain.md §3.2).

This is what the order approved on its date: activities, terms, responsible people, expected
results. What was done since is a separate, dated document (the execution report, report_model.py)
that reads this same file, so the approved plan never carries a mark dated after its approval.

Terms follow the regulation order's conventions: ``start`` and ``end``, only ``end`` («до …») or
words in ``term`` («ежемесячно»).
"""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from docgen import Activity as BaseActivity
from docgen import Approval, DocumentInput, FieldError, Period as BasePeriod, RuDate, StaffMember, Text
from docgen import PlanActivity, PlanRef, plan_field, read_plan

from .blocks import BLOCKS, known_blocks

# Execution marks that older plan files carried: they belong to the report now, and a file that
# still has them is told where they went instead of «неизвестное поле».
MOVED_TO_REPORT = ("as_of", "due_soon_days", "gantt")
MOVED_FROM_ACTIVITY = ("done",)
MOVED = ("отметки о выполнении в утверждённый план-график не входят: их даёт отчёт об исполнении "
         "(тип plan-graph-report: файл с полями plan — имя этого файла, as_of — дата отчёта, execution — "
         "выполнение мероприятий)")


def _without(data: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if isinstance(data, dict) and key in data:
            raise FieldError(key, MOVED)
    return data


def _block(value: Any) -> Any:
    key = value.strip() if isinstance(value, str) else value
    if key not in BLOCKS:
        raise PydanticCustomError("ru_block", "неизвестный блок «{value}»; допустимые: {known}",
                                  {"value": str(value), "known": known_blocks()})
    return key


Block = Annotated[str, BeforeValidator(_block)]


def block_of(row: PlanActivity) -> dict[str, Any]:
    """A plan file's row in its block: the plan's direction is the block's title (or its key), so
    the project's mechanisms table and the plan-graph group the same rows under the same words."""
    direction = (row.direction or "").strip()
    for key, title in BLOCKS.items():
        if direction.casefold() in (key.casefold(), title.casefold()):
            return {"block": key}
    if not direction:
        raise FieldError("direction", "для плана-графика у мероприятия нужно направление (direction) — название "
                                      f"блока: {'; '.join(BLOCKS.values())}")
    raise FieldError("direction", f"направление «{direction}» не совпадает ни с одним блоком плана-графика; "
                                  f"допустимые: {'; '.join(BLOCKS.values())}")


def numeric(day) -> str:
    return f"{day:%d.%m.%Y}"


class Period(BasePeriod):
    start: RuDate = Field(title="начало периода плана", description="ДД.ММ.ГГГГ")
    end: RuDate = Field(title="окончание периода плана", description="ДД.ММ.ГГГГ")


class Activity(BaseActivity):
    block: Block = Field(title="блок плана", description="; ".join(f"{k} — {v}" for k, v in BLOCKS.items()))
    indicator: str = Field(default="", title="показатель выполнения",
                           description="например «доля разработанных ЛНА — 100 %»")
    report_form: str = Field(default="", title="форма отчётности (контроля)",
                             description="например «справка на совещании при директоре»")

    @model_validator(mode="before")
    @classmethod
    def _no_marks(cls, data: Any) -> Any:
        return _without(data, MOVED_FROM_ACTIVITY)


class PlanGraphInput(DocumentInput):
    approved: Approval = Field(title="приказ об утверждении плана-графика")
    subject: Text = Field(
        default="работы рабочей группы по совершенствованию внутренней системы оценки качества образования",
        title="заголовок плана-графика",
        description="продолжает «План-график (дорожная карта)», например «работы рабочей группы … "
                    "на 2026/2027 учебный год»")
    period: Period | None = Field(default=None, title="период плана",
                                  description="сроки мероприятий должны укладываться в него")
    head: StaffMember | None = Field(default=None, title="руководитель рабочей группы",
                                     description="подписывает отчёты об исполнении плана-графика (нужен для них)")
    activities: list[Activity] = Field(default_factory=list, title="мероприятия плана-графика",
                                       description="или файл плана в поле plan")
    plan: PlanRef | None = plan_field()

    @model_validator(mode="before")
    @classmethod
    def _no_marks(cls, data: Any, info: ValidationInfo) -> Any:
        data = read_plan(_without(data, MOVED_TO_REPORT), info)
        if isinstance(data, dict) and data.get("plan") is not None:
            data["activities"] = data["plan"].activities(Activity, info.context, fields=block_of)
        return data

    @model_validator(mode="after")
    def _consistent_dates(self) -> "PlanGraphInput":
        if not self.activities:
            raise FieldError("activities", "в плане-графике нет мероприятий: заполните activities или укажите файл "
                                           "плана (plan)")

        def blame(n: int, field: str, message: str) -> FieldError:
            return self.plan.blame(n, field, message) if self.plan else FieldError(("activities", n, field), message)

        for n, a in enumerate(self.activities):
            if a.end is not None and a.end < self.approved.date:
                raise blame(n, "end", f"срок мероприятия ({numeric(a.end)}) раньше даты "
                                 f"утверждения плана-графика ({numeric(self.approved.date)})")
            if self.period is not None and a.end is not None:
                outside = "start" if a.start is not None and a.start < self.period.start else (
                    "end" if a.end < self.period.start or a.end > self.period.end else None)
                if outside:
                    raise blame(n, outside, f"сроки мероприятия выходят за период плана "
                                     f"({numeric(self.period.start)} – {numeric(self.period.end)})")
        return self
