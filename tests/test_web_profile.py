"""The organisation's profile as a page and the administrator's pages, over HTTP on both engines:
the form generated from docgen.models.Organization, its rows, the same Russian messages next to
the field, what is stored (by the row's id) and what a document made afterwards says, the version
check, the YAML file out to the command line and back in, the new organisation and user of the
administrator — and who may open or change each of these."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from helpers import invoke, read_yaml
from test_store_engines import db, inn  # noqa: F401 — db is a fixture
from test_web_app import add_user, client, log_in, logged_in, org_id, schools, token  # noqa: F401
from test_web_documents import docx_text, field_block, form_data, unescaped

TYPE = "working-group-order"
NAMES = {  # Tatar, Kazakh, hyphenated, with a patronymic particle: each saved, shown and declined
    "garipova": ("Гарипова Гульназ Ильдаровна", "ж", "учитель татарского языка"),
    "zhumabaev": ("Жумабаев Ерлан Серикович", "м", "учитель физической культуры"),
    "saltykov": ("Салтыков-Щедрин Михаил Евграфович", "м", "учитель литературы"),
    "ivanova": ("Иванова-Петрова Анна Сергеевна", "ж", "учитель истории"),
    "khairullin": ("Хайруллин Марат Рустам оглы", "м", "учитель химии"),
}


@pytest.fixture(autouse=True)
def site_files(tmp_path, monkeypatch):
    """A PostgreSQL site keeps its documents in the user's data folder: the test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def school1(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    return logged_in(db, "school1"), org_id(db, schools["one"])


def stored(db, org: int) -> dict:
    return json.loads(db.rows("SELECT profile FROM organizations WHERE id = :i", i=org)[0][0])


def row(db, org: int) -> tuple:
    return db.rows("SELECT code, short_name, profile_digest FROM organizations WHERE id = :i", i=org)[0]


def profile_url(org: int) -> str:
    return f"/org/{org}/profile"


def post_as_shown(browser, org_or_url, page: str, action: str = "save", **changes):
    """The profile form as the page shows it, with ``changes`` (name → value; None: left out)."""
    from urllib.parse import urlencode

    from test_web_documents import FormReader

    url = org_or_url if isinstance(org_or_url, str) else profile_url(org_or_url)
    form = FormReader()
    start = page.index(f'<form method="post" action="{url}"')
    form.feed(page[start:page.index("</form>", start)])
    data = [(k, v) for k, v in form.data if k != "_action" and k not in changes]
    data += [(k, v) for k, v in changes.items() if v is not None] + [("_action", action)]
    return browser.post(url, content=urlencode(data), headers={"content-type": "application/x-www-form-urlencoded"})


# -- the form and what it saves -------------------------------------------------------------------

def test_the_profile_is_shown_as_a_form_of_the_models_fields(school1):
    browser, one = school1
    page = browser.get(profile_url(one))
    assert page.status_code == 200
    text = unescaped(page.text)
    for label in ("Полное наименование по уставу", "Сокращённое наименование по уставу", "Место издания документов",
                  "Руководитель", "Штатный список", "Формат номера приказа", "Уровни образования", "ИНН",
                  "Процедуры ВСОКО и их инструментарий"):
        assert label in text, label  # the model's titles, a label's first letter capital
    assert 'name="director.full_name" value="Ермакова Светлана Викторовна"' in text
    assert 'name="staff.5.full_name" value="Мамедов Рашид Ахмед оглы"' in text
    gender = field_block(page.text, "staff.0.gender")
    assert re.search(r'<select id="f-staff-0-gender" name="staff.0.gender"', page.text)
    assert '<option value="female" selected>женский</option>' in gender
    assert 'value="add:staff"' in page.text and 'value="remove:staff.3"' in page.text and 'value="up:staff.3"' in page.text
    assert 'name="_version"' in page.text
    assert f'href="/org/{one}/profile.yaml"' in page.text
    home = browser.get(f"/org/{one}")
    assert f'href="/org/{one}/profile">Профиль организации</a>' in home.text  # the organisation page's link
    assert home.text.count(f'href="/org/{one}/profile"') >= 2  # and the navigation's


