"""Input of a project's documents: the passport and the application for the status of a municipal
innovation platform (МИП) read one model (seeds 000, 001, 004).

A project is run by several organisations (a network of schools, a district and its schools), so
its executors are organisations with their heads, not the profile's staff: each head is a full
person, declined in the documents. The profile (``organization``) is whoever issues the documents —
the school, the education authority — and its director leads the project unless ``leader`` says
otherwise. Everything dated lies within the project's term, so a reader never meets a stage or an
activity that contradicts the term on the first page.
"""
from __future__ import annotations


from pathlib import Path
from typing import Any

from pydantic import Field, PrivateAttr, ValidationInfo, model_validator

from docgen import Approval, DocumentInput, FieldError, InputError, Period, RuDate, StaffMember, Strict, Text
from docgen.acts import UnknownIndicator, recorded_indicator

from .plan import PlanRow, from_plan_file


class Stage(Period):
    title: Text = Field(title="этап", description="например «Определение и создание условий, необходимых для "
                                                   "реализации проекта»")
    start: RuDate = Field(title="начало этапа", description="ДД.ММ.ГГГГ")
    end: RuDate = Field(title="окончание этапа", description="ДД.ММ.ГГГГ")
    content: list[Text] = Field(min_length=1, title="содержание этапа", description="что делается на этапе")
    results: list[Text] = Field(default_factory=list, title="прогнозируемые результаты этапа")
    products: list[Text] = Field(default_factory=list, title="продукты этапа")

    # Where a stage taken from a plan file is reported: a callable (field, message) → FieldError.
    _blame: Any = PrivateAttr(default=None)


class Resources(Strict):
    staff: list[Text] = Field(default_factory=list, title="кадровые ресурсы")
    legal: list[Text] = Field(default_factory=list, title="нормативно-правовые ресурсы")
    material: list[Text] = Field(default_factory=list, title="материально-техническое обеспечение")


class Risk(Strict):
    risk: Text = Field(title="риск", description="например «Формализация деятельности рабочей группы»")
    measure: Text = Field(title="способ преодоления", description="например «Качественный подбор кадров»")


class Applicant(Strict):
    """What the profile does not hold and the application's title page prints about the applicant
    organisation (its name and head come from the profile)."""

    address: Text = Field(title="адрес организации-соискателя",
                          description="почтовый адрес: индекс, населённый пункт, улица, дом")
    phone: Text | None = Field(default=None, title="телефон", description="например «8 (4852) 40-51-00»")
    email: Text | None = Field(default=None, title="электронная почта")
    # A network's project (seed 004: six schools led by the city's education department) is applied
    # for by its schools, not by the authority that runs the selection: the title page names them.
    network: bool = Field(
        default=False, title="заявку подают организации-исполнители",
        description="true — соискатели: организации из раздела «Исполнители проекта» (сетевой проект); адрес — "
                    "для переписки с руководителем проекта. false — организация профиля")


class ExecutorOrganization(Strict):
    name: Text = Field(title="организация", description="наименование, например «МОУ «Средняя школа № 48»»")
    head: StaffMember | None = Field(
        default=None, title="руководитель организации",
        description="{full_name, gender, position}: ФИО полностью, пол и должность; для организации профиля — "
                    "код или ФИО из штатного списка")

    @model_validator(mode="after")
    def _has_head(self) -> "ExecutorOrganization":
        if self.head is None:
            raise FieldError("head", f"у организации-исполнителя «{self.name}» не указан руководитель (head): "
                                     "ФИО полностью (full_name), пол (gender) и должность (position)")
        return self


class Indicator(Strict):
    title: Text = Field(title="показатель", description="например «Доля педагогических работников, включённых в "
                                                         "разработку процедур ВСОКО»")
    unit: Text = Field(title="единица измерения", description="например «%» или «ед.»")
    id: str | None = Field(
        default=None, title="код показателя справки",
        description="код из docgen indicators list, например teachers-share: базовое значение — из записанных за "
                    "base_period количеств (файл recorded), как в справке о полноте ЛНА")
    base: float | None = Field(default=None, title="базовое значение",
                               description="на начало проекта; не указано — «нет данных»")
    target: float | None = Field(default=None, title="целевое значение", description="к окончанию проекта")

    @model_validator(mode="after")
    def _has_target(self) -> "Indicator":
        if self.target is None:
            raise FieldError("target", f"у показателя «{self.title}» не указано целевое значение (target)")
        return self


