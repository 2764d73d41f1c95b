"""Golden tests for docgen.russian: every expected form was checked by hand."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest

from docgen.russian import (
    NBSP as RUSSIAN_NBSP,
    Gender,
    academic_year,
    capitalize_first,
    count_in_words,
    decline_name,
    format_date,
    initials_first,
    initials_last,
    inflect_phrase,
    jinja_filters,
    normalize_case,
    number_sign,
    number_words,
    parse_date,
    parse_gender,
    percent,
    plural,
    share,
    split_name,
    strip_xml_illegal,
    surname,
)
from helpers import CHECKOUT, NBSP

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
HEAVY = ("pymorphy3", "pytrovich", "babel", "num2words")


def test_import_is_lazy() -> None:
    code = (
        "import sys\n"
        "import docgen.russian\n"
        f"heavy = {HEAVY!r}\n"
        "assert not [m for m in heavy if m in sys.modules], sys.modules.keys()\n"
        "from docgen.russian import *\n"
        "assert not [m for m in heavy if m in sys.modules], sys.modules.keys()\n"
        "print('lazy')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=CHECKOUT,
        env={**os.environ, "PYTHONPATH": str(CHECKOUT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "lazy\n"  # the checks above ran to the end


# --- cases and gender -------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "tag"),
    [
        ("datv", "datv"),
        ("ДАТ", "datv"),
        ("Дательный", "datv"),
        ("им", "nomn"),
        ("род.", "gent"),
        ("винительный", "accs"),
        ("твор", "ablt"),
        (" предложный ", "loct"),
    ],
)
def test_case_aliases(alias: str, tag: str) -> None:
    assert normalize_case(alias) == tag


def test_unknown_case() -> None:
    with pytest.raises(ValueError, match="неизвестный падеж «dative».*datv"):
        normalize_case("dative")


@pytest.mark.parametrize("value", [Gender.FEMALE, "female", "ж", "Ж ", "жен", "женский", "F"])
def test_parse_gender_female(value: object) -> None:
    assert parse_gender(value) is Gender.FEMALE


@pytest.mark.parametrize("value", [Gender.MALE, "male", "м", "муж", "Мужской", "m"])
def test_parse_gender_male(value: object) -> None:
    assert parse_gender(value) is Gender.MALE


@pytest.mark.parametrize("value", ["", "x", None, "androgynous"])
def test_parse_gender_error(value: object) -> None:
    with pytest.raises(ValueError, match="ожидается «м» или «ж»"):
        parse_gender(value)


# --- names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Иванова Елена Анатольевна", ("Иванова", "Елена", "Анатольевна")),
        ("  ИВАНОВА   елена ", ("Иванова", "Елена", None)),
        ("ПЕТРОВА-ВОДКИНА АННА ПЕТРОВНА", ("Петрова-Водкина", "Анна", "Петровна")),
        ("ёлкина алёна семёновна", ("Ёлкина", "Алёна", "Семёновна")),
        ("Мамедов Рашид Ахмед оглы", ("Мамедов", "Рашид", "Ахмед оглы")),
        ("АЛИЕВА ЛЕЙЛА РАШИД КЫЗЫ", ("Алиева", "Лейла", "Рашид кызы")),
        ("МАМЕДОВ РАШИД АХМЕД-ОГЛЫ", ("Мамедов", "Рашид", "Ахмед-оглы")),
    ],
)
def test_split_name(full_name: str, parts: tuple[str, str, str | None]) -> None:
    assert split_name(full_name) == parts


@pytest.mark.parametrize("full_name", ["Иванова", "", "   ", "Иванова Елена Анатольевна Петровна"])
def test_split_name_error(full_name: str) -> None:
    with pytest.raises(ValueError, match="ожидается «Фамилия Имя Отчество»"):
        split_name(full_name)


DECLENSIONS = {
    ("Иванова Елена Анатольевна", "ж"): (
        "Иванова Елена Анатольевна",
        "Ивановой Елены Анатольевны",
        "Ивановой Елене Анатольевне",
        "Иванову Елену Анатольевну",
        "Ивановой Еленой Анатольевной",
        "Ивановой Елене Анатольевне",
    ),
    ("Зайченко Никита Ильич", "м"): (
        "Зайченко Никита Ильич",
        "Зайченко Никиты Ильича",
        "Зайченко Никите Ильичу",
        "Зайченко Никиту Ильича",
        "Зайченко Никитой Ильичом",
        "Зайченко Никите Ильиче",
    ),
    ("Ёлкина Алёна Семёновна", "ж"): (
        "Ёлкина Алёна Семёновна",
        "Ёлкиной Алёны Семёновны",
        "Ёлкиной Алёне Семёновне",
        "Ёлкину Алёну Семёновну",
        "Ёлкиной Алёной Семёновной",
        "Ёлкиной Алёне Семёновне",
    ),
    ("Салтыков-Щедрин Михаил Евграфович", "м"): (
        "Салтыков-Щедрин Михаил Евграфович",
        "Салтыкова-Щедрина Михаила Евграфовича",
        "Салтыкову-Щедрину Михаилу Евграфовичу",
        "Салтыкова-Щедрина Михаила Евграфовича",
        "Салтыковым-Щедриным Михаилом Евграфовичем",
        "Салтыкове-Щедрине Михаиле Евграфовиче",
    ),
    ("Мамедов Рашид Ахмед оглы", "м"): (
        "Мамедов Рашид Ахмед оглы",
        "Мамедова Рашида Ахмед оглы",
        "Мамедову Рашиду Ахмед оглы",
        "Мамедова Рашида Ахмед оглы",
        "Мамедовым Рашидом Ахмед оглы",
        "Мамедове Рашиде Ахмед оглы",
    ),
}


@pytest.mark.parametrize(
    ("full_name", "gender", "case", "expected"),
    [
        (name, gender, case, form)
        for (name, gender), forms in DECLENSIONS.items()
        for case, form in zip(CASES, forms)
    ],
)
def test_decline_name_all_cases(full_name: str, gender: str, case: str, expected: str) -> None:
    assert decline_name(full_name, gender, case) == expected


@pytest.mark.parametrize(
    ("full_name", "gender", "case", "expected"),
    [
        ("ИВАНОВА ЕЛЕНА АНАТОЛЬЕВНА", "ж", "datv", "Ивановой Елене Анатольевне"),
        ("иванова елена анатольевна", Gender.FEMALE, "дательный", "Ивановой Елене Анатольевне"),
        ("Петрова-Водкина Анна Петровна", "ж", "datv", "Петровой-Водкиной Анне Петровне"),
        ("Петрова-Водкина Анна Петровна", "ж", "accs", "Петрову-Водкину Анну Петровну"),
        ("Белых Илья Ильич", "м", "ablt", "Белых Ильёй Ильичом"),
        ("Алиева Лейла Рашид кызы", "ж", "datv", "Алиевой Лейле Рашид кызы"),
        ("Алиева Лейла Рашид кызы", "ж", "ablt", "Алиевой Лейлой Рашид кызы"),
        ("Мамедов Рашид Ахмед-оглы", "м", "datv", "Мамедову Рашиду Ахмед-оглы"),
        ("Иванова Елена", "ж", "datv", "Ивановой Елене"),
        ("Ткач Ольга Ивановна", "ж", "gent", "Ткач Ольги Ивановны"),
        ("Никитин Лев Петрович", "м", "gent", "Никитина Льва Петровича"),
        ("Орлова Любовь Петровна", "ж", "ablt", "Орловой Любовью Петровной"),
    ],
)
def test_decline_name(full_name: str, gender: object, case: str, expected: str) -> None:
    assert decline_name(full_name, gender, case) == expected


# Female surnames that do not decline, male Белых (indeclinable) and male Ткач, Гусь.
SURNAMES = {
    ("Бондаренко", "ж"): ("Бондаренко",) * 6,
    ("Белых", "ж"): ("Белых",) * 6,
    ("Ткач", "ж"): ("Ткач",) * 6,
    ("Гусь", "ж"): ("Гусь",) * 6,
    ("Белых", "м"): ("Белых",) * 6,
    ("Бондаренко", "м"): ("Бондаренко",) * 6,
    ("Ткач", "м"): ("Ткач", "Ткача", "Ткачу", "Ткача", "Ткачем", "Ткаче"),
    ("Гусь", "м"): ("Гусь", "Гуся", "Гусю", "Гуся", "Гусем", "Гусе"),
}


@pytest.mark.parametrize(
    ("last", "gender", "case", "expected"),
    [
        (last, gender, case, form)
        for (last, gender), forms in SURNAMES.items()
        for case, form in zip(CASES, forms)
    ],
)
def test_surname_declension(last: str, gender: str, case: str, expected: str) -> None:
    first = "Ольга Ивановна" if gender == "ж" else "Олег Иванович"
    assert surname(f"{last} {first}", gender, case) == expected


@pytest.mark.parametrize(
    ("full_name", "gender", "case", "first", "last"),
    [
        ("Иванова Елена Анатольевна", "ж", "nomn", f"Е.А.{NBSP}Иванова", f"Иванова{NBSP}Е.А."),
        ("Иванова Елена Анатольевна", "ж", "datv", f"Е.А.{NBSP}Ивановой", f"Ивановой{NBSP}Е.А."),
        ("ИВАНОВА ЕЛЕНА АНАТОЛЬЕВНА", "ж", "accs", f"Е.А.{NBSP}Иванову", f"Иванову{NBSP}Е.А."),
        ("Иванова Елена", "ж", "nomn", f"Е.{NBSP}Иванова", f"Иванова{NBSP}Е."),
        ("Мамедов Рашид Ахмед оглы", "м", "nomn", f"Р.А.{NBSP}Мамедов", f"Мамедов{NBSP}Р.А."),
        ("Мамедов Рашид Ахмед оглы", "м", "datv", f"Р.А.{NBSP}Мамедову", f"Мамедову{NBSP}Р.А."),
        ("Алиева Лейла Рашид кызы", "ж", "datv", f"Л.Р.{NBSP}Алиевой", f"Алиевой{NBSP}Л.Р."),
        ("Бондаренко Ольга Ивановна", "ж", "datv", f"О.И.{NBSP}Бондаренко", f"Бондаренко{NBSP}О.И."),
        ("Ёлкина Алёна Семёновна", "ж", "ablt", f"А.С.{NBSP}Ёлкиной", f"Ёлкиной{NBSP}А.С."),
    ],
)
def test_initials(full_name: str, gender: str, case: str, first: str, last: str) -> None:
    assert initials_first(full_name, gender, case) == first
    assert initials_last(full_name, gender, case) == last


def test_initials_code_points() -> None:
    text = initials_first("Иванова Елена Анатольевна", "ж")
    assert [hex(ord(c)) for c in text[:5]] == ["0x415", "0x2e", "0x410", "0x2e", "0xa0"]
    assert " " not in text
    text = initials_last("Иванова Елена Анатольевна", "ж")
    assert text.index(f"{NBSP}") == len("Иванова") and " " not in text


# --- job titles and noun phrases --------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        ("заместитель директора по учебно-воспитательной работе", "datv",
         "заместителю директора по учебно-воспитательной работе"),
        ("заместитель директора по УВР", "datv", "заместителю директора по УВР"),
        ("заместитель директора по УВР", "accs", "заместителя директора по УВР"),
        ("заместитель директора по УВР", "ablt", "заместителем директора по УВР"),
        ("заместитель директора по УВР", "gent", "заместителя директора по УВР"),
        ("заместитель директора по УВР", "nomn", "заместитель директора по УВР"),
        ("учитель-логопед", "datv", "учителю-логопеду"),
        ("учитель-логопед", "ablt", "учителем-логопедом"),
        ("Учитель-логопед", "accs", "Учителя-логопеда"),
        ("старший методист", "datv", "старшему методисту"),
        ("старший методист", "ablt", "старшим методистом"),
        ("старший методист", "accs", "старшего методиста"),
        ("педагог-психолог", "datv", "педагогу-психологу"),
        ("педагог-организатор", "ablt", "педагогом-организатором"),
        ("учитель начальных классов", "datv", "учителю начальных классов"),
        ("советник директора по воспитанию", "datv", "советнику директора по воспитанию"),
        ("директор", "ablt", "директором"),
        ("директор", "accs", "директора"),
        ("руководитель", "ablt", "руководителем"),
        ("член рабочей группы", "ablt", "членом рабочей группы"),
        ("члены рабочей группы", "datv", "членам рабочей группы"),
        ("секретарь", "ablt", "секретарём"),
        ("Положение о внутренней системе оценки качества образования", "gent",
         "Положения о внутренней системе оценки качества образования"),
        ("Положение о ВСОКО", "accs", "Положение о ВСОКО"),
        ("рабочая группа", "ablt", "рабочей группой"),
        ("рабочая группа", "accs", "рабочую группу"),
        ("социальный педагог", "datv", "социальному педагогу"),
        ("главный бухгалтер", "datv", "главному бухгалтеру"),
        ("главная медицинская сестра", "accs", "главную медицинскую сестру"),
        ("научно-методический совет", "loct", "научно-методическом совете"),
        ("исполняющий обязанности директора", "datv", "исполняющему обязанности директора"),
        ("заведующий библиотекой", "datv", "заведующему библиотекой"),
        ("ответственный за ВСОКО", "accs", "ответственного за ВСОКО"),
        ("классный руководитель 5 «А» класса", "datv", "классному руководителю 5 «А» класса"),
        ("ЗАМЕСТИТЕЛЬ ДИРЕКТОРА", "datv", "ЗАМЕСТИТЕЛЮ ДИРЕКТОРА"),
        ("Заместитель  директора", "дат", "Заместителю  директора"),
        (" директор, ", "datv", " директору, "),
        ("МБОУ «СОШ № 1»", "datv", "МБОУ «СОШ № 1»"),
        ("«Точка роста»", "gent", "«Точка роста»"),
        ("Qwerty", "datv", "Qwerty"),
        ("", "datv", ""),
        # the animate accusative of a person, the dictionary's or a guessed agent noun
        ("тьютор", "accs", "тьютора"),
        ("тьюторы", "accs", "тьюторов"),
        ("старший тьютор", "accs", "старшего тьютора"),
        ("педагог-психолог", "accs", "педагога-психолога"),
        ("учитель-логопед", "accs", "учителя-логопеда"),
        ("заместитель директора", "accs", "заместителя директора"),
        ("члены рабочей группы", "accs", "членов рабочей группы"),
        ("эксперты", "accs", "экспертов"),
        # things stay in the nominative form
        ("план-график", "accs", "план-график"),
        ("план-график", "gent", "плана-графика"),
        ("Программа развития", "accs", "Программу развития"),
        ("регламент", "accs", "регламент"),
    ],
)
def test_inflect_phrase(phrase: str, case: str, expected: str) -> None:
    assert inflect_phrase(phrase, case) == expected


# --- dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (date(2026, 11, 22), "long", f"22 ноября 2026{NBSP}г."),
        (date(2026, 11, 1), "long", f"1 ноября 2026{NBSP}г."),
        (datetime(2026, 3, 8, 10, 30), "long", f"8 марта 2026{NBSP}г."),
        (date(2026, 11, 22), "numeric", "22.11.2026"),
        (date(2026, 11, 1), "numeric", "01.11.2026"),
        (date(2026, 11, 22), "quoted", f"«22» ноября 2026{NBSP}г."),
        (date(2026, 11, 1), "quoted", f"«01» ноября 2026{NBSP}г."),
        (date(2026, 11, 22), "year", f"2026{NBSP}г."),
    ],
)
def test_format_date(value: date, style: str, expected: str) -> None:
    assert format_date(value, style) == expected


def test_format_date_unknown_style() -> None:
    with pytest.raises(ValueError, match="неизвестный формат даты «short»"):
        format_date(date(2026, 11, 22), "short")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("22.11.2026", date(2026, 11, 22)),
        (" 01.09.2026 ", date(2026, 9, 1)),
        ("1.9.2026", date(2026, 9, 1)),
        ("2026-11-22", date(2026, 11, 22)),
        ("29.02.2024", date(2024, 2, 29)),
        (date(2026, 11, 22), date(2026, 11, 22)),
        (datetime(2026, 11, 22, 23, 59), date(2026, 11, 22)),
    ],
)
def test_parse_date(value: object, expected: date) -> None:
    result = parse_date(value)
    assert result == expected and type(result) is date


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31.02.2026", "31.02.2026: такой даты нет (в феврале 2026 г. 28 дней)"),
        ("29.02.2026", "29.02.2026: такой даты нет (в феврале 2026 г. 28 дней)"),
        ("31.04.2026", "31.04.2026: такой даты нет (в апреле 2026 г. 30 дней)"),
        ("2026-13-01", "2026-13-01: такого месяца нет (13), месяц — от 01 до 12"),
        ("завтра", "«завтра»: ожидается дата в виде ДД.ММ.ГГГГ, например 22.11.2026"),
        ("22.11.26", "«22.11.26»: ожидается дата в виде ДД.ММ.ГГГГ, например 22.11.2026"),
        (None, "ожидается дата в виде ДД.ММ.ГГГГ"),
    ],
)
def test_parse_date_errors(value: object, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(value)
    assert message in str(error.value)


@pytest.mark.parametrize(("sep", "expected"), [("/", "2026/2027"), ("–", "2026–2027")])
def test_academic_year(sep: str, expected: str) -> None:
    assert academic_year(2026, sep) == expected


# --- numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "case", "gender", "expected"),
    [
        (21, "nomn", "f", "двадцать одна"),
        (21, "gent", "f", "двадцати одной"),
        (21, "accs", "f", "двадцать одну"),
        (21, "ablt", "f", "двадцатью одной"),
        (21, "nomn", "m", "двадцать один"),
        (21, "nomn", "n", "двадцать одно"),
        (21, "nomn", "ж", "двадцать одна"),
        (5, "gent", "m", "пяти"),
        (5, "ablt", "m", "пятью"),
        (2, "nomn", "f", "две"),
        (2000, "accs", "m", "две тысячи"),  # num2words alone: «двух тысячи»
        (22, "accs", "f", "двадцать две"),  # num2words alone: «двадцать двух»
        (1_000_000, "nomn", "f", "один миллион"),  # num2words alone: «одна миллион»
        (1_001_001, "gent", "f", "одного миллиона одной тысячи одной"),
        (0, "nomn", "m", "ноль"),
        (-3, "nomn", "m", "минус три"),
    ],
)
def test_number_words(n: int, case: str, gender: str, expected: str) -> None:
    assert number_words(n, case, gender) == expected


PLURALS = {
    "балл": ("баллов", "балл", "балла", "баллов", "баллов", "баллов",
             "баллов", "балл", "балла", "баллов", "балл", "баллов"),
    "мероприятие": ("мероприятий", "мероприятие", "мероприятия", "мероприятий", "мероприятий",
                    "мероприятий", "мероприятий", "мероприятие", "мероприятия", "мероприятий",
                    "мероприятие", "мероприятий"),
    "человек": ("человек", "человек", "человека", "человек", "человек", "человек",
                "человек", "человек", "человека", "человек", "человек", "человек"),
    "год": ("лет", "год", "года", "лет", "лет", "лет", "лет", "год", "года", "лет", "год", "лет"),
}
PLURAL_NUMBERS = (0, 1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111)


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [
        (n, word, f"{n}{NBSP}{form}")
        for word, forms in PLURALS.items()
        for n, form in zip(PLURAL_NUMBERS, forms)
    ],
)
def test_plural(n: int, word: str, expected: str) -> None:
    assert plural(n, word) == expected


@pytest.mark.parametrize(("n", "word", "case", "expected"), [
    (1, "организация", "loct", f"1{NBSP}организации"),
    (3, "организация", "loct", f"3{NBSP}организациях"),
    (21, "школа", "datv", f"21{NBSP}школе"),
    (5, "школа", "gent", f"5{NBSP}школ"),
])
def test_plural_in_a_case(n: int, word: str, case: str, expected: str) -> None:
    assert plural(n, word, case) == expected


@pytest.mark.parametrize(
    ("n", "word", "case", "expected"),
    [
        (5, "человек", "nomn", f"5{NBSP}(пять) человек"),
        (5, "человек", "gent", f"5{NBSP}(пяти) человек"),
        (5, "человек", "datv", f"5{NBSP}(пяти) человекам"),
        (2, "балл", "gent", f"2{NBSP}(двух) баллов"),
        (21, "группа", "nomn", f"21{NBSP}(двадцать одна) группа"),
        (21, "группа", "accs", f"21{NBSP}(двадцать одну) группу"),
        (21, "группа", "gent", f"21{NBSP}(двадцати одной) группы"),
        (1, "мероприятие", "ablt", f"1{NBSP}(одним) мероприятием"),
        (3, "мероприятие", "nomn", f"3{NBSP}(три) мероприятия"),
    ],
)
def test_count_in_words(n: int, word: str, case: str, expected: str) -> None:
    assert count_in_words(n, word, case=case) == expected


# After a number ending in тысяча/миллион/миллиард the noun is the genitive plural in every case.
@pytest.mark.parametrize("n", [1000, 2000, 5000, 21_000, 100_000, 1_000_000, 3_000_000_000])
@pytest.mark.parametrize("case", CASES)
def test_round_thousands_govern_the_genitive_plural(n: int, case: str) -> None:
    assert plural(n, "балл", case) == f"{n}{NBSP}баллов"
    assert plural(n, "человек", case) == f"{n}{NBSP}человек"
    assert count_in_words(n, "школа", case).endswith(") школ")


@pytest.mark.parametrize(("n", "case", "expected"), [
    (1000, "datv", f"1000{NBSP}(одной тысяче) баллов"),
    (1000, "ablt", f"1000{NBSP}(одной тысячей) баллов"),
    (2000, "datv", f"2000{NBSP}(двум тысячам) баллов"),
    (21_000, "loct", f"21000{NBSP}(двадцати одной тысяче) баллов"),
    # not round: the last word is a numeral and the noun agrees as usual
    (1001, "datv", f"1001{NBSP}(одной тысяче одному) баллу"),
    (1005, "datv", f"1005{NBSP}(одной тысяче пяти) баллам"),
])
def test_thousands_in_words(n: int, case: str, expected: str) -> None:
    assert count_in_words(n, "балл", case) == expected


# Plural-only nouns: «одни сутки», «двое суток» in words, «2 суток» with digits.
@pytest.mark.parametrize(("n", "case", "digits", "words"), [
    (1, "nomn", "сутки", "одни"),
    (1, "gent", "суток", "одних"),
    (1, "datv", "суткам", "одним"),
    (1, "ablt", "сутками", "одними"),
    (2, "nomn", "суток", "двое"),
    (3, "accs", "суток", "трое"),
    (4, "nomn", "суток", "четверо"),
    (2, "gent", "суток", "двух"),
    (3, "datv", "суткам", "трём"),
    (4, "ablt", "сутками", "четырьмя"),
    (5, "nomn", "суток", "пять"),
    (11, "nomn", "суток", "одиннадцать"),
    (12, "nomn", "суток", "двенадцать"),
    (21, "nomn", "сутки", "двадцать одни"),
    (21, "gent", "суток", "двадцати одних"),
    (22, "nomn", "суток", "двадцать двое"),
    (22, "datv", "суткам", "двадцати двум"),
    (104, "accs", "суток", "сто четверо"),
    (1000, "datv", "суток", "одной тысяче"),
])
def test_plural_only_nouns(n: int, case: str, digits: str, words: str) -> None:
    assert plural(n, "сутки", case) == f"{n}{NBSP}{digits}"
    assert count_in_words(n, "сутки", case) == f"{n}{NBSP}({words}) {digits}"


@pytest.mark.parametrize(("n", "expected"), [
    (1, f"1{NBSP}(одни) ножницы"), (2, f"2{NBSP}(двое) ножниц"), (3, f"3{NBSP}(трое) ножниц"),
    (5, f"5{NBSP}(пять) ножниц"), (21, f"21{NBSP}(двадцать одни) ножницы"),
])
def test_plural_only_nouns_other_than_sutki(n: int, expected: str) -> None:
    assert count_in_words(n, "ножницы") == expected
    assert count_in_words(n, "каникулы").startswith(expected.split(")")[0])


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (12.45, 1, f"12,5{NBSP}%"),
        (Decimal("12.45"), 1, f"12,5{NBSP}%"),
        ("12,45", 1, f"12,5{NBSP}%"),
        (0.05, 1, f"0,1{NBSP}%"),
        (2 / 3 * 100, 1, f"66,7{NBSP}%"),
        (100, 1, f"100{NBSP}%"),
        (Decimal("50.0"), 1, f"50{NBSP}%"),
        (99.96, 1, f"100{NBSP}%"),
        (12.5, 2, f"12,50{NBSP}%"),
        (12.5, 0, f"13{NBSP}%"),
        (0, 0, f"0{NBSP}%"),
        (-0.01, 1, f"0{NBSP}%"),
    ],
)
def test_percent(value: object, digits: int, expected: str) -> None:
    assert percent(value, digits) == expected


@pytest.mark.parametrize(
    ("num", "den", "digits", "expected"),
    [
        (2, 3, 1, Decimal("66.7")),
        (1, 8, 1, Decimal("12.5")),
        (1, 8, 0, Decimal("13")),
        (1, 0, 1, Decimal("0.0")),
        (5, 40, 2, Decimal("12.50")),
    ],
)
def test_share(num: int, den: int, digits: int, expected: Decimal) -> None:
    result = share(num, den, digits)
    assert result == expected and str(result) == str(expected)


@pytest.mark.parametrize("value", ["abc", None, 1.5])
def test_number_errors(value: object) -> None:
    with pytest.raises(ValueError):
        number_words(value)  # type: ignore[arg-type]


# --- typography --------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("45-од", f"№{NBSP}45\u2011од"), (12, f"№{NBSP}12"), ("№ 7", f"№{NBSP}7")])
def test_number_sign(value: object, expected: str) -> None:
    assert number_sign(value) == expected


def test_strip_xml_illegal() -> None:
    dirty = "a\x00b\x07c\td\ne\rf\x0bg\x1fh\ufffei\uffffj\ud800k\U0001f600"
    assert strip_xml_illegal(dirty) == "abc\td\ne\rfghij" + "k\U0001f600"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("рабочая группа", "Рабочая группа"), ("«точка роста»", "«Точка роста»"), ("ВСОКО", "ВСОКО"), ("", "")],
)
def test_capitalize_first(text: str, expected: str) -> None:
    assert capitalize_first(text) == expected


def test_nbsp() -> None:
    assert RUSSIAN_NBSP == NBSP


# --- Jinja filters -------------------------------------------------------------


@dataclass
class _Person:
    full_name: str
    gender: Gender


PERSON_DICT = {"full_name": "Иванова Елена Анатольевна", "gender": "ж"}
PERSON_OBJ = _Person("Мамедов Рашид Ахмед оглы", Gender.MALE)


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "expected"),
    [
        ("fio", (PERSON_DICT, "datv"), {}, "Ивановой Елене Анатольевне"),
        ("fio", (PERSON_OBJ, "дат"), {}, "Мамедову Рашиду Ахмед оглы"),
        ("fio", ("Зайченко Никита Ильич", "ablt"), {"gender": "м"}, "Зайченко Никитой Ильичом"),
        ("initials", (PERSON_DICT,), {}, f"Е.А.{NBSP}Иванова"),
        ("initials", (PERSON_OBJ, "datv"), {}, f"Р.А.{NBSP}Мамедову"),
        ("surname_initials", (PERSON_DICT, "accs"), {}, f"Иванову{NBSP}Е.А."),
        ("surname_initials", ("Белых Ольга Ивановна", "datv"), {"gender": "ж"}, f"Белых{NBSP}О.И."),
        ("agree", (PERSON_DICT, "ознакомлен", "ознакомлена"), {}, "ознакомлена"),
        ("agree", (PERSON_OBJ, "ознакомлен", "ознакомлена"), {}, "ознакомлен"),
        ("agree", ("Иванов Иван", "ответственным", "ответственной"), {"gender": "m"}, "ответственным"),
        ("date", (date(2026, 11, 22),), {}, f"22 ноября 2026{NBSP}г."),
        ("date", ("01.09.2026", "quoted"), {}, f"«01» сентября 2026{NBSP}г."),
        ("inflect", ("заместитель директора по УВР", "datv"), {}, "заместителю директора по УВР"),
        ("words", (21, "gent", "f"), {}, "двадцати одной"),
        ("words", (3,), {}, "три"),
        ("plural", (5, "балл"), {}, f"5{NBSP}баллов"),
        ("percent", (Decimal("66.666"),), {}, f"66,7{NBSP}%"),
        ("percent", (12.5, 0), {}, f"13{NBSP}%"),
        ("number_sign", ("45-од",), {}, f"№{NBSP}45\u2011од"),
        ("capfirst", ("заместителю директора",), {}, "Заместителю директора"),
    ],
)
def test_filters(name: str, args: tuple, kwargs: dict, expected: str) -> None:
    result = jinja_filters()[name](*args, **kwargs)
    assert result == expected and type(result) is str


@pytest.mark.parametrize("name", ["fio", "initials", "surname_initials"])
def test_filters_string_needs_gender(name: str) -> None:
    with pytest.raises(ValueError, match="нужно указать пол"):
        jinja_filters()[name]("Иванова Елена Анатольевна")


def test_filters_agree_string_needs_gender() -> None:
    with pytest.raises(ValueError, match="нужно указать пол"):
        jinja_filters()["agree"]("Иванова Елена", "ознакомлен", "ознакомлена")


def test_filters_in_jinja() -> None:
    import jinja2

    env = jinja2.Environment()
    env.filters.update(jinja_filters())
    template = env.from_string(
        "{{ title | inflect('datv') | capfirst }} {{ person | fio('datv') }} "
        "({{ person | initials }}) {{ person | agree('ознакомлен', 'ознакомлена') }} {{ d | date }}"
    )
    text = template.render(title="заместитель директора", person=PERSON_DICT, d="22.11.2026")
    assert text == (
        f"Заместителю директора Ивановой Елене Анатольевне (Е.А.{NBSP}Иванова) ознакомлена "
        f"22 ноября 2026{NBSP}г."
    )


@pytest.mark.parametrize("value, digits, text", [("2.45", 1, "2,5"), ("2.5", 0, "3"), (19, 0, "19"),
                                                  ("-0.04", 1, "0,0"), ("1.005", 2, "1,01")])
def test_decimal_rounds_half_up_with_a_comma(value, digits, text):
    from docgen.russian import decimal

    assert decimal(value, digits) == text


def test_a_list_item_naming_a_law_keeps_its_capital():
    """«разработано в соответствии с:» — «Федеральным законом от …» keeps the capital a law's
    name has in any place; an order of a ministry does not («приказом Минпросвещения …»)."""
    from docgen.russian.lists import list_item

    assert list_item("Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;") \
        == "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
    assert list_item("Трудовым кодексом Российской Федерации.") == "Трудовым кодексом Российской Федерации"
    assert list_item("Приказом Минпросвещения России от 22.03.2021 № 115;") == "приказом Минпросвещения России от 22.03.2021 № 115"
    assert list_item("Федеральные проекты.") == "федеральные проекты"  # not a law's name


@pytest.mark.parametrize("written", ["Замалтдинова Э. С.", "Замалтдинова Э.С.", "Замалтдинова  Э.  С."])
def test_a_person_known_by_initials_keeps_them_as_gost_writes_them(written):
    """A source names a person by initials only: the surname is declined, the initials are never
    lower-cased or spaced apart, and a no-break space keeps them with the surname."""
    from docgen.russian.names import decline_name

    assert decline_name(written, "ж", "nomn") == "Замалтдинова\u00a0Э.С."
    assert decline_name(written, "ж", "datv") == "Замалтдиновой\u00a0Э.С."


@pytest.mark.parametrize(("name", "initials"), [
    ("Замалтдинова Э. С.", True), ("Замалтдинова Э.С.", True), ("Замалтдинова\u00a0Э.", True),
    ("Замалтдинова Эльвира Салиховна", False), ("Иванов Иван", False), ("Мамедов Ахмед оглы", False),
])
def test_known_by_initials_tells_a_list_to_head_its_column_so(name, initials):
    from docgen.russian import known_by_initials

    assert known_by_initials(name) is initials
