"""Input of the regulation of a municipal competition of school ВСОКО models (seed 001: the
Дрожжановский district's project plans «Положение о муниципальном конкурсе внутренней системы оценки
качества образования»; the sections of domain.md §3.3).

The regulation is issued by the municipal education authority (the profile in ``organization``)
and approved by its order (``approved``). Its criteria are ``docgen.scoring.Criterion`` — the model
the expert matrix scores with — written inline or kept in a separate file that both documents
read, so the assessment sheet and the matrix cannot drift apart.

The jury is approved with the regulation (its annex), so a conflict of interest is refused here,
before anything is signed: the head of an organisation that may take part is not a juror
(``Competitors``: position and workplace words, overridable per district).
"""
from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import Approval, DocumentInput, FieldError, Period, RuDate, StaffMember, Strict, Text, load_reference, \
    read_shared
from docgen.scoring import Criteria, Criterion, check_unique_ids

CHAIR, DEPUTY, SECRETARY, MEMBER = "председатель", "заместитель председателя", "секретарь", "член жюри"
ROLES = (CHAIR, DEPUTY, SECRETARY, MEMBER)


class Nomination(Strict):
    title: Text = Field(title="название номинации",
                        description="без кавычек, например «Лучшая модель ВСОКО средней школы»")
    description: str = Field(default="", title="кто участвует в номинации",
                             description="например «для средних общеобразовательных школ»")


class Stage(Period):
    title: Text = Field(title="этап", description="например «приём заявок и конкурсных материалов»")
    start: RuDate = Field(title="начало этапа", description="ДД.ММ.ГГГГ")
    end: RuDate = Field(title="окончание этапа", description="ДД.ММ.ГГГГ; для однодневного этапа — та же дата")
    content: str = Field(default="", title="содержание этапа", description="что делают участники и жюри")


class Contact(Strict):
    """Who receives the applications and answers questions."""

    person: StaffMember = Field(title="контактное лицо", description="код или ФИО из штатного списка организатора")
    phone: str = Field(default="", title="телефон")


class JuryMember(Strict):
    person: StaffMember = Field(
        title="член жюри",
        description="код или ФИО из штатного списка организатора, либо {full_name, gender, position} "
                    "для работника другой организации")
    role: Literal[CHAIR, DEPUTY, SECRETARY, MEMBER] = Field(default=MEMBER, title="роль в жюри")
    workplace: Text | None = Field(
        default=None, title="место работы",
        description="для работника организатора не указывается; для остальных обязательно")

    @model_validator(mode="after")
    def _workplace(self, info: ValidationInfo) -> "JuryMember":
        org = (info.context or {}).get("organization")
        own = org is not None and bool(org.matches(self.person.full_name))  # namesakes are staff too
        if not own and self.workplace is None:
            raise FieldError("workplace", f"у члена жюри {self.person.full_name} не указано место работы "
                                          "(workplace): он не из штатного списка организатора")
        return self


class Competitors(Strict):
    """Who may not sit on the jury: the head of an organisation that may take part (8.4 of the
    regulation: an expert does not judge his own organisation; a head answers for its model).
    Words, not code, so that a district with other kinds of participants lists its own."""

    heads: list[Text] = Field(
        default=["директор", "руководитель", "заведующий", "заведующая", "начальник",
                 "исполняющий обязанности директора", "исполняющая обязанности директора",
                 "и. о. директора", "и.о. директора", "врио директора"],
        title="должности руководителей", description="начало должности руководителя организации")
    organisations: list[Text] = Field(
        default=["школ", "СОШ", "ООШ", "НОШ", "лицей", "лицея", "гимнази", "общеобразовательн", "кадетск",
                 "центр образования"],
        title="признаки организаций-участниц",
        description="слова (или начала слов) в месте работы, по которым организация может участвовать в "
                    "конкурсе: по умолчанию общеобразовательные организации")

    def heads_participant(self, position: str, workplace: str) -> bool:
        """True for the head of a workplace that may take part: «директор», «МБОУ «СОШ № 1»»."""
        title = " ".join(position.lower().split())
        heads = any(title == h.lower() or title.startswith(h.lower() + " ") for h in self.heads)
        return heads and any(re.search(rf"(?<!\w){re.escape(w)}", workplace, re.IGNORECASE)
                             for w in self.organisations)


class ApprovingOrder(Strict):
    """The order file named in ``approved``: only its date and number are read (its other fields
    are the order's own and are checked when the order is generated)."""

    model_config = {**Strict.model_config, "extra": "allow"}

    date: RuDate = Field(title="дата приказа")
    number: str | int | None = Field(default=None, title="регистрационный номер")


