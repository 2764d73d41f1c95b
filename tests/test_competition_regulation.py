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

from helpers import (NBSP, SAMPLES, assert_office_checker_clean, body_of, generate, read_yaml, rows_of, sample_document,
                     write_yaml)

TYPE = "competition-regulation"
FOLDER = SAMPLES / "district-drozhzhanovsky"
SAMPLE = FOLDER / "competition-regulation.yaml"
CRITERIA = FOLDER / "vsoko-model-criteria.yaml"
ORG = ("Муниципальное казённое учреждение «Отдел образования Исполнительного комитета Дрожжановского "
       "муниципального района Республики Татарстан»")
# The operator a consent is given to, in the dative; the name in quotes stays as it is.
ORG_DATV = ("Муниципальному казённому учреждению «Отдел образования Исполнительного комитета Дрожжановского "
            "муниципального района Республики Татарстан»")
COMPETITION = "муниципальном конкурсе моделей внутренних систем оценки качества образования"
HEADINGS = [
    "1. Общие положения", "2. Цели и задачи конкурса", "3. Участники и номинации конкурса",
    "4. Сроки и этапы проведения конкурса", "5. Требования к конкурсным материалам",
    "6. Порядок проведения конкурса", "7. Критерии оценки", "8. Жюри конкурса", "9. Подведение итогов конкурса",
    "10. Награждение", "11. Заключительные положения",
]
# A tie in scores is decided by the jury's vote; the chairman's vote decides a tie of votes.
TIE_RULE = ("9.3. При равенстве итоговых баллов участников место определяет жюри открытым голосованием; при "
            "равенстве голосов решающим является голос председателя жюри.")


def inline_sample() -> dict:
    """The sample regulation written out in full, as a district without a competition file
    writes it: the competition's categories, stages, criteria file and jury inline, the grif's
    order as {date, number} (the sample names both files; tests/test_competition_cycle.py covers that)."""
    data = read_yaml(SAMPLE)
    competition = read_yaml(FOLDER / "competition.yaml")
    del data["competition"]
    data["approved"] = {"date": "14.09.2026", "number": 145}
    data["nominations"] = [{"title": c["title"], "description": c["description"]} for c in competition["categories"]]
    data["stages"] = competition["stages"]
    data["criteria"] = competition["criteria"]
    data["jury"] = competition["jury"]
    data["divergence"] = 5  # a district's own rule, on the totals: no expert protocol to agree with
    return data


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
        f"1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 "
        f"№{NBSP}273\u2011ФЗ «Об образовании в Российской Федерации», Федеральным законом от 27.07.2006 №{NBSP}152\u2011ФЗ "
        "«О\u00a0персональных\u00a0данных», муниципальным управленческим проектом «Повышение качества образования в районе "
        "средствами муниципальной и школьной систем оценки качества образования», с учётом письма Федеральной службы "
        f"по надзору в сфере образования и науки от 20.04.2021 №{NBSP}08-70.")
    assert "статьи 28" not in basis  # a school's competence (ВСОКО), not the municipality's
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
    # A small count in running text is written in words.
    assert "4.1. Конкурс проводится с 01.10.2026 по 11.12.2026 в четыре этапа." in body
    stages = [t for t in body if re.match(r"^4\.[2-5]\. ", t)]
    assert [re.match(r"^.*?\d{2}\.\d{2}\.\d{4}\.", t).group(0) for t in stages] == [
        "4.2. Приём заявок и конкурсных материалов\u00a0— с 01.10.2026 по 23.10.2026.",
        "4.3. Заочный этап\u00a0— с 26.10.2026 по 20.11.2026.",
        "4.4. Очный этап\u00a0— с 01.12.2026 по 04.12.2026.",
        "4.5. Подведение итогов\u00a0— с 07.12.2026 по 11.12.2026.",
    ]
    assert stages[0].endswith("направляют организатору заявку, согласия членов команды на обработку и на "
                              "распространение персональных данных и конкурсные материалы.")
    application = next(t for t in body if t.startswith("5.1. "))
    # A deadline by date says «не позднее» (4.2 gives the same day as the stage's last).
    assert f"не позднее 23 октября 2026{NBSP}г. направляет организатору по адресу: 422470," in application
    # The sample's organizer gives no e-mail (a real-looking invented one is not printed): the post only.
    assert "на адрес электронной почты" not in application and application.endswith("ул. __________, д. __:")
    results = next(t for t in body if t.startswith("9.4. "))
    assert results.endswith(f"Итоги конкурса утверждаются приказом организатора не позднее 11 декабря 2026{NBSP}г.")


