"""The «Показатели» page and the shares on a school's home page, over HTTP on both engines: a year's
counts saved all or nothing with `docgen indicators set`'s checks, the eight indicators this year
against last, a methodologist reading without a form (403 on a save), another school's id 404, a
post without the CSRF token refused; the home page's shares, late publications, «не применяется»."""
from __future__ import annotations

import datetime as dt
import re

from helpers import invoke
from test_store_engines import db  # noqa: F401 — db is a fixture
from test_web_app import add_user, logged_in, org_id, schools, status_of, token  # noqa: F401 — schools is a fixture


def periods() -> tuple[str, str]:
    """This academic year and last, as the site (which has no --today) counts them."""
    from docgen.registry.indicators import academic_year, previous

    now = academic_year(dt.date.today())
    return now, previous(now)


def recorded(db, org: int) -> dict[tuple[str, str], int]:
    return {(p, i): v for p, i, v in db.rows("SELECT period, indicator, value FROM indicator_values WHERE org_id = :o",
                                             o=org)}


def indicator_rows(html: str) -> dict[str, str]:
    return dict(re.findall(r'<tr id="indicator-([a-z-]+)">(.*?)</tr>', html, re.S))


def test_a_school_records_both_years_and_sees_the_dynamics(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    one = org_id(db, schools["one"])
    now, last = periods()
    page = browser.get(f"/org/{one}/indicators")
    assert page.status_code == 200
    rows = indicator_rows(page.text)
    assert len(rows) == 8 and "нет данных" in rows["public-events"]
    assert f'name="period" value="{now}"' in page.text and f'name="period" value="{last}"' in page.text
    csrf = token(page.text)
    saved = browser.post(f"/org/{one}/indicators", data={
        "csrf_token": csrf, "period": last, "value-public-events": "4", "value-procedures-developed": "2",
        "value-trained-quality": "1", "value-trained-total": "4", "value-materials-published": ""})
    assert saved.status_code == 303 and saved.headers["location"] == f"/org/{one}/indicators?saved={last}"
    saved = browser.post(f"/org/{one}/indicators", data={
        "csrf_token": csrf, "period": now, "value-public-events": "3", "value-procedures-developed": "2",
        "value-trained-quality": "3", "value-trained-total": "4"})
    assert saved.status_code == 303
    assert recorded(db, one) == {(last, "public-events"): 4, (last, "procedures-developed"): 2,
                                 (last, "trained-quality"): 1, (last, "trained-total"): 4,
                                 (now, "public-events"): 3, (now, "procedures-developed"): 2,
                                 (now, "trained-quality"): 3, (now, "trained-total"): 4}
    page = browser.get(saved.headers["location"])
    assert f"Значения за {now} учебный год сохранены." in page.text
    rows = indicator_rows(page.text)
    assert "снижение" in rows["public-events"] and "\u22121" in rows["public-events"]
    assert "без изменений" in rows["procedures-developed"]
    assert "рост" in rows["trained-share"] and "+50\u00a0п.\u00a0п." in rows["trained-share"]
    assert "нет данных" in rows["materials-published"]
    assert 'value="3"' in page.text  # the form shows what is recorded
    # the same numbers as the command line reads
    listed = invoke("indicators", "list", "--org", schools["one"])
    assert listed.exit_code == 0 and re.search(r"public-events\s.*\b4\b.*\b3\b", listed.stdout.replace("│", " "))


def test_a_bad_form_saves_nothing_and_says_why_in_russian(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    one = org_id(db, schools["one"])
    now, _ = periods()
    csrf = token(browser.get(f"/org/{one}/indicators").text)
    before = db.snapshot()["indicator_values"]
    for data, message in (
            ({"period": now, "value-public-events": "3", "value-materials-published": "пять"},
             "ожидается целое неотрицательное число"),
            ({"period": now, "value-public-events": "-1"}, "ожидается целое неотрицательное число"),
            ({"period": "2025/2027", "value-public-events": "3"}, "годы учебного года должны идти подряд"),
            ({"period": now, "value-trained-quality": "5", "value-trained-total": "4"}, "больше, чем"),
            ({"period": now, "value-no-such-count": "5"}, "нет среди вводимых за учебный год")):
        answer = browser.post(f"/org/{one}/indicators", data={"csrf_token": csrf, **data})
        assert answer.status_code == 400, data
        assert message in answer.text.replace("&#34;", '"').replace("&#39;", "'"), (data, answer.text[:2000])
        assert "не сохранены" in answer.text
    assert db.snapshot()["indicator_values"] == before == []
    refused = browser.post(f"/org/{one}/indicators", data={"period": now, "value-public-events": "3"})
    assert refused.status_code == 403 and "Форма устарела" in refused.text  # no CSRF token
    assert db.snapshot()["indicator_values"] == []


def test_a_methodologist_reads_the_indicators_and_cannot_save_them(db, schools, tmp_path):
    add_user(tmp_path, "method", "methodologist")
    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "method")
    one = org_id(db, schools["one"])
    now, _ = periods()
    page = browser.get(f"/org/{one}/indicators")
    assert page.status_code == 200 and len(indicator_rows(page.text)) == 8
    assert 'name="period"' not in page.text  # no form to save with
    answer = browser.post(f"/org/{one}/indicators", data={"csrf_token": token(browser.get("/").text), "period": now,
                                                          "value-public-events": "3"})
    assert answer.status_code == 403
    other = logged_in(db, "school2")
    assert other.get(f"/org/{one}/indicators").status_code == 404
    assert db.snapshot()["indicator_values"] == []


def test_the_home_page_shows_the_shares_late_publications_and_acts_not_applied(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    result = invoke("acts", "set", "individual-project", "не применяется", "--note", "нет 10–11 классов в этом году",
                    "--org", schools["one"])
    assert result.exit_code == 0, result.output
    browser = logged_in(db, "school1")
    one = org_id(db, schools["one"])
    home = browser.get("/")
    assert home.status_code == 200
    text = home.text.replace("&#34;", '"')
    adopted = re.search(r'<li id="share-adopted">(.*?)</li>', text, re.S).group(1)
    published = re.search(r'<li id="share-published">(.*?)</li>', text, re.S).group(1)
    # the sample's four approved required acts of seven (individual-project left the denominator)
    assert "4 из 7" in adopted and "57,1" in adopted
    assert "0 из 7" in published  # no act has a «published» step yet
    acquainted = re.search(r'<li id="share-acquainted">(.*?)</li>', text, re.S).group(1)
    assert "0 %" in acquainted.replace("\xa0", " ") and "подписей" in acquainted  # nobody has signed yet
    late = re.search(r'<section class="card" id="late">(.*?)</section>', text, re.S).group(1)
    assert "Положение о педагогическом совете" in late and "нет отметки о размещении на сайте" in late
    excluded = re.search(r'<section class="card" id="excluded">(.*?)</section>', text, re.S).group(1)
    assert "Положение об индивидуальном проекте обучающихся" in excluded and "нет 10–11 классов в этом году" in excluded
    assert f'href="/org/{one}/indicators"' in text
    # the status form takes the reason: without one «не применяется» is refused, the act unchanged
    before = db.snapshot()["act_history"]
    form = browser.post(f"/org/{one}/acts/internal-control",
                        data={"csrf_token": token(home.text), "status": "not_applicable"})
    assert form.status_code == 400 and "нужна причина" in form.text
    assert db.snapshot()["act_history"] == before and status_of(db, schools["one"], "internal-control") != "not_applicable"
    with_reason = browser.post(f"/org/{one}/acts/internal-control",
                               data={"csrf_token": token(home.text), "status": "not_applicable",
                                     "note": "контроль ведётся по положению о ВСОКО"})
    assert with_reason.status_code == 303 and status_of(db, schools["one"], "internal-control") == "not_applicable"
