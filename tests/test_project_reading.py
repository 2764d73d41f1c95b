"""The project documents after the second reading (issue 18): a long direction of the mechanisms
table may break across pages while a short one keeps together; the school passport's base values
are the school's recorded counts, the figures the справка prints (a typed base that disagrees, or
one where nothing is recorded, is refused); the passports carry their approving orders, dated no
later than the project's start; the Russian of the headings and lists. Generated through the CLI
and read back from the .docx."""
from __future__ import annotations

import shutil

import docx
import docx.text.paragraph
import pytest
from docx.oxml.ns import qn

from helpers import NBSP, SAMPLES, assert_office_checker_clean, body_of, document_text, generate, read_yaml, rows_of, \
    sample_document, write_yaml

PASSPORT, APPLICATION = "project-passport", "project-application"
SCHOOL = SAMPLES / "tayandinskaya" / "project.yaml"
DISTRICT = SAMPLES / "district-drozhzhanovsky" / "project.yaml"
YAROSLAVL = SAMPLES / "yaroslavl" / "project.yaml"


def flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def mechanisms(path):
    return [t for t in docx.Document(str(path)).tables if t.rows[0].cells[1].text == "Мероприятия"][0]


def kept(row) -> bool:
    """Whether the row keeps with the next: its first cell's first paragraph (gost.keep_with_next_when)."""
    return bool(docx.text.paragraph.Paragraph(row._tr.tc_lst[0].p_lst[0], None).paragraph_format.keep_with_next)


def directions(table) -> dict[str, list]:
    """Each direction's title → its activity rows (the rows under its row across the table)."""
    found: dict[str, list] = {}
    for row in table.rows[1:]:
        first = row._tr.tc_lst[0]
        if first.tcPr is not None and first.tcPr.find(qn("w:gridSpan")) is not None:
            title = flat(row.cells[0].text)
            found[title] = []
        else:
            found[title].append(row)
    return found


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    return sample_document(tmp_path_factory, PASSPORT, SCHOOL)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    return sample_document(tmp_path_factory, PASSPORT, DISTRICT)


@pytest.fixture(scope="module")
def application(tmp_path_factory):
    return sample_document(tmp_path_factory, APPLICATION, YAROSLAVL)