def test_criteria_jury_and_summing_up(regulation):
    body = body_of(regulation)
    assert "7.2. Максимальное количество баллов по всем критериям\u00a0— 27\u00a0баллов." in body
    # The criteria's titles are capitalised in the data; as items after a colon they start lower-case.
    assert f"–{NBSP}нормативное обеспечение ВСОКО (максимальный балл\u00a0— 3);" in body
    assert f"–{NBSP}представление и защита модели (максимальный балл\u00a0— 3)." in body
    assert TIE_RULE in body
    # With the competition's expert group (its file names experts) the group scores and the jury decides.
    conflict = next(t for t in body if t.startswith("8.5. "))
    assert ("Член жюри или эксперт не оценивает конкурсные материалы общеобразовательной организации, в которой он "
            "работает") in conflict
    assert any(t.startswith("6.2. ") and "не менее двух экспертов экспертной группы" in t for t in body)
    summing = next(t for t in body if t.startswith("9.1. "))
    assert summing.startswith("9.1. Итоговый балл участника\u00a0— среднее арифметическое баллов")
    # The competition's rule, which its expert protocol applies: marks on one criterion, not totals.
    assert (f"Если оценки, выставленные участнику разными экспертами по одному критерию, расходятся более чем на "
            f"1{NBSP}балл") in summing
    assert ("9.4. Решение жюри оформляется протоколом, который подписывают председатель и секретарь жюри."
            in next(t for t in body if t.startswith("9.4. ")))
    # Places in Roman numerals (a no-break space after the numeral or not: the typography layer's choice).
    spaced = [t.replace("\u00a0", " ") for t in body]
    assert "10.1. Победители (I место) и призёры (II и III места) в каждой номинации награждаются дипломами " \
           "организатора." in spaced
    assert any(t.startswith("9.2. ") and t.endswith("итоговый балл (I место), призёрами — участники, занявшие II и III "
                                                    "места.") for t in spaced)
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
        ["СОГЛАСИЕ", "на обработку персональных данных, разрешённых субъектом персональных данных для "
                     "распространения"],
        ["ОЦЕНОЧНЫЙ ЛИСТ", "участника муниципального конкурса моделей внутренних систем оценки качества образования"],
    ]
    # The jury is formed by an order of its own (the competition file): no jury annex. The
    # assessment sheet, the last annex, is a landscape section.
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]


def test_inline_jury_annex_precedes_the_landscape_sheet(district_dir, tmp_path):
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", inline_sample()), tmp_path / "out").document
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    marks = [i for i, p in enumerate(paragraphs) if re.fullmatch(r"Приложение \d", p.text)]
    assert [paragraphs[i].text for i in marks] == [f"Приложение {n}" for n in range(1, 6)]
    assert paragraphs[marks[3] + 2].text == "СОСТАВ ЖЮРИ" and _starts_new_page(paragraphs[marks[3]])
    assert "ОЦЕНОЧНЫЙ ЛИСТ" in [p.text for p in paragraphs[marks[4]:marks[4] + 6]]
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]


