"""When things are done and by whom: the pieces every plan, regulation and road map is made of.

A period (start and end, both required), a term (dates, a deadline or words) and an activity with
its responsible people exist once here, so the check «the end is not before the start» and the
check «the responsible person is not also a co-executor» read the same in every document type.
"""
from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .errors import FieldError
from .models import RuDate, StaffMember, Strict, Text
from .russian.typography import NBSP


def check_end(start: dt.date | None, end: dt.date | None) -> None:
    """Refuse an end before the start; the error lands on the field validated (``end``)."""
    if end is not None and start is not None and end < start:
        raise PydanticCustomError(
            "ru_end_before_start", "окончание {end} раньше начала {start}",
            {"end": f"{end:%d.%m.%Y}", "start": f"{start:%d.%m.%Y}"},
        )


class Period(Strict):
    """From one date to another, both given. A plugin's model inherits it and may redeclare
    ``start`` and ``end`` with its own titles; the check stays."""

    start: RuDate = Field(title="начало", description="ДД.ММ.ГГГГ")
    end: RuDate = Field(title="окончание", description="ДД.ММ.ГГГГ")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        check_end(info.data.get("start"), end)
        return end


class Term(Strict):
    """When something is done: start and end dates, only an end («до …»), or words («ежемесячно»).

    Plans, regulations and road maps all schedule activities this way; a plugin's activity model
    inherits it to get the fields, their checks and the printed form."""

    start: RuDate | None = Field(default=None, title="начало выполнения", description="ДД.ММ.ГГГГ")
    end: RuDate | None = Field(default=None, title="окончание выполнения (срок)", description="ДД.ММ.ГГГГ")
    term: Text | None = Field(
        default=None, title="срок словами", description="вместо дат, например «ежемесячно» или «в течение года»"
    )

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        check_end(info.data.get("start"), end)
        return end

    @model_validator(mode="after")
    def _one_kind_of_term(self) -> "Term":
        dated = self.start is not None or self.end is not None
        if self.term and dated:
            raise FieldError("term", "укажите либо срок словами (term), либо даты (start, end), но не то и другое")
        if not self.term and self.end is None:
            raise FieldError("end", "не указан срок: окончание (end), начало и окончание (start, end) "
                                    "или срок словами (term), например «ежемесячно»")
        return self

    @property
    def term_text(self) -> str:
        """«01.09.2026 – 01.10.2026», «до 01.10.2026», «01.10.2026» or the words given."""
        if self.term:
            return self.term
        end = f"{self.end:%d.%m.%Y}"
        if self.start is None:
            return f"до{NBSP}{end}"
        if self.start == self.end:
            return end
        return f"{self.start:%d.%m.%Y}{NBSP}– {end}"


class Activity(Term):
    """An activity of a plan or regulation: what is done, when, by whom, with what result."""

    action: Text = Field(
        title="мероприятие",
        description="глагол в неопределённой форме: «провести внутренний аудит ВСОКО …»",
    )
    responsible: StaffMember = Field(title="ответственный исполнитель", description="код или ФИО из штатного списка")
    co_executors: list[StaffMember] = Field(default_factory=list, title="соисполнители")
    result: Text = Field(title="результат (продукт)", description="документ, справка, приказ, протокол …")

    @model_validator(mode="after")
    def _people(self) -> "Activity":
        def who(person) -> tuple:  # namesakes in the staff differ by id
            return person.full_name, person.id

        seen = {who(self.responsible)}
        for n, person in enumerate(self.co_executors):
            if who(person) == who(self.responsible):
                raise FieldError(("co_executors", n),
                                 f"ответственный исполнитель {person.full_name} указан и среди соисполнителей")
            if who(person) in seen:
                raise FieldError(("co_executors", n), f"соисполнитель указан дважды: {person.full_name}")
            seen.add(who(person))
        return self

