"""The regulation of the municipal competition of ВСОКО models (Дрожжановский district), generated
through the CLI and read back as a district office would: the grif, the title, the numbered
sections, the stage dates, the tie rule, the four annexes each from a new page, the assessment
sheet built from the criteria data, the jury, and bad input."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from helpers import NBSP, SAMPLES, body_of, generate, read_yaml, rows_of, sample_document, write_yaml

TYPE = "competition-regulation"
FOLDER = SAMPLES / "district-drozhzhanovsky"
SAMPLE = FOLDER / "competition-regulation.yaml"
CRITERIA = FOLDER / "vsoko-model-criteria.yaml"
ORG = ("Муниципальное казённое учреждение «Отдел образования Исполнительного комитета Дрожжановского "
       "муниципального района Республики Татарстан»")
COMPETITION = "муниципальном конкурсе моделей внутренних систем оценки качества образования"
HEADINGS = [
    "1. Общие положения", "2. Цели и задачи конкурса", "3. Участники и номинации конкурса",
    "4. Сроки и этапы проведения конкурса", "5. Требования к конкурсным материалам",
    "6. Порядок проведения конкурса", "7. Критерии оценки", "8. Жюри конкурса", "9. Подведение итогов конкурса",
    "10. Награждение", "11. Заключительные положения",
]
TIE_RULE = "9.3. При равенстве баллов решающим является голос председателя жюри."


@pytest.fixture(scope="module")
def regulation(tmp_path_factory) -> Path:
    """The sample regulation, generated once for the module's read-only tests."""
    return sample_document(tmp_path_factory, TYPE, SAMPLE)


@pytest.fixture
def district_dir(tmp_path) -> Path:
    """A writable copy of the Дрожжановский district sample (profiles, criteria, data), to break in tests."""
    target = tmp_path / "data"
    shutil.copytree(FOLDER, target)
    return target


def test_listed_among_types(cli):
    result = cli("types")
    assert result.exit_code == 0 and TYPE in result.output
    assert "Положение о муниципальном конкурсе моделей ВСОКО" in result.output


def test_file_name(regulation):
    assert regulation.name == "Положение о муниципальном конкурсе моделей ВСОКО (приказ № 145 от 14.09.2026).docx"


def test_organisation_grif_and_title(regulation):
    body = body_of(regulation)
    assert body[:7] == [
        ORG, "(МКУ\u00a0«ОО\u00a0ИК\u00a0ДМР\u00a0РТ»)",
        "УТВЕРЖДЕНО", "приказом МКУ\u00a0«ОО\u00a0ИК\u00a0ДМР\u00a0РТ»", f"от 14.09.2026 №{NBSP}145",
        "ПОЛОЖЕНИЕ", f"о {COMPETITION}",
    ]
    paragraphs = docx.Document(str(regulation)).paragraphs
    grif = next(p for p in paragraphs if p.text == "УТВЕРЖДЕНО")
    assert grif.paragraph_format.left_indent.mm == pytest.approx(85, abs=0.5)  # 8 cm block at the right margin
    title = next(p for p in paragraphs if p.text == "ПОЛОЖЕНИЕ")
    assert title.runs[0].bold


def test_section_headings_in_order(regulation):
    body = body_of(regulation)
    found = [t for t in body if t in HEADINGS]
    assert found == HEADINGS
    document = docx.Document(str(regulation))
    heading = next(p for p in document.paragraphs if p.text == HEADINGS[0])
    assert heading.runs[0].bold and heading.paragraph_format.keep_with_next


def test_items_numbered_consecutively(regulation):
    body = body_of(regulation)
    items = [tuple(map(int, m.groups())) for t in body if (m := re.match(r"^(\d+)\.(\d+)\. ", t))]
    sections = sorted({s for s, _ in items})
    assert sections == list(range(1, 12))
    for section in sections:
        numbers = [n for s, n in items if s == section]
        assert numbers == list(range(1, len(numbers) + 1)), section
    # Section 4 has its stages in between: 4.1, one item per stage (4), 4.6.
    assert [n for s, n in items if s == 4] == [1, 2, 3, 4, 5, 6]


