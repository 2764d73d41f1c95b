"""A project's documents (issue 18): the passport and the application for the status of a municipal
innovation platform (МИП), from one data file, generated through the CLI and read back — the
sections' text, the mechanisms table (a direction a row across the table, its activities numbered in it, the header
repeated on every page, no row split), the executors' heads declined, the indicators, and bad input
refused with a Russian message naming the file and the field, exit 2 and nothing written."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import docx.text.paragraph
import pytest
from docx.oxml.ns import qn

from helpers import (NBSP, SAMPLES, assert_office_checker_clean, body_of, document_text, generate, read_yaml,
                     rows_of, sample_document, write_yaml)

PASSPORT, APPLICATION = "project-passport", "project-application"
YAROSLAVL = SAMPLES / "yaroslavl" / "project.yaml"
DISTRICT = SAMPLES / "district-drozhzhanovsky" / "project.yaml"
SCHOOL = SAMPLES / "tayandinskaya" / "project.yaml"
TITLE = "Модель управления качеством образования на институциональном уровне"
MECHANISMS_HEADER = ["№ п/п", "Мероприятия", "Сроки исполнения", "Ответственные"]


def flat(text: str) -> str:
    """The text with no-break spaces as spaces: what a reader sees."""
    return " ".join(text.replace(NBSP, " ").split())


@pytest.fixture(scope="module")
def passport(tmp_path_factory) -> Path:
    return sample_document(tmp_path_factory, PASSPORT, YAROSLAVL)


@pytest.fixture(scope="module")
def application(tmp_path_factory) -> Path:
    return sample_document(tmp_path_factory, APPLICATION, YAROSLAVL)


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    return sample_document(tmp_path_factory, PASSPORT, DISTRICT)


@pytest.fixture(scope="module")
def school(tmp_path_factory) -> Path:
    return sample_document(tmp_path_factory, PASSPORT, SCHOOL)


def table_with_header(path: Path, second_cell: str):
    """The one table whose header's second column is ``second_cell``."""
    tables = [t for t in docx.Document(str(path)).tables if t.rows[0].cells[1].text == second_cell]
    assert len(tables) == 1, [[c.text for c in t.rows[0].cells] for t in docx.Document(str(path)).tables]
    return tables[0]


def test_both_types_listed(cli):
    result = cli("types")
    assert result.exit_code == 0
    assert PASSPORT in result.output and APPLICATION in result.output


def test_file_names(passport, application):
    assert passport.name == f"Паспорт проекта «{TITLE}».docx"
    assert application.name == f"Заявка на статус МИП — проект «{TITLE}».docx"


@pytest.mark.parametrize("fixture", ["passport", "application", "district", "school"])
def test_office_checker_level_2_clean(request, fixture):
    assert_office_checker_clean(request.getfixturevalue(fixture))


# -- the passport ---------------------------------------------------------------------------------

def test_passport_title_and_summary(passport):
    body = [flat(t) for t in body_of(passport)]
    assert body[:4] == ["Департамент образования мэрии города Ярославля", "ПАСПОРТ", "проекта", f"«{TITLE}»"]
    summary = {row[0]: flat(row[1]) for row in rows_of(docx.Document(str(passport)).tables[0])}
    assert summary["Наименование проекта"] == f"«{TITLE}»"
    assert summary["Приоритетные направления"] == (
        "1. Эффективные модели управления образовательной организацией в современных условиях. "
        "2. Практики управления системой оценки качества образования в образовательном учреждении.")
    assert summary["Руководитель проекта"] == ("Иванова Елена Анатольевна, директор департамента образования мэрии "
                                               "города Ярославля")
    assert summary["Сроки реализации"] == "01.03.2027 – 30.06.2028"
    assert "МОУ «Средняя школа № 48» (руководитель — директор Журина Ирина Николаевна)" in summary["Исполнители проекта"]
    assert "Участники проекта" not in summary  # none in the data: the row is left out


def test_passport_sections(passport):
    body = [flat(t) for t in body_of(passport)]
    headings = ["Цель и задачи проекта", "Обоснование актуальности проекта", "Механизмы реализации проекта",
                "Управление проектом", "Ресурсное обеспечение проекта", "Ожидаемые продукты",
                "Изменения в муниципальной системе образования, ожидаемые от реализации проекта",
                "Риски реализации проекта и способы их преодоления", "Распространение результатов проекта"]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Этапы реализации проекта" not in body and "Показатели результативности проекта" not in body  # no data
    goal = body[body.index("Цель и задачи проекта") + 1]
    assert goal.startswith("Цель проекта — разработка и внедрение универсальной модели управления качеством")
    assert body[body.index("Задачи проекта:") + 1] == \
        "1. Изучить особенности стратегического управления качеством образования."
    assert "– развитие сетевого взаимодействия школ города;" in body
    assert "– мастер-классы, конференции;" in body
    assert "Нормативно-правовые ресурсы:" in body and "– материалы Ассоциации управления качеством образования." in body