def test_application_form_and_consent(regulation):
    document = docx.Document(str(regulation))
    form, materials = rows_of(document.tables[0]), rows_of(document.tables[1])
    assert [r[1] for r in form[1:]] == [
        "Полное наименование общеобразовательной организации (по уставу)", "Сокращённое наименование",
        "Фамилия, имя, отчество руководителя", "Номинация (одна из указанных в пункте 3.3 Положения)", "Состав команды (фамилия, имя, отчество, должность)",
        "Почтовый адрес, телефон, адрес электронной почты",
        "Ответственный за участие в конкурсе (фамилия, имя, отчество, должность, телефон)",
    ]
    assert all(r[2] == "" for r in form[1:])
    listed = inline_sample()["materials"]
    assert [r[1] for r in materials[1:]] == [m[0].upper() + m[1:] for m in listed]
    body = body_of(regulation)
    assert f"«____» ________________ 2026{NBSP}г.\tМ.П." in body
    assert "Я, \t" in body and "(фамилия, имя, отчество полностью)" in body  # «Я, ______», a space after the comma
    consent = next(t for t in body if t.startswith("в соответствии со статьёй 9 Федерального закона"))
    assert f"№{NBSP}152\u2011ФЗ «О\u00a0персональных\u00a0данных» даю согласие оператору\u00a0— {ORG_DATV} (адрес: " \
           "422470, Республика Татарстан, Дрожжановский район" in consent
    assert "фото" not in consent  # pictures are published, so they belong to the consent to dissemination
    assert any(t.startswith("Цель обработки:") and t.endswith("Распространение персональных данных настоящим "
                                                              "согласием не разрешается.") for t in body)
    # The blank date of a form a participant fills in: consent, consent to dissemination, assessment sheet.
    assert body.count(f"«____» ________________ 2026{NBSP}г.") == 3


def test_assessment_sheet_from_criteria(regulation):
    criteria = read_yaml(CRITERIA)["criteria"]
    sheet = docx.Document(str(regulation)).tables[3]
    rows = rows_of(sheet)
    assert rows[0] == ["№ п/п", "Критерий", "Показатели (уровни, баллы)", "Макс. балл", "Балл эксперта",
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
    assert any(t.startswith("Эксперт ____") for t in body_text)
    assert "Эксперт (фамилия, инициалы): \t" in body_text
    # A form, as annexes 1–3 are: «Форма» above its title.
    at = body_text.index("ОЦЕНОЧНЫЙ ЛИСТ")
    assert body_text[at - 1] == "Форма" and body_text.count("Форма") == 4


def test_wording_a_second_reader_asked_for(regulation):
    body = body_of(regulation)
    assessment = next(t for t in body if t.startswith("6.2. "))
    assert "Эксперт заполняет на каждого оцениваемого им участника оценочный лист (приложение 4)" in assessment
    # One colon a sentence: the format of the materials is a sentence of its own.
    materials = next(t for t in body if t.startswith("5.3. "))
    assert "Требования к оформлению" not in materials
    assert all(sentence.count(":") <= 1 for sentence in materials.split(". "))
    assert "Материалы представляются в электронном виде: текстовые документы" in materials
    # «ООП» is not an abbreviation a reader of the sheet was told: the criteria spell it out.
    sheet = "\n".join("\n".join(r) for r in rows_of(docx.Document(str(regulation)).tables[3]))
    assert "ООП" not in sheet and "согласован с основной образовательной программой и программой развития" in sheet


def test_jury_list(district_dir, tmp_path):
    """Written inline, the jury is the Положение's annex 4, before the assessment sheet (annex 5)."""
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", inline_sample()), tmp_path / "out").document
    assert "оценочный лист (приложение 5)" in "\n".join(body_of(path))
    rows = rows_of(docx.Document(str(path)).tables[3])
    # The chair is known by initials only: everyone in surname and initials, and the column says so.
    assert rows[0] == ["№ п/п", "Фамилия, инициалы", "Должность, место работы", "Роль в жюри"]
    assert [r[3] for r in rows[1:]] == ["Председатель жюри", "Заместитель председателя жюри", "Секретарь жюри",
                                        "Член жюри", "Член жюри", "Член жюри", "Член жюри"]
    # Nobody who heads a school that may compete: outside members come from the regional and a
    # neighbouring district's bodies.
    assert rows[6][1:3] == ["Галиева\xa0А.Р.", "Заведующий отделом мониторинга качества образования,\n"
                            "ГБУ\u00a0«Республиканский центр мониторинга качества образования»"]
    assert not any(r[2].startswith("Директор") for r in rows[1:])
    assert rows[1][1:3] == ["Замалтдинова\xa0Э.С.",
                            "Заместитель начальника по учебно-методической работе,\nМКУ\u00a0«ОО\u00a0ИК\u00a0ДМР\u00a0РТ»"]
    assert rows[5][1:3] == ["Ибрагимова\xa0Л.А.", "Доцент кафедры управления в образовании,\n"
                            "ГАОУ\u00a0ДПО\u00a0«Институт развития образования Республики Татарстан»"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 8)]


