"""The meeting part of the expert matrix's data: the protocol's date, chair and secretary, who was
absent, the quorum, the votes and the decisions with their deadlines and responsible persons
(seed 003: every managerial document names decisions, deadlines and responsible persons)."""
from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from docgen import RuDate, Strict, Text


class Votes(Strict):
    """How the members present voted on a decision."""

    model_config = {**Strict.model_config, "populate_by_name": True}

    for_: int = Field(alias="for", ge=0, title="за")
    against: int = Field(default=0, ge=0, title="против")
    abstained: int = Field(default=0, ge=0, title="воздержались")

    @property
    def total(self) -> int:
        return self.for_ + self.against + self.abstained


class Decision(Strict):
    """A decision of the meeting: what, by when, who answers for it (seed 003: every managerial
    document names decisions, deadlines and responsible persons) and how the members voted."""

    text: Text = Field(title="решение", description="с глагола в неопределённой форме: «представить результаты …»")
    deadline: RuDate = Field(title="срок исполнения", description="ДД.ММ.ГГГГ, не раньше даты заседания")
    responsible: Text = Field(title="ответственный",
                              description="код эксперта, код участника (отвечает его руководитель) "
                                          "или код сотрудника из профиля организации")
    votes: Votes | None = Field(default=None, title="итоги голосования",
                                description="{for: N, against: N, abstained: N}; не указаны — итоги "
                                            "голосования протокола (votes)")


class Review(Strict):
    """The additional expertise the protocol orders when the experts' marks diverge."""

    deadline: RuDate = Field(title="срок дополнительной экспертизы", description="ДД.ММ.ГГГГ")
    responsible: Text = Field(title="ответственный за дополнительную экспертизу",
                              description="код эксперта, код участника или код сотрудника из профиля")
    votes: Votes | None = Field(default=None, title="итоги голосования")


class Protocol(Strict):
    date: RuDate = Field(title="дата заседания экспертной группы", description="ДД.ММ.ГГГГ")
    number: str | None = Field(default=None, title="номер протокола")
    place: Text | None = Field(default=None, title="место заседания",
                               description="не указано — место издания документов из профиля")
    chair: Text = Field(title="председатель экспертной группы", description="код эксперта")
    secretary: Text | None = Field(default=None, title="секретарь экспертной группы", description="код эксперта")
    absent: list[Text] = Field(default_factory=list, title="отсутствовали",
                               description="коды экспертов, не присутствовавших на заседании")
    quorum: int = Field(default=50, ge=0, lt=100, title="кворум, % членов экспертной группы",
                        description="заседание правомочно, если присутствует больше этой доли членов "
                                    "(по умолчанию — больше половины)")
    votes: Votes | None = Field(default=None, title="итоги голосования",
                                description="{for: N, against: N, abstained: N} по каждому решению, у которого "
                                            "нет своих; не указаны — все присутствующие голосовали «за»")
    approval_deadline: RuDate | None = Field(
        default=None, title="срок утверждения результатов",
        description="не указан — день заседания; ответственный — председатель экспертной группы")
    review: Review | None = Field(
        default=None, title="дополнительная экспертиза",
        description="обязательна, если оценки экспертов по критерию расходятся больше допустимого: срок и "
                    "ответственный; места участников такого вида утверждаются после неё")
    decisions: list[Decision] = Field(default_factory=list, title="дополнительные решения",
                                      description="пункты «Решили» после утверждения результатов: "
                                                  "решение, срок, ответственный")

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return None if value is None else str(value).strip() or None
