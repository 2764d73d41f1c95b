"""Drafts on the site, over HTTP on both engines: the form saves itself (the autosave HTMX sends),
the draft survives a reload and a logout and is continued by another user of the school; a
generated document's answers start a copy; another school's drafts are out of reach by id, a
methodologist changes none, a post without the session's token changes nothing."""
from __future__ import annotations

import re

import pytest

from test_store_engines import db  # noqa: F401 — a fixture
from test_web_app import add_user, client, logged_in, org_id, schools, token  # noqa: F401 — schools is a fixture
from test_web_documents import TASK, docx_text, field_block, form_data, unescaped

TYPE = "working-group-order"
HOSTILE = "<b>{{ 7*7 }}</b>\x07 {% raw %}" + "я" * 100_000


@pytest.fixture(autouse=True)
def site_files(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def two_schools(db, schools, tmp_path):
    add_user(tmp_path, "secretary", "school", schools["one"])
    add_user(tmp_path, "deputy", "school", schools["one"])
    add_user(tmp_path, "other", "school", schools["two"])
    add_user(tmp_path, "method", "methodologist")
    return org_id(db, schools["one"]), org_id(db, schools["two"])


def autosave(browser, one: int, page: str, draft: str = "", **changes):
    data = form_data(page, _action="autosave", _draft=draft, **changes)
    return browser.post(f"/org/{one}/documents/new/{TYPE}", data=data, headers={"HX-Request": "true"})


def test_the_form_saves_itself_and_the_draft_survives_a_reload_and_a_logout(db, two_schools):
    one, _ = two_schools
    browser = logged_in(db, "secretary")
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    assert 'hx-trigger="change delay:400ms, input delay:2s"' in page.text and 'id="draft-id" value=""' in page.text
    first = autosave(browser, one, page.text, meetings="по четвергам")
    assert first.status_code == 200 and "Черновик сохранён в" in first.text
    draft = re.search(r'id="draft-id" value="(\d+)" hx-swap-oob="true"', first.text).group(1)
    assert first.headers["HX-Replace-Url"] == f"/org/{one}/drafts/{draft}"  # a reload opens the draft
    again = autosave(browser, one, page.text, draft=draft, meetings="по пятницам")
    assert again.status_code == 200 and "HX-Replace-Url" not in again.headers
    assert db.rows("SELECT count(*), max(status), max(author) FROM web_drafts") == [(1, "draft", "secretary")]

    browser.post("/logout", data={"csrf_token": token(page.text)})
    deputy = logged_in(db, "deputy")  # another user of the school, another session
    listed = deputy.get(f"/org/{one}/documents")
    assert f'href="/org/{one}/drafts/{draft}"' in listed.text and "secretary" in listed.text
    shown = deputy.get(f"/org/{one}/drafts/{draft}")
    assert shown.status_code == 200 and f'id="draft-id" value="{draft}"' in shown.text
    assert 'value="по пятницам"' in field_block(shown.text, "meetings")
    assert '<option value="zaichenko" selected>' in field_block(shown.text, "members.1.person")
    assert TASK in unescaped(shown.text)


def test_a_generated_draft_becomes_the_answers_a_copy_starts_from(db, two_schools):
    one, _ = two_schools
    browser = logged_in(db, "secretary")
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    draft = re.search(r'value="(\d+)"', autosave(browser, one, page.text).text).group(1)
    done = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text, _draft=draft))
    assert done.status_code == 200 and "№ 1-од" in done.text
    assert db.rows("SELECT status, number FROM web_drafts") == [("done", "1-од")]
    assert browser.get(f"/org/{one}/drafts/{draft}").headers["location"] == f"/org/{one}/documents#made"

    form = browser.get(f"/org/{one}/documents/new/{TYPE}")
    assert "Заполнить по сформированному ранее" in unescaped(form.text) and "№ 1-од" in form.text
    copied = browser.post(f"/org/{one}/drafts/copy", data={"csrf_token": token(form.text), "source": draft})
    assert copied.status_code == 303
    copy = browser.get(copied.headers["location"])
    assert 'value=""' in field_block(copy.text, "date")  # the new order's own date, not the old one's
    assert '<option value="bondarenko" selected>' in field_block(copy.text, "members.0.person")
    assert TASK in unescaped(copy.text)
    new_draft = re.search(r'id="draft-id" value="(\d+)"', copy.text).group(1)
    second = browser.post(f"/org/{one}/documents/new/{TYPE}",
                          data=form_data(copy.text, _draft=new_draft, date="2026-12-02"))
    assert second.status_code == 200 and "№ 2-од от 02.12.2026" in unescaped(second.text)
    link = re.search(r'href="(/org/\d+/documents/[^"]+\.docx)"', second.text).group(1)
    assert TASK in docx_text(browser.get(link).content)
    assert db.rows("SELECT status, number FROM web_drafts ORDER BY id") == [("done", "1-од"), ("done", "2-од")]


def test_a_wrong_generation_keeps_the_draft_and_a_draft_can_be_deleted(db, two_schools):
    one, _ = two_schools
    browser = logged_in(db, "secretary")
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    wrong = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text, date="31.02.2026"))
    assert wrong.status_code == 400 and "Документ не сформирован" in unescaped(wrong.text)
    draft = re.search(r'id="draft-id" value="(\d+)"', wrong.text).group(1)
    assert db.rows("SELECT status, count(*) FROM web_drafts GROUP BY status") == [("draft", 1)]
    gone = browser.post(f"/org/{one}/drafts/{draft}/delete", data={"csrf_token": token(page.text)})
    assert gone.status_code == 303 and db.rows("SELECT count(*) FROM web_drafts") == [(0,)]
    assert browser.get(f"/org/{one}/drafts/{draft}").status_code == 404