def test_variant_inline_criteria_sum_one_day_stage_no_secretary(district_dir, tmp_path):
    """Criteria written inline, scores summed, a one-day stage, the jury listed out of order
    without a secretary, one nomination: the wording follows the data."""
    data = inline_sample()
    data["criteria"] = [
        {"id": "a", "title": "Нормативное обеспечение", "levels": [{"score": 1, "descriptor": "частично"},
                                                                  {"score": 2, "descriptor": "полностью"}]},
        {"id": "b", "title": "Открытость", "levels": [{"score": 5, "descriptor": "на сайте всё"},
                                                     {"score": 0, "descriptor": "ничего"}]},
    ]
    data["scoring"] = "сумма"
    del data["divergence"]
    data["stages"][2].update(start="04.12.2026", end="04.12.2026")
    data["stages"][2]["content"] = ("Команды общеобразовательных организаций публично защищают модели ВСОКО на "
                                    "выездных семинарах-совещаниях; защиту оценивает жюри.")
    data["jury"] = [{"person": "nikolaev"}, {"person": "kudryashova"}, {"person": "zamaltdinova", "role": "председатель"}]
    data["nominations"] = data["nominations"][:1]
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out").document
    body = body_of(path)
    assert "4.4. Очный этап\u00a0— 04.12.2026. Команды общеобразовательных организаций публично защищают модели ВСОКО " \
           "на выездных семинарах-совещаниях; защиту оценивает жюри." in body
    assert "9.1. Итоговый балл участника\u00a0— сумма баллов, выставленных ему членами жюри." in body
    assert "9.4. Решение жюри оформляется протоколом, который подписывают председатель жюри." in \
           next(t for t in body if t.startswith("9.4. "))
    assert "6.4. По итогам очного этапа члены жюри завершают заполнение оценочных листов и передают их " \
           "председателю жюри." in body
    assert "7.2. Максимальное количество баллов по всем критериям\u00a0— 7\u00a0баллов." in body
    assert "3.3. Конкурс проводится в номинации:" in body
    assert TIE_RULE in body
    document = docx.Document(str(path))
    sheet = rows_of(document.tables[4])
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
    data = inline_sample()
    change(data)
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "konkurs.yaml" in result.output
    assert f"поле «{field}»" in result.output and message in result.output, result.output


def test_divergence_on_totals_without_a_competition_file(district_dir, tmp_path):
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", inline_sample()), tmp_path / "out").document
    summing = next(t for t in body_of(path) if t.startswith("9.1. "))
    assert f"Если баллы, выставленные участнику разными членами жюри, расходятся более чем на 5{NBSP}баллов" in summing


def test_divergence_beside_a_competition_file_refused(district_dir, tmp_path):
    """The competition's file states the divergence its expert protocol applies: a second one in
    the Положение could only disagree with it."""
    data = read_yaml(SAMPLE)
    data["divergence"] = 5
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «divergence»" in result.output and "берётся из него" in result.output, result.output