def _approving_order(value: Any, info: ValidationInfo) -> Any:
    """``approved: competition-regulation-order.yaml`` — the approving order's own data file: the
    grif takes its date and number from it, so they are written once, in the order."""
    if not isinstance(value, str):
        return value
    order = load_reference(ApprovingOrder, value, info.context, what="файл приказа об утверждении")
    if order.number is None:
        raise PydanticCustomError(
            "ru_approving_number", "в файле приказа «{file}» нет номера (number): гриф «УТВЕРЖДЕНО приказом … № …» "
            "называет номер — сформируйте приказ (docgen generate) и укажите в его файле номер из журнала",
            {"file": value})
    return {"date": order.date, "number": order.number}


# The fields the competition's data file fills when the regulation names it (``competition``).
# The divergence too: the experts' protocol flags marks that differ on one criterion by more than
# the competition's rule, and the Положение must state that same rule, not one of its own.
FROM_COMPETITION = ("nominations", "stages", "criteria", "jury", "divergence")


class CompetitionRegulationInput(DocumentInput):
    # ``docgen check``: the grif's order must be found among the checked files or in the journal.
    approval_checked: ClassVar[bool] = True

    approved: Annotated[Approval, BeforeValidator(_approving_order)] = Field(
        title="приказ об утверждении положения",
        description="{date, number} или имя файла данных приказа об утверждении (competition-regulation-order), "
                    "из которого берутся его дата и номер")
    jury_order: bool = Field(
        default=False, title="жюри формируется отдельным приказом",
        description="true — жюри и экспертную группу формирует приказ о составе жюри (competition-jury-order); "
                    "ставится сам, когда указан файл конкурса")
    expert_group: bool = Field(
        default=False, title="экспертная группа",
        description="true — материалы заочного этапа оценивает экспертная группа, которая представляет жюри протокол "
                    "с предлагаемыми местами; ставится сама, когда в файле конкурса есть эксперты (experts)")
    shared_places: bool = Field(
        default=False, title="равные места",
        description="true — участники с равным итоговым баллом делят место; иначе при равенстве место определяет "
                    "жюри голосованием; ставится из файла конкурса, когда он указан")
    competition: Any = Field(
        default=None, title="конкурс",
        description="имя файла данных конкурса (competition.yaml): номинации, этапы, критерии и жюри берутся из "
                    "него и в этом файле не указываются")
    municipality: Text = Field(
        title="муниципальное образование",
        description="в родительном падеже: «Дрожжановского муниципального района Республики Татарстан»")
    basis: str = Field(
        default="", title="дополнительное основание",
        description="в творительном падеже, продолжает перечень нормативных актов: «муниципальным проектом …»")
    goal: Text = Field(title="цель конкурса", description="продолжает фразу «Цель конкурса — …»")
    tasks: list[Text] = Field(min_length=1, title="задачи конкурса", description="каждая — с глагола: «выявить …»")
    participants: str = Field(
        default="", title="участники",
        description="продолжает фразу «Участниками конкурса являются …»; не указано — общеобразовательные "
                    "организации муниципального образования")
    team_max: int | None = Field(default=None, ge=2, le=20, title="наибольшее число членов команды")
    nominations: list[Nomination] = Field(min_length=1, title="номинации")
    stages: list[Stage] = Field(
        min_length=2, title="этапы",
        description="по порядку; первый — приём заявок (его окончание — срок подачи заявок), последний — "
                    "подведение итогов")
    address: Text = Field(title="адрес организатора", description="почтовый адрес: для заявок и согласия на "
                          "обработку персональных данных")
    email: str = Field(default="", title="адрес электронной почты для заявок")
    contact: Contact = Field(title="контактное лицо", description="консультирует участников")
    materials: list[Text] = Field(min_length=1, title="состав конкурсных материалов")
    format: str = Field(default="", title="требования к оформлению материалов")
    defence: Text = Field(
        default="выступление команды общеобразовательной организации продолжительностью до 10 минут и ответы на "
                "вопросы членов жюри до 5 минут",
        title="регламент защиты на очном этапе", description="продолжает фразу «… в форме публичной защиты модели: …»")
    reviewers: int = Field(default=2, ge=2, le=10, title="сколько членов жюри оценивают каждого участника")
    criteria: Criteria = Field(
        min_length=1, title="критерии оценки",
        description="список критериев или имя файла с полем criteria (тот же, что у экспертной матрицы)")
    scoring: Literal["среднее", "сумма"] = Field(
        default="среднее", title="итоговый балл",
        description="«среднее» — среднее арифметическое баллов членов жюри, «сумма» — их сумма")
    divergence: int | None = Field(
        default=None, ge=1, title="допустимое расхождение оценок, баллов",
        description="если оценки членов жюри расходятся больше, материалы дополнительно рассматривает председатель")
    divergence_by_criterion: bool = Field(
        default=False, title="расхождение — по отдельному критерию",
        description="true — сравниваются оценки по каждому критерию, false — итоговые баллы; ставится сам, когда "
                    "указан файл конкурса (его протокол сравнивает по критериям)")
    competitors: Competitors = Field(
        default_factory=Competitors, title="кто не входит в жюри",
        description="руководители организаций, которые могут участвовать в конкурсе: heads — должности, "
                    "organisations — слова в месте работы")
    jury: list[JuryMember] = Field(min_length=1, title="состав жюри")
    funding: str = Field(default="", title="финансирование", description="источник расходов на проведение конкурса")

    @model_validator(mode="before")
    @classmethod
    def _from_competition(cls, data: Any, info: ValidationInfo) -> Any:
        """The competition's file, when named, gives the categories, stages, criteria and jury:
        the same objects the orders of the cycle and the expert matrix read."""
        competition = read_shared(data, "competition", info.context, provides=FROM_COMPETITION,
                                  document="положения")
        if competition is None:
            return data
        # The competition's other parts (experts, marks, places) are not the Положение's: not kept.
        return {**data, "competition": None, "jury_order": True, "shared_places": competition.shared_places,
                "expert_group": bool(competition.experts),
                "nominations": [{"title": c.title, "description": c.description} for c in competition.categories],
                "stages": competition.stages, "criteria": competition.criteria, "jury": competition.jury,
                "divergence": competition.divergence or None, "divergence_by_criterion": True}

    def uncharged_fields(self) -> tuple[str, ...]:
        """``docgen check``: with an order of its own forming the jury the Положение neither lists
        nor charges it — the jury order does, and acquaints the organizer's employees in it."""
        return ("jury",) if self.jury_order else ()

    @field_validator("criteria")
    @classmethod
    def _unique_criteria(cls, criteria: list[Criterion]) -> list[Criterion]:
        check_unique_ids(criteria)
        return criteria

    @field_validator("stages")
    @classmethod
    def _stages_in_order(cls, stages: list[Stage], info: ValidationInfo) -> list[Stage]:
        check_stage_order(stages)
        approved = info.data.get("approved")
        if approved is not None and stages[0].start < approved.date:
            raise FieldError((0, "start"), f"этап 1 начинается {stages[0].start:%d.%m.%Y}, раньше утверждения "
                                           f"положения ({approved.date:%d.%m.%Y})")
        return stages

    @field_validator("jury")
    @classmethod
    def _jury(cls, jury: list[JuryMember], info: ValidationInfo) -> list[JuryMember]:
        check_jury_roles(jury)
        seen: set[str] = set()
        for n, member in enumerate(jury):
            if member.person.full_name in seen:
                raise FieldError((n, "person"), f"в составе жюри дважды указан(а) {member.person.full_name}")
            seen.add(member.person.full_name)
        competitors = info.data.get("competitors")
        for n, member in enumerate(jury):
            position = member.person.position or ""
            if competitors is not None and member.workplace and competitors.heads_participant(position,
                                                                                              member.workplace):
                raise FieldError((n, "person"), f"{member.person.full_name} ({position}, {member.workplace}) "
                                 "руководит организацией, которая может участвовать в конкурсе: руководитель "
                                 "организации-участника не входит в жюри (конфликт интересов). Включите в жюри "
                                 "работника организации, не участвующей в конкурсе, или уточните признаки "
                                 "организаций-участниц в поле «competitors»")
        reviewers = info.data.get("reviewers")
        if reviewers is not None and len(jury) < reviewers:
            raise PydanticCustomError(
                "ru_jury", "каждого участника оценивают {k} членов жюри (reviewers), а в жюри всего {n}",
                {"k": reviewers, "n": len(jury)})
        return jury


def check_stage_order(stages: list[Stage]) -> None:
    """Each stage begins when the one before it has ended (on that day at the earliest): the
    Положение and the competition's file refuse the same way."""
    for n, (before, stage) in enumerate(zip(stages, stages[1:]), 1):
        if stage.start < before.end:
            raise FieldError((n, "start"), f"этапы указаны не по порядку: этап {n + 1} «{stage.title}» начинается "
                             f"{stage.start:%d.%m.%Y}, раньше окончания этапа {n} «{before.title}» "
                             f"({before.end:%d.%m.%Y})")


def check_jury_roles(jury: list) -> None:
    """A jury has one chair, and at most one deputy and one secretary (the Положение's section on the
    jury and the jury order name them)."""
    roles = [m.role for m in jury]
    if CHAIR not in roles:
        raise PydanticCustomError("ru_jury", "в составе жюри нет председателя: укажите у одного из членов жюри "
                                  "role: председатель")
    for role in (CHAIR, DEPUTY, SECRETARY):
        if roles.count(role) > 1:
            second = [n for n, r in enumerate(roles) if r == role][1]
            raise FieldError((second, "role"), f"в составе жюри {roles.count(role)} с ролью «{role}», "
                                               "а может быть один")