def test_a_long_direction_may_break_a_short_one_keeps_together(school, application):
    table = mechanisms(school)
    by_direction = directions(table)
    assert list(by_direction)[:2] == ["1. Нормативно-правовое обеспечение", "2. Организационное обеспечение"]
    # Five activities, about 25 lines — more than a third of a page: its rows may part, each numbered
    # «1.4», «1.5» under the repeated header wherever it lands.
    normative = by_direction["1. Нормативно-правовое обеспечение"]
    assert [kept(r) for r in normative] == [False] * 5
    assert [flat(r.cells[0].text) for r in normative] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    # «Подведение итогов»: two activities — kept together; it ends the table, whose last row never
    # begins a page alone; a direction's name keeps with its first activity.
    assert [kept(r) for r in by_direction["6. Подведение итогов"]] == [True, False]
    rows = table.rows
    titles = [r for r in rows[1:] if r._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")) is not None]
    assert len(titles) == 6 and all(r.cells[0].paragraphs[0].paragraph_format.keep_with_next for r in titles)
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    # The network's first direction: two short activities — kept together.
    first = directions(mechanisms(application))["1. Изучение особенностей стратегического управления качеством образования"]
    assert [kept(r) for r in first] == [True, False]


def test_the_columns_give_the_text_its_width(school):
    """The activities' column is the widest; the responsible's holds a name and a long position in
    four lines, not six."""
    widths = [c.width for c in mechanisms(school).columns]
    assert widths[1] == max(widths) and widths[1] >= docx.shared.Mm(70)
    by_direction = directions(mechanisms(school))
    assert flat(by_direction["1. Нормативно-правовое обеспечение"][0].cells[3].text) == \
        "Бондаренко О.Н., заместитель директора по учебно-воспитательной работе"


def test_school_bases_are_the_recorded_counts(school):
    indicators = [t for t in docx.Document(str(school)).tables if t.rows[0].cells[-1].text == "Целевое значение"][0]
    bases = [flat(r[3]) for r in rows_of(indicators)[1:]]
    # The справка's 2025/2026 column: no data for the acts' share and the discussed drafts' share.
    assert bases == ["нет данных", "37,5", "нет данных", "21,7", "2", "7", "3", "26,7"]
    assert_office_checker_clean(school)


def _school(tmp_path, change):
    folder = tmp_path / "data"
    shutil.copytree(SCHOOL.parent, folder)
    data = read_yaml(SCHOOL)
    change(data)
    return generate(PASSPORT, write_yaml(folder / "proekt.yaml", data), tmp_path / "out")


@pytest.mark.parametrize("change, field, message", [
    (lambda d: d["indicators"][0].update(base=40), "indicators[1].base",
     "базовое значение показателя «acts-share» — 40, а за 2025/2026 в «indicators.yaml» для него ничего не записано"),
    (lambda d: d["indicators"][3].update(base=30), "indicators[4].base",
     "базовое значение показателя «teachers-share» — 30, а за 2025/2026 записано 21,7"),
    (lambda d: d["indicators"][1].update(id="no-such"), "indicators[2].id", "нет показателя справки с кодом «no-such»"),
    (lambda d: d.pop("recorded"), "recorded", "укажите recorded: indicators.yaml"),
    (lambda d: d.update(approved={"date": "02.09.2026", "number": 113}), "approved.date",
     "приказ об утверждении паспорта от 02.09.2026 позже начала проекта 01.09.2026"),
])
def test_a_base_or_an_approval_that_contradicts_is_refused(tmp_path, change, field, message):
    result, written = _school(tmp_path, change)
    assert result.exit_code == 2 and written == []
    output = " ".join(result.output.split())
    assert "proekt.yaml" in output and f"поле «{field}»" in output and message in output, output


def test_a_typed_base_that_agrees_is_taken(tmp_path):
    result, written = _school(tmp_path, lambda d: d["indicators"][3].update(base=21.7))
    assert result.exit_code == 0, result.output


def test_passports_carry_their_approval(school, district):
    assert [flat(t) for t in body_of(school)[2:5]] == ["УТВЕРЖДЁН", "приказом МКОУ «Таяндинская СОШ»",
                                                       "от 28.08.2026 № 104-од"]
    assert [flat(t) for t in body_of(district)[2:5]] == ["УТВЕРЖДЁН", "приказом МКУ «ОО ИК ДМР РТ»",
                                                         "от 27.04.2026 № 64"]


def test_the_russian_of_the_passport(district, school):
    body = [flat(t) for t in body_of(district)]
    assert any(t.startswith("Основная идея проекта: в проекте заложены") for t in body)
    assert "Этап 3. Рефлексивно-оценочный (01.07.2027 – 31.08.2027)." in body
    assert not any(t.startswith("Этап ") and "этап (" in t for t in body + [flat(t) for t in body_of(school)])
    assert any(t.startswith("– повышены уровень конкурсной активности") for t in body)
    # The heads' dash items hang: their lines under the text after the dash, not ragged at the margin
    # (justified, they would stretch around the glued organisation's name).
    items = [p for p in docx.Document(str(district)).paragraphs if flat(p.text).startswith("– на ")]
    assert len(items) == 4
    for p in items:
        fmt = p.paragraph_format
        assert fmt.first_line_indent < 0 and abs(fmt.left_indent + fmt.first_line_indent - docx.shared.Cm(1.25)) < docx.shared.Mm(0.1)


def test_an_abbreviation_is_introduced_only_when_used(application):
    text = flat(document_text(application))
    assert "МСОКО" not in text and "состоит в том, что" in text


# -- the application's title page and signature ----------------------------------------------------

def test_the_application_names_its_applicant_and_addressee(application):
    body = [flat(t) for t in body_of(application)]
    assert body[:13] == [
        "В конкурсную комиссию по отбору муниципальных инновационных площадок города Ярославля",
        "ЗАЯВКА", "на участие в конкурсном отборе на статус муниципальной инновационной площадки",
        "Проект «Модель управления качеством образования на институциональном уровне»",
        # A network's project: its schools apply, not the department that runs the selection.
        "Организации-соискатели (сетевой проект):", "– МОУ «Средняя школа № 48»;", "– МОУ «Средняя школа № 56»;",
        "– МОУ «Средняя школа № 67»;", "– МОУ «Средняя школа № 70»;", "– МОУ «Школа № 73»;",
        "– МОУ «Средняя школа № 80».",
        "Адрес для переписки: 150000, г. Ярославль, ул. ____________________, д. ____.",
        "Руководитель проекта: Иванова Елена Анатольевна, директор департамента образования мэрии города "
        "Ярославля."]
    # Section 1's items numbered within it, not as the sections after it.
    assert body[14:16] == ["1.1. Эффективные модели управления образовательной организацией в современных условиях.",
                          "1.2. Практики управления системой оценки качества образования в образовательном учреждении."]


def _network(tmp_path, change_data=None, change_profile=None):
    folder = tmp_path / "data"
    shutil.copytree(YAROSLAVL.parent, folder)
    data = read_yaml(YAROSLAVL)
    if change_data:
        change_data(data)
    if change_profile:
        profile = read_yaml(folder / "organization.yaml")
        change_profile(profile)
        write_yaml(folder / "organization.yaml", profile)
    return generate(APPLICATION, write_yaml(folder / "proekt.yaml", data), tmp_path / "out")


def test_a_school_applying_signs_with_its_name(tmp_path):
    def school(profile):
        profile.update(full_name="Муниципальное общеобразовательное учреждение «Средняя школа № 48»",
                       short_name="МОУ «Средняя школа № 48»")
        profile["director"] = {"full_name": "Журина Ирина Николаевна", "gender": "ж", "position": "директор"}

    result, written = _network(tmp_path, lambda d: d["applicant"].update(phone="8 (4852) 55-55-55", network=False),
                               school)
    assert result.exit_code == 0, result.output
    path = [p for p in written if p.suffix == ".docx"][0]
    body = [flat(t) for t in body_of(path)]
    assert "Организация-соискатель: Муниципальное общеобразовательное учреждение «Средняя школа № 48» " \
           "(МОУ «Средняя школа № 48»)." in body
    assert "Телефон: 8 (4852) 55-55-55." in body
    assert [t.replace(NBSP, " ") for t in body_of(path)[-3:-1]] == [
        "Руководитель проекта,", "директор МОУ «Средняя школа № 48»\tИ.Н. Журина"]
    assert_office_checker_clean(path)


@pytest.mark.parametrize("field", ["addressee", "applicant"])
def test_an_application_without_its_title_data_is_refused(tmp_path, field):
    result, written = _network(tmp_path, lambda d: d.pop(field))
    assert result.exit_code == 2 and written == []
    output = " ".join(result.output.split())
    assert "proekt.yaml" in output and f"поле «{field}»" in output and "заполните " + field in output