def test_bad_criteria_file_is_named(district_dir, tmp_path):
    criteria = read_yaml(CRITERIA)
    criteria["criteria"][0]["levels"] = []
    write_yaml(district_dir / "vsoko-model-criteria.yaml", criteria)
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", inline_sample()), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «criteria»" in result.output
    assert "файл критериев vsoko-model-criteria.yaml: поле «criteria[1].levels» (уровни): у критерия нет уровней" \
           in result.output
    (district_dir / "vsoko-model-criteria.yaml").unlink()
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", inline_sample()), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "файл критериев vsoko-model-criteria.yaml" in result.output and "файл не найден" in result.output


def test_two_chairs_refused(district_dir, tmp_path):
    data = inline_sample()
    data["jury"][1]["role"] = "председатель"
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «jury[2].role»" in result.output and "в составе жюри 2 с ролью «председатель», а может быть один" \
           in result.output


# -- content a real regulation has (issue 14) -----------------------------------------------------

def test_office_checker_level_2_clean(regulation):
    assert_office_checker_clean(regulation)


def _annexes(path: Path) -> dict[int, str]:
    """Annex number → the title under its mark («СОГЛАСИЕ на обработку …»)."""
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    out = {}
    for i, text in enumerate(paragraphs):
        if m := re.fullmatch(r"Приложение (\d)", text):
            title = [t for t in paragraphs[i + 2:i + 6] if t.strip() and t != "Форма"][:2]
            out[int(m.group(1))] = " ".join(title)
    return out


def test_every_annex_reference_points_to_its_annex(regulation):
    """References in the text and in the forms use the annexes' own numbers: renumbering the
    annexes renumbers every «(приложение N)»."""
    annexes = _annexes(regulation)
    assert list(annexes) == [1, 2, 3, 4]
    body = body_of(regulation)
    expected = {"заявку на участие": "ЗАЯВКА", "согласия членов команды на обработку персональных данных по":
                "СОГЛАСИЕ на обработку персональных данных", "разрешённых субъектом персональных данных для "
                "распространения, по форме": "для распространения", "оценочный лист (": "ОЦЕНОЧНЫЙ ЛИСТ",
                "оценочном листе (": "ОЦЕНОЧНЫЙ ЛИСТ", "Состав жюри приведён": "СОСТАВ ЖЮРИ"}
    found = 0
    for text in body:
        for m in re.finditer(r"(?:приложени[еи]) (\d)(?! и)", text):
            context = text[max(0, m.start() - 120):m.start()]
            for words, title in expected.items():
                if words in context[-len(words) - 60:]:
                    assert title in annexes[int(m.group(1))], (text, annexes)
                    found += 1
    assert found >= 5  # the jury annex is the jury order's here (test_inline_jury_annex_precedes_the_landscape_sheet)
    consent, dissemination = annexes[2], annexes[3]
    assert consent == "СОГЛАСИЕ на обработку персональных данных"
    assert dissemination == ("СОГЛАСИЕ на обработку персональных данных, разрешённых субъектом персональных "
                             "данных для распространения")
    assert "Согласия членов команды (приложения 2 и 3 к Положению) прилагаются." in body