class ProjectInput(DocumentInput):
    title: Text = Field(title="название проекта", description="без кавычек")
    kind: Text = Field(default="проект", title="вид проекта",
                       description="например «муниципальный управленческий проект»; печатается на титуле")
    date: RuDate | None = Field(default=None, title="дата документа",
                                description="ДД.ММ.ГГГГ; не указана — дата заполняется от руки")
    approved: Approval | None = Field(default=None, title="приказ об утверждении паспорта",
                                      description="для паспорта: гриф «УТВЕРЖДЁН приказом …»")
    municipality: str = Field(
        default="", title="муниципальное образование",
        description="в родительном падеже, продолжает «в муниципальной системе образования …»: «города "
                    "Ярославля»; для заявки на статус МИП обязательно")
    directions: list[Text] = Field(
        default_factory=list, title="приоритетные направления",
        description="направления инновационной деятельности в муниципальной системе образования; для заявки на "
                    "статус МИП обязательны")
    rationale: list[Text] = Field(min_length=1, title="обоснование актуальности и инновационности",
                                  description="абзацы текста")
    idea: str = Field(default="", title="основная идея проекта")
    goal: Text = Field(title="цель проекта", description="продолжает «Цель проекта — …»")
    tasks: list[Text] = Field(min_length=1, title="задачи проекта", description="каждая — с глагола: «изучить …»")
    start: RuDate = Field(title="начало реализации проекта", description="ДД.ММ.ГГГГ")
    end: RuDate = Field(title="окончание реализации проекта", description="ДД.ММ.ГГГГ")
    stages: list[Stage] = Field(
        default_factory=list, title="этапы проекта",
        description="по порядку; не указаны, а в plan назван файл плана с этапами — этапы из него (выбранные в "
                    "plan.stage или все); коды этапов плана ([organizational, results]) — только эти этапы")
    plan: list[PlanRow] = Field(
        default_factory=list, title="механизмы реализации",
        description="мероприятия по направлениям: направление, мероприятие, сроки, ответственные — списком или "
                    "именем файла плана (plan.yaml, {file: plan.yaml, stage: [код этапа]})")
    participants: str = Field(default="", title="участники проекта",
                              description="продолжает «Участники проекта: …»")
    leader: StaffMember | None = Field(
        default=None, title="руководитель проекта",
        description="код или ФИО из штатного списка профиля либо {full_name, gender, position}; не указан — "
                    "руководитель организации из профиля")
    executors: list[ExecutorOrganization] = Field(
        min_length=1, title="исполнители проекта", description="организации и их руководители")
    resources: Resources = Field(default_factory=Resources, title="ресурсное обеспечение")
    results: list[Text] = Field(default_factory=list, title="ожидаемые результаты")
    products: list[Text] = Field(min_length=1, title="ожидаемые продукты")
    changes: list[Text] = Field(default_factory=list, title="изменения в муниципальной системе образования",
                                description="ожидаемые от реализации проекта")
    risks: list[Risk] = Field(default_factory=list, title="риски и способы их преодоления")
    dissemination: list[Text] = Field(
        default_factory=list, title="распространение результатов",
        description="продолжает «Распространение и внедрение результатов проекта осуществляются через …»")
    indicators: list[Indicator] = Field(default_factory=list, title="показатели результативности")
    base_period: str = Field(
        default="", title="период базовых значений",
        description="учебный год, за который даны базовые значения показателей, например «2025/2026»: "
                    "те же, что справка о полноте ЛНА показывает за этот год")
    addressee: Text | None = Field(
        default=None, title="кому подаётся заявка",
        description="для заявки на статус МИП: орган или комиссия, проводящие отбор, в винительном падеже — "
                    "продолжает «В …»: «департамент образования мэрии города Ярославля»")
    applicant: Applicant | None = Field(
        default=None, title="организация-соискатель",
        description="для заявки на статус МИП: адрес, телефон, электронная почта организации из профиля (она подаёт "
                    "заявку; наименование и руководитель — из профиля)")
    recorded: str | None = Field(
        default=None, title="записанные количества показателей",
        description="файл количеств по учебным годам, который вводят в реестр командой docgen indicators import "
                    "(indicators.yaml; путь относительно файла данных): базовые значения показателей с кодом (id) "
                    "берутся из него за base_period — те же, что в справке о полноте ЛНА")

    @model_validator(mode="before")
    @classmethod
    def _plan_file(cls, data: Any, info: ValidationInfo) -> Any:
        return from_plan_file(data, info, Stage)

    @model_validator(mode="after")
    def _within_term(self) -> "ProjectInput":
        if self.end < self.start:
            raise FieldError("end", f"окончание проекта {self.end:%d.%m.%Y} раньше его начала {self.start:%d.%m.%Y}")
        term = f"срок проекта: {self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"
        # Rows first: a stage taken from a plan file may span its rows, and then the row is to blame.
        for n, row in enumerate(self.plan):
            for field, day in (("start", row.start), ("end", row.end)):
                if day is not None and not self.start <= day <= self.end:
                    message = f"мероприятие «{row.action}» выходит за срок проекта: {_when(field)} {day:%d.%m.%Y}, а {term}"
                    raise row._blame(field, message) if row._blame else FieldError(("plan", n, field), message)
        for n, stage in enumerate(self.stages):
            for field, day in (("start", stage.start), ("end", stage.end)):
                if not self.start <= day <= self.end:
                    message = f"этап {n + 1} «{stage.title}» выходит за срок проекта: {_when(field)} {day:%d.%m.%Y}, а {term}"
                    raise stage._blame(field, message) if stage._blame else FieldError(("stages", n, field), message)
        return self


    @model_validator(mode="after")
    def _approved_before_start(self) -> "ProjectInput":
        """The order approving the passport starts the project: it is dated before the project's
        start or on it (a passport approved after its own activities began describes the past)."""
        if self.approved is not None and self.approved.date > self.start:
            raise FieldError(("approved", "date"), f"приказ об утверждении паспорта от {self.approved.date:%d.%m.%Y} "
                                                   f"позже начала проекта {self.start:%d.%m.%Y}: паспорт утверждают до "
                                                   "начала проекта или в день его начала")
        return self


    @model_validator(mode="after")
    def _recorded_bases(self, info: ValidationInfo) -> "ProjectInput":
        """A base value is what the school recorded for ``base_period``, the figure the справка о
        полноте ЛНА prints for that year: an indicator tied to the справка's (``id``) takes its base
        from the recorded counts, and a base typed beside them must agree — a passport that says
        «40» where the справка says «нет данных» contradicts the school's own records."""
        tied = [(n, i) for n, i in enumerate(self.indicators) if i.id]
        if not tied:
            return self
        if not self.recorded:
            raise FieldError("recorded", "у показателей указаны коды справки (id), а файл записанных количеств не "
                                         "назван: укажите recorded: indicators.yaml")
        if not self.base_period.strip():
            raise FieldError("base_period", "базовые значения берутся из записанных количеств: укажите учебный год "
                                            "base_period, например «2025/2026»")
        path = Path(self.recorded).expanduser()
        folder = (info.context or {}).get("data_dir")
        if not path.is_absolute() and folder is not None:
            path = Path(folder) / path
        period = self.base_period.strip()
        for n, indicator in tied:
            try:
                value = recorded_indicator(indicator.id, period, path)
            except UnknownIndicator as exc:
                raise FieldError(("indicators", n, "id"), str(exc)) from None
            except InputError as exc:
                raise FieldError("recorded", f"«{self.recorded}»: {exc}") from None
            recorded = None if value is None else float(round(value, 1))
            if indicator.base is None:
                self.indicators[n] = indicator.model_copy(update={"base": recorded})
            elif recorded is None:
                raise FieldError(("indicators", n, "base"),
                                 f"базовое значение показателя «{indicator.id}» — {_ru(indicator.base)}, а за {period} в "
                                 f"«{self.recorded}» для него ничего не записано (справка покажет «нет данных»): "
                                 "уберите base или запишите количества за этот год")
            elif abs(indicator.base - recorded) > 0.05:
                raise FieldError(("indicators", n, "base"),
                                 f"базовое значение показателя «{indicator.id}» — {_ru(indicator.base)}, а за {period} "
                                 f"записано {_ru(recorded)} («{self.recorded}», его покажет справка): уберите base — "
                                 "оно возьмётся из записанного — или исправьте")
        return self


