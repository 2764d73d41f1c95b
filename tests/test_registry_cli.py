"""`docgen acts …` and `docgen coverage` end to end, through the CLI, on a fresh store."""
from __future__ import annotations

import json
import sqlite3

import pytest

from helpers import NBSP, TAYANDY_PROFILE as PROFILE, approve_act, help_and_imports, registry_rows

# Every test here works in its own folder: a command given no --db keeps its store there.
pytestmark = pytest.mark.usefixtures("in_test_folder")


@pytest.fixture
def primary_profile(tmp_path):
    """A primary-only school: the СОО/ООО-only acts leave its denominator."""
    text = PROFILE.read_text(encoding="utf-8").replace("levels: [НОО, ООО, СОО]", "levels: [НОО]")
    assert "levels: [НОО]" in text
    path = tmp_path / "primary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def coverage(cli, registry_db, profile=PROFILE, *extra, today="01.10.2026"):
    result = cli("coverage", "--org", profile, "--db", registry_db, "--format", "json", "--today", today, *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_approval_moves_the_share_by_one_over_n(cli, registry_db):
    data = coverage(cli, registry_db)
    assert (data["required"], data["approved"], data["share"]) == (8, 0, "0.0")
    assert len(data["missing"]) == 8
    assert {"id", "title", "status"} <= set(data["missing"][0])
    approve_act(registry_db, "vsoko-regulation")
    data = coverage(cli, registry_db)
    assert (data["required"], data["approved"], data["share"]) == (8, 1, "12.5")
    approve_act(registry_db, "disputes-commission", order="46-од")
    data = coverage(cli, registry_db)
    assert (data["required"], data["approved"], data["share"]) == (8, 2, "25.0")
    assert [m["id"] for m in data["missing"]] == [
        "assessment-and-attestation", "individual-records", "self-evaluation", "pedagogical-council",
        "individual-project", "development-programme"]
    assert data["by_level"]["law"] == {"required": 3, "approved": 1, "share": "33.3"}
    assert data["by_level"]["customary"] == {"required": 5, "approved": 1, "share": "20.0"}
    assert data["by_class"]["conceptual"] == {"required": 1, "approved": 1, "share": "100.0"}
    assert data["by_class"]["managerial"] == {"required": 3, "approved": 1, "share": "33.3"}
    assert data["recommended"]["applicable"] == 8 and data["recommended"]["approved"] == 0
    table = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", "01.10.2026")
    assert table.exit_code == 0
    assert f"2 из 8 обязательных актов — 25{NBSP}%" in table.stdout
    assert f"33,3{NBSP}%" in table.stdout


def test_recommended_acts_stay_out_of_the_denominator(cli, registry_db):
    approve_act(registry_db, "electronic-journal")
    data = coverage(cli, registry_db)
    assert (data["required"], data["approved"], data["share"]) == (8, 0, "0.0")
    assert data["recommended"] == {"applicable": 8, "approved": 1, "share": "12.5", "missing": data["recommended"]["missing"]}


def test_acts_outside_the_school_levels_leave_the_denominator(cli, registry_db, primary_profile):
    approve_act(registry_db, "vsoko-regulation", profile=primary_profile)
    approve_act(registry_db, "self-evaluation", profile=primary_profile)
    data = coverage(cli, registry_db, primary_profile)
    assert (data["required"], data["approved"], data["share"]) == (7, 2, "28.6")
    assert data["not_applicable"] == ["individual-project"]
    refused = cli("acts", "set", "individual-project", "drafting", "--org", primary_profile, "--db", registry_db)
    assert refused.exit_code == 2
    assert "относится к уровням ООО, СОО" in refused.stderr


def test_list_filters_by_status_and_shows_the_order(cli, registry_db):
    approve_act(registry_db, "vsoko-regulation")
    cli("acts", "set", "self-evaluation", "drafting", "--org", PROFILE, "--db", registry_db, "--responsible", "Бондаренко О.Н.")
    listed = cli("acts", "list", "--org", PROFILE, "--db", registry_db, "--status", "утверждён", "--today", "01.10.2026")
    assert listed.exit_code == 0, listed.output
    assert "vsoko-regulation" in listed.stdout and "№ 45-од от 01.09.2026" in listed.stdout
    assert "self-evaluation" not in listed.stdout
    drafts = cli("acts", "list", "--org", PROFILE, "--db", registry_db, "--status", "drafting")
    assert "self-evaluation" in drafts.stdout and "Бондаренко О.Н." in drafts.stdout
    assert "vsoko-regulation" not in drafts.stdout


def test_history_shows_every_change(cli, registry_db):
    profile = PROFILE
    steps = [
        ("drafting", "--responsible", "Бондаренко О.Н."),
        ("на обсуждении", "--published-at", "https://tayandy-school.example/vsoko", "--note", "проект на сайте"),
        ("adopted", "--note", "учтено мнение СР"),
        ("approved", "--order", "45-од", "--date", "01.09.2026"),
    ]
    for status, *options in steps:
        result = cli("acts", "set", "vsoko-regulation", status, *options, "--org", profile, "--db", registry_db,
                     "--who", "Ермакова С.В.", "--today", "01.10.2026")
        assert result.exit_code == 0, result.output
    history = cli("acts", "history", "vsoko-regulation", "--org", profile, "--db", registry_db)
    assert history.exit_code == 0
    out = history.stdout
    for text in ("не разработан → в разработке (проект)", "в разработке (проект) → на обсуждении",
                 "на обсуждении → принят", "принят → утверждён", "№ 45-од от 01.09.2026",
                 "https://tayandy-school.example/vsoko", "учтено мнение СР", "Ермакова С.В."):
        assert text in out
    rows = registry_rows(registry_db)[1]
    assert len(rows) == 4
    data = coverage(cli, registry_db)
    assert data["discussion"] == {"drafted": 1, "discussed": 1, "share": "100.0"}


def test_discussion_share_and_teachers(cli, registry_db):
    for act in ("vsoko-regulation", "self-evaluation"):
        cli("acts", "set", act, "drafting", "--org", PROFILE, "--db", registry_db)
    cli("acts", "set", "self-evaluation", "discussion", "--org", PROFILE, "--db", registry_db)
    data = coverage(cli, registry_db, PROFILE, "--teachers-involved", "12", "--teachers-total", "30")
    assert data["discussion"] == {"drafted": 2, "discussed": 1, "share": "50.0"}
    assert data["teachers"] == {"total": 30, "involved": 12, "share": "40.0"}
    bad = cli("coverage", "--org", PROFILE, "--db", registry_db, "--teachers-involved", "31", "--teachers-total", "30")
    assert bad.exit_code == 2 and "вовлечено" in bad.stderr
    half = cli("coverage", "--org", PROFILE, "--db", registry_db, "--teachers-involved", "3")
    assert half.exit_code == 2 and "оба параметра" in half.stderr


def test_procedures_backed_by_instruments_come_from_the_profile(cli, registry_db, tmp_path):
    # The sample lists 8 procedures; «мониторинг личностных результатов» and the parents' survey
    # have no instruments: 6 / 8 = 75 %.
    data = coverage(cli, registry_db)
    assert {k: data["procedures"][k] for k in ("backed", "total", "share")} == {"backed": 6, "total": 8, "share": "75.0"}
    assert data["procedures"]["without_instruments"] == [
        "мониторинг личностных результатов", "анкетирование родителей об удовлетворённости качеством образования"]
    table = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", "01.10.2026")
    assert "Процедуры ВСОКО, обеспеченные инструментарием" in table.stdout and f"75{NBSP}%" in table.stdout
    assert "Процедуры ВСОКО без инструментария: мониторинг личностных результатов;" in table.stdout
    # Counts given on the command line override the profile; 2 of 3 is 66,7 % (half-up).
    data = coverage(cli, registry_db, PROFILE, "--procedures-backed", "2", "--procedures-total", "3")
    assert data["procedures"] == {"backed": 2, "total": 3, "share": "66.7", "without_instruments": []}
    bad = cli("coverage", "--org", PROFILE, "--db", registry_db, "--procedures-backed", "4", "--procedures-total", "3")
    assert bad.exit_code == 2 and "--procedures-backed 4" in bad.stderr and "обеспечено" in bad.stderr
    # A profile without procedures shows no such indicator rather than a false 0 %.
    bare = tmp_path / "bare.yaml"
    text = PROFILE.read_text(encoding="utf-8")
    bare.write_text(text[:text.index("procedures:")] + text[text.index("director:"):], encoding="utf-8")
    assert coverage(cli, registry_db, bare)["procedures"] is None


def test_review_period_passed_makes_an_approved_act_stale(cli, registry_db):
    approve_act(registry_db, "vsoko-regulation", date="01.09.2020", today="01.09.2021")
    data = coverage(cli, registry_db, today="31.08.2025")
    assert data["approved"] == 1
    data = coverage(cli, registry_db, today="01.09.2025")
    assert (data["approved"], data["share"]) == (0, "0.0")
    stale = next(m for m in data["missing"] if m["id"] == "vsoko-regulation")
    assert stale["status"] == "needs_update" and "01.09.2025" in stale["reason"]
    listed = cli("acts", "list", "--org", PROFILE, "--db", registry_db, "--status", "требует актуализации", "--today", "01.09.2025")
    assert "vsoko-regulation" in listed.stdout
    # a stale act may be re-approved by a new order directly
    again = cli("acts", "set", "vsoko-regulation", "утверждён", "--order", "12-од", "--date", "01.09.2025",
                "--org", PROFILE, "--db", registry_db, "--today", "01.09.2025")
    assert again.exit_code == 0, again.output
    assert "«требует актуализации» → «утверждён»" in again.stdout
    assert coverage(cli, registry_db, today="01.09.2025")["approved"] == 1


BAD = [
    (["no-such-act", "drafting"], "акта с кодом «no-such-act» нет в каталоге"),
    (["vsoko-regulation", "готов"], "неизвестный статус «готов»"),
    (["vsoko-regulation", "утверждён", "--date", "01.09.2026"], "укажите --order (номер приказа)"),
    (["vsoko-regulation", "утверждён", "--order", "45-од"], "укажите --date (дата приказа)"),
    (["vsoko-regulation", "утверждён", "--order", "45-од", "--date", "31.02.2026"], "такой даты нет"),
    (["vsoko-regulation", "утверждён", "--order", "45-од", "--date", "1 сентября"], "параметр --date"),
    (["vsoko-regulation", "утверждён", "--order", "45-од", "--date", "01.12.2026"], "дата приказа ещё не наступила"),
    (["self-evaluation", "утверждён", "--order", "45-од", "--date", "01.09.2026"],
     "переход «не разработан» → «утверждён» невозможен; из статуса «не разработан» можно перейти в: "
     "«в разработке (проект)», «утратил силу»"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[
    "unknown-act", "unknown-status", "no-order", "no-date", "impossible-date", "malformed-date", "future-date",
    "refused-transition"])
def test_bad_input_is_refused_and_changes_nothing(cli, registry_db, args, message):
    cli("acts", "set", "vsoko-regulation", "drafting", "--org", PROFILE, "--db", registry_db, "--note", "начало")
    cli("acts", "set", "vsoko-regulation", "adopted", "--org", PROFILE, "--db", registry_db)
    before = registry_rows(registry_db)
    result = cli("acts", "set", *args, "--org", PROFILE, "--db", registry_db, "--today", "01.10.2026")
    assert result.exit_code == 2
    assert "Ошибка:" in result.stderr and message in result.stderr.replace("\n", " ")
    assert registry_rows(registry_db) == before


def test_corrupt_database_is_a_clear_error(cli, registry_db):
    registry_db.write_bytes(b"this is not a database" * 100)
    result = cli("acts", "list", "--org", PROFILE, "--db", registry_db)
    assert result.exit_code == 2
    assert "повреждён" in result.stderr
    assert registry_db.read_bytes() == b"this is not a database" * 100


def test_store_from_a_newer_docgen_is_refused(cli, registry_db):
    cli("acts", "list", "--org", PROFILE, "--db", registry_db)
    with sqlite3.connect(registry_db) as conn:
        conn.execute("update alembic_version set version_num = '0099'")  # a revision this docgen does not know
    result = cli("acts", "set", "vsoko-regulation", "drafting", "--org", PROFILE, "--db", registry_db)
    assert result.exit_code == 2 and "более новой версией docgen" in result.stderr


def test_db_location_default_env_and_url(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("acts", "set", "vsoko-regulation", "drafting", "--org", PROFILE).exit_code == 0
    default = tmp_path / "user-data" / "docgen" / "docgen.sqlite"  # the user's data folder, not the current one
    assert default.is_file() and not (tmp_path / "docgen.sqlite").exists()
    monkeypatch.setenv("DOCGEN_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert cli("acts", "set", "self-evaluation", "drafting", "--org", PROFILE).exit_code == 0
    assert len(registry_rows(tmp_path / "env.sqlite")[1]) == 1
    url = f"sqlite:///{tmp_path / 'url.sqlite'}"
    assert cli("acts", "set", "self-evaluation", "drafting", "--org", PROFILE, "--db", url).exit_code == 0
    assert len(registry_rows(tmp_path / "url.sqlite")[1]) == 1
    assert len(registry_rows(default)[1]) == 1


def test_bad_profile_is_reported_before_a_store_is_created(cli, tmp_path, registry_db):
    bad = tmp_path / "bad.yaml"
    bad.write_text("short_name: Школа\n", encoding="utf-8")
    result = cli("acts", "list", "--org", bad, "--db", registry_db)
    assert result.exit_code == 2 and str(bad) in result.stderr
    assert not registry_db.exists()


def test_help_does_not_import_sqlalchemy():
    help_text, heavy = help_and_imports("sqlalchemy", "pydantic", "yaml")
    assert heavy == []
    assert "acts" in help_text and "coverage" in help_text