def test_consent_to_dissemination_is_a_separate_annex(regulation):
    """ст. 10.1 152-ФЗ: what is published needs its own consent, listing the operator, the site,
    each category with the subject's yes or no and conditions, the term and the revocation."""
    body = body_of(regulation)
    at = body.index("на обработку персональных данных, разрешённых субъектом персональных данных для распространения")
    form = body[at:]
    opening = next(t for t in form if t.startswith("руководствуясь статьёй 10.1 Федерального закона"))
    assert f"№{NBSP}152\u2011ФЗ" in opening and f"даю согласие оператору\u00a0— {ORG_DATV} (адрес: 422470," in opening
    assert "на распространение моих персональных данных в целях информирования о ходе и итогах" in opening
    resources = next(t for t in form if t.startswith("Информационные ресурсы оператора"))
    assert "официальный сайт оператора в информационно-телекоммуникационной сети «Интернет»" in resources
    assert any(t.startswith("Запреты и условия обработки персональных данных неограниченным кругом лиц "
                            "указываются по желанию") for t in form)
    term = next(t for t in form if t.startswith("Согласие действует"))
    assert "до дня получения оператором моего требования о прекращении распространения" in term
    table = rows_of(docx.Document(str(regulation)).tables[2])
    assert table[0] == ["Категория персональных данных", "Перечень персональных данных", "Разрешаю (да / нет)",
                        "Условия и запреты (при наличии)"]
    assert [r[1] for r in table[1:]] == ["Фамилия, имя, отчество", "Место работы, должность",
                                         "Фото- и видеоизображение"]
    assert all(r[2] == "" and r[3] == "" for r in table[1:])  # the subject fills them in
    # The regulation says what needs which consent.
    publication = next(t for t in body if t.startswith("5.6. "))
    assert "(приложение 2)" in publication and "статьёй 10.1 указанного Федерального закона (приложение 3)" in \
        publication
    assert "отдельного согласия на обработку персональных данных, разрешённых субъектом персональных данных для " \
           "распространения" in publication


def test_consent_to_dissemination_without_a_website(district_dir, tmp_path):
    profile = read_yaml(district_dir / "department.yaml")
    del profile["website"]
    write_yaml(district_dir / "department.yaml", profile)
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", inline_sample()), tmp_path / "out").document
    resources = next(t for t in body_of(path) if t.startswith("Информационные ресурсы оператора"))
    assert "официальный сайт оператора в информационно-телекоммуникационной сети «Интернет»; сборник" in \
        resources.replace("\u00a0", " ")


def test_jury_approved_with_the_regulation(district_dir, tmp_path):
    """Written inline, the jury is approved with the Положение; named by a competition file, the
    jury and the expert group are formed by an order of their own (test_competition_cycle.py)."""
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", inline_sample()), tmp_path / "out").document
    jury = next(t for t in body_of(path) if t.startswith("8.1. "))
    assert ("Состав жюри приведён в приложении 4 к настоящему Положению и утверждается вместе с ним приказом "
            "организатора об утверждении настоящего Положения; изменения в состав жюри вносятся приказом "
            "организатора.") in jury
    assert "Руководители организаций, которые могут участвовать в конкурсе, в состав жюри не входят." in jury
    assert "утверждается приказом организатора. В жюри" not in jury  # no second, unnamed order
    assert "формируются приказом организатора" not in jury


def _outsider(position: str, workplace: str) -> dict:
    return {"person": {"full_name": "Сафин Ринат Ильдарович", "gender": "м", "position": position},
            "workplace": workplace}


@pytest.mark.parametrize("position, workplace", [
    ("директор", "МБОУ «СОШ № 1»"),
    ("Директор", "МБОУ «ООШ № 3»"),
    ("и.о. директора", "МБОУ «Средняя общеобразовательная школа № 2»"),
    ("руководитель", "МАОУ «Гимназия № 2»"),
])
def test_head_of_a_competing_school_refused(district_dir, tmp_path, position, workplace):
    data = inline_sample()
    data["jury"][5] = _outsider(position, workplace)
    result, written = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "konkurs.yaml" in result.output and "поле «jury[6].person»" in result.output, result.output
    assert (f"Сафин Ринат Ильдарович ({position}, {workplace}) руководит организацией, которая может участвовать в "
            "конкурсе: руководитель организации-участника не входит в жюри (конфликт интересов)") in \
        " ".join(result.output.split()), result.output


