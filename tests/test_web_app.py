"""The web application over HTTP (FastAPI's TestClient against the app `docgen serve` runs), on
both engines: accounts made through `docgen users`, login and its limits, CSRF, sessions, and who
may open or change what. Each test gets its own database (the store tests' ``db`` fixture)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from helpers import invoke
from test_store_engines import _new_postgres_database, db, inn, school, server  # noqa: F401 — db is a fixture

PASSWORD = "верный-пароль-2026"


@pytest.fixture
def schools(db, tmp_path) -> dict[str, Path]:
    """Two schools with their registries in the test's database: «one» with the sample's acts, «two» bare."""
    one = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500021"))
    two = school(tmp_path, "two", short_name="МБОУ «Вторая СОШ»", inn_=inn("381500022"))
    result = invoke("acts", "import", one / "acts.csv", "--org", one / "organization.yaml")
    assert result.exit_code == 0, result.output
    result = invoke("acts", "set", "vsoko-regulation", "drafting", "--org", two / "organization.yaml")
    assert result.exit_code == 0, result.output
    return {"one": one / "organization.yaml", "two": two / "organization.yaml"}


def add_user(tmp_path: Path, login: str, role: str, *orgs: Path, password: str = PASSWORD):
    secret = tmp_path / f"{login}.password"
    secret.write_text(password + "\n", encoding="utf-8")
    result = invoke("users", "add", login, "--role", role, *[x for o in orgs for x in ("--org", o)],
                    "--password-file", secret)
    assert result.exit_code == 0, result.output
    return result


def org_id(db, profile: Path) -> int:
    from helpers import read_yaml

    return db.rows("SELECT id FROM organizations WHERE code = :c", c=read_yaml(profile)["inn"])[0][0]


def client(db):
    from fastapi.testclient import TestClient

    from docgen.web.app import create_app

    # https: the session cookie is Secure by default, and a client keeps it only for https
    return TestClient(create_app(db.url), base_url="https://testserver", follow_redirects=False)


def token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in(browser, login: str, password: str = PASSWORD):
    form = browser.get("/login")
    assert form.status_code == 200
    return browser.post("/login", data={"login": login, "password": password, "csrf_token": token(form.text)})


def logged_in(db, login: str):
    browser = client(db)
    answer = log_in(browser, login)
    assert answer.status_code == 303 and answer.headers["location"] == "/", answer.text
    return browser


def status_of(db, profile: Path, act: str):
    rows = db.rows("SELECT a.status FROM act_status a WHERE a.org_id = :o AND a.act_id = :a",
                   o=org_id(db, profile), a=act)
    return rows[0][0] if rows else None


def routes(app):
    """Every (method, path) the application serves, whatever FastAPI's router nesting."""
    found = []
    for route in app.routes:
        inner = getattr(route, "original_router", None)
        for r in (inner.routes if inner is not None else [route]):
            for method in getattr(r, "methods", None) or ():
                if method != "HEAD":
                    found.append((method, r.path))
    return found


# -- anonymous, login, limits -------------------------------------------------------------------

def test_anonymous_requests_get_the_login_page_on_every_route(db):
    browser = client(db)
    served = routes(browser.app)
    assert ("POST", "/org/{org_id}/acts/{act_id}") in served and ("GET", "/") in served
    for method, path in served:
        if path == "/login":
            continue
        answer = browser.request(method, path.replace("{org_id}", "1").replace("{act_id}", "x"),
                                 data={"status": "approved"})
        assert answer.status_code == 303 and answer.headers["location"] == "/login", (method, path, answer.status_code)
    page = browser.get("/login")
    assert "Вход в docgen" in page.text and 'name="password"' in page.text


def test_a_wrong_password_is_told_and_an_unknown_login_gets_the_same_answer(db, tmp_path):
    add_user(tmp_path, "admin", "admin")
    browser = client(db)
    wrong = log_in(browser, "admin", "не-тот-пароль")
    unknown = log_in(browser, "никто", PASSWORD)
    for answer in (wrong, unknown):
        assert answer.status_code == 401 and "Неверный логин или пароль." in answer.text
        assert "docgen_session" not in answer.headers.get("set-cookie", "")
    assert browser.get("/").headers["location"] == "/login"


