"""The working-group order, generated through the CLI and read back as the office would."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from helpers import (
    NBSP, ORDER_SAMPLE, assert_office_checker_clean, body_of, generate, read_yaml, rows_of, sample_document,
    texts, write_yaml,
)

TYPE = "working-group-order"


@pytest.fixture(scope="module")
def order(tmp_path_factory) -> Path:
    """The sample order, generated once for the module's read-only tests."""
    return sample_document(tmp_path_factory, TYPE, ORDER_SAMPLE)


def test_file_name_is_descriptive(order):
    assert order.name == "Приказ о создании рабочей группы по совершенствованию ВСОКО № 112-од от 01.09.2026.docx"


def test_requisites_of_the_order(order):
    body = body_of(order)
    assert body[0] == ("Муниципальное казённое общеобразовательное учреждение "
                       "«Таяндинская средняя общеобразовательная школа»")
    assert body[1] == "(МКОУ\u00a0«Таяндинская\u00a0СОШ»)"
    assert body[2] == "ПРИКАЗ"
    assert body[3] == f"1 сентября 2026{NBSP}г.\t№{NBSP}112-од"
    assert body[4] == f"с.{NBSP}Таянды"
    assert body[5] == "О создании рабочей группы по совершенствованию внутренней системы оценки качества образования"
    # The purpose comes first: it introduces «ВСОКО», which the basis then uses.
    assert body[6].startswith("В целях обеспечения системности и комплексности функционирования внутренней системы "
                              f"оценки качества образования (далее{NBSP}— ВСОКО)")
    assert (f"в соответствии с пунктом{NBSP}13 части{NBSP}3 статьи{NBSP}28 Федерального закона от 29.12.2012 "
            f"№{NBSP}273\u2011ФЗ") in body[6]
    # Both bases: the regulation's order as text, the Положение о рабочей группе from the catalogue.
    assert body[6].endswith("Федерации», приказом МКОУ\u00a0«Таяндинская\u00a0СОШ» от 28.08.2026 №\u00a0105-од «Об "
                            "утверждении регламента работы по совершенствованию внутренней системы оценки качества "
                            "образования», Положением о рабочей группе по совершенствованию ВСОКО")
    assert body[7] == "ПРИКАЗЫВАЮ:"


def test_items_decline_names_and_titles(order):
    body = texts(order)
    items = [t for t in body if re.match(r"^\d+\. ", t)]
    assert [int(t.split(".")[0]) for t in items] == list(range(1, 11))
    assert items[0] == ("1. Создать рабочую группу по совершенствованию внутренней системы оценки качества образования "
                        "(далее\u00a0— рабочая группа) на период с 01.09.2026 по 31.05.2027.")
    # Neither annex is numbered: both are «прилагаемый» and carry the grif «УТВЕРЖДЕН».
    assert items[1] == "2. Утвердить прилагаемый состав рабочей группы."
    # The sample's plan-graph is approved by this order: the item approving it shifts the rest by one.
    assert items[2] == "3. Утвердить прилагаемый план-график (дорожную карту) работы рабочей группы."
    assert items[3] == ("4. Назначить Бондаренко Ольгу Николаевну, заместителя директора по учебно-воспитательной работе, "
                        "руководителем рабочей группы.")
    assert items[4] == "5. Установить периодичность заседаний рабочей группы: еженедельно по четвергам, 8-й урок."
    assert items[5].startswith(f"6. Заместителю директора по учебно-воспитательной работе Бондаренко{NBSP}О.Н. организовать")
    assert items[5].endswith("в срок до 01.10.2026.")
    assert items[6].startswith(f"7. Заместителю директора по воспитательной работе Зайченко{NBSP}Н.И. организовать "
                               "разработку проектов")
    # Зайченко does not post the drafts: Соколов does, by the plan-graph (5.2) this order approves,
    # as the regulation (105-од, п. 4) says; the seminar runs monthly, as plan 3.1 says.
    assert items[6].endswith("и представить их рабочей группе в срок до 20.11.2026.")
    assert not any("разместить их для обсуждения" in t for t in items)
    assert items[7].startswith(f"8. Педагогу-психологу Белых{NBSP}И.С. организовать постоянно действующий")
    assert items[8].startswith(f"9. Учителю информатики Соколову{NBSP}И.Д. разместить настоящий приказ")
    assert items[9] == "10. Контроль за исполнением приказа оставляю за собой."
    assert f"Директор\tС.В.{NBSP}Ермакова" in body


