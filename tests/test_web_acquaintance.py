"""An act's acquaintance in the browser, over HTTP on both engines: the readers with signed / not
signed, signatures recorded with checkboxes and a date or by the filled .xlsx sheet, the sheet's
downloads, the package share on the registry page — and the same refusals as the CLI, CSRF, another
school's id (404) and a methodologist's POST (403), each leaving the database unchanged."""
from __future__ import annotations

import io
import re

import docx
import pytest

from test_store_engines import db  # noqa: F401 — db is a fixture
from test_web_app import add_user, logged_in, org_id, schools, token  # noqa: F401 — schools is a fixture

ACT = "working-group-regulation"  # approved in the sample's registry by order 111-од of 01.09.2026
READERS = 9  # the sample's staff: teachers and deputies, all of them readers of a ВСОКО act


def changed_tables(db) -> dict:
    return {k: v for k, v in db.snapshot().items() if k not in ("web_sessions", "login_attempts")}


def signatures(db, act: str = ACT) -> list[tuple]:
    return db.rows("SELECT person, signed_on FROM act_acquaintance WHERE act_id = :a ORDER BY person", a=act)


def reader_rows(html: str) -> list[str]:
    return re.findall(r'<tr id="reader-\d+" class="(?:signed|unsigned)">(.*?)</tr>', html, re.S)


