"""The journal of orders and the registry's records in the browser, over HTTP on both engines: the
orders `docgen generate` numbered are listed, filtered and downloaded; annulment follows
`docgen journal void`; an act's history, the Excel export and import, the справка; and the
version check that keeps two people from overwriting each other's status change. Each route is
also tried from another school's account (404) and a methodologist's (403 on a change)."""
from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import document_text, invoke
from test_store_engines import TYPE, db, generated, order  # noqa: F401 — db is a fixture
from test_web_app import add_user, logged_in, org_id, schools, status_of, token  # noqa: F401 — schools is a fixture



def unescaped(html: str) -> str:
    return html.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")


def entry_rows(html: str) -> dict[str, str]:
    """The journal table's rows: entry id → the row's HTML."""
    return dict(re.findall(r'<tr id="entry-(\d+)">(.*?)</tr>', html, re.S))


def journal_ids(db, profile: Path) -> dict[str, int]:
    """number → entry id of the organisation's orders (all of one year: the sample's order date)."""
    return {n: i for i, n in db.rows("SELECT id, number FROM order_journal WHERE org_id = :o", o=org_id(db, profile))}


def changed_tables(db) -> dict:
    """Every table but the sessions' (each request touches its session row)."""
    return {k: v for k, v in db.snapshot().items() if k not in ("web_sessions", "login_attempts")}


@pytest.fixture
def orders(db, schools, tmp_path) -> dict[str, Path]:
    """Two orders of school «one» and one of school «two», numbered by `docgen generate` in the test's database."""
    one, two = schools["one"].parent, schools["two"].parent
    assert generated(order(one, "a.yaml"), tmp_path / "out1") == "1-од"
    assert generated(order(one, "b.yaml", meetings="по средам, заседание о мониторинге"), tmp_path / "out1") == "2-од"
    assert generated(order(two, "a.yaml"), tmp_path / "out2", "--force") == "1-од"  # two's registry is bare
    return schools


# -- the journal --------------------------------------------------------------------------------

def test_the_journal_lists_the_schools_orders_with_filters_and_search(db, orders, tmp_path):
    add_user(tmp_path, "school1", "school", orders["one"])
    browser = logged_in(db, "school1")
    one = org_id(db, orders["one"])
    (year,), = set(db.rows("SELECT year FROM order_journal"))
    page = browser.get(f"/org/{one}/journal")
    assert page.status_code == 200
    rows = entry_rows(page.text)
    assert len(rows) == 2  # school two's 1-од is not here
    ids = journal_ids(db, orders["one"])
    for number in ("1-од", "2-од"):
        row = rows[str(ids[number])]
        assert f"<td class=\"nowrap\">{number}</td>" in row and "сформирован" in row and "скачать .docx" in row
        title, = db.rows("SELECT title FROM order_journal WHERE id = :i", i=ids[number])[0]
        assert f"<td>{title}</td>" in unescaped(row) and "рабочей группы" in title
    assert f"{year} год" in page.text and "Показано записей: 2 из 2" in page.text
    assert f'href="/org/{one}/journal"' in browser.get("/").text  # the navigation link and the school's page

    assert len(entry_rows(browser.get(f"/org/{one}/journal", params={"year": year}).text)) == 2
    assert len(entry_rows(browser.get(f"/org/{one}/journal", params={"year": year - 1}).text)) == 0
    assert len(entry_rows(browser.get(f"/org/{one}/journal", params={"type": TYPE}).text)) == 2
    assert len(entry_rows(browser.get(f"/org/{one}/journal", params={"type": "plan-graph"}).text)) == 0
    found = browser.get(f"/org/{one}/journal", params={"q": "2-ОД"})
    assert list(entry_rows(found.text)) == [str(ids["2-од"])] and "Показано записей: 1 из 2" in found.text
    assert len(entry_rows(browser.get(f"/org/{one}/journal", params={"q": "рабочей группы"}).text)) == 2
    nothing = browser.get(f"/org/{one}/journal", params={"q": "<script>нет такого</script>"})
    assert "Приказов по этому отбору нет." in nothing.text and "<script>нет" not in nothing.text