def test_five_failures_lock_the_login_even_for_the_right_password_and_across_restarts(db, tmp_path):
    add_user(tmp_path, "director", "admin")
    browser = client(db)
    for _ in range(5):
        assert log_in(browser, "director", "подбираю-пароль").status_code == 401
    locked = log_in(browser, "director", PASSWORD)
    assert locked.status_code == 429
    assert "Слишком много неудачных попыток входа. Повторите через 15 минут." in locked.text
    assert log_in(client(db), "director", PASSWORD).status_code == 429  # a new process: the count is in the database
    db.execute("UPDATE login_attempts SET at = '2000-01-01 00:00:00'")  # the window has passed
    assert log_in(client(db), "director", PASSWORD).status_code == 303


def test_one_address_trying_many_logins_is_stopped_while_another_address_still_logs_in(db, tmp_path):
    """Password spraying: one try for each of many logins from one address. The twentieth failure
    shuts that address out, for an existing login too; a user at another address is not locked."""
    add_user(tmp_path, "director", "admin")
    sprayer = client(db)
    for n in range(20):
        assert log_in(sprayer, f"guess{n}", "пароль-наугад").status_code == 401
    assert log_in(sprayer, "director", PASSWORD).status_code == 429
    db.execute("UPDATE login_attempts SET address = '10.0.0.9'")  # the failures came from elsewhere
    assert log_in(client(db), "director", PASSWORD).status_code == 303


def test_a_login_post_without_its_form_token_is_refused(db, tmp_path):
    add_user(tmp_path, "admin", "admin")
    browser = client(db)
    answer = browser.post("/login", data={"login": "admin", "password": PASSWORD})
    assert answer.status_code == 403 and "Форма устарела или отправлена не с этого сайта" in answer.text
    assert db.rows("SELECT count(*) FROM web_sessions") == [(0,)]


def test_the_session_cookie_is_httponly_samesite_and_secure(db, tmp_path):
    add_user(tmp_path, "admin", "admin")
    answer = log_in(client(db), "admin")
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("docgen_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    assert db.rows("SELECT count(*) FROM web_sessions") == [(1,)]
    token_in_cookie = cookie.split(";")[0].split("=", 1)[1]
    assert db.rows("SELECT count(*) FROM web_sessions WHERE token_hash = :t", t=token_in_cookie) == [(0,)]  # only its hash


def test_plain_http_sites_send_the_cookie_without_secure(db, tmp_path):
    from fastapi.testclient import TestClient

    from docgen.web.app import create_app

    add_user(tmp_path, "admin", "admin")
    browser = TestClient(create_app(db.url, secure_cookies=False), follow_redirects=False)
    answer = log_in(browser, "admin")
    assert answer.status_code == 303 and "Secure" not in answer.headers["set-cookie"]
    assert browser.get("/").status_code == 200


# -- CSRF, sessions -----------------------------------------------------------------------------

def test_a_post_without_the_sessions_token_changes_nothing(db, schools, tmp_path):
    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "school2")
    two = org_id(db, schools["two"])
    page = browser.get(f"/org/{two}")
    assert page.status_code == 200
    for data in ({"status": "discussion"}, {"status": "discussion", "csrf_token": "подделка"}):
        answer = browser.post(f"/org/{two}/acts/vsoko-regulation", data=data)
        assert answer.status_code == 403 and "Форма устарела" in answer.text
    assert status_of(db, schools["two"], "vsoko-regulation") == "drafting"
    with_token = browser.post(f"/org/{two}/acts/vsoko-regulation", data={"status": "discussion", "csrf_token": token(page.text)})
    assert with_token.status_code == 303
    assert status_of(db, schools["two"], "vsoko-regulation") == "discussion"
    header = browser.post(f"/org/{two}/acts/vsoko-regulation", data={"status": "adopted"},
                          headers={"X-CSRF-Token": token(page.text)})  # as HTMX sends it
    assert header.status_code == 303 and status_of(db, schools["two"], "vsoko-regulation") == "adopted"
    assert db.rows("SELECT who FROM act_history ORDER BY id DESC")[0] == ("school2",)