def test_an_edit_is_saved_by_the_rows_id_with_its_digest(db, school1):
    browser, one = school1
    before = row(db, one)
    page = browser.get(profile_url(one))
    saved = post_as_shown(browser, one, page.text, place="пос. Новый", **{"director.position": "директор школы"})
    assert saved.status_code == 303 and saved.headers["location"] == f"/org/{one}/profile?saved=1"
    profile = stored(db, one)
    assert profile["place"] == "пос. Новый" and profile["director"]["position"] == "директор школы"
    assert profile["staff"][5]["full_name"] == "Мамедов Рашид Ахмед оглы"  # the rest as it was
    after = row(db, one)
    assert after[0] == before[0] and after[2] != before[2]  # the same key, a new digest
    import hashlib

    text = db.rows("SELECT profile FROM organizations WHERE id = :i", i=one)[0][0]
    assert after[2] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    shown = browser.get(saved.headers["location"])
    assert "Профиль сохранён." in shown.text and 'name="place" value="пос. Новый"' in unescaped(shown.text)


def test_staff_rows_are_added_moved_and_removed(db, school1):
    browser, one = school1
    page = browser.get(profile_url(one)).text
    added = post_as_shown(browser, one, page, "add:staff")
    assert added.status_code == 200 and 'name="staff.9.full_name" value=""' in added.text
    assert "Профиль не сохранён" not in added.text
    assert len(stored(db, one)["staff"]) == 9  # a row button saves nothing
    filled = post_as_shown(browser, one, added.text, **{
        "staff.9.full_name": "Салтыков-Щедрин Михаил Евграфович", "staff.9.gender": "male",
        "staff.9.position": "учитель литературы", "staff.9.id": "saltykov"})
    assert filled.status_code == 303, filled.text
    staff = stored(db, one)["staff"]
    assert staff[9] == {"full_name": "Салтыков-Щедрин Михаил Евграфович", "gender": "male",
                        "position": "учитель литературы", "id": "saltykov"}
    page = browser.get(profile_url(one)).text
    moved = post_as_shown(browser, one, page, "up:staff.9")
    assert 'name="staff.8.full_name" value="Салтыков-Щедрин Михаил Евграфович"' in moved.text
    assert post_as_shown(browser, one, moved.text).status_code == 303
    assert stored(db, one)["staff"][8]["id"] == "saltykov" and stored(db, one)["staff"][9]["id"] == "kuznetsova"
    page = browser.get(profile_url(one)).text
    removed = post_as_shown(browser, one, page, "remove:staff.0")
    assert "Бондаренко Ольга Николаевна" not in field_block(removed.text, "staff.0.full_name")
    assert post_as_shown(browser, one, removed.text).status_code == 303
    staff = stored(db, one)["staff"]
    assert len(staff) == 9 and all(p["id"] != "bondarenko" for p in staff)


