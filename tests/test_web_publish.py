"""The page «Пакет для сайта» over HTTP, on both engines: what would be published, the build in
the background (HTMX asks for its state), the .zip's download, the publication recorded — and the
access rules of every organisation's page: another school's user 404, a methodologist 403 on the
build, a POST without the session's token 403."""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import time
import zipfile

from test_store_engines import db  # noqa: F401 — db is a fixture
from test_web_app import add_user, logged_in, org_id, schools, token  # noqa: F401 — schools is a fixture


def record_protocols(db, profile, act: str, edition: str, steps) -> None:
    """Protocols as `docgen acts adopt` will record them: act_steps rows of the edition, through the store."""
    from docgen.registry.act_tables import act_steps
    from docgen.registry.store import Store, now

    store = Store(db.url)
    try:
        with store.transaction() as conn:
            for n, step in enumerate(steps, 1):
                conn.execute(act_steps.insert().values(org_id=org_id(db, profile), act_id=act, edition=edition,
                                                       step=step, held_on=dt.date(2024, 8, 20 + n), number=str(n),
                                                       who="тест", recorded_at=now()))
    finally:
        store.close()


def current_titles(profile) -> list[str]:
    """The acts of the sample's registry approved and in force today (the review dates run by the calendar)."""
    from docgen.registry.catalogue import default_catalogue
    from docgen.registry.coverage import states
    from docgen.registry.service import load_org
    from docgen.registry.store import Store, resolve_url

    org = load_org(profile)
    store = Store(resolve_url(None))
    try:
        rows = store.statuses(org)
    finally:
        store.close()
    return sorted(s.act.title for s in states(default_catalogue(), org, rows, dt.date.today()) if s.status == "approved")


def titles(page: str) -> list[str]:
    return sorted(html.unescape(t) for t in re.findall(r'<td class="title">(.*?)</td>', page))


def test_the_page_lists_builds_and_downloads_the_package(db, schools, tmp_path):
    one = schools["one"]
    record_protocols(db, one, "working-group-regulation", "2026-09-01 111-од", ["pedagogical_council"])
    record_protocols(db, one, "assessment-and-attestation", "2024-08-30 56-од",
                     ["students_council", "parents_council", "pedagogical_council"])
    add_user(tmp_path, "school1", "school", one)
    browser = logged_in(db, "school1")
    oid = org_id(db, one)
    page = browser.get(f"/org/{oid}/site")
    assert page.status_code == 200, page.text
    expected = current_titles(one)
    assert "Положение о рабочей группе по совершенствованию ВСОКО" in expected
    assert titles(page.text) == expected
    assert "без файла: docgen не формирует этот акт" in page.text  # disputes-commission: no document type
    assert "Пакет ещё не собирался" in page.text
    assert f'href="/org/{oid}/site"' in browser.get(f"/org/{oid}").text
    # a POST without the session's token changes nothing
    assert browser.post(f"/org/{oid}/site", data={}).status_code == 403
    assert db.rows("SELECT count(*) FROM act_steps WHERE step = 'published'")[0][0] == 0
    # the button: HTMX posts and gets the state, then asks for it until the archive is ready
    started = browser.post(f"/org/{oid}/site", data={"csrf_token": token(page.text)}, headers={"HX-Request": "true"})
    assert started.status_code == 200, started.text
    assert 'id="site-package-state"' in started.text
    deadline = time.monotonic() + 300
    state = started.text
    while 'hx-get="' in state and time.monotonic() < deadline:
        time.sleep(0.5)
        state = browser.get(f"/org/{oid}/site/state").text
    assert "Пакет собран: актов" in state and "Скачать «Документы для сайта" in state, state
    assert "с файлами 2" in state and "отмечено размещёнными впервые: 2" in state
    download = browser.get(f"/org/{oid}/site/package.zip")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    assert "filename*=UTF-8''" in download.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as z:
        index = z.read("index.html").decode("utf-8")
        pdfs = [n for n in z.namelist() if n.endswith(".pdf")]
        assert all(z.read(n)[:5] == b"%PDF-" for n in pdfs)
    assert titles(index) == expected and len(pdfs) == 2
    rows = db.rows("SELECT act_id, edition, who FROM act_steps WHERE step = 'published' ORDER BY act_id")
    assert [tuple(r) for r in rows] == [("assessment-and-attestation", "2024-08-30 56-од", "school1"),
                                        ("working-group-regulation", "2026-09-01 111-од", "school1")]
    again = browser.get(f"/org/{oid}/site")
    assert re.search(r'id="site-working-group-regulation">.*?<td>' + f"{dt.date.today():%d.%m.%Y}</td>", again.text, re.S)


def test_other_schools_and_methodologists(db, schools, tmp_path):
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    add_user(tmp_path, "school2", "school", schools["two"])
    add_user(tmp_path, "method", "methodologist")
    stranger = logged_in(db, "school2")
    csrf = token(stranger.get("/").text)
    for method, path in (("GET", "/site"), ("GET", "/site/state"), ("GET", "/site/package.zip"), ("POST", "/site")):
        answer = stranger.request(method, f"/org/{one}{path}", data={"csrf_token": csrf})
        assert answer.status_code == 404, (method, path)
    # school two has no approved act: the page says so and offers no button
    own = stranger.get(f"/org/{two}/site")
    assert own.status_code == 200 and "публиковать нечего" in own.text and "Собрать пакет" not in own.text
    method = logged_in(db, "method")
    page = method.get(f"/org/{one}/site")
    assert page.status_code == 200 and "Собрать пакет" not in page.text
    refused = method.post(f"/org/{one}/site", data={"csrf_token": token(method.get("/").text)})
    assert refused.status_code == 403
    assert method.get(f"/org/{one}/site/package.zip").status_code == 404  # never built
    assert db.rows("SELECT count(*) FROM act_steps")[0][0] == 0