def test_logout_ends_the_session_on_the_server(db, tmp_path):
    add_user(tmp_path, "admin", "admin")
    browser = logged_in(db, "admin")
    home = browser.get("/")
    assert home.status_code == 200
    stolen = browser.cookies.get("docgen_session")
    out = browser.post("/logout", data={"csrf_token": token(home.text)})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert db.rows("SELECT count(*) FROM web_sessions") == [(0,)]
    replay = client(db)
    replay.cookies.set("docgen_session", stolen, domain="testserver")
    assert replay.get("/").headers["location"] == "/login"


# -- who sees and changes what ------------------------------------------------------------------

def test_a_school_user_sees_the_share_of_their_school_and_what_is_missing(db, schools, tmp_path):
    import json

    add_user(tmp_path, "school1", "school", schools["one"])
    expected = json.loads(invoke("coverage", "--org", schools["one"], "--format", "json").output)
    browser = logged_in(db, "school1")
    home = browser.get("/")
    assert home.status_code == 200
    share = re.search(r'<div class="share" id="share">([^<]+)</div>', home.text).group(1)
    assert share == expected["share_text"].replace("\u00a0", " ") or share == expected["share_text"]
    assert f"{expected['approved']} из {expected['required']}" in home.text
    for act in expected["missing"]:
        assert act["title"] in home.text
    one = org_id(db, schools["one"])
    chart = browser.get(f"/org/{one}/chart.png")
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")