def test_tatar_kazakh_and_hyphenated_names_are_saved_shown_and_declined_in_an_order(db, school1, tmp_path):
    browser, one = school1
    page = browser.get(profile_url(one)).text
    for _ in NAMES:
        page = post_as_shown(browser, one, page, "add:staff").text
    changes = {}
    for n, (code, (name, gender, position)) in enumerate(NAMES.items(), start=9):
        changes.update({f"staff.{n}.full_name": name, f"staff.{n}.gender": gender,
                        f"staff.{n}.position": position, f"staff.{n}.id": code})
    saved = post_as_shown(browser, one, page, **changes)
    assert saved.status_code == 303, unescaped(saved.text)
    shown = unescaped(browser.get(profile_url(one)).text)
    for name, gender, _ in NAMES.values():
        assert f'value="{name}"' in shown
    staff = {p.get("id"): p for p in stored(db, one)["staff"]}
    assert staff["garipova"]["gender"] == "female" and staff["khairullin"]["gender"] == "male"

    # the working-group order made afterwards through the site's form names them, declined
    form = browser.get(f"/org/{one}/documents/new/{TYPE}?empty=true")
    assert "Салтыков-Щедрин Михаил Евграфович, учитель литературы" in unescaped(field_block(form.text, "control"))
    done = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(
        form.text, **{"members.0.person": "zhumabaev", "members.1.person": "saltykov",
                      "members.2.person": "khairullin", "members.2.role": "член рабочей группы",
                      "tasks.0.responsible": "ivanova", "control": "garipova"}))
    assert done.status_code == 200 and "Документ сформирован" in unescaped(done.text), unescaped(done.text)
    link = re.search(r'href="(/org/\d+/documents/[^"]+\.docx)"', done.text).group(1)
    body = docx_text(browser.get(link).content)
    assert "Назначить Жумабаева Ерлана Сериковича, учителя физической культуры, руководителем" in body, body
    assert "Учителю истории Ивановой-Петровой А.С. провести анализ" in body, body
    assert "возложить на учителя татарского языка Гарипову Г.И." in body, body
    for name in ("Салтыков-Щедрин Михаил Евграфович", "Хайруллин Марат Рустам оглы", "Салтыков-Щедрин М.Е.",
                 "Хайруллин М.Р."):
        assert name in body, name


def test_a_wrong_profile_is_told_next_to_its_fields_and_nothing_is_saved(db, school1):
    browser, one = school1
    before = row(db, one)
    page = browser.get(profile_url(one)).text
    wrong = post_as_shown(browser, one, page, short_name="", inn="3815006787", order_number_format="№",
                          **{"staff.1.gender": "x", "staff.2.full_name": "Зайченко"})
    assert wrong.status_code == 400
    assert "Профиль не сохранён" in unescaped(wrong.text)
    assert "ИНН «3815006787» с ошибкой" in unescaped(field_block(wrong.text, "inn"))
    assert "нет «{n}»" in unescaped(field_block(wrong.text, "order_number_format"))
    assert 'aria-invalid="true"' in field_block(wrong.text, "short_name")
    assert "Зайченко" in unescaped(field_block(wrong.text, "staff.2.full_name"))  # kept as typed
    assert re.search(r'id="f-staff-2-full_name-error"', wrong.text)
    assert row(db, one) == before


def test_hostile_text_is_stored_literally_and_shown_escaped(db, school1):
    browser, one = school1
    page = browser.get(profile_url(one)).text
    hostile = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
    long = "я" * 100_000
    saved = post_as_shown(browser, one, page, place=hostile + "\x00\x07 конец",
                          **{"staff.0.position": long, "report_addressee": "{{ config }}"})
    assert saved.status_code == 303, saved.text[:2000]
    profile = stored(db, one)
    assert profile["place"] == hostile + " конец"  # control characters removed, the rest literal
    assert profile["staff"][0]["position"] == long and profile["report_addressee"] == "{{ config }}"
    shown = browser.get(profile_url(one)).text
    assert "<script>alert(1)</script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in shown
    assert long in shown
    too_long = post_as_shown(browser, one, shown, short_name="Ш" * 100_000)
    assert too_long.status_code == 400
    assert "сокращённое наименование длиннее 500 символов" in unescaped(field_block(too_long.text, "short_name"))
    assert stored(db, one)["short_name"] == "МБОУ «Первая СОШ»"


def test_the_key_may_change_but_not_to_another_organisations(db, schools, school1):
    browser, one = school1
    two_inn = read_yaml(schools["two"])["inn"]
    before = row(db, one)
    page = browser.get(profile_url(one)).text
    taken = post_as_shown(browser, one, page, inn=two_inn)
    assert taken.status_code == 400
    assert "организация с таким ИНН уже есть в базе: «МБОУ «Вторая СОШ»»" in unescaped(field_block(taken.text, "inn"))
    assert row(db, one) == before
    new_inn = inn("381500099")
    moved = post_as_shown(browser, one, page, inn=new_inn)
    assert moved.status_code == 303
    assert row(db, one)[0] == new_inn and stored(db, one)["inn"] == new_inn
    assert db.rows("SELECT count(*) FROM organizations") == [(2,)]  # the same row, no new one
    assert browser.get("/").status_code == 200  # the school user is still the school's


