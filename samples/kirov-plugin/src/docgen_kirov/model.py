"""Input of the order on monitoring municipal indicators.

Seed 003 requires a managerial document to name the decisions taken (including encouragement),
their deadlines, the responsible persons and the participants; the model refuses an order that
lacks any of them, and a deadline outside the order's time line.
"""
from __future__ import annotations

from pydantic import Field, model_validator

from docgen import FieldError, OrderInput, Period as BasePeriod, RuDate, StaffMember, Strict, Text


class Period(BasePeriod):
    start: RuDate = Field(title="начало сбора сведений", description="ДД.ММ.ГГГГ")
    end: RuDate = Field(title="окончание мониторинга", description="ДД.ММ.ГГГГ")


class Indicator(Strict):
    name: Text = Field(title="показатель", description="муниципальный показатель, например «доля обучающихся …»")
    method: Text = Field(title="метод сбора информации", description="анкетирование, анализ отчётов, выгрузка из АИС …")
    source: Text = Field(title="источник сведений", description="кто и в какой форме предоставляет сведения")


class Participant(Strict):
    name: Text = Field(title="организация — участник мониторинга", description="сокращённое наименование")
    contact: StaffMember = Field(
        title="ответственный за предоставление сведений",
        description="ФИО, пол и должность (full_name, gender, position): сотрудник организации-участника",
    )


class Step(Strict):
    action: Text = Field(title="мероприятие или решение", description="глагол в неопределённой форме со строчной буквы")
    responsible: StaffMember = Field(title="ответственный", description="код или ФИО из штатного списка профиля")
    deadline: RuDate = Field(title="срок", description="ДД.ММ.ГГГГ")


class MonitoringOrderInput(OrderInput):
    mechanism: Text = Field(
        title="механизм управления качеством образования",
        description="в родительном падеже, продолжает «мониторинг муниципальных показателей …», например "
                    "«системы работы по самоопределению и профессиональной ориентации обучающихся»",
    )
    basis: str | None = Field(
        default=None, title="дополнительное основание",
        description="продолжает преамбулу, в творительном падеже: «Положением о муниципальной системе …»",
    )
    purpose: Text = Field(title="цель мониторинга", description="продолжает фразу «в целях …»")
    period: Period = Field(title="сроки проведения мониторинга")
    coordinator: StaffMember = Field(title="муниципальный координатор мониторинга")
    indicators: list[Indicator] = Field(min_length=1, title="показатели и методы сбора информации (приложение 1)")
    participants: list[Participant] = Field(min_length=1, title="участники мониторинга (приложение 2)")
    submission_deadline: RuDate = Field(title="срок предоставления сведений участниками", description="ДД.ММ.ГГГГ")
    steps: list[Step] = Field(min_length=1, title="этапы мониторинга: сбор сведений, анализ, рекомендации")
    decisions: list[Step] = Field(
        min_length=1, title="управленческие решения по итогам мониторинга",
        description="в том числе о поощрении; каждое — с ответственным и сроком",
    )
    control: StaffMember | None = Field(
        default=None, title="контроль исполнения", description="не указан — контроль остаётся за руководителем"
    )

    @model_validator(mode="after")
    def _time_line(self) -> "MonitoringOrderInput":
        if self.period.start < self.date:
            raise FieldError(("period", "start"),
                             f"мониторинг начинается ({self.period.start:%d.%m.%Y}) раньше даты приказа")
        if not self.period.start <= self.submission_deadline <= self.period.end:
            raise FieldError("submission_deadline",
                             f"срок предоставления сведений {self.submission_deadline:%d.%m.%Y} вне периода мониторинга")
        for where, steps in (("steps", self.steps), ("decisions", self.decisions)):
            for n, step in enumerate(steps):
                if step.deadline < self.date:
                    raise FieldError((where, n, "deadline"), f"срок {step.deadline:%d.%m.%Y} раньше даты приказа")
        return self