def _ru(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _when(field: str) -> str:
    return "начало" if field == "start" else "окончание"




# What the МИП application's form asks for and a passport may omit: field → the form's section.
APPLICATION_NEEDS = {
    "addressee": "адресат заявки — орган или комиссия, проводящие отбор",
    "applicant": "сведения об организации-соискателе: адрес (address), телефон (phone), электронная почта (email)",
    "municipality": "муниципальное образование, в муниципальной системе образования которого реализуется проект",
    "directions": "перечень приоритетных направлений инновационной деятельности",
    "plan": "механизмы реализации проекта (направление, мероприятия, сроки, ответственные)",
    "changes": "изменения в муниципальной системе образования, ожидаемые от реализации проекта",
    "risks": "возможные риски и способы их преодоления",
    "dissemination": "предложения по распространению и внедрению результатов",
}


class ApplicationInput(ProjectInput):
    """The same project, its fields and checks — and the sections the application's form cannot do
    without, which a passport may leave out (a school's own project has no priority directions of
    the municipal system). A data file written for one document serves the other."""

    @model_validator(mode="after")
    def _form_sections(self) -> "ApplicationInput":
        for field, what in APPLICATION_NEEDS.items():
            if not getattr(self, field):
                raise FieldError(field, f"для заявки на статус муниципальной инновационной площадки нужен раздел "
                                        f"«{what}» — заполните {field}")
        resources = self.resources
        if not (resources.staff or resources.legal or resources.material):
            raise FieldError("resources", "для заявки на статус муниципальной инновационной площадки нужно описание "
                                          "ресурсного обеспечения: кадровые (staff), нормативно-правовые (legal), "
                                          "материально-технические (material) ресурсы")
        return self
