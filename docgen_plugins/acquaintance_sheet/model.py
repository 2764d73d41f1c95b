"""Input of an acquaintance sheet: the act of the catalogue, the order that approved it, and who
signs — by default everyone the catalogue's audience of the act names in the staff list."""
from __future__ import annotations

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import Approval, DocumentInput, FieldError, StaffMember, Text
from docgen.acts import act_readers, act_title


class AcquaintanceSheetInput(DocumentInput):
    act: Text = Field(title="акт из каталога", description="код акта (docgen acts list), например «vsoko-regulation»")
    approved: Approval = Field(title="приказ об утверждении акта", description="дата и номер приказа")
    readers: list[StaffMember] | None = Field(
        default=None, title="кто ознакомляется",
        description="коды или ФИО сотрудников; не указано — круг ознакомляемых из каталога (audience) "
                    "по штатному списку профиля")

    @field_validator("act")
    @classmethod
    def _in_catalogue(cls, value: str) -> str:
        if act_title(value) is None:
            raise PydanticCustomError("ru_unknown_act", "акта с кодом «{id}» нет в каталоге (список — docgen acts list)",
                                      {"id": value})
        return value

    @model_validator(mode="after")
    def _someone(self) -> "AcquaintanceSheetInput":
        if not self.people:
            raise FieldError("readers", "ознакомляться с актом некому: в штатном списке нет никого из круга "
                                        "ознакомляемых (audience каталога); укажите readers")
        return self

    @property
    def people(self) -> list:
        return list(self.readers) if self.readers is not None else act_readers(self.organization, self.act)
