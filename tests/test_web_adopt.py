"""An act's way in the browser, over HTTP on both engines: a step recorded on the act's page moves
the registry as `docgen acts step` does; the «Утвердить (принять пакет)» page writes the acts and
their order, shows the journal's number and serves the files; a refused adoption writes nothing;
another school's user gets 404, a methodologist 403, a post without the form's token 403."""
from __future__ import annotations

import io
import re
from urllib.parse import unquote

import docx

from helpers import NBSP
from test_store_engines import db  # noqa: F401 — db is a fixture
from test_web_app import add_user, logged_in, org_id, schools, status_of, token  # noqa: F401 — schools is a fixture


def changed_tables(db) -> dict:
    return {k: v for k, v in db.snapshot().items() if k not in ("web_sessions", "login_attempts")}


def step(browser, org, act, **fields):
    page = browser.get(f"/org/{org}/acts/{act}")
    assert page.status_code == 200
    return browser.post(f"/org/{org}/acts/{act}/step", data={**fields, "csrf_token": token(page.text)})


def adopt(browser, org, acts, **fields):
    page = browser.get(f"/org/{org}/adopt")
    assert page.status_code == 200
    data = {"act": list(acts), **fields, "csrf_token": token(page.text)}
    return browser.post(f"/org/{org}/adopt", data=data)


def test_steps_then_adoption_in_the_browser(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    one = org_id(db, schools["one"])
    page = browser.get(f"/org/{one}/acts/vsoko-regulation")
    assert "Записать шаг" in page.text and f'href="/org/{one}/adopt?act=vsoko-regulation"' in page.text
    done = step(browser, one, "vsoko-regulation", kind="pedagogical_council", date="2026-11-20", number="3")
    assert done.status_code == 303, done.text
    assert status_of(db, schools["one"], "vsoko-regulation") == "adopted"
    for kind in ("students_council", "parents_council"):
        assert step(browser, one, "vsoko-regulation", kind=kind, date="2026-11-19", number="2").status_code == 303
    shown = browser.get(f"/org/{one}/acts/vsoko-regulation").text
    assert "принят педагогическим советом" in shown and "20.11.2026" in shown and "проект" in shown

    form = browser.get(f"/org/{one}/adopt?act=vsoko-regulation")
    assert re.search(r'value="vsoko-regulation" checked', form.text)
    answer = adopt(browser, one, ["vsoko-regulation"], order_date="2026-11-27")
    assert answer.status_code == 200, answer.text
    assert "№ 1-од" in answer.text and "27.11.2026" in answer.text
    links = re.findall(r'href="(/org/\d+/documents/file/[^"]+)"', answer.text)
    assert len(links) == 3  # the order, the act, the act's acquaintance sheet to sign
    names = [unquote(link.rsplit("/", 1)[1]) for link in links]
    assert names[0].startswith("Приказ об утверждении Положения о внутренней системе оценки качества")
    assert names[2].startswith("Лист ознакомления") and names[2].endswith(".docx")
    sheet = docx.Document(io.BytesIO(browser.get(links[2]).content))
    assert any("от 27.11.2026" in p.text for p in sheet.paragraphs)
    act_file = browser.get(links[1])
    assert act_file.status_code == 200
    cells = docx.Document(io.BytesIO(act_file.content)).tables[0].rows[0].cells
    assert f"(протокол от 20.11.2026 №{NBSP}3)" in cells[0].text and f"(протокол от 19.11.2026 №{NBSP}2)" in cells[0].text
    assert cells[-1].text.endswith(f"от 27.11.2026 №{NBSP}1\u2011од")
    assert browser.get(links[0]).status_code == 200
    assert status_of(db, schools["one"], "vsoko-regulation") == "approved"
    assert db.rows("SELECT number, status FROM order_journal WHERE org_id = :o", o=one) == [("1-од", "complete")]
    editions = db.rows("SELECT DISTINCT edition FROM act_steps WHERE org_id = :o AND act_id = 'vsoko-regulation'", o=one)
    assert editions == [("2026-11-27 1-од",)]


def test_a_refused_step_or_adoption_changes_nothing(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    one = org_id(db, schools["one"])
    before = changed_tables(db)
    no_number = step(browser, one, "vsoko-regulation", kind="pedagogical_council", date="2026-11-20")
    assert no_number.status_code == 400 and "укажите номер протокола" in no_number.text
    for fields, words in (({"order_date": "2026-11-27"}, "нет протокола педагогического совета"),
                          ({"order_date": "2999-01-01", "council_date": "2026-11-20", "council_number": "3"},
                           "ещё не наступила"),
                          ({"order_date": "2026-11-27", "council_date": "2026-11-28", "council_number": "3"},
                           "позже приказа")):
        answer = adopt(browser, one, ["internal-control"], **fields)
        assert answer.status_code == 400 and words in answer.text, answer.text
        assert "номер в журнале не занят" in answer.text
    assert adopt(browser, one, [], order_date="2026-11-27").status_code == 400
    assert changed_tables(db) == before


def test_other_schools_methodologists_and_forged_posts_are_refused(db, schools, tmp_path):
    add_user(tmp_path, "school2", "school", schools["two"])
    add_user(tmp_path, "method", "methodologist")
    add_user(tmp_path, "school1", "school", schools["one"])
    one = org_id(db, schools["one"])
    other = logged_in(db, "school2")
    assert other.get(f"/org/{one}/adopt").status_code == 404
    assert other.get(f"/org/{one}/acts/vsoko-regulation").status_code == 404
    reader = logged_in(db, "method")
    page = reader.get(f"/org/{one}/acts/vsoko-regulation")
    assert page.status_code == 200 and "Записать шаг" not in page.text
    before = changed_tables(db)
    refused = reader.post(f"/org/{one}/acts/vsoko-regulation/step",
                          data={"kind": "discussion", "date": "2026-11-20", "where": "сайт", "csrf_token": token(page.text)})
    assert refused.status_code == 403
    assert reader.post(f"/org/{one}/adopt", data={"act": "vsoko-regulation", "order_date": "2026-11-27",
                                                   "csrf_token": token(page.text)}).status_code == 403
    owner = logged_in(db, "school1")
    forged = owner.post(f"/org/{one}/adopt", data={"act": "vsoko-regulation", "order_date": "2026-11-27",
                                                   "council_date": "2026-11-20", "council_number": "3"})
    assert forged.status_code == 403
    assert changed_tables(db) == before