def test_two_editors_at_once_the_second_is_told_and_nothing_is_lost(db, schools, school1, tmp_path):
    first, one = school1
    add_user(tmp_path, "admin", "admin")
    second = logged_in(db, "admin")
    page_first = first.get(profile_url(one)).text
    page_second = second.get(profile_url(one)).text
    assert post_as_shown(first, one, page_first, place="с. Первое").status_code == 303
    stale = post_as_shown(second, one, page_second, **{"director.position": "и.о. директора"})
    assert stale.status_code == 409
    text = unescaped(stale.text)
    assert "профиль уже изменил другой пользователь" in text
    assert 'value="и.о. директора"' in text  # the second's change kept in the form
    profile = stored(db, one)
    assert profile["place"] == "с. Первое" and profile["director"]["position"] == "директор"
    again = post_as_shown(second, one, stale.text)  # told, they save their version knowingly
    assert again.status_code == 303
    assert stored(db, one)["director"]["position"] == "и.о. директора"


def test_a_row_without_a_stored_profile_starts_the_form_from_its_names(db, school1):
    browser, one = school1
    db.execute(f"UPDATE organizations SET profile = NULL, profile_digest = NULL WHERE id = {one}")
    page = browser.get(profile_url(one))
    assert page.status_code == 200
    text = unescaped(page.text)
    assert 'name="short_name" value="МБОУ «Первая СОШ»"' in text and 'name="place" value=""' in text
    missing = browser.get(f"/org/{one}/profile.yaml")
    assert missing.status_code == 404 and "профиль организации ещё не заполнен" in unescaped(missing.text)
    profile = read_yaml(Path(__file__).parent.parent / "samples" / "tayandinskaya" / "organization.yaml")
    saved = post_as_shown(browser, one, page.text, place="с. Таянды", inn=row(db, one)[0], **{
        "director.full_name": profile["director"]["full_name"], "director.gender": "female",
        "director.position": "директор"})
    assert saved.status_code == 303, unescaped(saved.text)
    assert stored(db, one)["director"]["full_name"] == "Ермакова Светлана Викторовна"
    assert browser.get(f"/org/{one}/profile.yaml").status_code == 200


# -- the YAML file ---------------------------------------------------------------------------------