def test_the_download_is_the_generated_docx_under_its_own_name(db, orders, tmp_path):
    add_user(tmp_path, "school1", "school", orders["one"])
    browser = logged_in(db, "school1")
    one = org_id(db, orders["one"])
    entry = journal_ids(db, orders["one"])["2-од"]
    file = Path(db.rows("SELECT file FROM order_journal WHERE id = :i", i=entry)[0][0])
    answer = browser.get(f"/org/{one}/journal/{entry}/file")
    assert answer.status_code == 200 and answer.content == file.read_bytes()
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="document.docx"; ')  # the ASCII fallback
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == file.name and "№ 2-од" in file.name
    saved = tmp_path / "downloaded.docx"
    saved.write_bytes(answer.content)
    assert "по средам, заседание о мониторинге" in document_text(saved)

    file.unlink()  # the file removed from disk: the journal says so and serves nothing
    assert browser.get(f"/org/{one}/journal/{entry}/file").status_code == 404
    assert "файл удалён" in entry_rows(browser.get(f"/org/{one}/journal").text)[str(entry)]


def test_another_schools_user_gets_404_on_the_journal_its_files_and_the_annulment(db, orders, tmp_path):
    add_user(tmp_path, "school2", "school", orders["two"])
    browser = logged_in(db, "school2")
    one, two = org_id(db, orders["one"]), org_id(db, orders["two"])
    own = browser.get(f"/org/{two}/journal")
    assert own.status_code == 200 and len(entry_rows(own.text)) == 1
    theirs = journal_ids(db, orders["one"])["1-од"]
    before = changed_tables(db)
    for path in (f"/org/{one}/journal", f"/org/{one}/journal/{theirs}/file",
                 f"/org/{two}/journal/{theirs}/file",  # one's entry under the user's own school
                 "/org/999999/journal", f"/org/{two}/journal/999999/file"):
        answer = browser.get(path)
        assert answer.status_code == 404, path
        assert "Первая" not in unescaped(answer.text)
    for path in (f"/org/{one}/journal/{theirs}/void", f"/org/{two}/journal/{theirs}/void"):
        answer = browser.post(path, data={"reason": "чужой номер", "csrf_token": token(own.text)})
        assert answer.status_code == 404, path
    assert changed_tables(db) == before


def test_annulment_needs_a_reason_and_marks_the_entry_as_the_cli_does(db, orders, tmp_path):
    add_user(tmp_path, "school1", "school", orders["one"])
    add_user(tmp_path, "method", "methodologist")
    browser = logged_in(db, "school1")
    one = org_id(db, orders["one"])
    entry = journal_ids(db, orders["one"])["1-од"]
    page = browser.get(f"/org/{one}/journal")
    before = changed_tables(db)
    empty = browser.post(f"/org/{one}/journal/{entry}/void", data={"reason": "   ", "csrf_token": token(page.text)})
    assert empty.status_code == 400 and "№ 1-од: поле «причина»: укажите причину аннулирования номера" in empty.text
    assert changed_tables(db) == before

    reader = logged_in(db, "method")
    shown = reader.get(f"/org/{one}/journal")
    assert shown.status_code == 200 and "Аннулировать" not in shown.text and len(entry_rows(shown.text)) == 2
    refused = reader.post(f"/org/{one}/journal/{entry}/void",
                          data={"reason": "ошибка", "csrf_token": token(shown.text)})
    assert refused.status_code == 403 and changed_tables(db) == before

    done = browser.post(f"/org/{one}/journal/{entry}/void",
                        data={"reason": "издан <b>ошибочно</b>", "csrf_token": token(page.text)})
    assert done.status_code == 303
    assert db.rows("SELECT status, void_reason, voided_by FROM order_journal WHERE id = :i", i=entry) == \
        [("void", "издан <b>ошибочно</b>", "school1")]
    row = entry_rows(browser.get(f"/org/{one}/journal").text)[str(entry)]
    assert "аннулирован: издан &lt;b&gt;ошибочно&lt;/b&gt; (school1, " in row and "<b>" not in row
    again = browser.post(f"/org/{one}/journal/{entry}/void", data={"reason": "ещё раз", "csrf_token": token(page.text)})
    assert again.status_code == 400 and "уже аннулирован" in again.text
    listed = invoke("journal", "--org", orders["one"])  # the command line sees the same annulment
    assert listed.exit_code == 0 and "аннулирован" in listed.output


# -- the registry -------------------------------------------------------------------------------

