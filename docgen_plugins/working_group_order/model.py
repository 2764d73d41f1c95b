"""Input of the order creating the working group on improving ВСОКО (domain.md §3.1)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from docgen import (
    Executor, FieldError, OrderInput, Period as BasePeriod, RuDate,
    StaffMember, Strict, Text, control_field, executor_field,
)
from docgen.acts import Basis

Role = Literal["руководитель", "заместитель руководителя", "секретарь", "член рабочей группы"]
ROLE_ORDER = {"руководитель": 0, "заместитель руководителя": 1, "секретарь": 2, "член рабочей группы": 3}


class Period(BasePeriod):
    start: RuDate = Field(title="начало работы группы")
    end: RuDate = Field(title="окончание работы группы")


class Member(Strict):
    person: StaffMember = Field(title="сотрудник", description="код или ФИО из штатного списка профиля")
    role: Role = Field(default="член рабочей группы", title="роль в рабочей группе")


class Task(Strict):
    action: Text = Field(
        title="поручение",
        description="глагол в неопределённой форме со строчной буквы: «провести анализ …»",
    )
    responsible: StaffMember = Field(title="ответственный исполнитель")
    deadline: RuDate = Field(title="срок исполнения")


class WorkingGroupOrderInput(OrderInput):
    purpose: Text = Field(title="цель создания группы", description="продолжает фразу «в целях …»")
    basis: Basis = Field(
        default=None,
        title="дополнительное основание",
        description="продолжает преамбулу после ссылки на 273-ФЗ: код акта школы из каталога (docgen acts list; "
                    "он должен быть утверждён и действовать на дату приказа) или текст в творительном падеже; "
                    "можно списком",
    )
    group_name: Text = Field(
        default="рабочая группа по совершенствованию внутренней системы оценки качества образования",
        title="наименование группы",
        description="в именительном падеже со строчной буквы",
    )
    period: Period = Field(title="период работы группы")
    meetings: Text = Field(title="периодичность заседаний", description="например «еженедельно по четвергам, 8-й урок»")
    members: list[Member] = Field(min_length=2, title="состав рабочей группы")
    approve_plan_graph: bool = Field(
        default=False, title="утвердить план-график",
        description="true — пункт «Утвердить прилагаемый план-график (дорожную карту) работы рабочей группы»; "
                    "сам план-график с грифом «УТВЕРЖДЕН приказом …» — отдельный документ (тип plan-graph)")
    tasks: list[Task] = Field(default_factory=list, title="поручения")
    acquaint: list[StaffMember] = Field(
        default_factory=list, title="также ознакомить",
        description="кого ещё знакомить с приказом: тех, кому поручает мероприятия утверждаемый им план-график, "
                    "но не называет сам приказ (docgen check сверяет с данными плана-графика)")
    publish_responsible: StaffMember | None = Field(
        default=None, title="ответственный за размещение на сайте"
    )
    executor: Executor | None = executor_field()
    control: StaffMember | None = control_field()

    @model_validator(mode="after")
    def _one_head(self) -> "WorkingGroupOrderInput":
        heads = [m for m in self.members if m.role == "руководитель"]
        if len(heads) != 1:
            raise FieldError("members", "в составе должен быть ровно один руководитель (role: руководитель), "
                                        f"указано: {len(heads)}")
        seen: set[tuple] = set()
        for n, member in enumerate(self.members):
            key = (member.person.full_name, member.person.id)  # namesakes differ by their ids
            if key in seen:
                raise FieldError(("members", n, "person"),
                                 f"сотрудник указан в составе дважды: {member.person.full_name}")
            seen.add(key)
        for n, task in enumerate(self.tasks):
            if task.deadline < self.date:
                raise FieldError(("tasks", n, "deadline"),
                                 f"срок поручения {task.deadline:%d.%m.%Y} раньше даты приказа")
        return self

    def acquainted(self) -> list:
        """Who signs the acquaintance sheet: the members, the people the order charges and those
        it is told to acquaint besides — one list for the sheet and for `docgen check`, which
        compares it with the people an approved annex charges."""
        members = sorted(self.members, key=lambda m: ROLE_ORDER[m.role])
        named = [m.person for m in members] + [t.responsible for t in self.tasks]
        named += [self.publish_responsible, self.control, *self.acquaint]
        return self.organization.acquaintance_list(named)

    @property
    def head(self):
        return next(m.person for m in self.members if m.role == "руководитель")
