"""Input of the order approving local acts of the catalogue (domain.md §1.1–§2: ст. 28 ч. 3 п. 1 and
ст. 30 ч. 3 273-ФЗ; «Об утверждении …»; acquaintance under signature, ТК РФ ст. 22).

The order of events it holds the data to: the opinion of the council of pupils and of the council of
parents is taken on the draft first (ч. 3 ст. 30: it is taken into account when the act is adopted),
then the pedagogical council adopts the act («ПРИНЯТО»), then the director approves it by this order.
So no protocol is dated after the order, and no opinion after the pedagogical council's protocol."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import (
    Approval, Executor, FieldError, OrderInput, RuDate,
    StaffMember, Strict, Text, control_field, executor_field,
)
from docgen.acts import act_level, act_title


def _protocol_number(value: Any) -> Any:
    """A protocol's number as YAML gives it: 3 or «3» (or «3/1»)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


ProtocolNumber = Annotated[Text, BeforeValidator(_protocol_number)]


def _yes_no(value: Any) -> Any:
    """true/false as YAML gives them → «да»/«нет»."""
    return {True: "да", False: "нет"}.get(value, value) if isinstance(value, bool) else value


# «да»/«нет», or not given — then the catalogue's level decides. Not a bool: a form's unticked box
# would say «нет» for a law-level act and drop the councils' opinion without anyone deciding so.
YesNo = Annotated[Literal["да", "нет"] | None, BeforeValidator(_yes_no)]


class Protocol(Strict):
    """A collegial body's protocol: «протокол от 03.12.2026 № 3»."""

    date: RuDate = Field(title="дата протокола", description="ДД.ММ.ГГГГ")
    number: ProtocolNumber = Field(title="номер протокола", description="например 3")

    @property
    def key(self) -> tuple:
        return (self.date, self.number)


class Replaces(Approval):
    """The earlier order that approved the act (its previous edition): repealed by this one."""

    date: RuDate = Field(title="дата прежнего приказа", description="ДД.ММ.ГГГГ")
    number: str = Field(title="номер прежнего приказа", description="например 41 или «41-од»")
    title: Text | None = Field(
        default=None, title="заголовок прежнего приказа",
        description="без кавычек, например «Об утверждении Положения о порядке проведения самообследования»; "
                    "не указан — «Об утверждении» и название акта из каталога",
    )


class ApprovedAct(Strict):
    act: str = Field(
        title="код акта из каталога",
        description="например vsoko-regulation; коды — docgen acts list (registries/vsoko.yaml и каталоги плагинов)",
    )
    council: Protocol = Field(
        title="протокол педагогического совета",
        description="решение о принятии акта (гриф «ПРИНЯТО»): {date: ДД.ММ.ГГГГ, number: номер}",
    )
    students_rights: YesNo = Field(
        default=None, title="затрагивает права обучающихся",
        description="да (true) — нужны протоколы совета обучающихся и совета родителей (ч. 3 ст. 30 Федерального "
                    "закона № 273-ФЗ), нет (false) — не нужны; не указано — да для актов, которые закон требует прямо "
                    "(уровень law в каталоге), нет для остальных",
    )
    students_council: Protocol | None = Field(
        default=None, title="протокол совета обучающихся",
        description="учёт мнения совета обучающихся (гриф «УЧТЕНО»): {date, number}; не позже протокола "
                    "педагогического совета",
    )
    parents_council: Protocol | None = Field(
        default=None, title="протокол совета родителей",
        description="учёт мнения совета родителей (законных представителей) несовершеннолетних обучающихся: "
                    "{date, number}; не позже протокола педагогического совета",
    )
    replaces: Replaces | None = Field(
        default=None, title="прежний приказ об утверждении",
        description="приказ, которым утверждена прежняя редакция акта: {date, number}; приказ признаёт его "
                    "утратившим силу",
    )

    @field_validator("act")
    @classmethod
    def _in_catalogue(cls, value: str) -> str:
        if act_title(value) is None:
            raise PydanticCustomError(
                "ru_unknown_act",
                "акта с кодом «{id}» нет в каталоге актов (registries/vsoko.yaml и каталоги плагинов; "
                "коды — docgen acts list)", {"id": value})
        return value

    @property
    def title(self) -> str:
        return act_title(self.act)

    @property
    def touches_rights(self) -> bool:
        """Whether the councils' opinion is needed: as the data says, else for an act the law requires."""
        if self.students_rights is None:
            return act_level(self.act) == "law"
        return self.students_rights == "да"

    @model_validator(mode="after")
    def _opinions(self) -> "ApprovedAct":
        if not self.touches_rights:
            return self
        why = ("акт затрагивает права обучающихся" + (" (закон требует его прямо — уровень law в каталоге; если "
               "прав обучающихся он не касается, укажите students_rights: нет)" if self.students_rights is None else "")
               + ": нужен протокол {}, мнение которого учтено (ч. 3 ст. 30 Федерального закона № 273-ФЗ)")
        if self.students_council is None:
            raise FieldError("students_council", why.format("совета обучающихся"))
        if self.parents_council is None:
            raise FieldError("parents_council", why.format("совета родителей (законных представителей)"))
        return self