def test_an_acts_history_shows_each_change(db, schools, tmp_path):
    from docgen.registry import lifecycle as lc

    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "school2")
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    page = browser.get(f"/org/{two}")
    assert f'href="/org/{two}/acts/vsoko-regulation"' in page.text
    assert browser.post(f"/org/{two}/acts/vsoko-regulation",
                        data={"status": "discussion", "csrf_token": token(page.text)}).status_code == 303
    history = browser.get(f"/org/{two}/acts/vsoko-regulation")
    assert history.status_code == 200
    rows = re.findall(r"<tr>(.*?)</tr>", history.text.split("<tbody>")[1], re.S)
    assert len(rows) == 2  # `docgen acts set … drafting` of the fixture, then this change
    assert "school2" in rows[1] and f"{lc.label('drafting')} → {lc.label('discussion')}" in rows[1]
    assert "Изменений ещё не было." in browser.get(f"/org/{two}/acts/internal-control").text
    assert browser.get(f"/org/{two}/acts/no-such-act").status_code == 404
    assert browser.get(f"/org/{one}/acts/vsoko-regulation").status_code == 404


def test_the_registry_export_opens_in_excel(db, schools, tmp_path):
    from openpyxl import load_workbook

    from docgen.registry import lifecycle as lc
    from docgen.registry.excel import COLUMNS, SHEET

    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "school2")
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    answer = browser.get(f"/org/{two}/acts.xlsx")
    assert answer.status_code == 200 and "filename*=UTF-8''" in answer.headers["content-disposition"]
    book = load_workbook(io.BytesIO(answer.content))
    rows = list(book[SHEET].iter_rows(values_only=True))
    assert rows[0][:len(COLUMNS)] == COLUMNS
    statuses = {r[0]: r[2] for r in rows[1:]}
    assert statuses["vsoko-regulation"] == lc.label("drafting")
    assert browser.get(f"/org/{one}/acts.xlsx").status_code == 404


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    from docgen.registry.excel import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_import_is_all_or_nothing_and_names_the_row_and_column(db, schools, tmp_path):
    add_user(tmp_path, "school2", "school", schools["two"])
    add_user(tmp_path, "method", "methodologist")
    browser = logged_in(db, "school2")
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    form = browser.get(f"/org/{two}/registry/import")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    before = changed_tables(db)
    bad = _xlsx([["vsoko-regulation", None, "на обсуждении"], ["internal-control", None, "как-нибудь"]])
    answer = browser.post(f"/org/{two}/registry/import", data={"csrf_token": token(form.text)},
                          files={"file": ("реестр.xlsx", bad)})
    assert answer.status_code == 400
    assert "реестр.xlsx: строка 3, столбец «Статус»" in answer.text, re.findall(r"class=\"error\".*", answer.text)
    assert "Реестр не изменён" in answer.text
    assert changed_tables(db) == before and status_of(db, schools["two"], "vsoko-regulation") == "drafting"
    # refused inside the transaction, after row 2 was applied: rolled back too
    late = _xlsx([["vsoko-regulation", None, "на обсуждении"], ["internal-control", None, "утверждён"]])
    answer = browser.post(f"/org/{two}/registry/import", data={"csrf_token": token(form.text)},
                          files={"file": ("реестр.xlsx", late)})
    assert answer.status_code == 400
    assert "реестр.xlsx: строка 3, столбец «Приказ №»: для статуса «утверждён»" in answer.text
    assert changed_tables(db) == before and status_of(db, schools["two"], "vsoko-regulation") == "drafting"

    wrong_kind = browser.post(f"/org/{two}/registry/import", data={"csrf_token": token(form.text)},
                              files={"file": ("../../реестр.docx", b"PK")})
    assert wrong_kind.status_code == 400 and "ожидается файл .xlsx или .csv" in wrong_kind.text
    assert "../" not in wrong_kind.text

    big = b"x" * (2 * 1024 * 1024 + 1)
    over = browser.post(f"/org/{two}/registry/import", data={"csrf_token": token(form.text)},
                        files={"file": ("реестр.csv", big)})
    assert over.status_code == 413 and "файл больше 2 МБ" in over.text
    assert changed_tables(db) == before
    # a body beyond what any form needs is refused by its declared size, before anything parses it
    huge = browser.post(f"/org/{two}/registry/import", data={"csrf_token": token(form.text)},
                        files={"file": ("реестр.csv", b"x" * (4 * 1024 * 1024 + 1))})
    assert huge.status_code == 413 and "больше 4 МБ не принимается" in huge.text
    assert changed_tables(db) == before

    reader = logged_in(db, "method")
    assert reader.get(f"/org/{two}/registry/import").status_code == 403
    refused = reader.post(f"/org/{two}/registry/import", data={"csrf_token": token(reader.get("/").text)},
                          files={"file": ("реестр.xlsx", _xlsx([["vsoko-regulation", None, "на обсуждении"]]))})
    assert refused.status_code == 403 and changed_tables(db) == before
    assert browser.post(f"/org/{one}/registry/import", data={"csrf_token": token(form.text)},
                        files={"file": ("реестр.xlsx", _xlsx([["vsoko-regulation", None, "на обсуждении"]]))}
                        ).status_code == 404
    assert changed_tables(db) == before

    good = browser.post(f"/org/{two}/registry/import", data={"csrf_token": token(form.text)},
                        files={"file": ("реестр.xlsx", _xlsx([["vsoko-regulation", None, "на обсуждении"]]))})
    assert good.status_code == 200 and "Изменено актов: 1" in good.text
    assert status_of(db, schools["two"], "vsoko-regulation") == "discussion"
    assert db.rows("SELECT who FROM act_history ORDER BY id DESC")[0] == ("school2",)


