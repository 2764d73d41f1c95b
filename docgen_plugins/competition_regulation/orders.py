"""Inputs of the three orders of the education authority around a municipal competition (seed
001): approving its Положение, forming the jury and the expert group, and on the results.

Each names the competition's data file (``competition: competition.yaml``) and so prints the
very categories, people, protocol and places the Положение and the expert matrix print. The
order of events is held here: the jury is formed after the Положение is approved and before the
expertise starts; the results are approved on the jury's protocol (the jury decides the places on
the expert group's protocol, as the Положение says), never before it.
"""
from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, model_validator

from docgen import Approval, Executor, FieldError, OrderInput, RuDate, StaffMember, Strict, Text, control_field, \
    executor_field

from .competition import CompetitionRef, competition_field
from .model import _approving_order


class Assignment(Strict):
    person: StaffMember = Field(title="ответственный", description="код или ФИО из штатного списка профиля")
    deadline: RuDate = Field(title="срок", description="ДД.ММ.ГГГГ, не раньше даты приказа")


RegulationOrder = Annotated[Approval, BeforeValidator(_approving_order)]


def regulation_field():
    return Field(title="приказ об утверждении положения",
                 description="имя файла данных приказа об утверждении положения (competition-regulation-order) или "
                             "{date, number}: на него ссылается преамбула")


class _CompetitionOrder(OrderInput):
    competition: CompetitionRef = competition_field()
    executor: Executor | None = executor_field()
    control: StaffMember | None = control_field()

    def _deadline(self, name: str) -> None:
        assignment = getattr(self, name)
        if assignment is not None and assignment.deadline < self.date:
            raise FieldError((name, "deadline"), f"срок {assignment.deadline:%d.%m.%Y} раньше даты приказа "
                                                 f"({self.date:%d.%m.%Y})")


class RegulationOrderInput(_CompetitionOrder):
    """«Об утверждении Положения о муниципальном конкурсе …»."""

    # ``docgen check``: the Положение whose grif names this order is one it approves.
    approves_annex: ClassVar[bool] = True

    purpose: Text = Field(title="цель конкурса", description="продолжает фразу «В целях …», в родительном падеже: "
                                                            "«выявления и распространения лучших практик …»")
    basis: str = Field(default="", title="дополнительное основание",
                       description="продолжает после Федерального закона № 273-ФЗ фразу «В соответствии с …» "
                                   "(творительный падеж); не указано — только закон")
    project: str = Field(default="", title="реализуемый проект",
                         description="продолжает фразу «в целях реализации …» (родительный падеж): "
                                     "«муниципального управленческого проекта …»; не указано — без этой фразы")
    also_approve: str = Field(
        default="", title="что ещё утверждает приказ",
        description="в винительном падеже, продолжает «Утвердить …»: «прилагаемую оценочную матрицу конкурса "
                    "(критерии оценки — приложение 4 к Положению)»; гриф «УТВЕРЖДЕНА приказом» такого документа "
                    "называет этот приказ; не указано — без этого пункта")
    organizer: Assignment = Field(
        title="организация конкурса",
        description="кто обеспечивает проведение конкурса в сроки положения: {person, deadline — окончание конкурса}")
    publish: Assignment = Field(
        title="информирование школ",
        description="кто размещает положение на сайте и доводит его до общеобразовательных организаций: "
                    "{person, deadline}")

    @model_validator(mode="after")
    def _dates(self) -> "RegulationOrderInput":
        first = self.competition.stages[0]
        if first.start < self.date:
            raise FieldError("date", f"приказ от {self.date:%d.%m.%Y} позже начала конкурса ({first.start:%d.%m.%Y}, "
                                     f"этап «{first.title}» в файле конкурса): положение утверждают до начала "
                                     "приёма заявок")
        self._deadline("organizer")
        self._deadline("publish")
        return self

    def acquainted(self) -> list:
        """The organizer's employees the order charges (ст. 22 ТК РФ acquaints employees only; the
        jury, outside experts among it, is formed and acquainted by the jury order)."""
        return self.organization.acquaintance_list([self.organizer.person, self.publish.person, self.control])