def test_mechanisms_table_rows_sections_and_header(passport):
    table = table_with_header(passport, "Мероприятия")
    rows = [[flat(c) for c in row] for row in rows_of(table)]
    assert rows[0] == MECHANISMS_HEADER
    assert len(rows) == 1 + 6 + 13  # a row a direction, a row an activity
    # The direction is a bold row across the table (as in the plan-graph); its activities are numbered in it.
    assert rows[1] == ["1. Изучение особенностей стратегического управления качеством образования"] * 4
    assert rows[2] == ["1.1", "Изучение документов, регламентирующих качество образования", "01.03.2027 – 30.04.2027",
                       "Проектная группа"]
    assert rows[3][1].startswith("Проведение стратегической сессии «Современная школа 2027")
    assert rows[4][0] == "2. Выявление комплекса условий" and rows[5][0] == "2.1"
    assert rows[-2][0] == "6. Формирование информационного портала" and rows[-1][0] == "6.1"
    title = table.rows[1]._tr.tc_lst[0]
    assert title.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
    assert all(r.font.bold for r in table.rows[1].cells[0].paragraphs[0].runs)
    # The header repeats on every page; no row splits; a direction's name keeps with its first activity.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table.rows[1].cells[0].paragraphs[0].paragraph_format.keep_with_next


def test_heads_declined_in_the_passport(passport, district):
    text = flat(document_text(passport))
    assert ("Руководство проектом осуществляет директор департамента образования мэрии города Ярославля Иванова "
            "Елена Анатольевна.") in text
    assert "– на Журину Ирину Николаевну, директора МОУ «Средняя школа № 48»;" in text
    assert "– на Хитрову Галину Владиславовну, директора МОУ «Средняя школа № 80»." in text
    text = flat(document_text(district))
    # The seed's own person (seed 001: «Исполнитель: … Замалтдинова Э. С.»), her initials as ГОСТ writes
    # them (no space between, a no-break space before), one period after them.
    assert ("Руководство проектом осуществляет заместитель начальника по учебно-методической работе Замалтдинова "
            "Э.С. Ответственность") in text
    assert "– на Хайруллина Рамиля Фаридовича, начальника МКУ «ОО ИК ДМР РТ»;" in text  # a profile's own head
    assert "– на Сафина Рината Ильдаровича, директора МБОУ «СОШ № 1»;" in text
    assert "– на Морозову Галину Петровну, директора МБОУ «ООШ № 3»;" in text


def test_district_stages_results_and_products(district):
    body = [flat(t) for t in body_of(district)]
    # The passport the competition's order cites is approved, before the project's start (01.05.2026).
    assert body[2:5] == ["УТВЕРЖДЁН", "приказом МКУ «ОО ИК ДМР РТ»", "от 27.04.2026 № 64"]
    assert body[5:8] == ["ПАСПОРТ", "муниципального управленческого проекта",
                         "«Повышение качества образования в районе средствами муниципальной и школьной систем оценки "
                         "качества образования»"]
    first = body.index("Этап 1. Определение и создание условий, необходимых для реализации проекта "
                       "(01.05.2026 – 31.07.2026).")
    second = body.index("Этап 2. Реализация проекта (01.08.2026 – 30.06.2027).")
    stage = body[first:second]
    assert stage[1] == "Содержание этапа:"
    assert "– разработка Положения о муниципальном конкурсе моделей внутренних систем оценки качества образования." \
        in stage
    assert stage[stage.index("Прогнозируемые результаты:") + 2] == "– нормативная база деятельности;"
    assert stage[-1] == "– Положение о муниципальном конкурсе моделей внутренних систем оценки качества образования."
    assert "Этап 3. Рефлексивно-оценочный (01.07.2027 – 31.08.2027)." in body
    risks = rows_of(table_with_header(district, "Риск"))
    assert [flat(c) for c in risks[2]] == ["2", "Формализация деятельности рабочей группы.",
                                           "Качественный подбор кадров. Административный контроль."]
    assert "Механизмы реализации проекта" not in body  # the district's project has stages, not a mechanisms table


