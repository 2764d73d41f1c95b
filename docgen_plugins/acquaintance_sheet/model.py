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
                    "по штатному списку профиля, а если в нём никого из этого круга нет — все работники")

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
            raise FieldError("readers", "ознакомляться с актом некому: штатный список профиля пуст; укажите staff "
                                        "в профиле или readers")
        return self

    @property
    def people(self) -> list:
        """The readers given, else the catalogue's audience in the staff list, else — when the
        positions name none of its groups — everyone but the director: a sheet that leaves out
        someone the act concerns is worse than one with a signature too many."""
        if self.readers is not None:
            return list(self.readers)
        org = self.organization
        return act_readers(org, self.act) or [p for p in org.staff if p.full_name != org.director.full_name]
