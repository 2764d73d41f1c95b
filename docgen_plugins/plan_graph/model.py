"""Input of the plan-graph (road map) of the working group on improving ВСОКО (seed 000, stage III:
«план-график (план, „дорожная карта“) деятельности той организационной структуры, которая отвечает
за проект»; the columns and blocks of domain.md §3.2).

Terms follow the regulation order's conventions: ``start`` and ``end``, only ``end`` («до …») or
words in ``term`` («ежемесячно»). The status marks need a date (``as_of``): a row is done, overdue
or due soon only as of some day, and the document states that day.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from docgen import Activity as BaseActivity
from docgen import Approval, DocumentInput, FieldError, Period as BasePeriod, RuDate, StaffMember, Text
from docgen.russian import parse_date

from .blocks import BLOCKS, known_blocks


def _block(value: Any) -> Any:
    key = value.strip() if isinstance(value, str) else value
    if key not in BLOCKS:
        raise PydanticCustomError("ru_block", "неизвестный блок «{value}»; допустимые: {known}",
                                  {"value": str(value), "known": known_blocks()})
    return key


def _done(value: Any) -> Any:
    """``true``/``false`` or the date the activity was done."""
    if value is None or isinstance(value, bool):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:
        raise PydanticCustomError(
            "ru_done", "ожидается true (выполнено), false или дата выполнения ДД.ММ.ГГГГ: {error}",
            {"error": str(exc)}) from None


Block = Annotated[str, BeforeValidator(_block)]
Done = Annotated[bool | dt.date | None, BeforeValidator(_done)]


def _numeric(day: dt.date) -> str:
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
    done: Done = Field(default=None, title="отметка о выполнении",
                       description="true или дата выполнения ДД.ММ.ГГГГ; нужна дата отметок as_of")

    @property
    def is_done(self) -> bool:
        return self.done is not None and self.done is not False


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
                                     description="подписывает план-график; не указан — подписи нет")
    as_of: RuDate | None = Field(default=None, title="дата отметок о выполнении",
                                 description="по состоянию на эту дату отмечаются просроченные мероприятия "
                                             "и мероприятия, срок которых истекает")
    due_soon_days: int = Field(default=14, ge=0, le=366, title="срок истекает: за сколько дней",
                               description="мероприятие с окончанием не позднее чем через столько дней после as_of "
                                           "отмечается «срок истекает»")
    gantt: bool = Field(default=False, title="диаграмма Ганта", description="true — приложить диаграмму Ганта")
    activities: list[Activity] = Field(min_length=1, title="мероприятия плана-графика")

    @model_validator(mode="after")
    def _consistent_dates(self) -> "PlanGraphInput":
        for n, a in enumerate(self.activities):
            if a.end is not None and a.end < self.approved.date:
                raise FieldError(("activities", n, "end"), f"срок мероприятия ({_numeric(a.end)}) раньше даты "
                                 f"утверждения плана-графика ({_numeric(self.approved.date)})")
            if self.period is not None and a.end is not None:
                outside = "start" if a.start is not None and a.start < self.period.start else (
                    "end" if a.end < self.period.start or a.end > self.period.end else None)
                if outside:
                    raise FieldError(("activities", n, outside), f"сроки мероприятия выходят за период плана "
                                     f"({_numeric(self.period.start)} – {_numeric(self.period.end)})")
            if a.is_done and self.as_of is None:
                raise FieldError(("activities", n, "done"), "у мероприятия отметка о выполнении (done), но не "
                                 "указана дата отметок (as_of), по состоянию на которую они ставятся")
            if isinstance(a.done, dt.date) and self.as_of is not None and a.done > self.as_of:
                raise FieldError(("activities", n, "done"), f"мероприятие выполнено {_numeric(a.done)}, позже "
                                 f"даты отметок {_numeric(self.as_of)}")
        return self