def test_legal_basis_and_organizer(regulation):
    body = body_of(regulation)
    basis = next(t for t in body if t.startswith("1.2. "))
    assert basis == (
        f"1.2. Положение разработано в соответствии с пунктом 13 части 3 статьи 28 Федерального закона от 29.12.2012 "
        f"№{NBSP}273\u2011ФЗ «Об образовании в Российской Федерации», Федеральным законом от 27.07.2006 №{NBSP}152\u2011ФЗ "
        "«О\u00a0персональных\u00a0данных», муниципальным управленческим проектом «Повышение качества образования в районе "
        "средствами муниципальной и школьной систем оценки качества образования».")
    assert f"1.3. Организатор конкурса\u00a0— {ORG} (далее\u00a0— организатор)." in body
    assert ("1.1. Настоящее Положение определяет цели, задачи, порядок организации и проведения муниципального "
            "конкурса моделей внутренних систем оценки качества образования (далее\u00a0— конкурс) среди "
            "общеобразовательных организаций Дрожжановского муниципального района Республики Татарстан") in body[8]


def test_participants_and_nominations(regulation):
    body = body_of(regulation)
    assert any(t.endswith("(не более пяти\u00a0человек).") and t.startswith("3.2. ") for t in body)
    at = body.index("3.3. Конкурс проводится в номинациях:")
    assert body[at + 1:at + 3] == [
        f"–{NBSP}«Лучшая модель ВСОКО средней общеобразовательной школы»\u00a0— для средних общеобразовательных школ;",
        f"–{NBSP}«Лучшая модель ВСОКО основной общеобразовательной школы»\u00a0— для основных общеобразовательных школ.",
    ]


def test_stage_dates(regulation):
    body = body_of(regulation)
    assert f"4.1. Конкурс проводится с 01.10.2026 по 11.12.2026 в 4{NBSP}этапа." in body
    stages = [t for t in body if re.match(r"^4\.[2-5]\. ", t)]
    assert [re.match(r"^.*?\d{2}\.\d{2}\.\d{4}\.", t).group(0) for t in stages] == [
        "4.2. Приём заявок и конкурсных материалов\u00a0— с 01.10.2026 по 23.10.2026.",
        "4.3. Заочный этап\u00a0— с 26.10.2026 по 20.11.2026.",
        "4.4. Очный этап\u00a0— с 01.12.2026 по 04.12.2026.",
        "4.5. Подведение итогов\u00a0— с 07.12.2026 по 11.12.2026.",
    ]
    assert stages[0].endswith("направляют организатору заявку, согласия на обработку персональных данных и "
                              "конкурсные материалы.")
    application = next(t for t in body if t.startswith("5.1. "))
    assert f"в срок до 23 октября 2026{NBSP}г. направляет организатору по адресу: 422470," in application
    assert application.endswith("или на адрес электронной почты ro.drozhzhanoe@tatar.ru:")
    results = next(t for t in body if t.startswith("9.4. "))
    assert results.endswith(f"Итоги конкурса утверждаются приказом организатора не позднее 11 декабря 2026{NBSP}г.")


def test_criteria_jury_and_summing_up(regulation):
    body = body_of(regulation)
    assert "7.2. Максимальное количество баллов по всем критериям\u00a0— 27\u00a0баллов." in body
    assert f"–{NBSP}Нормативное обеспечение ВСОКО (максимальный балл\u00a0— 3);" in body
    assert f"–{NBSP}Представление и защита модели (максимальный балл\u00a0— 3)." in body
    assert TIE_RULE in body
    conflict = next(t for t in body if t.startswith("8.4. "))
    assert "не оценивает конкурсные материалы общеобразовательной организации, в которой он работает" in conflict
    assert any(t.startswith("6.2. ") and "не менее двух членов жюри" in t for t in body)
    summing = next(t for t in body if t.startswith("9.1. "))
    assert summing.startswith("9.1. Итоговый балл участника\u00a0— среднее арифметическое баллов")
    assert f"расходятся более чем на 5{NBSP}баллов" in summing
    assert ("9.4. Решение жюри оформляется протоколом, который подписывают председатель и секретарь жюри."
            in next(t for t in body if t.startswith("9.4. ")))
    assert "10.1. Победители (1 место) и призёры (2 и 3 места) в каждой номинации награждаются дипломами " \
           "организатора." in body
    assert "10.2. Участникам, не ставшим победителями и призёрами, вручаются сертификаты участника конкурса." in body