def test_a_school_user_cannot_reach_another_school_by_changing_the_id(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    page = browser.get(f"/org/{one}")
    assert page.status_code == 200 and "МБОУ «Первая СОШ»" in page.text.replace("&#34;", '"')
    for path in (f"/org/{two}", f"/org/{two}/chart.png", "/org/999999", "/district/chart.png", "/admin/users"):
        answer = browser.get(path)
        assert answer.status_code in (403, 404), path
        assert "Вторая" not in answer.text
    assert browser.get(f"/org/{two}").status_code == 404  # the same answer as for an id that does not exist
    post = browser.post(f"/org/{two}/acts/vsoko-regulation", data={"status": "discussion", "csrf_token": token(page.text)})
    assert post.status_code == 404
    assert status_of(db, schools["two"], "vsoko-regulation") == "drafting"


def org_routes():
    """Every (method, path) under an organisation's id, other parameters given a plausible value."""
    from docgen.web.app import create_app

    values = {"act_id": "vsoko-regulation", "entry_id": "1", "draft_id": "1", "name": "x.docx"}
    found = []
    for method, path in routes(create_app("sqlite://")):
        if "{org_id}" not in path:
            continue
        for key, value in values.items():
            path = path.replace("{" + key + "}", value)
        path = re.sub(r"\{(?!org_id\})[a-z_]+(:path)?\}", "1", path)
        found.append((method, path))
    return found


def test_every_route_of_an_organisation_answers_404_to_another_schools_user(db, schools, tmp_path):
    """Not only the routes a test names: each route that takes an organisation's id, with the id of
    a school the user may not see — 404, as for an id that does not exist; nothing changed."""
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    two = org_id(db, schools["two"])
    csrf = token(browser.get("/").text)
    before = db.rows("SELECT count(*) FROM act_history")
    checked = org_routes()
    assert len(checked) >= 10
    for method, path in checked:
        answer = browser.request(method, path.replace("{org_id}", str(two)), data={"csrf_token": csrf})
        assert answer.status_code == 404, (method, path, answer.status_code)
    assert db.rows("SELECT count(*) FROM act_history") == before


def test_every_page_of_an_organisation_has_each_element_id_once(db, schools, tmp_path):
    """Every HTML page under the school's own id, as its user sees it: an id given twice (a section
    pasted twice, two forms' fields) breaks the page's links, labels and HTMX targets."""
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    one = org_id(db, schools["one"])
    pages = 0
    for method, path in org_routes():
        if method != "GET":
            continue
        answer = browser.get(path.replace("{org_id}", str(one)))
        if answer.status_code != 200 or not answer.headers["content-type"].startswith("text/html"):
            continue
        ids = re.findall(r'\sid="([^"]+)"', answer.text)
        twice = sorted({i for i in ids if ids.count(i) > 1})
        assert not twice, (path, twice)
        pages += 1
    assert pages >= 8


def test_every_change_of_an_organisation_is_refused_to_a_methodologist(db, schools, tmp_path):
    add_user(tmp_path, "method", "methodologist")
    browser = logged_in(db, "method")
    two = org_id(db, schools["two"])
    csrf = token(browser.get("/").text)
    posts = [(m, p) for m, p in org_routes() if m == "POST"]
    assert posts
    for method, path in posts:
        answer = browser.request(method, path.replace("{org_id}", str(two)), data={"csrf_token": csrf})
        assert answer.status_code == 403, (method, path, answer.status_code)


def test_a_methodologist_sees_the_ranking_and_changes_no_school(db, schools, tmp_path):
    add_user(tmp_path, "method", "methodologist")
    browser = logged_in(db, "method")
    home = browser.get("/")
    assert home.status_code == 200 and "Рейтинг организаций" in home.text
    text = home.text.replace("&#34;", '"')
    assert text.index("МБОУ «Первая СОШ»") < text.index("МБОУ «Вторая СОШ»")  # the sample's approved acts rank it first
    assert browser.get("/district/chart.png").content.startswith(b"\x89PNG")
    two = org_id(db, schools["two"])
    page = browser.get(f"/org/{two}")
    assert page.status_code == 200 and "Изменить статус" not in page.text
    answer = browser.post(f"/org/{two}/acts/vsoko-regulation", data={"status": "discussion", "csrf_token": token(page.text)})
    assert answer.status_code == 403 and "не изменяет" in answer.text
    assert status_of(db, schools["two"], "vsoko-regulation") == "drafting"


def test_a_methodologist_of_some_schools_sees_only_those(db, schools, tmp_path):
    add_user(tmp_path, "method2", "methodologist", schools["two"])
    browser = logged_in(db, "method2")
    home = browser.get("/").text.replace("&#34;", '"')
    assert "МБОУ «Вторая СОШ»" in home and "МБОУ «Первая СОШ»" not in home
    assert browser.get(f"/org/{org_id(db, schools['one'])}").status_code == 404


def test_an_administrator_sees_organisations_and_users(db, schools, tmp_path):
    add_user(tmp_path, "admin", "admin")
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "admin")
    home = browser.get("/").text.replace("&#34;", '"')
    assert "МБОУ «Первая СОШ»" in home and "МБОУ «Вторая СОШ»" in home
    assert "school1" in home and "пользователь школы" in home
    assert browser.get("/admin/users").status_code == 200


def test_what_a_user_typed_is_shown_as_text(db, schools, tmp_path):
    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "school2")
    two = org_id(db, schools["two"])
    page = browser.get(f"/org/{two}")
    answer = browser.post(f"/org/{two}/acts/vsoko-regulation",
                          data={"status": "<script>alert(1)</script>", "csrf_token": token(page.text)})
    assert answer.status_code == 400
    assert "<script>alert(1)</script>" not in answer.text and "&lt;script&gt;" in answer.text


# -- the command line ---------------------------------------------------------------------------

def test_users_made_by_the_command_line_log_in_and_are_managed_by_it(db, schools, tmp_path):
    made = add_user(tmp_path, "secretary", "school", schools["one"])
    assert "Пользователь «secretary» создан: пользователь школы, организация «МБОУ «Первая СОШ»»" in made.output
    hashed = db.rows("SELECT password_hash FROM users WHERE login = 'secretary'")[0][0]
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    browser = logged_in(db, "secretary")
    listed = invoke("users", "list")
    assert listed.exit_code == 0 and "secretary" in listed.output and "МБОУ «Первая СОШ»" in listed.output
    new = tmp_path / "new.password"
    new.write_text("другой-пароль-2027", encoding="utf-8")
    assert invoke("users", "passwd", "secretary", "--password-file", new).exit_code == 0
    assert browser.get("/").headers["location"] == "/login"  # a new password ends the old sessions
    assert log_in(client(db), "secretary", "другой-пароль-2027").status_code == 303
    assert invoke("users", "disable", "secretary").exit_code == 0
    assert log_in(client(db), "secretary", "другой-пароль-2027").status_code == 401