def test_annex_and_composition_table(order):
    document = docx.Document(str(order))
    body = texts(order)
    mark = body.index("УТВЕРЖДЕН")
    assert "Приложение 1" not in body and "Приложение" not in body
    assert body[mark + 1:mark + 3] == ["приказом МКОУ\u00a0«Таяндинская\u00a0СОШ»", f"от 01.09.2026 №{NBSP}112-од"]
    annex_paragraph = document.paragraphs[mark]
    assert annex_paragraph.paragraph_format.page_break_before
    composition = document.tables[0]
    rows = rows_of(composition)
    assert rows[0] == ["№ п/п", "Фамилия, имя, отчество", "Должность", "Роль в рабочей группе"]
    assert rows[1] == ["1", "Бондаренко Ольга Николаевна", "Заместитель директора по учебно-воспитательной работе",
                       "Руководитель"]
    assert rows[2][3] == "Заместитель руководителя" and rows[3][3] == "Секретарь"
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 10)]
    assert rows[9][1] == "Кузнецова Татьяна Ивановна"  # co-executes plan items 2.2, 2.4, 4.3
    assert "Мамедов Рашид Ахмед оглы" in [r[1] for r in rows]


def test_acquaintance_sheet_lists_everyone_named(order):
    document = docx.Document(str(order))
    assert "С приказом ознакомлены:" in texts(order)
    rows = rows_of(document.tables[1])
    assert rows[0] == ["№ п/п", "Фамилия, инициалы", "Должность", "Подпись", "Дата"]
    names = [r[1] for r in rows[1:]]
    # The members (task owners are members, and so is Кузнецова, whom the plan-graph charges); no director.
    assert len(names) == 9 == len(set(names))
    assert names[-1] == f"Кузнецова{NBSP}Т.И."
    assert names[0] == f"Бондаренко{NBSP}О.Н." and f"Петрова-Водкина{NBSP}М.А." in names
    assert all(r[3] == r[4] == "" for r in rows[1:])


def test_gost_layout(order):
    document = docx.Document(str(order))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m / 36000) for m in (section.left_margin, section.right_margin, section.top_margin,
                                        section.bottom_margin)] == [30, 15, 20, 20]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
    assert header.alignment == 1  # centre
    assert not any(p._p.findall(qn("w:fldSimple")) for p in section.first_page_header.paragraphs)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    preamble = next(p for p in document.paragraphs if p.text.startswith("В целях"))
    assert round(preamble.paragraph_format.first_line_indent.cm, 2) == 1.25
    assert preamble.alignment == 3  # justified


def test_office_checker_finds_no_errors(order):
    assert_office_checker_clean(order)


def test_json_data_with_control_and_no_publication(sample_dir, tmp_path):
    """JSON works like YAML; optional items renumber the ones after them."""
    import json

    data = read_yaml(sample_dir / "working-group-order.yaml")
    data.update(control="Бондаренко Ольга Николаевна", tasks=data["tasks"][:1], number="7-од",
                approve_plan_graph=False)
    data["tasks"][0]["action"] += "."
    del data["publish_responsible"]
    source = sample_dir / "order.json"
    source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    body = texts(generate(TYPE, source, tmp_path / "out").document)
    items = [t for t in body if re.match(r"^\d+\. ", t)]
    assert len(items) == 6
    assert items[2].startswith("3. Назначить Бондаренко Ольгу Николаевну")  # no plan-graph item
    assert items[4].endswith("необходимых и достаточных для её функционирования в срок до 01.10.2026.")
    assert items[5] == (f"6. Контроль за исполнением приказа возложить на заместителя директора по "
                        f"учебно-воспитательной работе Бондаренко{NBSP}О.Н.")
    assert f"1 сентября 2026{NBSP}г.\t№{NBSP}7-од" in body


@pytest.mark.parametrize("change, field, message", [
    (lambda d: d["tasks"][1].update(deadline="31.08.2026"), "tasks[2].deadline (срок исполнения)",
     "срок поручения 31.08.2026 раньше даты приказа"),
    (lambda d: d["members"][2].update(role="руководитель"), "members (состав рабочей группы)",
     "в составе должен быть ровно один руководитель (role: руководитель), указано: 2"),
    (lambda d: d["members"].append(dict(d["members"][1], role="секретарь")), "members[10].person (сотрудник)",
     "сотрудник указан в составе дважды"),
    (lambda d: d["period"].update(end="01.08.2026"), "period.end (окончание работы группы)",
     "окончание 01.08.2026 раньше начала"),
], ids=["task-before-order", "two-heads", "member-twice", "period-reversed"])
def test_a_check_across_fields_names_the_field(sample_dir, tmp_path, change, field, message):
    """A check that compares fields blames one of them by its path, not «(весь файл)»."""
    data = read_yaml(sample_dir / "working-group-order.yaml")
    change(data)
    bad = write_yaml(sample_dir / "bad.yaml", data)
    result, written = generate(TYPE, bad, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert f"{bad}: данные не прошли проверку" in result.output
    problem = field.split(" ")[0]
    assert f"поле «{problem}» {field[len(problem) + 1:]}: {message}" in result.output, result.output
    assert "весь файл" not in result.output
