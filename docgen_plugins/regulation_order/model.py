"""Input of the order approving the regulation of work on improving ВСОКО (seed 000, stage I:
«сроки, основные мероприятия, ответственные исполнители/соисполнители, результаты (продукты)
реализации каждого мероприятия»; the table of domain.md §3.2)."""
from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import OrderInput, RuDate, StaffMember, Strict, Term, Text


class Activity(Term):
    action: Text = Field(
        title="мероприятие",
        description="глагол в неопределённой форме: «провести внутренний аудит ВСОКО …»",
    )
    responsible: StaffMember = Field(title="ответственный исполнитель", description="код или ФИО из штатного списка")
    co_executors: list[StaffMember] = Field(default_factory=list, title="соисполнители")
    result: Text = Field(title="результат (продукт)", description="документ, справка, приказ, протокол …")

    @model_validator(mode="after")
    def _people(self) -> "Activity":
        names = [p.full_name for p in self.co_executors]
        if self.responsible.full_name in names:
            raise PydanticCustomError(
                "ru_activity_people", "ответственный исполнитель {name} указан и среди соисполнителей",
                {"name": self.responsible.full_name},
            )
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise PydanticCustomError("ru_activity_people", "соисполнитель указан дважды: {names}",
                                      {"names": ", ".join(duplicates)})
        return self


class FromRegistry(Strict):
    """Activities derived from the registry of acts: every applicable required act that is not
    approved and current becomes «Разработать …» / «Актуализировать …»."""

    db: str | None = Field(
        default=None, title="база реестра актов",
        description="файл базы (путь относительно файла данных) или адрес базы; "
                    "не указан — DOCGEN_DB или docgen.sqlite в текущей папке, как у docgen acts",
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
        from docgen.registry.store import resolve_url

        if value is not None and "://" not in value:
            base = (info.context or {}).get("data_dir")
            path = Path(value).expanduser()
            if not path.is_absolute() and base is not None:
                path = Path(base) / path
            value = str(path.resolve())
        url = resolve_url(value)
        if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
            raise PydanticCustomError(
                "ru_registry_db", "файла базы реестра нет: {path}; статусы актов вносят командой docgen acts set",
                {"path": url[len("sqlite:///"):]},
            )
        return url


class RegulationOrderInput(OrderInput):
    purpose: Text = Field(
        default="обеспечения системности и комплексности функционирования внутренней системы оценки качества "
                "образования и принятия управленческих решений по её результатам",
        title="цель", description="продолжает фразу «в целях …»",
    )
    basis: str | None = Field(
        default=None, title="дополнительное основание",
        description="продолжает преамбулу после ссылки на Порядок самообследования, в творительном падеже",
    )
    activities: list[Activity] = Field(default_factory=list, title="мероприятия регламента")
    from_registry: FromRegistry | None = Field(default=None, title="мероприятия из реестра актов")
    coordinator: StaffMember = Field(
        title="ответственный за мониторинг выполнения регламента",
        description="осуществляет мониторинг и информирует директора",
    )
    reporting: Text = Field(
        default="ежемесячно",
        title="периодичность информирования директора", description="например «ежемесячно» или «ежеквартально»",
    )
    control: StaffMember | None = Field(
        default=None, title="контроль исполнения", description="не указан — контроль остаётся за директором"
    )

    @model_validator(mode="after")
    def _has_activities(self) -> "RegulationOrderInput":
        if not self.activities and self.from_registry is None:
            raise PydanticCustomError(
                "ru_activities", "в регламенте нет мероприятий: заполните activities или from_registry"
            )
        for n, activity in enumerate(self.activities, 1):
            if activity.end is not None and activity.end < self.date:
                raise PydanticCustomError(
                    "ru_activities", "срок мероприятия {n} ({end}) раньше даты приказа",
                    {"n": n, "end": f"{activity.end:%d.%m.%Y}"},
                )
        if self.from_registry is not None:
            if self.from_registry.deadline < self.date:
                raise PydanticCustomError("ru_activities", "срок разработки актов из реестра раньше даты приказа")
            if (self.from_registry.after or 0) > len(self.activities):
                raise PydanticCustomError(
                    "ru_activities", "from_registry.after = {after}, а мероприятий в activities {n}",
                    {"after": self.from_registry.after, "n": len(self.activities)},
                )
        return self
