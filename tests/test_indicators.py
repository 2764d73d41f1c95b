"""`docgen indicators set|list`: the counts of seed 000's indicators per academic year, end to end
through the CLI; bad input refused in Russian with exit 2 and nothing written; the indicators file
is data a school or district replaces along the template search path."""
from __future__ import annotations

import sqlite3

import pytest

from helpers import TAYANDY_PROFILE as PROFILE, data_dir

pytestmark = pytest.mark.usefixtures("in_test_folder")


def values(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select period, indicator, value, who from indicator_values order by 1, 2").fetchall()


def set_(cli, db, period, key, value, *extra):
    return cli("indicators", "set", "--org", PROFILE, "--db", db, "--period", period, key, value, *extra)


def test_set_records_a_count_per_year_and_a_new_value_replaces_the_old(cli, registry_db):
    done = set_(cli, registry_db, "2025/2026", "public-events", "4", "--who", "Бондаренко О.Н.")
    assert done.exit_code == 0, done.output
    assert "Мероприятия с родителями и обучающимися" in done.stdout and "2025/2026 учебный год: 4 ед." in done.stdout
    assert set_(cli, registry_db, " 2026 / 2027 ", "public-events", "6").exit_code == 0
    again = set_(cli, registry_db, "2025/2026", "public-events", "5", "--who", "Бондаренко О.Н.")
    assert again.exit_code == 0 and "(было 4)" in again.stdout
    rows = values(registry_db)
    assert [r[:3] for r in rows] == [("2025/2026", "public-events", 5), ("2026/2027", "public-events", 6)]
    assert rows[0][3] == "Бондаренко О.Н."
    listed = cli("indicators", "list", "--org", PROFILE, "--db", registry_db, "--today", "01.10.2026")
    assert listed.exit_code == 0, listed.output
    line = next(x for x in listed.stdout.splitlines() if "public-events" in x)
    assert line.replace("│", " ").split()[-2:] == ["5", "6"]
    assert "procedures-developed" in listed.stdout and "trained-quality" in listed.stdout
    assert "docgen indicators set --org ПРОФИЛЬ --period 2026/2027" in listed.stdout


@pytest.mark.parametrize("args, message", [
    (("2025-2026", "public-events", "3"), "ожидается учебный год в виде «2025/2026»"),
    (("2025/2027", "public-events", "3"), "годы учебного года должны идти подряд, например «2025/2026»"),
    (("2026/2025", "public-events", "3"), "годы учебного года должны идти подряд"),
    (("1025/1026", "public-events", "3"), "вне допустимого диапазона"),
    (("2025/2026", "public-events", "три"), "ожидается целое неотрицательное число"),
    (("2025/2026", "public-events", "2.5"), "ожидается целое неотрицательное число"),
    (("2025/2026", "public-events", "99999999"), "слишком большое"),
    (("2025/2026", "events", "3"), "показателя «events» нет среди вводимых за учебный год; известные коды: "),
])
def test_bad_input_is_refused_in_russian_and_creates_nothing(cli, registry_db, args, message):
    result = set_(cli, registry_db, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not registry_db.exists()  # checked before the store is opened


def test_a_share_s_done_may_not_exceed_its_total_and_the_store_stays_as_it_was(cli, registry_db):
    assert set_(cli, registry_db, "2025/2026", "trained-total", "4").exit_code == 0
    before = values(registry_db)
    refused = set_(cli, registry_db, "2025/2026", "trained-quality", "5")
    assert refused.exit_code == 2
    assert "больше, чем «Педагогические и руководящие работники, прошедшие повышение квалификации» (4)" in refused.stderr
    assert values(registry_db) == before
    lowered = set_(cli, registry_db, "2025/2026", "trained-total", "3")
    assert lowered.exit_code == 0
    assert set_(cli, registry_db, "2025/2026", "trained-quality", "3").exit_code == 0
    refused = set_(cli, registry_db, "2025/2026", "trained-total", "2")
    assert refused.exit_code == 2 and "(3) больше, чем" in refused.stderr


def test_the_indicators_file_is_replaced_along_the_template_search_path(cli, registry_db, tmp_path):
    text = (data_dir("templates") / "registry" / "indicators.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "районные шаблоны" / "registry"
    mine.mkdir(parents=True)
    (mine / "indicators.yaml").write_text(text.replace(
        "  - id: public-events\n    title: Мероприятия с родителями и обучающимися",
        "  - id: public-events\n    title: Родительские собрания и дни открытых дверей по итогам ВСОКО"),
        encoding="utf-8")
    done = set_(cli, registry_db, "2025/2026", "public-events", "2", "--templates", mine.parent)
    assert done.exit_code == 0 and "Родительские собрания и дни открытых дверей" in done.stdout
    listed = cli("indicators", "list", "--org", PROFILE, "--db", registry_db, "--templates", mine.parent)
    assert "Родительские собрания" in listed.stdout
    (mine / "indicators.yaml").write_text(text.replace("    count: public-events", "    count: no-such-count"),
                                          encoding="utf-8")
    broken = set_(cli, registry_db, "2025/2026", "public-events", "2", "--templates", mine.parent)
    assert broken.exit_code == 2
    assert "indicators.yaml" in broken.stderr and "ссылается на количество «no-such-count»" in broken.stderr
    assert [r[:3] for r in values(registry_db)] == [("2025/2026", "public-events", 2)]


def test_coverage_json_carries_the_counts_as_dynamics(cli, registry_db):
    import json

    for period, value in (("2025/2026", "2"), ("2026/2027", "5")):
        assert set_(cli, registry_db, period, "materials-published", value).exit_code == 0
    data = json.loads(cli("coverage", "--org", PROFILE, "--db", registry_db, "--format", "json",
                          "--today", "01.10.2026").stdout)
    row = next(r for r in data["indicators"] if r["id"] == "materials-published")
    assert row == {"id": "materials-published", "unit": "ед.", "now": {"value": 5}, "before": {"value": 2},
                   "change": "3", "dynamics": "рост", "title": row["title"]}
    assert row["title"].startswith("Количество материалов по результатам мероприятий ВСОКО")
    assert len(data["indicators"]) == 8


def test_import_records_several_years_from_a_file_all_or_nothing(cli, registry_db, tmp_path):
    sample = data_dir("samples") / "tayandinskaya" / "indicators.yaml"
    done = cli("indicators", "import", sample, "--org", PROFILE, "--db", registry_db)
    assert done.exit_code == 0, done.output
    assert "2025/2026 учебный год: записано значений 9" in done.stdout
    assert "2026/2027 учебный год: записано значений 5" in done.stdout
    rows = values(registry_db)
    assert ("2025/2026", "materials-published", 7, rows[0][3]) in rows and len(rows) == 14
    # a second year's bad value: the first year's good values are not written either
    bad = tmp_path / "bad.yaml"
    bad.write_text("2027/2028:\n  public-events: 8\n2028/2029:\n  public-events: много\n", encoding="utf-8")
    refused = cli("indicators", "import", bad, "--org", PROFILE, "--db", registry_db)
    assert refused.exit_code == 2
    assert "bad.yaml" in refused.stderr and "ожидается целое неотрицательное число" in refused.stderr
    assert len(values(registry_db)) == 14
    # a done above its total across the file is refused by name
    over = tmp_path / "over.yaml"
    over.write_text("2027/2028:\n  trained-quality: 30\n  trained-total: 20\n", encoding="utf-8")
    refused = cli("indicators", "import", over, "--org", PROFILE, "--db", registry_db)
    assert refused.exit_code == 2 and "больше, чем" in refused.stderr and len(values(registry_db)) == 14
    shapeless = tmp_path / "shapeless.yaml"
    shapeless.write_text("2027/2028: 5\n", encoding="utf-8")
    refused = cli("indicators", "import", shapeless, "--org", PROFILE, "--db", registry_db)
    assert refused.exit_code == 2 and "ожидаются коды количеств и значения" in refused.stderr