def test_the_exported_yaml_is_the_profile_the_command_line_reads(db, school1, tmp_path):
    browser, one = school1
    page = browser.get(profile_url(one)).text
    names = {"staff.0.full_name": "Иванова-Петрова Анна Сергеевна"}
    assert post_as_shown(browser, one, page, **names).status_code == 303
    answer = browser.get(f"/org/{one}/profile.yaml")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/yaml")
    assert "attachment" in answer.headers["content-disposition"] and ".yaml" in answer.headers["content-disposition"]
    exported = tmp_path / "exported.yaml"
    exported.write_bytes(answer.content)
    data = yaml.safe_load(answer.text)
    assert data["staff"][0]["full_name"] == "Иванова-Петрова Анна Сергеевна"
    from docgen.models import Organization

    assert Organization.model_validate(data) == Organization.model_validate(stored(db, one))
    order = read_yaml(Path(__file__).parent.parent / "samples" / "tayandinskaya" / "working-group-order.yaml")
    order["organization"] = exported.name
    order["number"] = 7
    data_file = tmp_path / "order.yaml"
    data_file.write_text(yaml.safe_dump(order, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("generate", TYPE, "-d", data_file, "--out", out)
    assert result.exit_code == 0, result.output
    (made,) = out.glob("*.docx")
    body = docx_text(made.read_bytes())
    assert "Ивановой-Петровой" in body or "Иванова-Петрова" in body, body
    assert "МБОУ «Первая СОШ»" in body


def upload(browser, url: str, page: str, content: bytes, name: str = "профиль.yaml"):
    return browser.post(url, data={"csrf_token": token(page)}, files={"file": (name, content, "application/yaml")})


def test_an_uploaded_profile_is_shown_checked_and_saved_only_with_save(db, schools, school1):
    browser, one = school1
    before = row(db, one)
    page = browser.get(profile_url(one)).text
    profile = read_yaml(schools["one"])
    profile["place"] = "г. Загруженный"
    profile["staff"].append({"full_name": "Жумабаев Ерлан Серикович", "gender": "м", "position": "учитель", "id": "zh"})
    shown = upload(browser, f"/org/{one}/profile/import", page,
                   yaml.safe_dump(profile, allow_unicode=True).encode("utf-8"))
    assert shown.status_code == 200
    text = unescaped(shown.text)
    assert "Профиль прочитан из файла и ещё не сохранён" in text
    assert 'name="place" value="г. Загруженный"' in text and 'value="Жумабаев Ерлан Серикович"' in text
    assert row(db, one) == before
    assert post_as_shown(browser, one, shown.text).status_code == 303
    assert stored(db, one)["place"] == "г. Загруженный" and stored(db, one)["staff"][-1]["id"] == "zh"


@pytest.mark.parametrize("content, name, message", [
    (b"full_name: [\n", "профиль.yaml", "профиль.yaml: ошибка YAML в строке 2"),  # the CLI loader's message
    (b"a: &a [1]\n" + b"".join(b"b%d: &b%d [*%s, *%s, *%s]\n" % (i, i, b"a" if i == 0 else b"b%d" % (i - 1),
                                                               b"a" if i == 0 else b"b%d" % (i - 1),
                                                               b"a" if i == 0 else b"b%d" % (i - 1))
                               for i in range(30)), "бомба.yaml", "раскрываются больше чем в 1 000 000 значений"),  # the YAML budget
    (b'{"full_name": [', "профиль.json", "профиль.json: ошибка JSON в строке 1"),
    (b"\xff\xfe\x00", "профиль.yaml", "не в кодировке UTF-8"),
    (b"- a\n- b\n", "профиль.yaml", "ожидается набор полей «ключ: значение»"),
    (b"full_name: x\n", "профиль.txt", "ожидается файл профиля .yaml, .yml или .json"),
    (b"# " + b"x" * (1024 * 1024 + 10), "профиль.yaml", "файл больше 1024 КБ"),
])
def test_a_bad_profile_file_is_refused_with_a_message_and_nothing_saved(db, school1, content, name, message):
    browser, one = school1
    before = row(db, one)
    page = browser.get(profile_url(one)).text
    answer = upload(browser, f"/org/{one}/profile/import", page, content, name)
    assert answer.status_code == 400, answer.text[:500]
    block = unescaped(answer.text[answer.text.index('id="profile-file"'):])
    assert message in block
    assert row(db, one) == before


def test_an_uploaded_profile_that_does_not_validate_is_told_by_field(db, school1):
    browser, one = school1
    before = row(db, one)
    page = browser.get(profile_url(one)).text
    bad = {"full_name": "Школа", "short_name": "Школа", "place": "с. Х", "inn": "123",
           "director": {"full_name": "Иванов", "gender": "м", "position": "директор"}, "unknown_key": 1}
    answer = upload(browser, f"/org/{one}/profile/import", page, yaml.safe_dump(bad, allow_unicode=True).encode())
    assert answer.status_code == 400
    text = unescaped(answer.text)
    assert "ИНН организации — 10 цифр" in unescaped(field_block(answer.text, "inn"))
    assert "Иванов" in unescaped(field_block(answer.text, "director.full_name"))
    assert "unknown_key" in text
    assert row(db, one) == before


def test_an_oversized_request_is_refused_before_it_is_read(db, school1):
    browser, one = school1
    page = browser.get(profile_url(one)).text
    answer = upload(browser, f"/org/{one}/profile/import", page, b"x" * (5 * 1024 * 1024))
    assert answer.status_code == 413


# -- who may open and change it ---------------------------------------------------------------------

PROFILE_ROUTES = [("GET", "/org/{id}/profile"), ("POST", "/org/{id}/profile"), ("GET", "/org/{id}/profile.yaml"),
                  ("POST", "/org/{id}/profile/import")]
ADMIN_ROUTES = [("GET", "/admin/users"), ("POST", "/admin/users"), ("POST", "/admin/users/disable"),
                ("POST", "/admin/users/password"), ("GET", "/admin/organisations/new"),
                ("POST", "/admin/organisations/new"), ("POST", "/admin/organisations/import")]


def _send(browser, method: str, path: str, csrf: str | None):
    data = {"place": "взлом", "_action": "save", "login": "school2", "password": "новый-пароль-1",
            "password_again": "новый-пароль-1", "role": "admin"}
    if csrf is not None:
        data["csrf_token"] = csrf
    files = {"file": ("p.yaml", b"place: x\n", "application/yaml")} if path.endswith("import") else None
    return browser.request(method, path, data=data, files=files)


def test_every_new_route_is_served_and_listed():
    from test_web_app import routes

    from docgen.web.app import create_app

    served = set(routes(create_app("sqlite://")))
    for method, path in PROFILE_ROUTES + ADMIN_ROUTES:
        assert (method, path.replace("{id}", "{org_id}")) in served, (method, path)


def test_anonymous_requests_get_the_login_page(db, schools):
    browser = client(db)
    one = org_id(db, schools["one"])
    for method, path in PROFILE_ROUTES + ADMIN_ROUTES:
        answer = _send(browser, method, path.replace("{id}", str(one)), None)
        assert answer.status_code == 303 and answer.headers["location"] == "/login", (method, path)


def test_another_schools_user_gets_404_and_changes_nothing(db, schools, tmp_path):
    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "school2")
    csrf = token(browser.get("/").text)
    one = org_id(db, schools["one"])
    before = row(db, one)
    for method, path in PROFILE_ROUTES:
        answer = _send(browser, method, path.replace("{id}", str(one)), csrf)
        assert answer.status_code == 404 and "Первая" not in answer.text, (method, path)
    for method, path in ADMIN_ROUTES:
        assert _send(browser, method, path, csrf).status_code == 403, (method, path)
    assert row(db, one) == before
    assert db.rows("SELECT role FROM users WHERE login = 'school2'") == [("school",)]


def test_a_methodologist_reads_the_profile_and_changes_nothing(db, schools, tmp_path):
    add_user(tmp_path, "method", "methodologist")
    browser = logged_in(db, "method")
    one = org_id(db, schools["one"])
    before = row(db, one)
    page = browser.get(profile_url(one))
    assert page.status_code == 200
    assert '<fieldset class="profile-fields" disabled>' in page.text
    assert 'value="save"' not in page.text and "/profile/import" not in page.text
    assert browser.get(f"/org/{one}/profile.yaml").status_code == 200
    csrf = token(page.text)
    for method, path in PROFILE_ROUTES:
        if method == "POST":
            answer = _send(browser, method, path.replace("{id}", str(one)), csrf)
            assert answer.status_code == 403 and "не изменяет" in unescaped(answer.text), path
    for method, path in ADMIN_ROUTES:
        assert _send(browser, method, path, csrf).status_code == 403, (method, path)
    assert row(db, one) == before


def test_posts_without_the_sessions_token_are_refused(db, schools, tmp_path):
    add_user(tmp_path, "admin", "admin")
    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "admin")
    one = org_id(db, schools["one"])
    before = row(db, one)
    users_before = db.rows("SELECT login, active, password_hash FROM users ORDER BY login")
    for method, path in PROFILE_ROUTES + ADMIN_ROUTES:
        if method == "POST":
            for csrf in (None, "подделка"):
                answer = _send(browser, method, path.replace("{id}", str(one)), csrf)
                assert answer.status_code == 403 and "Форма устарела" in answer.text, (path, csrf)
    assert row(db, one) == before
    assert db.rows("SELECT login, active, password_hash FROM users ORDER BY login") == users_before
    assert db.rows("SELECT count(*) FROM organizations") == [(2,)]