def _starts_new_page(paragraph) -> bool:
    """A page break before the paragraph, or a section break (new page) right before it."""
    if paragraph.paragraph_format.page_break_before:
        return True
    previous = paragraph._p.getprevious()
    return previous is not None and previous.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None


def test_annexes_each_on_a_new_page_with_mark(regulation):
    document = docx.Document(str(regulation))
    paragraphs = document.paragraphs
    marks = [i for i, p in enumerate(paragraphs) if re.fullmatch(r"Приложение \d", p.text)]
    assert [paragraphs[i].text for i in marks] == [f"Приложение {n}" for n in range(1, 5)]
    for i in marks:
        assert _starts_new_page(paragraphs[i]), paragraphs[i].text
        assert paragraphs[i + 1].text == f"к Положению о {COMPETITION}"
    titles = [[p.text for p in paragraphs[i + 2:i + 6] if p.text.strip() and p.text != "Форма"][:2] for i in marks]
    assert titles == [
        ["ЗАЯВКА", f"на участие в {COMPETITION}"],
        ["СОГЛАСИЕ", "на обработку персональных данных"],
        ["ОЦЕНОЧНЫЙ ЛИСТ", "участника муниципального конкурса моделей внутренних систем оценки качества образования"],
        ["СОСТАВ ЖЮРИ", "муниципального конкурса моделей внутренних систем оценки качества образования"],
    ]
    # The assessment sheet is a landscape section; the jury list is portrait again.
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE,
                                                          WD_ORIENT.PORTRAIT]


def test_application_form_and_consent(regulation):
    document = docx.Document(str(regulation))
    form, materials = rows_of(document.tables[0]), rows_of(document.tables[1])
    assert [r[1] for r in form[1:]] == [
        "Полное наименование общеобразовательной организации (по уставу)", "Сокращённое наименование",
        "Фамилия, имя, отчество руководителя", "Номинация", "Состав команды (фамилия, имя, отчество, должность)",
        "Почтовый адрес, телефон, адрес электронной почты",
        "Ответственный за участие в конкурсе (фамилия, имя, отчество, должность, телефон)",
    ]
    assert all(r[2] == "" for r in form[1:])
    listed = read_yaml(SAMPLE)["materials"]
    assert [r[1] for r in materials[1:]] == [m[0].upper() + m[1:] for m in listed]
    body = body_of(regulation)
    assert "М.П." in body
    assert "Я,\t" in body and "(фамилия, имя, отчество полностью)" in body
    consent = next(t for t in body if t.startswith("в соответствии со статьёй 9 Федерального закона"))
    assert f"№{NBSP}152\u2011ФЗ «О\u00a0персональных\u00a0данных» даю согласие оператору" in consent
    assert f"Оператор: {ORG}; адрес: 422470, Республика Татарстан, Дрожжановский район" in \
           next(t for t in body if t.startswith("Оператор: "))
    assert body.count(f"«____» ________________ 2026{NBSP}г.") == 3  # application, consent, assessment sheet