@pytest.mark.parametrize("args, message", [
    (("admin", "--role", "admin"), "пароль не задан: укажите --password-file ФАЙЛ или запустите команду в терминале"),
    (("admin", "--role", "boss", "--password-file", "{pw}"), "неизвестная роль «boss»"),
    (("кто то", "--role", "admin", "--password-file", "{pw}"), "логин «кто то» не подходит"),
    (("school", "--role", "school", "--password-file", "{pw}"), "для пользователя школы укажите его организацию"),
    (("admin", "--role", "admin", "--password-file", "{short}"), "пароль слишком короткий"),
    (("admin", "--role", "admin", "--password-file", "{missing}"), "файла с паролем нет"),
])
def test_bad_input_to_users_add_is_told_in_russian(args, message, tmp_path):
    (tmp_path / "pw").write_text(PASSWORD, encoding="utf-8")
    (tmp_path / "short").write_text("1234", encoding="utf-8")
    paths = {"{pw}": tmp_path / "pw", "{short}": tmp_path / "short", "{missing}": tmp_path / "missing"}
    result = invoke("users", "add", *[str(paths.get(a, a)) for a in args])
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_a_login_is_made_once(db, tmp_path):
    add_user(tmp_path, "admin", "admin")
    again = invoke("users", "add", "admin", "--role", "admin", "--password-file", tmp_path / "admin.password")
    assert again.exit_code == 2 and "пользователь «admin» уже есть" in again.stderr
    assert db.rows("SELECT count(*) FROM users") == [(1,)]


# -- the store -----------------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def store_at_0002(request, tmp_path, monkeypatch):
    """A store of the previous revision (0002), with an organisation in it, on either engine."""
    from test_store_engines import Database

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    else:
        url, drop = _new_postgres_database(server())
        request.addfinalizer(drop)
    from alembic import command
    from alembic.config import Config

    from docgen.registry.schema import MIGRATIONS

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.exec_driver_sql("INSERT INTO schema_version (version) VALUES (5)")
        conn.exec_driver_sql("INSERT INTO organizations (short_name, created_at, code) "
                             "VALUES ('МБОУ «Старая СОШ»', '2026-01-01 00:00:00', '3815000000')")
    engine.dispose()
    monkeypatch.setenv("DOCGEN_DB", url)
    return Database(request.param, url)


def test_a_store_of_revision_0002_gets_the_accounts_tables(store_at_0002, tmp_path):
    from docgen.registry.schema import HEAD

    assert HEAD == "0005"
    listed = invoke("users", "list")
    assert listed.exit_code == 0 and "Пользователей нет" in listed.output
    assert "ревизия 0002 → ревизия 0005" in listed.stderr
    assert store_at_0002.rows("SELECT version_num FROM alembic_version") == [("0005",)]
    assert store_at_0002.rows("SELECT code, short_name FROM organizations") == [("3815000000", "МБОУ «Старая СОШ»")]
    add_user(tmp_path, "admin", "admin")
    browser = logged_in(store_at_0002, "admin")
    assert "МБОУ «Старая СОШ»" in browser.get("/").text.replace("&#34;", '"')


def test_a_database_that_fails_under_the_site_is_told_in_russian(db, tmp_path):
    add_user(tmp_path, "admin", "admin")
    browser = logged_in(db, "admin")
    db.execute("DROP TABLE web_sessions")  # the database under the running site loses a table
    answer = browser.get("/")
    assert answer.status_code == 503 and "Сайт временно не может выполнить запрос" in answer.text
    told = ("не удаётся открыть базу данных", "не является базой docgen")  # SQLite's and PostgreSQL's answer
    assert any(message in answer.text for message in told) and "Traceback" not in answer.text
