"""`docgen coverage` says what is true: «не применяется» with its reason leaves every denominator;
the shares adopted and published (from the «published» steps of the current edition) side by side;
late publication flagged (working days after the approving order, the term as data); the eight
indicators of seed 000 this academic year against last in the справка, with their chart. Through
the CLI on a fresh store; the справка opened with python-docx and checked by the shared checker."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from helpers import NBSP, TAYANDY_PROFILE as PROFILE, approve_act, assert_office_checker_clean, registry_rows

pytestmark = pytest.mark.usefixtures("in_test_folder")
TODAY = "01.10.2026"
REASON = "обучение ведётся только до 9 класса по решению учредителя, индивидуальные проекты не выполняются"


def coverage(cli, db, *extra, today=TODAY) -> dict:
    result = cli("coverage", "--org", PROFILE, "--db", db, "--format", "json", "--today", today, *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def add_step(db: Path, act: str, step: str, held_on: dt.date, edition: str | None, place: str = "https://school.ru/docs"):
    """A row of act_steps as the adopt and publish commands write it (through the store's own tables)."""
    import sqlalchemy as sa

    from docgen.registry.act_tables import act_steps
    from docgen.registry.service import load_org
    from docgen.registry.store import Store, now

    store = Store(f"sqlite:///{db}", announce=False)
    try:
        with store.transaction() as conn:
            org_id = store.org_id(conn, load_org(PROFILE))
            conn.execute(sa.insert(act_steps).values(org_id=org_id, act_id=act, edition=edition, step=step,
                                                     held_on=held_on, place=place, who="тест", recorded_at=now()))
    finally:
        store.close()


def report_text(cli, db, tmp_path, *extra, today=TODAY) -> tuple[Path, list[str], list]:
    import docx

    result = cli("coverage", "--org", PROFILE, "--db", db, "--today", today, "--format", "docx",
                 "--out", tmp_path / "out", *extra)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    doc = docx.Document(str(path))
    return path, [p.text for p in doc.paragraphs], doc.tables


# -- «не применяется» -----------------------------------------------------------------------------

def test_not_applicable_needs_a_reason_and_leaves_the_denominator(cli, registry_db):
    approve_act(registry_db, "vsoko-regulation")
    assert (coverage(cli, registry_db)["required"], coverage(cli, registry_db)["approved"]) == (8, 1)
    before = registry_rows(registry_db)
    refused = cli("acts", "set", "individual-project", "не-применяется", "--org", PROFILE, "--db", registry_db,
                  "--today", TODAY)
    assert refused.exit_code == 2
    assert "для статуса «не применяется» нужна причина" in refused.stderr and "--note" in refused.stderr
    assert registry_rows(registry_db) == before
    done = cli("acts", "set", "individual-project", "не-применяется", "--note", REASON, "--org", PROFILE,
               "--db", registry_db, "--today", TODAY)
    assert done.exit_code == 0, done.output
    assert "«не разработан» → «не применяется»" in done.stdout
    data = coverage(cli, registry_db)
    assert (data["required"], data["approved"], data["share"]) == (7, 1, "14.3")
    assert data["excluded"] == [{"id": "individual-project", "title": "Положение об индивидуальном проекте обучающихся",
                                 "reason": REASON}]
    assert "individual-project" not in [m["id"] for m in data["missing"]]
    assert data["published"] == {"required": 7, "published": 0, "share": "0.0"}
    table = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert "Не применяются в организации (не входят в расчёт долей)" in table.stdout
    # the label typed as Russian words works as well, and the way back is open
    back = cli("acts", "set", "individual-project", "в разработке", "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert back.exit_code == 0, back.output
    again = cli("acts", "set", "individual-project", "не применяется", "--note", "снова", "--org", PROFILE,
                "--db", registry_db, "--today", TODAY)
    assert again.exit_code == 0 and coverage(cli, registry_db)["required"] == 7


def test_an_act_in_force_is_repealed_before_it_can_be_not_applicable(cli, registry_db):
    approve_act(registry_db, "vsoko-regulation")
    refused = cli("acts", "set", "vsoko-regulation", "не применяется", "--note", "причина", "--org", PROFILE,
                  "--db", registry_db, "--today", TODAY)
    assert refused.exit_code == 2 and "переход «утверждён» → «не применяется» невозможен" in refused.stderr


def test_excel_import_takes_not_applicable_only_with_a_reason(cli, registry_db, tmp_path):
    head = "Код;Статус;Примечание\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(head + "vsoko-regulation;в разработке;\nindividual-project;не применяется;\n", encoding="utf-8-sig")
    refused = cli("acts", "import", bad, "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert refused.exit_code == 2
    assert "строка 3, столбец «Примечание»: для статуса «не применяется» нужна причина" in refused.stderr
    assert not registry_db.exists() or registry_rows(registry_db) == [[], []]
    good = tmp_path / "good.csv"
    good.write_text(head + f"vsoko-regulation;в разработке;\nindividual-project;не применяется;{REASON}\n",
                    encoding="utf-8-sig")
    done = cli("acts", "import", good, "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert done.exit_code == 0, done.output
    assert coverage(cli, registry_db)["excluded"][0]["reason"] == REASON


# -- published, late --------------------------------------------------------------------------------

def test_published_share_counts_the_current_edition_and_late_ones_are_flagged(cli, registry_db):
    # 01.09.2026 is a Tuesday: ten working days (Monday to Friday) end on Tuesday 15.09.2026
    approve_act(registry_db, "vsoko-regulation", order="45-од", date="01.09.2026")
    approve_act(registry_db, "self-evaluation", order="46-од", date="01.09.2026")
    approve_act(registry_db, "pedagogical-council", order="47-од", date="01.09.2026")
    approve_act(registry_db, "disputes-commission", order="48-од", date="01.09.2026")
    add_step(registry_db, "vsoko-regulation", "published", dt.date(2026, 9, 15), "2026-09-01 45-од")  # the last day
    add_step(registry_db, "self-evaluation", "published", dt.date(2026, 9, 16), "2026-09-01 46-од")  # a day late
    add_step(registry_db, "pedagogical-council", "published", dt.date(2025, 3, 3), "2025-02-20 12-од")  # an old edition
    data = coverage(cli, registry_db)
    assert (data["approved"], data["published"]) == (4, {"required": 8, "published": 2, "share": "25.0"})
    late = {x["id"]: x for x in data["late"]}
    assert set(late) == {"self-evaluation", "pedagogical-council", "disputes-commission"}
    assert late["self-evaluation"]["deadline"] == "2026-09-15" and late["self-evaluation"]["published_on"] == "2026-09-16"
    assert late["pedagogical-council"]["published_on"] is None  # the old edition's publication is not this one's
    # before the deadline nothing unpublished is late yet; a late publication stays late
    early = coverage(cli, registry_db, today="15.09.2026")
    assert [x["id"] for x in early["late"]] == ["self-evaluation"]
    # acts past their review date wait for a new edition (their own proposal), not for publication
    stale = coverage(cli, registry_db, today="01.10.2040")
    assert stale["approved"] == 0 and stale["late"] == []
    table = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert "Размещение на сайте с нарушением срока" in table.stdout and "нет отметки" in table.stdout
    assert "размещены на сайте" in table.stdout


def test_the_deadline_and_holidays_are_the_schools_data(cli, registry_db, tmp_path):
    approve_act(registry_db, "vsoko-regulation", order="45-од", date="01.09.2026")
    add_step(registry_db, "vsoko-regulation", "published", dt.date(2026, 9, 16), "2026-09-01 45-од")
    assert [x["id"] for x in coverage(cli, registry_db)["late"]] == ["vsoko-regulation"]
    mine = tmp_path / "мои шаблоны" / "registry"
    mine.mkdir(parents=True)
    (mine / "publication.yaml").write_text("working_days: 10\nholidays: [04.09.2026]\n", encoding="utf-8")
    data = coverage(cli, registry_db, "--templates", mine.parent)
    assert data["late"] == []  # one holiday moves the deadline to 16.09.2026
    (mine / "publication.yaml").write_text("working_days: 0\n", encoding="utf-8")
    bad = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", TODAY, "--templates", mine.parent)
    assert bad.exit_code == 2 and "publication.yaml" in bad.stderr and "working_days" in bad.stderr


# -- the discussion share from the steps ------------------------------------------------------------

def test_projects_posted_for_discussion_come_from_the_discussion_steps(cli, registry_db):
    for act in ("vsoko-regulation", "self-evaluation"):
        assert cli("acts", "set", act, "в разработке", "--org", PROFILE, "--db", registry_db, "--today", TODAY).exit_code == 0
    assert coverage(cli, registry_db)["discussion"] == {"drafted": 2, "discussed": 0, "share": "0.0"}
    add_step(registry_db, "self-evaluation", "discussion", dt.date(2026, 9, 20), None, "официальный сайт, раздел «Проекты»")
    add_step(registry_db, "internal-control", "discussion", dt.date(2026, 9, 21), None)  # a project not yet in the registry
    assert coverage(cli, registry_db)["discussion"] == {"drafted": 3, "discussed": 2, "share": "66.7"}


# -- the справка ----------------------------------------------------------------------------------------

def test_the_report_shows_the_shares_the_eight_indicators_their_dynamics_and_the_flags(cli, registry_db, tmp_path):
    approve_act(registry_db, "vsoko-regulation", order="45-од", date="01.09.2025")
    # that approval happened a year ago: the registry remembers it by its history's dates
    with sqlite3.connect(registry_db) as conn:
        conn.execute("update act_history set changed_at = '2025-09-01 10:00:00'")
    approve_act(registry_db, "self-evaluation", order="46-од", date="01.09.2026")
    add_step(registry_db, "vsoko-regulation", "published", dt.date(2025, 9, 5), "2025-09-01 45-од")
    assert cli("acts", "set", "individual-project", "не применяется", "--note", REASON, "--org", PROFILE,
               "--db", registry_db, "--today", TODAY).exit_code == 0
    counts = {"2025/2026": {"procedures-developed": 3, "materials-published": 5, "public-events": 4,
                            "trained-quality": 1, "trained-total": 4},
              "2026/2027": {"procedures-developed": 5, "materials-published": 5, "public-events": 2,
                            "trained-quality": 3, "trained-total": 4}}
    for period, values in counts.items():
        for key, value in values.items():
            result = cli("indicators", "set", "--org", PROFILE, "--db", registry_db, "--period", period, key, value)
            assert result.exit_code == 0, result.output

    path, text, tables = report_text(cli, registry_db, tmp_path)
    assert_office_checker_clean(path)
    assert any(f"утверждены и действуют 2{NBSP}из{NBSP}7 обязательных" in t for t in text)
    assert f"Обязательные акты в действующей редакции размещены на официальном сайте: 1{NBSP}из{NBSP}7 (14,3{NBSP}%)." in text
    # no signature recorded yet: the share of the required acts in force is 0 of the readers they need
    acquainted = next(t for t in text if t.startswith("Работники ознакомлены с действующими обязательными актами"))
    assert acquainted.endswith(f"необходимых подписей (0{NBSP}%).") and f"0{NBSP}из{NBSP}" in acquainted
    # «не применяется» with its reason
    i = text.index("Не применяются в организации и не входят в расчёт долей:")
    assert text[i + 1] == f"1. Положение об индивидуальном проекте обучающихся. Причина: {REASON}."
    # the late one: self-evaluation approved 01.09.2026, no mark of its publication by 01.10.2026
    late = next(t for t in text if t.startswith("Нарушен срок размещения актов на официальном сайте"))
    assert f"10{NBSP}дней" in late or "10 дней" in late
    assert any(t.startswith("1. Положение о порядке проведения самообследования (приказ от 01.09.2026")
               and t.endswith("нет отметки о размещении, срок истёк 15.09.2026.") for t in text)
    assert not any("Положение о внутренней системе оценки качества образования (ВСОКО) (приказ" in t for t in text)
    assert any(f"Разместить на официальном сайте акт: Положение о порядке проведения самообследования, "
               f"срок{NBSP}— до 15.10.2026" in t for t in text)  # ten working days from the справка's date
    # the eight indicators, last year against this
    table = tables[1]
    head = [c.text for c in table.rows[0].cells]
    assert head == ["№", "Показатель", "Ед.", "2025/2026", "2026/2027", "Изменение", "Динамика"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert list(rows) == [str(n) for n in range(1, 9)]
    assert rows["1"][1].startswith("Доля разработанных в соответствии с требованиями локальных нормативных актов")
    assert rows["1"][3:] == [f"12,5{NBSP}% (1{NBSP}из{NBSP}8)", f"28,6{NBSP}% (2{NBSP}из{NBSP}7)",
                             f"+16,1{NBSP}п.{NBSP}п.", "рост"]
    assert rows["2"][1].startswith("Доля мероприятий (процедур) ВСОКО, обеспеченных")
    assert rows["2"][3:] == ["нет данных", f"75{NBSP}% (6{NBSP}из{NBSP}8)", "—", "нет данных"]  # the profile has no past
    assert rows["3"][1].startswith("Доля проектов локальных нормативных актов")
    # a year ago one project (drafted by then), now two; neither posted for discussion
    assert rows["3"][3:] == [f"0{NBSP}% (0{NBSP}из{NBSP}1)", f"0{NBSP}% (0{NBSP}из{NBSP}2)", f"0{NBSP}п.{NBSP}п.",
                             "без изменений"]
    assert rows["4"][1].startswith("Доля педагогических работников, включённых в разработку процедур ВСОКО")
    assert rows["5"][2:] == ["ед.", "3", "5", "+2", "рост"]
    assert rows["6"][2:] == ["ед.", "5", "5", "0", "без изменений"]
    assert rows["7"][2:] == ["ед.", "4", "2", "\u22122", "снижение"]
    assert rows["7"][1].startswith("Количество мероприятий с родителями и обучающимися")
    assert rows["8"][1].startswith("Доля педагогических и руководящих работников, прошедших повышение квалификации")
    assert rows["8"][3:] == [f"25{NBSP}% (1{NBSP}из{NBSP}4)", f"75{NBSP}% (3{NBSP}из{NBSP}4)",
                             f"+50{NBSP}п.{NBSP}п.", "рост"]
    assert any("за 2026/2027 учебный год в сравнении с 2025/2026 учебным годом" in t for t in text)
    assert f"Рисунок 2{NBSP}— Динамика индикативных показателей (номера{NBSP}— по таблице 2)" in text \
        or any(t.startswith("Рисунок 2") for t in text)
    import docx

    assert len(docx.Document(str(path)).inline_shapes) == 2  # the statuses and the dynamics
    data = coverage(cli, registry_db)
    assert [r["dynamics"] for r in data["indicators"]] == [
        "рост", "нет данных", "без изменений", "нет данных", "рост", "без изменений", "снижение", "рост"]
    assert data["period"] == "2026/2027"


def test_federal_holidays_recur_every_year(cli, registry_db, tmp_path):
    """ст. 112 ТК РФ: 23.02.2024 (a Friday) is no working day, so an act approved on 15.02.2024 is
    due on 01.03.2024, not 29.02.2024 — the default rules hold the yearly holidays as data."""
    from docgen.registry.publication import load_rules

    rules = load_rules()
    assert rules.deadline(dt.date(2024, 2, 15)) == dt.date(2024, 3, 1)
    assert rules.deadline(dt.date(2026, 12, 30)) == dt.date(2027, 1, 21)  # 1–8 January off
    mine = tmp_path / "мои" / "registry"
    mine.mkdir(parents=True)
    (mine / "publication.yaml").write_text("yearly_holidays: ['31.02']\n", encoding="utf-8")
    bad = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", TODAY, "--templates", mine.parent)
    assert bad.exit_code == 2 and "yearly_holidays" in bad.stderr and "«31.02»" in bad.stderr