def test_assessment_sheet_from_criteria(regulation):
    criteria = read_yaml(CRITERIA)["criteria"]
    sheet = docx.Document(str(regulation)).tables[2]
    rows = rows_of(sheet)
    assert rows[0] == ["№ п/п", "Критерий", "Показатели (уровни, баллы)", "Максимальный балл", "Балл члена жюри",
                       "Комментарий"]
    body, total = rows[1:-1], rows[-1]
    assert len(body) == len(criteria) == 9
    words = {3: "балла", 2: "балла", 1: "балл", 0: "баллов"}
    for n, (row, criterion) in enumerate(zip(body, criteria), 1):
        levels = sorted(criterion["levels"], key=lambda level: -level["score"])
        assert row[0] == str(n)
        assert row[1] == criterion["title"]
        assert row[2].split("\n") == [f"{lv['score']}{NBSP}{words[lv['score']]}\u00a0— {lv['descriptor'].replace(' —', NBSP + '—')}" for lv in levels]
        assert row[3] == str(levels[0]["score"])
        assert row[4] == "" and row[5] == ""
    assert sum(max(lv["score"] for lv in c["levels"]) for c in criteria) == 27
    assert total[0] == "Итого" and total[3] == "27" and total[4] == "" and total[5] == ""
    body_text = body_of(regulation)
    assert any(t.startswith("Член жюри ____") for t in body_text)
    assert "Член жюри (фамилия, инициалы):\t" in body_text


def test_jury_list(regulation):
    rows = rows_of(docx.Document(str(regulation)).tables[3])
    assert rows[0] == ["№ п/п", "Фамилия, имя, отчество", "Должность, место работы", "Роль в жюри"]
    assert [r[3] for r in rows[1:]] == ["Председатель жюри", "Заместитель председателя жюри", "Секретарь жюри",
                                        "Член жюри", "Член жюри", "Член жюри", "Член жюри"]
    assert rows[1][1:3] == ["Сафиуллина Гульнара Ринатовна",
                            "Заместитель начальника по учебно-методической работе, МКУ\u00a0«ОО\u00a0ИК\u00a0ДМР\u00a0РТ»"]
    assert rows[5][1:3] == ["Ибрагимова Лилия Ахатовна", "Доцент кафедры управления в образовании, "
                            "ГАОУ ДПО\u00a0«Институт развития образования Республики Татарстан»"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 8)]


def test_variant_inline_criteria_sum_one_day_stage_no_secretary(district_dir, tmp_path):
    """Criteria written inline, scores summed, a one-day stage, the jury listed out of order
    without a secretary, one nomination: the wording follows the data."""
    data = read_yaml(SAMPLE)
    data["criteria"] = [
        {"id": "a", "title": "Нормативное обеспечение", "levels": [{"score": 1, "descriptor": "частично"},
                                                                  {"score": 2, "descriptor": "полностью"}]},
        {"id": "b", "title": "Открытость", "levels": [{"score": 5, "descriptor": "на сайте всё"},
                                                     {"score": 0, "descriptor": "ничего"}]},
    ]
    data["scoring"] = "сумма"
    del data["divergence"]
    data["stages"][2].update(start="04.12.2026", end="04.12.2026")
    data["jury"] = [{"person": "nikolaev"}, {"person": "kudryashova"}, {"person": "safiullina", "role": "председатель"}]
    data["nominations"] = data["nominations"][:1]
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out").document
    body = body_of(path)
    assert "4.4. Очный этап\u00a0— 04.12.2026. Команды общеобразовательных организаций публично защищают модели ВСОКО " \
           "на выездных семинарах-совещаниях." in body
    assert "9.1. Итоговый балл участника\u00a0— сумма баллов, выставленных ему членами жюри." in body
    assert "9.4. Решение жюри оформляется протоколом, который подписывают председатель жюри." in \
           next(t for t in body if t.startswith("9.4. "))
    assert "6.4. По итогам очного этапа члены жюри завершают заполнение оценочных листов и передают их " \
           "председателю жюри." in body
    assert "7.2. Максимальное количество баллов по всем критериям\u00a0— 7\u00a0баллов." in body
    assert "3.3. Конкурс проводится в номинации:" in body
    assert TIE_RULE in body
    document = docx.Document(str(path))
    sheet = rows_of(document.tables[2])
    assert [r[1] for r in sheet[1:-1]] == ["Нормативное обеспечение", "Открытость"]
    assert sheet[1][2].split("\n") == [f"2{NBSP}балла\u00a0— полностью", f"1{NBSP}балл\u00a0— частично"]
    assert sheet[-1][3] == "7"
    assert [r[3] for r in rows_of(document.tables[3])[1:]] == ["Председатель жюри", "Член жюри", "Член жюри"]