def test_hostile_text_is_kept_literally_and_shown_escaped(db, two_schools):
    one, _ = two_schools
    browser = logged_in(db, "secretary")
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    saved = autosave(browser, one, page.text, meetings=HOSTILE)
    assert saved.status_code == 200
    draft = re.search(r'value="(\d+)"', saved.text).group(1)
    shown = browser.get(f"/org/{one}/drafts/{draft}")
    block = field_block(shown.text, "meetings")
    assert "<b>" not in block and "&lt;b&gt;{{ 7*7 }}&lt;/b&gt;" in block and "49" not in block
    assert "я" * 100_000 in block


def test_another_schools_drafts_are_out_of_reach_and_a_methodologist_changes_none(db, two_schools):
    one, two = two_schools
    secretary = logged_in(db, "secretary")
    page = secretary.get(f"/org/{one}/documents/new/{TYPE}")
    draft = re.search(r'value="(\d+)"', autosave(secretary, one, page.text).text).group(1)

    other = logged_in(db, "other")
    other_page = other.get(f"/org/{two}/documents/new/{TYPE}")
    csrf = token(other_page.text)
    assert other.get(f"/org/{one}/drafts/{draft}").status_code == 404
    assert other.get(f"/org/{two}/drafts/{draft}").status_code == 404  # the id under their own school
    assert other.post(f"/org/{two}/drafts/copy", data={"csrf_token": csrf, "source": draft}).status_code == 404
    assert other.post(f"/org/{two}/drafts/{draft}/delete", data={"csrf_token": csrf}).status_code == 404
    assert other.post(f"/org/{one}/drafts/{draft}/delete", data={"csrf_token": csrf}).status_code == 404
    # their autosave naming our draft writes a draft of their own, never ours
    autosave(other, two, other_page.text, draft=draft, meetings="чужое")
    (owner, data), = db.rows("SELECT org_id, data FROM web_drafts WHERE id = :d", d=int(draft))
    assert owner == one and "чужое" not in data

    method = logged_in(db, "method")
    assert method.get(f"/org/{one}/drafts/{draft}").status_code == 200  # a methodologist reads
    mcsrf = token(method.get("/").text)
    assert method.post(f"/org/{one}/drafts/copy", data={"csrf_token": mcsrf, "source": draft}).status_code == 403
    assert method.post(f"/org/{one}/drafts/{draft}/delete", data={"csrf_token": mcsrf}).status_code == 403
    assert autosave(method, one, page.text.replace(token(page.text), mcsrf), draft=draft).status_code == 403

    assert secretary.post(f"/org/{one}/drafts/{draft}/delete", data={}).status_code == 403  # no token
    anonymous = client(db)
    assert anonymous.get(f"/org/{one}/drafts/{draft}").headers["location"] == "/login"
    assert db.rows("SELECT count(*) FROM web_drafts WHERE org_id = :o", o=one) == [(1,)]


def test_drafts_beyond_the_limit_are_refused_with_a_message(db, two_schools, monkeypatch):
    from docgen.web import drafts

    monkeypatch.setattr(drafts, "OPEN_LIMIT", 5)
    one, _ = two_schools
    browser = logged_in(db, "secretary")
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    for _ in range(5):
        assert autosave(browser, one, page.text).status_code == 200
    refused = autosave(browser, one, page.text)
    assert refused.status_code == 409 and "уже 5 черновиков" in unescaped(refused.text)
    assert db.rows("SELECT count(*) FROM web_drafts") == [(5,)]


def test_an_orders_answers_commit_with_its_journal_entry_and_never_undo_it(db, two_schools, monkeypatch, capfd):
    """The answers ride the journal's completing transaction in a savepoint: kept beyond KEPT_DONE
    they are let go oldest first, and a failure to keep them leaves the order numbered and made."""
    from docgen.web import drafts

    monkeypatch.setattr(drafts, "KEPT_DONE", 2)
    one, _ = two_schools
    browser = logged_in(db, "secretary")
    for day in ("01", "02", "03"):
        page = browser.get(f"/org/{one}/documents/new/{TYPE}")
        assert browser.post(f"/org/{one}/documents/new/{TYPE}",
                            data=form_data(page.text, date=f"2026-12-{day}")).status_code == 200
    assert db.rows("SELECT number FROM web_drafts ORDER BY id") == [("2-од",), ("3-од",)]

    def broken(*_args):
        raise RuntimeError("диск отвалился")

    monkeypatch.setattr(drafts, "record_done", broken)
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    done = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text, date="2026-12-04"))
    assert done.status_code == 200 and "№ 4-од" in done.text
    assert db.rows("SELECT number, status FROM order_journal ORDER BY seq") == [
        ("1-од", "complete"), ("2-од", "complete"), ("3-од", "complete"), ("4-од", "complete")]
    assert db.rows("SELECT number FROM web_drafts ORDER BY id") == [("2-од",), ("3-од",)]
    assert "ответы документа не сохранены: диск отвалился" in capfd.readouterr().err