class Assignment(Strict):
    person: StaffMember = Field(title="ответственный", description="код или ФИО из штатного списка профиля")
    deadline: RuDate = Field(title="срок", description="ДД.ММ.ГГГГ, не раньше даты приказа")


class Publication(Assignment):
    person: StaffMember = Field(
        title="ответственный за размещение на сайте",
        description="размещает утверждённые акты на официальном сайте; код или ФИО из штатного списка профиля")
    deadline: RuDate = Field(title="срок размещения на сайте", description="ДД.ММ.ГГГГ, не раньше даты приказа")


class Acquaintance(Assignment):
    person: StaffMember = Field(
        title="ответственный за ознакомление работников",
        description="знакомит работников с актами под подпись (ст. 22 Трудового кодекса РФ); код или ФИО из "
                    "штатного списка профиля")
    deadline: RuDate = Field(title="срок ознакомления", description="ДД.ММ.ГГГГ, не раньше даты приказа")


class ActApprovalOrderInput(OrderInput):
    acts: list[ApprovedAct] = Field(
        min_length=1, title="утверждаемые акты",
        description="акты каталога с протоколами их принятия; каждый акт прилагается к приказу отдельным документом "
                    "с грифом «УТВЕРЖДЕНО приказом …»",
    )
    effective: RuDate | None = Field(
        default=None, title="дата введения в действие",
        description="ДД.ММ.ГГГГ, не раньше даты приказа; не указана — с даты приказа",
    )
    publish: Publication = Field(title="размещение на официальном сайте", description="{person, deadline}")
    acquaint: Acquaintance = Field(title="ознакомление работников под подпись", description="{person, deadline}")
    executor: Executor | None = executor_field()
    control: StaffMember | None = control_field()

    @model_validator(mode="after")
    def _dates(self) -> "ActApprovalOrderInput":
        order_date = f"{self.date:%d.%m.%Y}"
        seen: dict[str, int] = {}
        for n, item in enumerate(self.acts):
            if item.act in seen:
                raise FieldError(("acts", n, "act"), f"акт «{item.act}» уже указан в acts[{seen[item.act] + 1}]: "
                                                     "один акт утверждается приказом один раз")
            seen[item.act] = n
            if item.council.date > self.date:
                raise FieldError(("acts", n, "council", "date"),
                                 f"протокол педагогического совета от {item.council.date:%d.%m.%Y} позже даты "
                                 f"приказа ({order_date}): утверждают акт, уже принятый советом")
            for name, body in (("students_council", "совета обучающихся"), ("parents_council", "совета родителей")):
                protocol = getattr(item, name)
                if protocol is not None and protocol.date > item.council.date:
                    raise FieldError(
                        ("acts", n, name, "date"),
                        f"протокол {body} от {protocol.date:%d.%m.%Y} позже протокола педагогического совета от "
                        f"{item.council.date:%d.%m.%Y}: мнение совета учитывается при принятии акта "
                        "(ч. 3 ст. 30 Федерального закона № 273-ФЗ), то есть до решения педагогического совета")
            if item.replaces is not None and item.replaces.date >= self.date:
                raise FieldError(("acts", n, "replaces", "date"),
                                 f"прежний приказ от {item.replaces.date:%d.%m.%Y} не раньше этого приказа "
                                 f"({order_date}): признать утратившим силу можно только изданный ранее")
        if self.effective is not None and self.effective < self.date:
            raise FieldError("effective", f"акты вводятся в действие с {self.effective:%d.%m.%Y} — раньше даты "
                                          f"приказа ({order_date}), которым они утверждены")
        for name in ("publish", "acquaint"):
            deadline = getattr(self, name).deadline
            if deadline < self.date:
                raise FieldError((name, "deadline"), f"срок {deadline:%d.%m.%Y} раньше даты приказа ({order_date})")
        return self

    @property
    def in_force(self):
        """The date the acts come into force: ``effective``, else the order's date."""
        return self.effective or self.date

    @property
    def approves(self) -> list[str]:
        """The catalogue acts this order approves (``docgen check`` compares them with the registry)."""
        return [item.act for item in self.acts]

    def acquainted(self) -> list:
        """Who signs «С приказом ознакомлены»: everyone the order charges, once each, no director."""
        return self.organization.acquaintance_list([self.publish.person, self.acquaint.person, self.control])