def test_a_school_user_without_an_organisation_is_told_clearly(db, schools, tmp_path):
    add_user(tmp_path, "lost", "school", schools["two"])
    db.execute("UPDATE users SET org_id = NULL WHERE login = 'lost'")
    browser = logged_in(db, "lost")
    home = unescaped(browser.get("/").text)
    assert "Организация не указана" in home and "Учётная запись «lost»" in home
    assert "Попросите администратора сайта" in home and "/profile" not in home


# -- the administrator ----------------------------------------------------------------------------

@pytest.fixture
def admin(db, tmp_path):
    add_user(tmp_path, "admin", "admin")
    return logged_in(db, "admin")


def test_the_administrator_creates_an_organisation_from_the_empty_form(db, admin):
    home = admin.get("/")
    assert 'href="/admin/organisations/new"' in home.text and 'href="/admin/users"' in home.text
    page = admin.get("/admin/organisations/new")
    assert page.status_code == 200 and 'name="director.full_name" value=""' in page.text
    url = "/admin/organisations/new"
    missing = post_as_shown(admin, url, page.text, full_name="Школа <b>", short_name="")
    assert missing.status_code == 400 and "Организация не создана" in unescaped(missing.text)
    assert "Школа &lt;b&gt;" in missing.text and db.rows("SELECT count(*) FROM organizations") == [(0,)]
    fields = {"full_name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»",
              "short_name": "МБОУ «СШ № 5»", "place": "г. Казань", "inn": inn("165500011"),
              "director.full_name": "Гарипова Гульназ Ильдаровна", "director.gender": "female",
              "director.position": "директор"}
    made = post_as_shown(admin, url, missing.text, **fields)
    assert made.status_code == 303, unescaped(made.text)
    new_id = int(re.fullmatch(r"/org/(\d+)/profile\?saved=1", made.headers["location"]).group(1))
    assert row(db, new_id)[:2] == (fields["inn"], "МБОУ «СШ № 5»")
    assert stored(db, new_id)["director"] == {"id": None, "full_name": "Гарипова Гульназ Ильдаровна", "gender": "female",
                                              "position": "директор"}
    again = post_as_shown(admin, url, missing.text, **fields)
    assert again.status_code == 400 and "организация с таким ИНН уже есть" in unescaped(again.text)
    assert db.rows("SELECT count(*) FROM organizations") == [(1,)]


