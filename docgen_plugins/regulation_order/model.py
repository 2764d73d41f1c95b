"""Input of the order approving the regulation of work on improving ВСОКО (seed 000, stage I:
«сроки, основные мероприятия, ответственные исполнители/соисполнители, результаты (продукты)
реализации каждого мероприятия»; the table of domain.md §3.2)."""
from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import (
    Activity, Executor, FieldError, OrderInput, RuDate,
    PlanRef, StaffMember, Strict, Text, control_field, executor_field, plan_field, read_plan,
)
from docgen.acts import Basis, registry_file, registry_url


class FromRegistry(Strict):
    """Activities derived from the registry of acts: every applicable required act that is not
    approved and current becomes «Разработать …» / «Актуализировать …»."""

    db: str | None = Field(
        default=None, validate_default=True, title="база реестра актов",
        description="файл базы (путь относительно файла данных) или адрес базы; "
                    "не указан — база школы, как у docgen acts --org (DOCGEN_DB или db в docgen.yaml рядом с профилем)",
    )
    responsible: StaffMember = Field(
        title="ответственный исполнитель по умолчанию",
        description="для актов, у которых в реестре не указан ответственный из штатного списка",
    )
    deadline: RuDate = Field(title="срок разработки актов", description="ДД.ММ.ГГГГ")
    after: int | None = Field(
        default=None, ge=0, title="место в регламенте",
        description="после какого по счёту мероприятия из activities вставить акты; не указано — в конце",
    )

    @field_validator("db")
    @classmethod
    def _existing_file(cls, value: str | None, info: ValidationInfo) -> str | None:
        context = info.context or {}
        url = registry_url(value, relative_to=context.get("data_dir"), profile=context.get("profile"))
        path = registry_file(url)
        if value is not None and path is not None and not path.is_file():
            raise PydanticCustomError(
                "ru_registry_db", "файла базы реестра нет: {path}; статусы актов вносят командой docgen acts set",
                {"path": str(path)},
            )
        return url


class RegulationOrderInput(OrderInput):
    purpose: Text = Field(
        default="обеспечения системности и комплексности функционирования внутренней системы оценки качества "
                "образования и принятия управленческих решений по её результатам",
        title="цель", description="продолжает фразу «в целях …»",
    )
    basis: Basis = Field(
        default=None, title="дополнительное основание",
        description="продолжает преамбулу после ссылки на Порядок самообследования: код акта школы из каталога "
                    "(docgen acts list; он должен быть утверждён и действовать на дату приказа) или текст "
                    "в творительном падеже; можно списком",
    )
    activities: list[Activity] = Field(default_factory=list, title="мероприятия регламента",
                                       description="или файл плана в поле plan")
    plan: PlanRef | None = plan_field()
    from_registry: FromRegistry | None = Field(default=None, title="мероприятия из реестра актов")
    coordinator: StaffMember = Field(
        title="ответственный за мониторинг выполнения регламента",
        description="осуществляет мониторинг и информирует директора",
    )
    reporting: Text = Field(
        default="ежемесячно",
        title="периодичность информирования директора", description="например «ежемесячно» или «ежеквартально»",
    )
    executor: Executor | None = executor_field()
    control: StaffMember | None = control_field()

    @model_validator(mode="before")
    @classmethod
    def _from_plan(cls, data: Any, info: ValidationInfo) -> Any:
        data = read_plan(data, info)
        if isinstance(data, dict) and data.get("plan") is not None:
            data["activities"] = data["plan"].activities(Activity, info.context)
        return data

    @model_validator(mode="after")
    def _has_activities(self) -> "RegulationOrderInput":
        if not self.activities and self.from_registry is None:
            raise FieldError("activities", "в регламенте нет мероприятий: заполните activities, укажите файл плана "
                                           "(plan) или from_registry")
        for n, activity in enumerate(self.activities):
            if activity.end is not None and activity.end < self.date:
                message = f"срок мероприятия ({activity.end:%d.%m.%Y}) раньше даты приказа"
                raise self.plan.blame(n, "end", message) if self.plan else FieldError(("activities", n, "end"), message)
        if self.from_registry is not None:
            if self.from_registry.deadline < self.date:
                raise FieldError(("from_registry", "deadline"), "срок разработки актов из реестра раньше даты приказа")
            if (self.from_registry.after or 0) > len(self.activities):
                raise FieldError(("from_registry", "after"),
                                 f"мероприятий в {'плане' if self.plan else 'activities'} {len(self.activities)}, а указано место "
                                 f"после {self.from_registry.after}-го")
        return self
