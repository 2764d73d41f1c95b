"""Input of a local act: the organisation, the act of the catalogue, and its adoption requisites.

The wording comes from the act's content file (docgen_plugins.local_act.content); the data file
says where the act stands: the protocol of the pedagogical council that adopted it, the protocols
of the councils whose opinion was taken into account (ст. 30 ч. 3 273-ФЗ, for an act that touches
pupils' rights), and the order that approved it. Without the order the act is a project («ПРОЕКТ»,
no УТВЕРЖДЕНО) — the draft posted for discussion.
"""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import Approval, DocumentInput, FieldError, RuDate, Strict, Text
from docgen.acts import act_title


def _protocol_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip():
        raise PydanticCustomError("ru_protocol", "ожидается номер протокола, например 1")
    return str(value).strip().removeprefix("№").strip()


class Protocol(Strict):
    """A council's protocol: «(протокол от 27.08.2026 № 1)»."""

    date: RuDate = Field(title="дата протокола", description="ДД.ММ.ГГГГ")
    number: Annotated[str, BeforeValidator(_protocol_number)] = Field(title="номер протокола", description="например 1")


# The councils' protocols in the order the grifs print them: field, council (profile's councils), words.
COUNCILS = (
    ("pedagogical_council", "pedagogical", "педагогического совета"),
    ("students_council", "students", "совета обучающихся"),
    ("parents_council", "parents", "совета родителей"),
)


class LocalActInput(DocumentInput):
    act: Text = Field(
        title="акт из каталога",
        description="код акта (docgen acts list), например «vsoko-regulation»; текст акта берётся из файла "
                    "acts/<код>.yaml в папке шаблонов")
    pedagogical_council: Protocol | None = Field(
        default=None, title="протокол педагогического совета",
        description="заседание, на котором акт принят (гриф «ПРИНЯТО»); обязателен, если акт утверждён")
    students_council: Protocol | None = Field(
        default=None, title="протокол совета обучающихся",
        description="учтено мнение совета обучающихся: для акта, затрагивающего права обучающихся")
    parents_council: Protocol | None = Field(
        default=None, title="протокол совета родителей",
        description="учтено мнение совета родителей (законных представителей): для акта, затрагивающего права "
                    "обучающихся")
    approved: Approval | None = Field(
        default=None, title="приказ об утверждении",
        description="дата и номер приказа руководителя; не указан — акт печатается как проект с отметкой «ПРОЕКТ»")

    @field_validator("act")
    @classmethod
    def _in_catalogue(cls, value: str) -> str:
        if act_title(value) is None:
            raise PydanticCustomError("ru_unknown_act", "акта с кодом «{id}» нет в каталоге (список — docgen acts list)",
                                      {"id": value})
        return value

    @model_validator(mode="after")
    def _grifs(self, info: ValidationInfo) -> "LocalActInput":
        """The protocols the act's grifs need, each held before the approval, and none of a council
        the organisation does not have. The content file says whether the act touches pupils' rights."""
        from .content import load_content

        content, _ = load_content(self.act)
        councils = self.organization.councils
        for field, council, words in COUNCILS:
            protocol = getattr(self, field)
            name = getattr(councils, council)
            if protocol is not None and name is None:
                raise FieldError(field, f"в профиле организации нет {words} (councils.{council}: null), а протокол "
                                        "указан: уберите протокол или укажите совет в профиле")
            if protocol is not None and self.approved is not None and protocol.date > self.approved.date:
                raise FieldError((field, "date"), f"протокол {words} от {protocol.date:%d.%m.%Y} позже приказа об "
                                                  f"утверждении ({self.approved.date:%d.%m.%Y}): акт принимают и "
                                                  "учитывают мнение советов до утверждения")
        if self.approved is None:
            return self
        if self.pedagogical_council is None:
            raise FieldError("pedagogical_council", "акт утверждён приказом, а протокола педагогического совета, "
                                                    "принявшего его, нет: укажите pedagogical_council — дату и номер "
                                                    "протокола (гриф «ПРИНЯТО на заседании …»)")
        if content.students_rights:
            for field, council, words in COUNCILS[1:]:
                if getattr(self, field) is None and getattr(councils, council) is not None:
                    raise FieldError(field, f"акт затрагивает права обучающихся (ст. 30 ч. 3 Федерального закона "
                                            f"№ 273-ФЗ): укажите {field} — дату и номер протокола {words}, чьё "
                                            "мнение учтено (гриф «УЧТЕНО мнение …»)")
        return self