def test_the_administrator_creates_an_organisation_from_a_yaml_file(db, admin, tmp_path):
    from test_store_engines import school

    folder = school(tmp_path, "three", short_name="МБОУ «Третья СОШ»", inn_=inn("381500033"))
    page = admin.get("/admin/organisations/new").text
    shown = upload(admin, "/admin/organisations/import", page, (folder / "organization.yaml").read_bytes(),
                   "organization.yaml")
    assert shown.status_code == 200 and "ещё не сохранён" in unescaped(shown.text)
    assert db.rows("SELECT count(*) FROM organizations") == [(0,)]
    made = post_as_shown(admin, "/admin/organisations/new", shown.text)
    assert made.status_code == 303
    assert db.rows("SELECT short_name FROM organizations") == [("МБОУ «Третья СОШ»",)]
    bad = upload(admin, "/admin/organisations/import", page, b"full_name: [", "organization.yaml")
    assert bad.status_code == 400 and db.rows("SELECT count(*) FROM organizations") == [(1,)]


def test_the_administrator_creates_users_with_the_same_checks_as_the_command_line(db, schools, admin):
    one = org_id(db, schools["one"])
    page = admin.get("/admin/users").text
    base = {"csrf_token": token(page), "login": "secretary", "role": "school", "org_id": str(one),
            "password": "пароль-школы-1", "password_again": "пароль-школы-1"}
    for changes, field, message in [
        ({"password_again": "другой-пароль"}, "password", "пароли не совпадают"),
        ({"password": "корот", "password_again": "корот"}, "password", "пароль слишком короткий"),
        ({"login": "кто то"}, "login", "логин «кто то» не подходит"),
        ({"role": "boss"}, "role", "неизвестная роль «boss»"),
        ({"org_id": ""}, "org_id", "для пользователя школы выберите его организацию"),
        ({"org_id": "999999"}, "org_id", "выбранной организации нет в базе"),
        ({"login": "admin"}, "login", "пользователь «admin» уже есть"),
    ]:
        answer = admin.post("/admin/users", data={**base, **changes})
        assert answer.status_code == 400, changes
        assert message in unescaped(answer.text[answer.text.index(f'id="u-{field}-error"'):]), changes
    assert db.rows("SELECT login FROM users ORDER BY login") == [("admin",)]
    made = admin.post("/admin/users", data=base)
    assert made.status_code == 303
    assert db.rows("SELECT role, org_id FROM users WHERE login = 'secretary'") == [("school", one)]
    school_user = client(db)
    assert log_in(school_user, "secretary", "пароль-школы-1").status_code == 303
    assert school_user.get(profile_url(one)).status_code == 200
    method = admin.post("/admin/users", data={**base, "login": "method", "role": "methodologist", "org_id": "",
                                              "scope": [str(org_id(db, schools["two"]))]})
    assert method.status_code == 303
    reader = client(db)
    assert log_in(reader, "method", "пароль-школы-1").status_code == 303
    assert reader.get(profile_url(one)).status_code == 404 and reader.get(profile_url(org_id(db, schools["two"]))).status_code == 200