class JuryOrderInput(_CompetitionOrder):
    """«О составе жюри и экспертной группы муниципального конкурса …»."""

    regulation: RegulationOrder = regulation_field()
    protocol_due: RuDate | None = Field(
        default=None, title="срок представления протокола экспертной группы",
        description="ДД.ММ.ГГГГ, после очного этапа: экспертная группа, оценившая материалы и защиту моделей, "
                    "представляет жюри результаты; не указан — начало подведения итогов")

    @model_validator(mode="after")
    def _dates(self) -> "JuryOrderInput":
        if self.date < self.regulation.date:
            raise FieldError("date", f"приказ от {self.date:%d.%m.%Y} раньше приказа об утверждении положения "
                                     f"({self.regulation.date:%d.%m.%Y}): жюри формируют по утверждённому положению")
        if not self.competition.experts:
            raise FieldError("competition", "в файле конкурса нет экспертной группы (experts)")
        expertise = self.competition.stages[1]
        if self.date > expertise.start:
            raise FieldError("date", f"приказ от {self.date:%d.%m.%Y} позже начала этапа «{expertise.title}» "
                                     f"({expertise.start:%d.%m.%Y}): жюри и экспертную группу формируют до экспертизы")
        due = self.protocol_due
        if due is not None and not expertise.start <= due <= self.competition.stages[-1].end:
            raise FieldError("protocol_due", f"срок {due:%d.%m.%Y} вне конкурса: протокол представляют после начала "
                                             f"этапа «{expertise.title}» и до окончания конкурса")
        scored = self.competition.scored_stage
        if self.due <= scored.end:
            default = "" if due is not None else (f" (не указан — начало этапа «{self.competition.stages[-1].title}»; "
                                                  "укажите protocol_due)")
            raise FieldError("protocol_due", f"срок протокола экспертной группы {self.due:%d.%m.%Y}{default} — не "
                                             f"позже окончания этапа «{scored.title}» ({scored.end:%d.%m.%Y}): эксперты "
                                             "оценивают конкурсные материалы и защиту моделей, протокол составляется "
                                             "после неё")
        protocol = self.competition.protocol
        if protocol is not None and protocol.date > self.due:
            raise FieldError("protocol_due", f"срок {self.due:%d.%m.%Y} раньше даты протокола экспертной группы в "
                                             f"файле конкурса ({protocol.date:%d.%m.%Y}): протокол был бы "
                                             "представлен с опозданием")
        return self

    @property
    def due(self):
        """The expert group's protocol's due date: given, else the summing-up's start (the experts
        score the materials and the defence; their protocol follows the очный этап)."""
        return self.protocol_due if self.protocol_due is not None else self.competition.stages[-1].start

    def acquainted(self) -> list:
        staff = [m.person for m in self.competition.jury if m.workplace is None]
        staff += [e.person for e in self.competition.experts if e.workplace is None]
        return self.organization.acquaintance_list([*staff, self.control])


class ResultsOrderInput(_CompetitionOrder):
    """«Об итогах муниципального конкурса …»: places within each category as the jury decided them,
    its protocol cited by date and number; never dated before that protocol."""

    regulation: RegulationOrder = regulation_field()
    publish: Assignment = Field(title="размещение итогов на сайте", description="{person, deadline}")
    awards_by: Assignment | None = Field(
        default=None, title="вручение дипломов и сертификатов",
        description="{person, deadline}; не указано — без этого пункта")

    @model_validator(mode="after")
    def _on_protocol(self) -> "ResultsOrderInput":
        protocol = self.competition.jury_protocol
        if protocol is None:
            raise FieldError("competition", "в файле конкурса нет протокола заседания жюри (jury_protocol: date, "
                                            "number): итоги утверждают по решению жюри")
        if not self.competition.results:
            raise FieldError("competition", "в файле конкурса нет мест (results): утверждать нечего")
        if self.date < protocol.date:
            raise FieldError("date", f"приказ об итогах от {self.date:%d.%m.%Y} раньше протокола заседания жюри "
                                     f"от {protocol.date:%d.%m.%Y} № {protocol.number}: итоги утверждают по "
                                     "протоколу — после заседания")
        if self.date < self.regulation.date:
            raise FieldError("date", f"приказ от {self.date:%d.%m.%Y} раньше приказа об утверждении положения "
                                     f"({self.regulation.date:%d.%m.%Y})")
        self._deadline("publish")
        self._deadline("awards_by")
        return self

    def acquainted(self) -> list:
        return self.organization.acquaintance_list(
            [self.publish.person, self.awards_by.person if self.awards_by else None, self.control])

    @property
    def cited_protocol(self) -> dict[str, Any]:
        """The jury's protocol this order cites: ``docgen check`` finds it in the checked data that
        hold a protocol under the same field (``held_as``) — the expert matrix of the competition."""
        p = self.competition.jury_protocol
        return {"date": p.date, "number": p.number, "held_as": "jury_protocol", "body": "жюри"}