# -- bad input: Russian message naming the file and the field, exit 2, nothing written ------------

def _stage(n, **change):
    def apply(data):
        data["stages"][n].update(change)
    return apply


def _no_chair(data):
    data["jury"][0]["role"] = "член жюри"


def _unknown_jury_member(data):
    data["jury"][3]["person"] = "petrov"


def _unknown_contact(data):
    data["contact"]["person"] = "Замалтдинова Эльвира Сабировна"


def _criterion_without_levels(data):
    data["criteria"] = read_yaml(CRITERIA)["criteria"]
    data["criteria"][1]["levels"] = []


def _criterion_levels_missing(data):
    data["criteria"] = read_yaml(CRITERIA)["criteria"]
    del data["criteria"][1]["levels"]


def _malformed_approval_date(data):
    data["approved"]["date"] = "31.02.2026"


def _outsider_without_workplace(data):
    del data["jury"][4]["workplace"]


@pytest.mark.parametrize("change, field, message", [
    (_stage(1, end="20.10.2026"), "stages[2].end", "окончание 20.10.2026 раньше начала 26.10.2026"),
    (_stage(2, start="10.11.2026"), "stages[3].start",
     "этапы указаны не по порядку: этап 3 «очный этап» начинается 10.11.2026, раньше окончания этапа 2 "
     "«заочный этап» (20.11.2026)"),
    (_stage(0, start="01.09.2026"), "stages[1].start",
     "этап 1 начинается 01.09.2026, раньше утверждения положения (14.09.2026)"),
    (_stage(3, end="15/12/2026"), "stages[4].end", "ожидается дата в виде ДД.ММ.ГГГГ"),
    (_malformed_approval_date, "approved.date", "такой даты нет"),
    (_criterion_without_levels, "criteria[2].levels", "у критерия нет уровней"),
    (_criterion_levels_missing, "criteria[2].levels", "обязательное поле не заполнено"),
    (_no_chair, "jury", "в составе жюри нет председателя"),
    (_unknown_jury_member, "jury[4].person", "«petrov» нет в штатном списке профиля организации «МКУ «ОО ИК ДМР РТ»»"),
    (_unknown_contact, "contact.person", "«Замалтдинова Эльвира Сабировна» нет в штатном списке"),
    (_outsider_without_workplace, "jury[5].workplace", "у члена жюри Ибрагимова Лилия Ахатовна не указано место работы"),
], ids=["stage-end-before-start", "stages-out-of-order", "stage-before-approval", "malformed-stage-date",
        "malformed-approval-date", "criterion-without-levels", "criterion-levels-missing", "jury-without-chair",
        "jury-member-not-found", "contact-not-found", "outsider-without-workplace"])
def test_bad_input(district_dir, tmp_path, change, field, message):
    data = read_yaml(SAMPLE)
    change(data)
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "konkurs.yaml" in result.output
    assert f"поле «{field}»" in result.output and message in result.output, result.output


def test_bad_criteria_file_is_named(district_dir, tmp_path):
    criteria = read_yaml(CRITERIA)
    criteria["criteria"][0]["levels"] = []
    write_yaml(district_dir / "vsoko-model-criteria.yaml", criteria)
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", read_yaml(SAMPLE)), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «criteria»" in result.output
    assert "файл критериев vsoko-model-criteria.yaml: поле «criteria[1].levels» (уровни): у критерия нет уровней" \
           in result.output
    (district_dir / "vsoko-model-criteria.yaml").unlink()
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", read_yaml(SAMPLE)), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "файл критериев vsoko-model-criteria.yaml" in result.output and "файл не найден" in result.output


def test_two_chairs_refused(district_dir, tmp_path):
    data = read_yaml(SAMPLE)
    data["jury"][1]["role"] = "председатель"
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «jury[2].role»" in result.output and "в составе жюри 2 с ролью «председатель», а может быть один" \
           in result.output
