"""Input of the protocol of the jury's meeting (seed 001): the decision on the places that the
results order rests on. Everything it prints is the competition's data file's — the jury and its
roles, the members present, the expert group's protocol it hears, the places, the vote — so the
protocol, the expert group's protocol and the results order cannot disagree.

The order of events is held here: the jury meets after the expert group has drawn up its protocol
and is never dated after the results order that cites it (when that order's file is named)."""
from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from docgen import Approval, DocumentInput, FieldError

from .competition import CompetitionRef, JuryProtocol, competition_field
from .model import _approving_order


class JuryProtocolInput(DocumentInput):
    """«Протокол заседания жюри муниципального конкурса …»."""

    competition: CompetitionRef = competition_field()
    results_order: Annotated[Approval, BeforeValidator(_approving_order)] | None = Field(
        default=None, title="приказ об итогах",
        description="имя файла данных приказа об итогах (competition-results-order) или {date, number}: протокол "
                    "не может быть датирован позже этого приказа; не указан — не сверяется")

    @model_validator(mode="after")
    def _meeting(self) -> "JuryProtocolInput":
        c = self.competition
        if c.jury_protocol is None:
            raise FieldError("competition", "в файле конкурса нет протокола заседания жюри (jury_protocol: date, "
                                            "number, present, votes)")
        if c.protocol is None:
            raise FieldError("competition", "в файле конкурса нет протокола экспертной группы (protocol: date, "
                                            "number): жюри рассматривает результаты экспертизы по её протоколу")
        if not c.results:
            raise FieldError("competition", "в файле конкурса нет мест (results): протокол жюри их определяет")
        p = c.jury_protocol
        if self.results_order is not None and self.results_order.date < p.date:
            raise FieldError("results_order", f"протокол заседания жюри от {p.date:%d.%m.%Y} позже приказа об итогах "
                                              f"от {self.results_order.date:%d.%m.%Y} № {self.results_order.number}: "
                                              "итоги утверждают по протоколу — после заседания жюри")
        return self

    @property
    def jury_protocol(self) -> JuryProtocol:
        """``docgen check`` finds the protocol the results order cites here (``held_as``)."""
        return self.competition.jury_protocol
