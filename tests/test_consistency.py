"""`docgen check` and the check inside `docgen generate`: an order's basis against the school's
registry of acts, the registry's approving orders against the orders, one organisation and the
registry's people as the staff list spells them."""
from __future__ import annotations

import sqlite3

import pytest

from helpers import edit_text, generate, read_yaml, write_yaml

TODAY = "30.11.2026"


@pytest.fixture
def school(sample_dir):
    """A writable copy of the Таяндинская sample: data files, profile and its registry (acts.csv)."""
    return sample_dir


def load_registry(cli, folder, db):
    result = cli("acts", "import", folder / "acts.csv", "--org", folder / "organization.yaml", "--db", db,
                 "--today", TODAY)
    assert result.exit_code == 0, result.output


def checked(cli, school, tmp_path, *edits, args=()):
    """`docgen check` of ``school`` after ``edits`` — (file name, old, new) — against its registry."""
    for name, old, new in edits:
        edit_text(school / name, old, new)
    db = tmp_path / "db.sqlite"
    load_registry(cli, school, db)
    return cli("check", school, "--db", db, *args)


def journal_count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from order_journal").fetchone()[0]


def test_demo_samples_are_consistent(cli, school, tmp_path):
    result = checked(cli, school, tmp_path)
    assert result.exit_code == 0, result.output
    assert "приказов 3, нарушений нет" in result.output  # regulation, working group, act approval


def test_order_citing_an_act_under_discussion_names_the_act_and_the_field(cli, school, tmp_path):
    db = tmp_path / "db.sqlite"
    load_registry(cli, school, db)
    result = cli("check", school / "inconsistent", "--db", db)
    assert result.exit_code == 2, result.output
    assert "нарушений 1" in result.output
    line = next(l for l in result.output.splitlines() if "inconsistent/regulation-order.yaml" in l)
    assert "поле «basis»" in line
    assert "«Положение о внутренней системе оценки качества образования (ВСОКО)»" in line
    assert "«на обсуждении»" in line


def test_act_approved_after_the_orders_date_is_not_its_basis(cli, school, tmp_path):
    result = checked(cli, school, tmp_path, ("acts.csv", "утверждён;97-од;30.08.2025", "утверждён;104-од;29.08.2026"))
    assert result.exit_code == 2, result.output
    assert "regulation-order.yaml: поле «basis[2]»" in result.output  # after the council's decision
    assert "утверждён приказом № 104-од от 29.08.2026 — позже даты приказа" in result.output


def test_basis_mixes_an_act_and_free_text_and_an_unknown_id_is_refused(cli, school, tmp_path):
    db = tmp_path / "db.sqlite"
    load_registry(cli, school, db)
    order = school / "regulation-order.yaml"
    edit_text(order, "  - development-programme", "  - vsoko-regulation")  # after the council's decision
    result = cli("check", order, "--db", db)
    assert result.exit_code == 2 and "поле «basis[2]»" in result.output, result.output
    edit_text(order, "- vsoko-regulation", "- vsoko-regulatoin")
    refused = generate("regulation-order", order, tmp_path / "out", "--db", db)
    assert refused.result.exit_code == 2 and not refused.files
    assert "basis" in refused.result.output and "«vsoko-regulatoin» нет в каталоге" in refused.result.output


def test_registry_naming_an_order_that_does_not_approve_the_act(cli, school, tmp_path):
    result = checked(cli, school, tmp_path, ("acts.csv", "утверждён;111-од;01.09.2026", "утверждён;112-од;01.09.2026"))
    assert result.exit_code == 2, result.output
    line = next(l for l in result.output.splitlines() if "working-group-order.yaml" in l)
    assert "поле «number»" in line and "«Положение о рабочей группе по совершенствованию ВСОКО»" in line
    assert "не утверждает" in line


def test_registry_giving_another_date_for_the_same_order(cli, school, tmp_path):
    result = checked(cli, school, tmp_path, ("acts.csv", "утверждён;111-од;01.09.2026", "утверждён;112-од;31.08.2026"))
    assert result.exit_code == 2, result.output
    assert "working-group-order.yaml: поле «date»: по реестру приказ № 112-од от 31.08.2026" in result.output


def test_one_organisation_and_the_registrys_people_in_the_staff_list(cli, school, tmp_path):
    other = read_yaml(school / "organization.yaml")
    other["short_name"] = "МКОУ «Таяндинская средняя школа»"
    (school / "other").mkdir()
    write_yaml(school / "other" / "organization.yaml", other)
    result = checked(cli, school, tmp_path, ("acts.csv", "Мамедов Р.А.", "Мамедов Р."),
                     ("working-group-order.yaml", "organization: organization.yaml",
                      "organization: other/organization.yaml"), args=("--org", school / "organization.yaml"))
    assert result.exit_code == 2, result.output
    assert ("working-group-order.yaml: поле «organization»: организация «МКОУ «Таяндинская средняя школа»», "
            "а в профиле «МКОУ «Таяндинская СОШ»»") in result.output
    assert "поле «Ответственный»: акт «Положение о ведении электронного журнала" in result.output
    assert "«Мамедов Р.» нет в штатном списке" in result.output