def test_school_project_indicators_and_mechanisms(school):
    body = [flat(t) for t in body_of(school)]
    assert "Этап 2. Результативный (14.12.2026 – 31.05.2027)." in body
    assert "Показатели результативности проекта" in body
    document = docx.Document(str(school))
    indicators = [t for t in document.tables if t.rows[0].cells[-1].text == "Целевое значение"][0]
    rows = [[flat(c) for c in row] for row in rows_of(indicators)]
    assert rows[0] == ["№ п/п", "Показатель", "Единица измерения", "Базовое значение", "Целевое значение"]
    assert len(rows) == 1 + 8
    assert rows[4][0] == "4" and rows[4][1].startswith("Доля педагогических работников, включённых в разработку")
    # The baselines are the справка's 2025/2026 values (indicators.yaml): 5 of 23 teachers, 3 of 8
    # procedures, 7 materials; the passport names the year.
    assert rows[4][2:] == ["%", "21,7", "70"] and rows[2][2:] == ["%", "37,5", "100"]
    assert rows[5][2:] == ["ед.", "2", "6"] and rows[6][2:] == ["ед.", "7", "10"]
    assert "Базовые значения показателей — за 2025/2026 учебный год." in body
    # The terms column holds «ежеквартально,» unbroken (its width by rule, docgen_plugins/project/layout.py).
    terms = table_with_header(school, "Мероприятия").columns[2]
    assert terms.width >= docx.shared.Mm(32) - 1000
    mechanisms = rows_of(table_with_header(school, "Мероприятия"))
    # The rows come from plan.yaml, shared with the plan-graph and the regulation order
    # (tests/test_plan_file.py): a staff member is printed «Фамилия И.О., должность».
    assert flat(mechanisms[7][0]) == "2. Организационное обеспечение"
    assert [flat(c) for c in mechanisms[9][:]] == ["2.2", "Проводить заседания рабочей группы",
                                                   "еженедельно по четвергам, 8-й урок",
                                                   "Бондаренко О.Н., заместитель директора по учебно-воспитательной "
                                                   "работе"]
    # The only executor is headed by the project's leader: who leads it is said once, with no list of
    # organisations' heads answering for it.
    text = flat(document_text(school))
    assert "Руководство проектом осуществляет директор Ермакова Светлана Викторовна." in text
    assert "Ответственность за реализацию" not in text and "– на Ермакову" not in text


def test_passport_grif_when_an_order_approves_it(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SCHOOL.parent, folder)
    data = read_yaml(SCHOOL)
    data["approved"] = {"date": "01.09.2026", "number": 112}
    path = generate(PASSPORT, write_yaml(folder / "proekt.yaml", data), tmp_path / "out").document
    body = [flat(t) for t in body_of(path)]
    assert body[:6] == ["Муниципальное казённое общеобразовательное учреждение «Таяндинская средняя общеобразовательная "
                        "школа»", "(МКОУ «Таяндинская СОШ»)", "УТВЕРЖДЁН", "приказом МКОУ «Таяндинская СОШ»",
                        "от 01.09.2026 № 112-од", "ПАСПОРТ"]
    assert_office_checker_clean(path)


def test_short_name_not_repeated(passport, school):
    """The department's short name is its full name: printed once; the school's is printed in brackets."""
    assert flat(body_of(passport)[1]) == "ПАСПОРТ"
    assert flat(body_of(school)[1]) == "(МКОУ «Таяндинская СОШ»)" and flat(body_of(school)[2]) == "УТВЕРЖДЁН"


# -- the application ------------------------------------------------------------------------------

def test_application_sections(application):
    body = [flat(t) for t in body_of(application)]
    # Whom it goes to, then the title; who applies (tests/test_project_reading.py) before section 1.
    assert body[0] == "В конкурсную комиссию по отбору муниципальных инновационных площадок города Ярославля"
    body = body[1:4] + body[13:]
    assert body[:4] == ["ЗАЯВКА", "на участие в конкурсном отборе на статус муниципальной инновационной площадки",
                        f"Проект «{TITLE}»",
                        "1. Перечень приоритетных направлений инновационной деятельности в муниципальной системе "
                        "образования города Ярославля, на решение которых направлена реализация проекта"]
    sections = [
        "2. Обоснование актуальности и инновационности проекта",
        "3. Цели, задачи и основная идея (идеи) предлагаемого проекта",
        "4. Срок и механизмы реализации инновационного проекта",
        "5. Изменения в муниципальной системе образования города Ярославля, ожидаемые от реализации проекта",
        "6. Описание ресурсного обеспечения проекта (кадровое, нормативно-правовое, материально-техническое "
        "обеспечение проекта)",
        "7. Описание ожидаемых инновационных продуктов",
        "8. Возможные риски при реализации проекта и предложения организации-соискателя по способам их "
        "преодоления",
        "9. Предложения по распространению и внедрению результатов проекта в муниципальной системе образования",
        "10. Исполнители проекта",
    ]
    positions = [body.index(s) for s in sections]
    assert positions == sorted(positions)
    assert not any(line.startswith("11.") for line in body)  # no indicators in the data: no section 11
    assert body[4] == "1.1. Эффективные модели управления образовательной организацией в современных условиях."
    assert "Срок реализации проекта: 01.03.2027 – 30.06.2028." in body
    assert "Основные механизмы реализации проекта" in body
    assert ("Руководитель проекта: Иванова Елена Анатольевна, директор департамента образования мэрии города "
            "Ярославля.") in body
    assert [t.replace(NBSP, " ") for t in body_of(application)[-3:]] == [
        "Руководитель проекта,", "директор департамента образования мэрии города Ярославля\tЕ.А. Иванова",
        "15 февраля 2027 г."]