def test_the_spravka_download_shows_the_share(db, schools, tmp_path):
    import json

    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    expected = json.loads(invoke("coverage", "--org", schools["one"], "--format", "json").output)
    answer = browser.get(f"/org/{one}/coverage.docx")
    assert answer.status_code == 200 and answer.content.startswith(b"PK")
    name = unquote(answer.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name.startswith("Справка о полноте ЛНА ВСОКО") and name.endswith(".docx")
    saved = tmp_path / name
    saved.write_bytes(answer.content)
    text = document_text(saved).replace("\u00a0", " ")
    assert expected["share_text"].replace("\u00a0", " ") in text
    assert browser.get(f"/org/{two}/coverage.docx").status_code == 404


# -- two people, one act ------------------------------------------------------------------------

def _version(html: str, org: int, act: str) -> str:
    form = re.search(rf'action="/org/{org}/acts/{act}".*?</form>', html, re.S).group(0)
    return re.search(r'name="version" value="([^"]+)"', form).group(1)


def test_the_second_of_two_open_forms_is_told_and_the_first_change_stays(db, schools, tmp_path):
    from docgen.registry import lifecycle as lc

    add_user(tmp_path, "secretary", "school", schools["two"])
    add_user(tmp_path, "deputy", "school", schools["two"])
    first, second = logged_in(db, "secretary"), logged_in(db, "deputy")
    two = org_id(db, schools["two"])
    page1, page2 = first.get(f"/org/{two}"), second.get(f"/org/{two}")
    assert _version(page1.text, two, "vsoko-regulation") == _version(page2.text, two, "vsoko-regulation")
    assert _version(page1.text, two, "internal-control") == "new"  # an act with no row yet: the form says so
    assert first.post(f"/org/{two}/acts/vsoko-regulation", data={
        "status": "discussion", "version": _version(page1.text, two, "vsoko-regulation"),
        "csrf_token": token(page1.text)}).status_code == 303
    before = changed_tables(db)
    late = second.post(f"/org/{two}/acts/vsoko-regulation", data={
        "status": "adopted", "version": _version(page2.text, two, "vsoko-regulation"), "csrf_token": token(page2.text)})
    assert late.status_code == 409
    assert "статус акта уже изменил другой пользователь" in late.text
    assert f"сейчас «{lc.label('discussion')}»" in late.text
    assert changed_tables(db) == before and status_of(db, schools["two"], "vsoko-regulation") == "discussion"
    assert [w for (w,) in db.rows("SELECT who FROM act_history WHERE act_id = 'vsoko-regulation' ORDER BY id")][-1] \
        == "secretary"

    fresh = second.get(f"/org/{two}")  # reloaded, the form carries the new version and goes through
    assert second.post(f"/org/{two}/acts/vsoko-regulation", data={
        "status": "adopted", "version": _version(fresh.text, two, "vsoko-regulation"),
        "csrf_token": token(fresh.text)}).status_code == 303
    assert status_of(db, schools["two"], "vsoko-regulation") == "adopted"