def test_generate_refuses_an_unapproved_basis_and_force_writes_with_a_warning(cli, school, tmp_path):
    db = tmp_path / "db.sqlite"
    load_registry(cli, school, db)
    order = school / "inconsistent" / "regulation-order.yaml"
    edit_text(order, "number: 105\n", "")  # the journal would give the number
    before = journal_count(db)
    refused = generate("regulation-order", order, tmp_path / "out", "--db", db)
    assert refused.result.exit_code == 2
    assert not refused.files and journal_count(db) == before
    assert "приказ расходится с реестром актов" in refused.result.output
    assert "поле «basis»" in refused.result.output and "--force" in refused.result.output
    forced = generate("regulation-order", order, tmp_path / "out", "--db", db, "--force")
    assert forced.document.is_file() and journal_count(db) == before + 1
    assert "сформирован по --force" in forced.result.stderr
    assert "«Положение о внутренней системе оценки качества образования (ВСОКО)»" in forced.result.stderr


def test_consistent_order_is_generated_and_prints_the_acts_title(cli, school, tmp_path):
    from helpers import body_of

    db = tmp_path / "db.sqlite"
    load_registry(cli, school, db)
    made = generate("regulation-order", school / "regulation-order.yaml", tmp_path / "out", "--db", db)
    assert made.result.exit_code == 0 and not made.result.stderr, made.result.output
    text = " ".join(body_of(made.document))
    assert "Программой развития образовательной организации (раздел о мерах по развитию ВСОКО), в целях" in text


def test_an_order_cited_with_another_date_than_its_own(cli, school, tmp_path):
    result = checked(cli, school, tmp_path, ("working-group-order.yaml", "от 28.08.2026", "от 27.08.2026"))
    assert result.exit_code == 2, result.output
    assert ("working-group-order.yaml: поле «basis[1]»: приказ № 105-од назван от 27.08.2026, а в файле "
            f"{school / 'regulation-order.yaml'} он от 28.08.2026") in result.output


def test_the_working_group_order_cites_the_regulation_the_registry_says_approved_before_it(cli, school, tmp_path):
    """Order 112-од cites the Положение о рабочей группе, approved by 111-од the same day: the
    справка's row and the order agree; had the Положение come later, the order could not cite it."""
    from helpers import body_of

    db = tmp_path / "db.sqlite"
    load_registry(cli, school, db)
    made = generate("working-group-order", school / "working-group-order.yaml", tmp_path / "out", "--db", db)
    assert made.result.exit_code == 0 and not made.result.stderr, made.result.output
    assert "Положением о рабочей группе по совершенствованию ВСОКО" in " ".join(body_of(made.document))
    result = checked(cli, school, tmp_path, ("acts.csv", "утверждён;111-од;01.09.2026", "утверждён;111-од;02.09.2026"))
    assert result.exit_code == 2, result.output
    assert "working-group-order.yaml: поле «basis[2]»" in result.output
    assert "утверждён приказом № 111-од от 02.09.2026 — позже даты приказа" in result.output


def test_everyone_the_approved_plan_graph_charges_acquaints_with_its_order(cli, school, tmp_path):
    """Кузнецова co-executes plan items 2.2, 2.4 and 4.3: without her on order 112's acquaintance
    sheet the check names her and the field that adds her."""
    result = checked(cli, school, tmp_path, ("working-group-order.yaml", "  - person: kuznetsova", ""))
    assert result.exit_code == 2, result.output
    assert "нарушений 1" in result.output
    line = next(l for l in result.output.splitlines() if "Кузнецова" in l)
    assert "working-group-order.yaml: поле «acquaint»: Кузнецова Татьяна Ивановна исполняет мероприятия" in line
    assert "(plan-graph.yaml)" in line and "листе ознакомления" in line


def test_a_plan_graph_naming_an_order_that_does_not_approve_it(cli, school, tmp_path):
    result = checked(cli, school, tmp_path, ("working-group-order.yaml", "approve_plan_graph: true",
                                             "approve_plan_graph: false"))
    assert result.exit_code == 2, result.output
    assert "plan-graph.yaml: поле «approved»: приказ № 112-од от 01.09.2026" in result.output
    assert "плана-графика не утверждает" in result.output


def test_a_plan_graph_dated_otherwise_than_its_order(cli, school, tmp_path):
    result = checked(cli, school, tmp_path, ("plan-graph.yaml", "  date: 01.09.2026", "  date: 02.09.2026"))
    assert result.exit_code == 2, result.output
    assert "plan-graph.yaml: поле «approved.date»: утверждающий приказ № 112-од от 01.09.2026" in result.output
    assert "а в грифе дата 02.09.2026" in result.output
