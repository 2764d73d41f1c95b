"""Input models shared by every document type: people, the organisation profile, orders.

Plugins build their own input models from these, so a district's document validates names,
dates and staff references exactly like a built-in one.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import FieldError
from .russian.dates import parse_date
from .russian.gender import Gender, parse_gender
from .russian.names import split_name
from .staff_index import StaffIndex


def _date(value: Any) -> dt.date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise PydanticCustomError("ru_date", str(exc)) from None


def _gender(value: Any) -> Gender:
    try:
        return parse_gender(value)
    except ValueError as exc:
        raise PydanticCustomError("ru_gender", str(exc)) from None


RuDate = Annotated[dt.date, BeforeValidator(_date)]
"""A date written as ДД.ММ.ГГГГ (or ISO, as YAML gives it); impossible dates are refused."""

GenderField = Annotated[Gender, BeforeValidator(_gender)]


def _text(value: Any) -> Any:
    """Runs of whitespace as one space, none at the ends (str.split's whitespace is the regex \\s)."""
    return " ".join(value.split()) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
"""One line of user text: whitespace collapsed, not empty."""


class Strict(BaseModel):
    """Unknown keys are refused: a misspelt field must not vanish silently from a document."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Person(Strict):
    full_name: Text = Field(title="ФИО полностью", description="Фамилия Имя Отчество, например «Иванова Елена Анатольевна»")
    gender: GenderField = Field(title="пол", description="«м» или «ж»: от него зависят падежи фамилии",
                                json_schema_extra={"form_hint": "от него зависят падежи фамилии"})
    position: Text = Field(title="должность", description="в именительном падеже, например «учитель математики»")
    id: str | None = Field(default=None, title="краткий код", description="по нему на сотрудника ссылаются данные документов")

    @field_validator("full_name")
    @classmethod
    def _two_words(cls, value: str) -> str:
        try:
            split_name(value)
        except ValueError as exc:
            raise PydanticCustomError("ru_name", str(exc)) from None
        return value


class VsokoProcedure(Strict):
    """One procedure of the school's ВСОКО and the instruments it is carried out with. A procedure
    with at least one instrument counts as «обеспеченная инструментарием» (seed 000 indicator)."""

    title: Text = Field(title="процедура ВСОКО", description="например «стартовая диагностика обучающихся 1-х классов»")
    direction: Text | None = Field(
        default=None, title="направление",
        description="образовательные результаты, образовательная деятельность или условия реализации ООП")
    instruments: list[Text] = Field(
        default_factory=list, title="инструментарий",
        description="разработанные материалы: КИМ, анкеты, чек-листы; пустой список — инструментария нет")
    responsible: Text | None = Field(
        default=None, title="ответственный",
        description="кто разрабатывает инструментарий процедуры: код или ФИО сотрудника из штатного списка; "
                    "не указан — предложение справки поручается её исполнителю")
    owner: Text | None = Field(
        default=None, title="ответственные за процедуру",
        description="должности (не фамилии), например «заместитель директора по воспитательной работе»: "
                    "столбец «Ответственные» таблицы процедур в положении о ВСОКО; не указано — ответственный "
                    "за направление оценки")


class Councils(Strict):
    """The collegial bodies whose protocols a local act's grifs cite (ст. 30 273-ФЗ): the pedagogical
    council adopts it; when it touches pupils' rights, the opinion of the councils of pupils and of
    parents is taken into account. Names as the charter gives them, in the nominative; the grif
    declines them («на заседании педагогического совета»)."""

    pedagogical: Text = Field(
        default="педагогический совет", title="педагогический совет",
        description="наименование по уставу в именительном падеже; он принимает локальные акты")
    students: Text | None = Field(
        default="совет обучающихся", title="совет обучающихся",
        description="наименование по уставу в именительном падеже, например «Совет старшеклассников»; "
                    "null — совета нет, его мнение в грифе акта не указывается")
    parents: Text | None = Field(
        default="совет родителей (законных представителей) несовершеннолетних обучающихся",
        title="совет родителей",
        description="наименование по уставу в именительном падеже; null — совета нет, его мнение в грифе "
                    "акта не указывается")


class Organization(Strict):
    full_name: Text = Field(title="полное наименование по уставу")
    short_name: Text = Field(title="сокращённое наименование по уставу")
    place: Text = Field(title="место издания документов", description="например «с. Таянды»")
    director: Person = Field(title="руководитель")
    staff: list[Person] = Field(default_factory=list, title="штатный список")
    order_number_format: str = Field(
        default="{n}", title="формат номера приказа", description="например «{n}-од»; {n} — порядковый номер"
    )
    levels: list[str] = Field(default_factory=lambda: ["НОО", "ООО", "СОО"], title="уровни образования")
    website: str | None = Field(default=None, title="официальный сайт")
    # The organisation's key in a store many organisations share (a district's database): short
    # names repeat across a region («МБОУ «СОШ № 1»»), an ИНН or a district's school code does not.
    inn: str | None = Field(default=None, title="ИНН", description="10 цифр, например «3815006786»")
    code: Text | None = Field(default=None, max_length=100, title="код организации",
                              description="код школы в районе или регионе, если ИНН не указан")
    # Counts for the seed-000 indicator «доля педагогов, вовлечённых в ВСОКО»: the registry does
    # not know the whole staff, so the profile states them (the command line may override).
    teachers_total: int | None = Field(default=None, ge=1, title="всего педагогических работников")
    teachers_involved: int | None = Field(default=None, ge=0, title="педагогов, вовлечённых в ВСОКО")
    # For «доля процедур ВСОКО, обеспеченных инструментарием»: the school's own list of procedures.
    procedures: list[VsokoProcedure] = Field(default_factory=list, title="процедуры ВСОКО и их инструментарий")
    # The grifs of local acts: who adopts them and whose opinion is taken into account.
    councils: Councils = Field(
        default_factory=Councils, title="коллегиальные органы",
        description="педагогический совет, совет обучающихся и совет родителей — как они названы в уставе")
    # Requisites of the справки the registry writes (ГОСТ Р 7.0.97: addressee, «исполнитель»).
    report_addressee: Text | None = Field(default=None, title="адресат справок", description=(
        "кому направляется справка, в дательном падеже, например «Начальнику управления образования "
        "администрации района»; не указано — педагогическому совету организации"))
    report_author: Text | None = Field(default=None, title="исполнитель справок", description=(
        "ФИО полностью того, кто готовит справки, например «Бондаренко Ольга Николаевна»; отвечает за "
        "предложения, у которых в реестре нет ответственного"))
    report_phone: Text | None = Field(default=None, title="телефон исполнителя", description="например «8 (39563) 2-41-17»")
    acts_deadline: RuDate | None = Field(default=None, title="срок утверждения ЛНА ВСОКО", description=(
        "до какой даты организация утверждает обязательные акты по своему регламенту или плану-графику, "
        "например 11.12.2026; сроки в предложениях справки не выходят за него"))
    order_years: tuple[int, int] | None = Field(
        default=None, title="годы приказов",
        description="с какого по какой год могут быть датированы приказы, например [2018, 2030]; "
                    "не указано — прошлый, текущий и следующий год")

    @field_validator("order_years")
    @classmethod
    def _years(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and not (1900 <= value[0] <= value[1] <= 2200):
            raise PydanticCustomError("ru_years", "ожидаются два года по порядку, например [2018, 2030]")
        return value

    @field_validator("inn")
    @classmethod
    def _inn(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not re.fullmatch(r"\d{10}", value):
            raise PydanticCustomError("ru_inn", "ИНН организации — 10 цифр, например «3815006786»")
        weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)  # the check digit of a legal entity's ИНН
        if sum(int(d) * w for d, w in zip(value, weights)) % 11 % 10 != int(value[9]):
            raise PydanticCustomError("ru_inn", "ИНН «{inn}» с ошибкой: не сходится контрольная цифра", {"inn": value})
        return value

    @property
    def registry_key(self) -> str:
        """How a store tells this organisation from others: its ИНН, else its code, else its short
        name (a school's own store, where no other organisation shares the name)."""
        return self.inn or self.code or self.short_name

    @field_validator("order_number_format")
    @classmethod
    def _has_n(cls, value: str) -> str:
        if "{n}" not in value:
            raise PydanticCustomError("ru_number_format", "в формате номера нет «{n}» — места для порядкового номера")
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> "Organization":
        """Two staff members with one id would make every reference to it mean the first silently."""
        index = self.staff_index
        for first, second, *_ in index.shared_ids():
            raise FieldError(index.path(second) + ("id",),
                             f"код «{second.id}» уже есть у сотрудника {index.place(first)} ({first.full_name}); "
                             f"у {index.place(second)} ({second.full_name}) нужен другой код")
        return self

    @model_validator(mode="after")
    def _procedure_people(self) -> "Organization":
        """A procedure's responsible is someone of the staff list, named so that only one person fits."""
        for n, procedure in enumerate(self.procedures):
            if procedure.responsible is None:
                continue
            found = self.matches(procedure.responsible)
            if len(found) != 1:
                problem = "нет в штатном списке" if not found else "подходит нескольким сотрудникам — укажите код (id)"
                raise FieldError(("procedures", n, "responsible"), f"«{procedure.responsible}» {problem}")
        return self

    @model_validator(mode="after")
    def _teacher_counts(self) -> "Organization":
        total, involved = self.teachers_total, self.teachers_involved
        if (total is None) != (involved is None):
            raise FieldError("teachers_total" if total is None else "teachers_involved",
                             "укажите оба поля: teachers_total (всего педагогов) и teachers_involved "
                             "(вовлечено в ВСОКО)")
        if total is not None and involved > total:
            raise FieldError("teachers_involved",
                             f"вовлечённых педагогов ({involved}) больше, чем всего педагогов ({total})")
        return self

    @property
    def people(self) -> list[Person]:
        return [self.director, *self.staff]

    @property
    def staff_index(self) -> StaffIndex:
        """The people prepared for look-ups (docgen.staff_index), built once per profile and kept
        beside the fields (not a field: equality and dumps ignore it). A copy made with another
        staff list (``model_copy``, as rendering's typesetting does) notices and builds its own."""
        index = self.__dict__.get("_staff_lookup")
        if index is None or not index.built_from(self.director, self.staff):
            index = StaffIndex.build(self.director, self.staff)
            self.__dict__["_staff_lookup"] = index
        return index

    def matches(self, ref: str) -> list[Person]:
        """Everyone a reference could mean: by id, else full name, else «Фамилия И.О.» (case, «ё»
        and spaces ignored). More than one — namesakes — is ambiguous; the caller says so."""
        return self.staff_index.matches(_text(ref))

    def find_person(self, ref: str) -> Person | None:
        """The one staff member a reference names, or None (nobody, or namesakes: see ``matches``)."""
        found = self.matches(ref)
        return found[0] if len(found) == 1 else None

    def staff_place(self, person: Person) -> str:
        """Where the profile lists the person, for a message: «director», «staff[3]»."""
        return self.staff_index.place(person)

    def acquaintance_list(self, named: list[Person | None]) -> list[Person]:
        """Who signs «С приказом ознакомлены»: everyone the order names, once each, in order of
        first mention, without the director, who signs the order itself."""
        out: list[Person] = []
        seen: set[tuple] = set()
        for person in named:
            key = (person.full_name, person.id) if person is not None else None  # namesakes differ by id
            if person is not None and person.full_name != self.director.full_name and key not in seen:
                seen.add(key)
                out.append(person)
        return out

    def format_number(self, number: int | str) -> str:
        """Apply the organisation's format to a bare sequence number; a full number is kept."""
        if isinstance(number, int) or str(number).isdigit():
            return self.order_number_format.replace("{n}", str(int(number)))
        return str(number)


def _staff_member(value: Any, info: ValidationInfo) -> Person:
    """Resolve a reference (id or full name) against the organisation's staff list."""
    org: Organization | None = (info.context or {}).get("organization")
    if isinstance(value, Person):
        return value
    if isinstance(value, dict):
        return Person.model_validate(value)
    if not isinstance(value, str) or org is None:
        raise PydanticCustomError("ru_staff", "ожидается ФИО или код сотрудника из профиля организации")
    found = org.matches(value)
    if not found:
        raise PydanticCustomError(
            "ru_staff", "«{ref}» нет в штатном списке профиля организации «{org}»", {"ref": value, "org": org.short_name}
        )
    if len(found) > 1:
        named = "; ".join(f"{org.staff_place(p)}: {p.full_name}, {p.position}"
                          + (f", код «{p.id}»" if p.id else "") for p in found)
        raise PydanticCustomError(
            "ru_staff_ambiguous", "«{ref}» подходит нескольким сотрудникам ({named}) — укажите код (id) сотрудника",
            {"ref": value, "named": named})
    return found[0]


StaffMember = Annotated[Person, BeforeValidator(_staff_member)]
"""A person named in a document: a reference to the profile's staff (id or full name), or a
full description of someone from outside the staff."""


_NOT_POSITIVE = re.compile(r"\s*([-+\u2212\u2013\u2014]|0+(?!\d))")  # «-5», «+1», «0», «0-од»


def _order_number(value: Any, org: Organization | None) -> Any:
    """A registration number as the data gives it (45, «45», «45-од»), in the organisation's format.
    Numbers of a journal start at 1: 0, a negative number and «0-од» are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip():
        raise PydanticCustomError("ru_number", "ожидается номер приказа, например 45 или «45-од»")
    if (isinstance(value, int) and value < 1) or (isinstance(value, str) and _NOT_POSITIVE.match(value)):
        raise PydanticCustomError("ru_number", "номер приказа — целое число не меньше 1, например 45 или «45-од»")
    return org.format_number(value) if org is not None else str(value).strip()


def order_year_window(org: Organization | None, today: dt.date | None = None) -> tuple[int, int]:
    """The years an order may be dated: the profile's ``order_years``, else last, this and next year."""
    if org is not None and org.order_years is not None:
        return org.order_years
    year = (today or dt.date.today()).year
    return year - 1, year + 1


class DocumentInput(Strict):
    """Base of every document's input: the organisation it is issued by."""

    organization: Organization = Field(title="организация", description="путь к файлу профиля организации")


class OrderInput(DocumentInput):
    """Base of every order: date and registration number."""

    date: RuDate = Field(title="дата приказа", description="ДД.ММ.ГГГГ")
    number: str | None = Field(
        default=None, title="регистрационный номер", description="например 45 или «45-од»"
    )

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> Any:
        return None if value is None else _order_number(value, info.data.get("organization"))

    @field_validator("date")
    @classmethod
    def _in_window(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        """An order dated 1900 or 2999 is a typo, and would be numbered into that year's journal.
        Only the order's own date is checked: an approval («утверждено приказом от …») and a
        protocol refer to what already happened, years ago as often as not."""
        first, last = order_year_window(info.data.get("organization"))
        if not first <= value.year <= last:
            raise PydanticCustomError(
                "ru_order_year",
                "приказ датирован {year} годом, а допускаются {first}–{last} годы; если дата верна, укажите "
                "в профиле организации годы приказов: order_years: [{first_wide}, {last_wide}]",
                {"year": value.year, "first": first, "last": last,
                 "first_wide": min(first, value.year), "last_wide": max(last, value.year)})
        return value


class Approval(Strict):
    """The order that approves a document: the grif «УТВЕРЖДЕН(О, А) приказом от … № …».

    A regulation, a plan-graph or a matrix is not an order itself but is approved by one; its
    number follows the organisation's format like an order's own number."""

    date: RuDate = Field(title="дата приказа об утверждении", description="ДД.ММ.ГГГГ")
    number: str = Field(title="номер приказа об утверждении", description="например 45 или «45-од»")

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> Any:
        return _order_number(value, (info.context or {}).get("organization"))


# A telephone number as an office writes it: «8 (39563) 2-41-17», «+7 913 123-45-67», «2-41-17».
_PHONE = re.compile(r"\+?[\d\s()\-\u2011]+")
_PHONE_DIGITS = (5, 15)  # a rural extension has five digits, an international number at most fifteen


def _phone(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE.fullmatch(value.strip()) or not _PHONE_DIGITS[0] <= digits <= _PHONE_DIGITS[1]:
        raise PydanticCustomError(
            "ru_phone", "не похоже на номер телефона: допустимы цифры (от 5 до 15), пробелы, скобки, дефисы и «+» "
                        "в начале, например «8 (39563) 2-41-17»")
    return " ".join(value.split())


Phone = Annotated[str, BeforeValidator(_phone)]


class Executor(Strict):
    """The «отметка об исполнителе» (ГОСТ Р 7.0.97, requisite 27): who prepared the document and
    how to reach them, printed under the signature in full name and phone."""

    person: StaffMember = Field(title="исполнитель", description="код или ФИО из штатного списка профиля: "
                                                                  "кто подготовил документ")
    phone: Phone = Field(title="телефон исполнителя", description="например «8 (39563) 2-41-17»")


def executor_field():
    """An order's optional «исполнитель» (an Executor), worded once for every order that has one."""
    return Field(default=None, title="исполнитель",
                 description="кто подготовил приказ: {person: код или ФИО из штатного списка, phone: телефон}; "
                             "печатается под подписью (ГОСТ Р 7.0.97); не указан — отметки об исполнителе нет")


def control_field():
    """An order's optional «контроль исполнения» (a StaffMember), worded once for every order."""
    return Field(default=None, title="контроль исполнения", description="не указан — контроль остаётся за директором")