@pytest.fixture
def school_user(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    return logged_in(db, "school1")


def test_the_page_lists_the_readers_and_a_form_records_the_ticked_ones(db, schools, school_user):
    one = org_id(db, schools["one"])
    url = f"/org/{one}/acts/{ACT}/acquaintance"
    registry = school_user.get(f"/org/{one}")
    # the share counts the required acts in force (as the other shares do); each has READERS readers
    needed = int(re.search(r'id="share-acquainted">.*?\(0 из (\d+) подписей\)', registry.text).group(1))
    assert needed and needed % READERS == 0
    assert f'href="{url}"' in registry.text
    page = school_user.get(url)
    assert page.status_code == 200
    rows = reader_rows(page.text)
    assert len(rows) == READERS and all("не ознакомлен" in r for r in rows)
    assert 'value="belykh"' in page.text and f"0 из {READERS}" in page.text
    assert "утверждён приказом от 01.09.2026 № 111-од" in page.text
    assert f'href="{url}.docx"' in page.text and f'href="{url}.xlsx"' in page.text

    done = school_user.post(url, data={"person": ["belykh", "Ткач Наталья Петровна"], "signed_on": "2026-09-02",
                                       "csrf_token": token(page.text)})
    assert done.status_code == 303 and done.headers["location"] == url
    assert [(p, str(d)) for p, d in signatures(db)] == [("belykh", "2026-09-02"), ("tkach", "2026-09-02")]
    page = school_user.get(url)
    signed = [r for r in reader_rows(page.text) if "02.09.2026" in r]
    assert len(signed) == 2 and "Белых Ирина Сергеевна" in signed[0] + signed[1]
    assert 'value="belykh"' not in page.text  # a signed reader has no checkbox
    assert f"2 из {READERS}" in page.text
    # the act is a recommended one: the share of the required acts does not move
    assert f"(0 из {needed} подписей)" in school_user.get(f"/org/{one}").text


@pytest.mark.parametrize(("form", "message"), [
    ({"person": ["belykh"], "signed_on": "2026-08-31"}, "дата ознакомления 31.08.2026 раньше приказа об утверждении акта"),
    ({"person": ["belykh"], "signed_on": "2099-01-01"}, "ещё не наступила"),
    ({"person": ["belykh"], "signed_on": ""}, "укажите дату"),
    ({"signed_on": "2026-09-02"}, "ни один сотрудник не выбран"),
    ({"person": ["belykh", "ivanov"], "signed_on": "2026-09-02"}, "«ivanov» нет в штатном списке"),
])
def test_a_bad_form_records_nothing(db, schools, school_user, form, message):
    one = org_id(db, schools["one"])
    url = f"/org/{one}/acts/{ACT}/acquaintance"
    page = school_user.get(url)
    before = changed_tables(db)
    answer = school_user.post(url, data={**form, "csrf_token": token(page.text)})
    assert answer.status_code == 400 and message in answer.text.replace("&#34;", '"')
    assert "Ничего не записано" in answer.text
    assert changed_tables(db) == before


def test_the_sheet_downloads_and_comes_back_filled(db, schools, school_user):
    from openpyxl import load_workbook

    one = org_id(db, schools["one"])
    url = f"/org/{one}/acts/{ACT}/acquaintance"
    sheet = school_user.get(url + ".docx")
    assert sheet.status_code == 200 and "filename*=UTF-8''" in sheet.headers["content-disposition"]
    document = docx.Document(io.BytesIO(sheet.content))
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert rows[0] == ["№ п/п", "Фамилия, имя, отчество", "Должность", "Дата", "Подпись"] and len(rows) == READERS + 1
    assert any("с Положением о рабочей группе по совершенствованию ВСОКО" in p.text for p in document.paragraphs)

    xlsx = school_user.get(url + ".xlsx")
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    ws = wb.active
    ids = {ws.cell(r, 4).value: r for r in range(7, ws.max_row + 1)}
    ws.cell(ids["mamedov"], 5).value = "03.09.2026"
    ws.cell(ids["sokolov"], 5).value = "04.09.2026"
    filled = io.BytesIO()
    wb.save(filled)
    page = school_user.get(url)
    files = {"file": ("лист.xlsx", filled.getvalue(),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}
    answer = school_user.post(url + "/upload", data={"csrf_token": token(page.text)}, files=files)
    assert answer.status_code == 200 and "Записано подписей: 2" in answer.text
    assert [(p, str(d)) for p, d in signatures(db)] == [("mamedov", "2026-09-03"), ("sokolov", "2026-09-04")]

    # the same sheet for another act: refused, nothing written
    other = f"/org/{one}/acts/disputes-commission/acquaintance"
    before = changed_tables(db)
    wrong = school_user.post(other + "/upload", data={"csrf_token": token(page.text)}, files=files)
    assert wrong.status_code == 400
    assert "лист.xlsx: это лист ознакомления с другим актом: «working-group-regulation»" in wrong.text.replace("&#34;", '"')
    assert changed_tables(db) == before


def test_an_act_not_approved_shows_why_and_has_no_sheet(db, schools, school_user):
    one = org_id(db, schools["one"])
    page = school_user.get(f"/org/{one}/acts/internal-control/acquaintance")
    assert page.status_code == 200 and "не утверждён" in page.text and "reader-1" not in page.text
    assert school_user.get(f"/org/{one}/acts/internal-control/acquaintance.docx").status_code == 404
    assert school_user.get(f"/org/{one}/acts/no-such-act/acquaintance").status_code == 404


def test_other_schools_csrf_and_methodologists(db, schools, school_user, tmp_path):
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    url = f"/org/{one}/acts/{ACT}/acquaintance"
    page = school_user.get(url)
    form = {"person": ["belykh"], "signed_on": "2026-09-02"}
    assert school_user.post(url, data=form).status_code == 403  # no CSRF token
    assert school_user.post(url, data={**form, "csrf_token": "подделка"}).status_code == 403

    add_user(tmp_path, "school2", "school", schools["two"])
    stranger = logged_in(db, "school2")
    own = stranger.get(f"/org/{two}")
    for path in (url, url + ".docx", url + ".xlsx"):
        assert stranger.get(path).status_code == 404, path
    assert stranger.post(url, data={**form, "csrf_token": token(own.text)}).status_code == 404

    add_user(tmp_path, "method", "methodologist")
    reader = logged_in(db, "method")
    shown = reader.get(url)
    assert shown.status_code == 200 and "Белых Ирина Сергеевна" in shown.text
    assert 'name="person"' not in shown.text and "/upload" not in shown.text
    assert reader.get(url + ".xlsx").status_code == 200
    assert reader.post(url, data={**form, "csrf_token": token(shown.text)}).status_code == 403
    assert db.rows("SELECT count(*) FROM act_acquaintance") == [(0,)]
    assert school_user.post(url, data={**form, "csrf_token": token(page.text)}).status_code == 303  # the owner may
    assert db.rows("SELECT count(*) FROM act_acquaintance") == [(1,)]