@pytest.mark.parametrize("position, workplace, competitors", [
    ("заместитель директора по учебно-воспитательной работе", "МБОУ «СОШ № 1»", None),  # not its head
    ("директор", "МБУ ДО «Дом детского творчества»", None),  # not a general-education organisation
    ("директор", "МБОУ «ООШ № 3»", {"organisations": ["СОШ"]}),  # the district lists only СОШ
    ("директор", "МБОУ «СОШ № 1»", {"heads": ["заведующий"]}),
], ids=["deputy", "other-kind", "organisations-overridden", "heads-overridden"])
def test_who_is_not_a_competing_head(district_dir, tmp_path, position, workplace, competitors):
    data = inline_sample()
    data["jury"][5] = _outsider(position, workplace)
    if competitors:
        data["competitors"] = competitors
    generated = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out")
    assert generated.result.exit_code == 0, generated.result.output
    rows = rows_of(docx.Document(str(generated.document)).tables[3])
    assert rows[6][2].replace("\u00a0", " ").startswith(position[:1].upper() + position[1:])


@pytest.mark.parametrize("stages, words", [(2, "в два этапа"), (4, "в четыре этапа"), (11, "в 11\u00a0этапов")])
def test_stage_count_in_words_when_small(district_dir, tmp_path, stages, words):
    data = inline_sample()
    data["stages"] = [{"title": f"этап {n}", "start": f"{n + 1:02d}.10.2026", "end": f"{n + 1:02d}.10.2026"}
                      for n in range(stages)]
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out").document
    item = next(t for t in body_of(path) if t.startswith("4.1. "))
    assert item.endswith(f" {words}."), item


def test_list_items_lower_case_unless_abbreviation_or_name(district_dir, tmp_path):
    """The rule lives in the filter, not in the data: capitals and final periods of the data go."""
    data = inline_sample()
    levels = [{"score": 1, "descriptor": "есть"}, {"score": 0, "descriptor": "нет"}]
    data["criteria"] = [{"id": str(n), "title": title, "levels": levels} for n, title in enumerate([
        "Открытость результатов.", "ВСОКО в локальных актах", "«Дорожная карта» ВСОКО", "Москва как пример;"])]
    path = generate(TYPE, write_yaml(district_dir / "konkurs.yaml", data), tmp_path / "out").document
    body = [t.replace("\u00a0", " ") for t in body_of(path)]  # no-break spaces are the typography's
    at = body.index("7.1. Модели внутренних систем оценки качества образования оцениваются по следующим критериям:")
    assert body[at + 1:at + 5] == [
        "– открытость результатов (максимальный балл — 1);",
        "– ВСОКО в локальных актах (максимальный балл — 1);",
        "– «Дорожная карта» ВСОКО (максимальный балл — 1);",
        "– Москва как пример (максимальный балл — 1).",
    ]
    # The assessment sheet keeps the data's own titles: a table cell is not a list item.
    assert rows_of(docx.Document(str(path)).tables[4])[1][1] == "Открытость результатов."


# -- as printed (LibreOffice → PDF → text of each page) ------------------------------------------

@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice or pdftotext is not installed")
def test_assessment_sheet_ends_with_three_criteria_its_total_and_signature(regulation):
    """Nine criteria with four levels each do not fit one landscape page; the form's last page then
    holds the last three criteria with «Итого» and the signature — never one row and «Итого» alone.
    The consent forms (annexes 2 and 3) each fit one page."""
    import subprocess

    from docgen.pdf import convert

    pdf = convert([regulation])[0]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    last = next(p for p in pages if "Эксперт ____" in p)
    # A criterion's row: its number near the left edge, then the criterion's capitalised title (a
    # level's line starts far right, in its own column).
    rows = re.findall(r"^\s{0,4}(\d)\s+[А-ЯЁ]", last, flags=re.M)
    assert rows == ["7", "8", "9"], last
    assert re.search(r"^\s*Итого\s+27\s*$", last, flags=re.M)
    consents = [p for p in pages if "СОГЛАСИЕ" in p]
    assert len(consents) == 2 and all("(расшифровка подписи)" in p for p in consents), "a consent runs over its page"