def test_application_tables(application):
    mechanisms = rows_of(table_with_header(application, "Мероприятия"))
    assert [flat(c) for c in mechanisms[0]] == MECHANISMS_HEADER and len(mechanisms) == 1 + 6 + 13
    executors = [[flat(c) for c in row] for row in rows_of(table_with_header(application, "Организация-исполнитель"))]
    assert executors[0] == ["№ п/п", "Организация-исполнитель", "Руководитель организации"] and len(executors) == 7
    tables = {tuple(r[1:]) for r in executors}
    assert ("МОУ «Средняя школа № 67»", "Дроздова Наталья Юрьевна, директор") in tables
    assert ("МОУ «Школа № 73»", "Буева Елена Викторовна, директор") in tables


def test_application_needs_the_form_sections(tmp_path):
    """A passport may do without the priority directions; the application's form may not."""
    data = read_yaml(YAROSLAVL)
    del data["directions"]
    folder = tmp_path / "data"
    shutil.copytree(YAROSLAVL.parent, folder)
    path = write_yaml(folder / "proekt.yaml", data)
    result, written = generate(APPLICATION, path, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    output = " ".join(result.output.split())
    assert "proekt.yaml" in output and "поле «directions»" in output
    assert "нужен раздел «перечень приоритетных направлений инновационной деятельности»" in output
    assert generate(PASSPORT, path, tmp_path / "out").result.exit_code == 0


# -- bad input ------------------------------------------------------------------------------------

def _no_head(data):
    del data["executors"][2]["head"]


def _no_responsible(data):
    del data["plan"][3]["responsible"]


def _end_before_start(data):
    data["plan"][1].update(start="20.05.2027", end="10.05.2027")


def _stage_outside(data):
    data["stages"] = [{"title": "Подготовительный этап", "start": "01.02.2027", "end": "31.05.2027",
                       "content": ["изучение документов"]}]


def _no_target(data):
    data["indicators"] = [{"title": "Доля школ сети, утвердивших регламенты", "unit": "%", "base": 0}]


@pytest.mark.parametrize("slug", [PASSPORT, APPLICATION])
@pytest.mark.parametrize("change, field, message", [
    (_no_head, "executors[3].head",
     "у организации-исполнителя «МОУ «Средняя школа № 67»» не указан руководитель (head)"),
    (_no_responsible, "plan[4].responsible", "у мероприятия «Анализ результатов мониторинга с целью последующего "
                                             "обоснования выбора условий, соответствующих цели проекта» не указан "
                                             "ответственный (responsible)"),
    (_end_before_start, "plan[2].end", "окончание 10.05.2027 раньше начала 20.05.2027"),
    (_stage_outside, "stages[1].start", "этап 1 «Подготовительный этап» выходит за срок проекта: начало 01.02.2027, "
                                        "а срок проекта: 01.03.2027 – 30.06.2028"),
    (_no_target, "indicators[1].target", "у показателя «Доля школ сети, утвердивших регламенты» не указано целевое "
                                         "значение (target)"),
], ids=["executor-without-head", "row-without-responsible", "row-ends-before-start", "stage-outside-term",
        "indicator-without-target"])
def test_bad_input(tmp_path, slug, change, field, message):
    folder = tmp_path / "data"
    shutil.copytree(YAROSLAVL.parent, folder)
    data = read_yaml(YAROSLAVL)
    change(data)
    result, written = generate(slug, write_yaml(folder / "proekt.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == [], result.output
    output = " ".join(result.output.split())
    assert "proekt.yaml" in output and f"поле «{field}»" in output and message in output, result.output