def test_the_administrator_resets_a_password_and_disables_a_user(db, schools, admin, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    victim = logged_in(db, "school1")
    page = admin.get("/admin/users").text
    assert "Сменить пароль" in unescaped(page) and "Отключить" in page
    mismatch = admin.post("/admin/users/password", data={"csrf_token": token(page), "login": "school1",
                                                         "password": "новый-пароль-1", "password_again": "иной-пароль-1"})
    assert mismatch.status_code == 400 and "пароли не совпадают" in unescaped(mismatch.text)
    assert log_in(client(db), "school1").status_code == 303
    reset = admin.post("/admin/users/password", data={"csrf_token": token(page), "login": "school1",
                                                      "password": "новый-пароль-1", "password_again": "новый-пароль-1"})
    assert reset.status_code == 303
    assert victim.get("/").headers.get("location") == "/login"  # the old sessions ended
    assert log_in(client(db), "school1").status_code == 401
    assert log_in(client(db), "school1", "новый-пароль-1").status_code == 303
    unknown = admin.post("/admin/users/disable", data={"csrf_token": token(page), "login": "никто"})
    assert unknown.status_code == 404
    myself = admin.post("/admin/users/disable", data={"csrf_token": token(page), "login": "admin"})
    assert myself.status_code == 400 and db.rows("SELECT active FROM users WHERE login = 'admin'")[0][0]
    off = admin.post("/admin/users/disable", data={"csrf_token": token(page), "login": "school1"})
    assert off.status_code == 303
    assert log_in(client(db), "school1", "новый-пароль-1").status_code == 401
    listed = unescaped(admin.get("/admin/users?done=disabled").text)
    assert "Пользователь отключён" in listed


def test_a_large_staff_list_is_saved_whole(db, school1):
    """A school of 300 staff posts more than a thousand fields (Starlette's default limit): the
    form is read once, by the CSRF check, with the site's own limit, so the save goes through."""
    browser, one = school1
    page = browser.get(profile_url(one)).text
    first = len(stored(db, one)["staff"])
    names = ("Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова")
    staff = {}
    for n in range(first, first + 300):
        staff.update({f"staff.{n}.full_name": f"{names[n % 6]} Анна Сергеевна", f"staff.{n}.gender": "female",
                      f"staff.{n}.position": "учитель", f"staff.{n}.id": f"t{n}"})
    answer = post_as_shown(browser, one, page, **staff)
    assert answer.status_code == 303, re.findall(r"role=\"alert\">([^<]*)<", answer.text)
    assert len(stored(db, one)["staff"]) == first + 300
