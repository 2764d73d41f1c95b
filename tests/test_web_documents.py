"""A document type's form on the site, generated from its input model, over HTTP on both engines:
the labels of the model, the Russian messages next to the field they name, the values kept, the
document generated through the engine and numbered in the journal of the site's store, the
download of the .docx — and another school's user or a methodologist kept out."""
from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from helpers import assert_office_checker_clean
from test_store_engines import db  # noqa: F401 — a fixture
from test_web_app import add_user, logged_in, org_id, schools, token  # noqa: F401 — schools is a fixture

TYPE = "working-group-order"
TASK = "провести анализ локальных актов ВСОКО и представить его рабочей группе"


def form_data(page: str, **changes) -> dict[str, str]:
    """A working-group order as the secretary fills it in: two members, one task."""
    data = {
        "csrf_token": token(page),
        "date": "2026-12-01",
        "purpose": "совершенствования внутренней системы оценки качества образования",
        "period.start": "2026-12-01", "period.end": "2027-05-31",
        "meetings": "ежемесячно, по вторникам",
        "members.0.person": "bondarenko", "members.0.role": "руководитель",
        "members.1.person": "zaichenko", "members.1.role": "член рабочей группы",
        "tasks.0.action": TASK, "tasks.0.responsible": "belykh", "tasks.0.deadline": "20.12.2026",
        "_action": "generate",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def docx_text(content: bytes) -> str:
    """Every paragraph of a downloaded .docx, tables' cells included; the typography's no-break
    spaces (before «%», after initials) read as spaces."""
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\xa0", " ")


def unescaped(text: str) -> str:
    return html.unescape(text)


def field_block(page: str, name: str) -> str:
    """The form's block of the field ``name``: from its widget to the next field."""
    start = page.index(f'name="{name}"')
    end = page.find('<div class="field', start)
    return page[start:end if end != -1 else len(page)]


class FormReader(HTMLParser):
    """The pairs a browser would send for the page's document form, as shown — a single select
    with no option marked sends its first one, as a browser does."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.area = [], None, None
        self.multiple, self.first, self.chosen = False, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and (a.get("type") != "checkbox" or "checked" in a):
            self.data.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self.select, self.multiple, self.first, self.chosen = a.get("name"), "multiple" in a, None, False
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = a.get("value") or ""
            if "selected" in a:
                self.chosen = True
                self.data.append((self.select, a.get("value") or ""))
        elif tag == "textarea":
            self.area = a.get("name")
            self.data.append((self.area, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            if self.select and not self.multiple and not self.chosen and self.first is not None:
                self.data.append((self.select, self.first))
            self.select = None
        elif tag == "textarea":
            self.area = None

    def handle_data(self, data):
        if self.area:
            name, before = self.data[-1]
            self.data[-1] = (name, before + data)


def submit_as_shown(browser, url: str, page: str, action: str = "generate"):
    from urllib.parse import urlencode

    form = FormReader()
    start = page.index('class="document-form')
    form.feed(page[page.rindex("<form", 0, start):])
    data = [(k, v) for k, v in form.data if k != "_action"] + [("_action", action)]
    return browser.post(url, content=urlencode(data), headers={"content-type": "application/x-www-form-urlencoded"})


@pytest.fixture(autouse=True)
def site_files(tmp_path, monkeypatch):
    """A PostgreSQL site keeps its documents in the user's data folder: the test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def school1(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    return logged_in(db, "school1"), org_id(db, schools["one"])


def test_the_list_offers_every_type_with_an_organisation(school1):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents")
    assert page.status_code == 200
    text = unescaped(page.text)
    assert f"/org/{one}/documents/new/{TYPE}" in text
    assert "Приказ о создании рабочей группы по совершенствованию ВСОКО" in text
    assert "План-график (дорожная карта) работы рабочей группы по ВСОКО" in text
    assert f'href="/org/{one}/documents"' in page.text  # the navigation link


def test_the_form_shows_the_models_russian_labels_and_widgets(school1):
    from docgen_plugins.working_group_order.model import WorkingGroupOrderInput

    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    assert page.status_code == 200
    text = unescaped(page.text)
    for name in ("date", "purpose", "meetings", "members", "tasks", "period", "control"):
        title = WorkingGroupOrderInput.model_fields[name].title
        assert title[0].upper() + title[1:] in text, name  # a label starts a line: its first letter capital
    assert "Дата приказа" in text and "Состав рабочей группы" in text and "Поручения" in text
    assert "ДД.ММ.ГГГГ" not in field_block(page.text, "date")  # the date widget has a calendar, not a format
    assert "продолжает фразу «в целях …»" in text  # a hint from the model's description
    assert re.search(r'<input type="date" id="f-date" name="date"', page.text)
    assert re.search(r'<textarea id="f-purpose" name="purpose"', page.text)
    assert '<input type="checkbox" id="f-approve_plan_graph"' in page.text
    control = field_block(page.text, "control")
    assert "Бондаренко Ольга Николаевна" in control and 'value="bondarenko"' in control  # the staff picker
    assert 'name="organization' not in page.text  # the school's stored profile, not a field
    assert 'value="add:members"' in page.text and 'value="add:tasks"' in page.text


def test_the_form_starts_from_the_types_sample(school1):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}?sample=true")
    assert 'name="members.8.person"' in page.text  # the sample's nine members
    assert 'id="f-period-start" name="period.start" value="2026-09-01"' in page.text  # ДД.ММ.ГГГГ as the date input wants


def test_rows_are_added_and_removed_with_the_values_kept(school1):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    post = f"/org/{one}/documents/new/{TYPE}"

    def after(action: str):
        """A row action saves the draft and shows the draft's page at the list (a reload keeps it)."""
        answer = browser.post(post, data=form_data(page.text, _action=action))
        assert answer.status_code == 303
        location = answer.headers["location"]
        assert re.fullmatch(rf"/org/{one}/drafts/\d+#f-members", location), location
        return browser.get(location.partition("#")[0])

    added = after("add:members")
    assert added.status_code == 200 and 'name="members.2.person"' in added.text
    assert "Документ не сформирован" not in added.text  # adding a row validates nothing yet
    removed = after("remove:members.0")
    assert 'name="members.1.person"' not in removed.text
    kept = field_block(removed.text, "members.0.person")
    assert '<option value="zaichenko" selected>' in kept
    assert TASK in unescaped(removed.text)
    moved = after("up:members.1")
    assert '<option value="zaichenko" selected>' in field_block(moved.text, "members.0.person")
    assert '<option value="bondarenko" selected>' in field_block(moved.text, "members.1.person")
    assert 'value="up:members.0"' not in moved.text and 'value="up:members.1"' in moved.text


def test_a_wrong_field_is_told_next_to_it_then_the_order_is_generated_and_downloaded(db, school1, tmp_path):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    post = f"/org/{one}/documents/new/{TYPE}"
    wrong = browser.post(post, data=form_data(page.text, **{"tasks.0.deadline": "31.02.2026"}))
    assert wrong.status_code == 400
    block = unescaped(field_block(wrong.text, "tasks.0.deadline"))
    assert "такой даты нет" in block  # the CLI's message, by the field —
    assert "поле «tasks[1].deadline»" not in block  # without the CLI's pointer to it: the form shows where
    assert "31.02.2026" in block  # the value kept as typed
    assert "Документ не сформирован" in wrong.text
    assert '<option value="zaichenko" selected>' in field_block(wrong.text, "members.1.person")
    assert TASK in unescaped(wrong.text)
    assert db.rows("SELECT count(*) FROM order_journal") == [(0,)]

    done = browser.post(post, data=form_data(wrong.text))
    assert done.status_code == 200, done.text
    text = unescaped(done.text)
    assert "Документ сформирован" in text and "№ 1-од от 01.12.2026" in text
    link = re.search(r'href="(/org/\d+/documents/file/([^"/]+\.docx))"', done.text)
    assert link is not None
    assert db.rows("SELECT number, status FROM order_journal WHERE file LIKE :f",
                   f="%" + unquote(link.group(2))) == [("1-од", "complete")]
    download = browser.get(link.group(1))
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert "01.12.2026" in unescaped(download.headers["content-disposition"]).replace("%20", " ") \
        or "01.12.2026" in download.headers["content-disposition"]
    body = docx_text(download.content)
    assert "Бондаренко" in body and "Зайченко" in body and TASK in body
    assert "1\u2011од" in body
    saved = tmp_path / "downloaded.docx"
    saved.write_bytes(download.content)
    assert_office_checker_clean(saved, "--level", "2")  # the CLI's document, ГОСТ layout and all


def test_a_model_rule_across_fields_is_told_by_the_field_it_names(school1):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    answer = browser.post(f"/org/{one}/documents/new/{TYPE}",
                          data=form_data(page.text, **{"members.1.role": "руководитель"}))
    text = unescaped(answer.text)
    assert "в составе должен быть ровно один руководитель" in text
    members = text[text.index('id="f-members"'):text.index('id="f-members-0"')]
    assert "ровно один руководитель" in members  # at the list, not at the top of the form
    early = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text, **{"tasks.0.deadline": "01.11.2026"}))
    assert "срок поручения 01.11.2026 раньше даты приказа" in unescaped(field_block(early.text, "tasks.0.deadline"))


def test_html_and_jinja_are_shown_escaped_and_printed_literally(school1):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    hostile = "<script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %}"
    post = f"/org/{one}/documents/new/{TYPE}"
    wrong = browser.post(post, data=form_data(page.text, **{"tasks.0.action": hostile, "date": "2026-13-01"}))
    assert wrong.status_code == 400
    assert "<script>alert(1)</script>" not in wrong.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in wrong.text
    assert "49" not in field_block(wrong.text, "tasks.0.action")
    done = browser.post(post, data=form_data(page.text, **{"tasks.0.action": hostile}))
    assert done.status_code == 200, done.text
    link = re.search(r'href="(/org/\d+/documents/file/[^"/]+\.docx)"', done.text).group(1)
    body = docx_text(browser.get(link).content)
    assert "<script>alert(1)</script>" in body and "{{ 7*7 }}" in body and "{% if 1 %}x{% endif %}" in body


def test_another_schools_user_gets_404_for_the_form_the_post_and_the_download(db, schools, school1, tmp_path):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    done = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text))
    link = re.search(r'href="(/org/\d+/documents/file/([^"/]+\.docx))"', done.text)
    assert link is not None, done.text
    add_user(tmp_path, "school2", "school", schools["two"])
    other = logged_in(db, "school2")
    two = org_id(db, schools["two"])
    own = other.get(f"/org/{two}/documents/new/{TYPE}")
    assert own.status_code == 200
    for path in (f"/org/{one}/documents", f"/org/{one}/documents/new/{TYPE}", link.group(1)):
        assert other.get(path).status_code == 404, path
    assert other.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(own.text)).status_code == 404
    # the entry named under the user's own school: not theirs either
    assert other.get(f"/org/{two}/documents/file/{link.group(2)}").status_code == 404
    assert other.get(f"/org/{two}/documents/file/..%2F..%2Fsecret.docx").status_code == 404
    assert db.rows("SELECT count(*) FROM order_journal") == [(1,)]


def test_a_methodologist_sees_the_form_and_cannot_generate(db, schools, tmp_path):
    add_user(tmp_path, "method", "methodologist")
    browser = logged_in(db, "method")
    one = org_id(db, schools["one"])
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    assert page.status_code == 200
    answer = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text))
    assert answer.status_code == 403 and "не изменяет" in answer.text
    assert db.rows("SELECT count(*) FROM order_journal") == [(0,)]


def test_an_unknown_type_is_404(school1):
    browser, one = school1
    assert browser.get(f"/org/{one}/documents/new/no-such-type").status_code == 404


def test_a_type_without_a_journal_number_is_generated_and_downloaded(school1):
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/plan-graph?sample=true")
    assert page.status_code == 200
    pairs = re.findall(r'name="([^"_][^"]*)" value="([^"]*)"', page.text)
    assert pairs  # the sample filled the form in
    done = submit_as_shown(browser, f"/org/{one}/documents/new/plan-graph", page.text)
    assert done.status_code == 200, unescaped(done.text)[:3000]
    link = re.search(r'href="(/org/\d+/documents/file/[^"]+\.docx)"', done.text)
    assert link is not None, done.text
    download = browser.get(link.group(1))
    assert download.status_code == 200
    assert "План-график" in docx_text(download.content)


def test_every_types_sample_put_through_its_form_is_generated_or_told_by_field(school1):
    """The form is generic: each type's sample, shown in its form and sent back unchanged, comes
    back as a document — or, where the sample names people of another school, as messages by
    the fields, never as a failure of the page."""
    from docgen.engine import Engine

    browser, one = school1
    made = []
    for slug, document_type in Engine().document_types.items():
        if "organization" not in document_type.input_model.model_fields:
            continue
        page = browser.get(f"/org/{one}/documents/new/{slug}?sample=true")
        assert page.status_code == 200, slug
        answer = submit_as_shown(browser, f"/org/{one}/documents/new/{slug}", page.text)
        assert answer.status_code in (200, 400), (slug, unescaped(answer.text)[-3000:])
        if answer.status_code == 200:
            assert "Документ сформирован" in answer.text, slug
            made.append(slug)
        else:
            assert 'class="error field-error"' in answer.text or 'class="error form-error"' in answer.text, slug
    assert {"working-group-order", "regulation-order", "plan-graph"} <= set(made), made


def test_someone_outside_the_staff_list_is_entered_as_a_whole_person(school1):
    """A staff reference takes a whole person too (a contact at another organisation): the picker
    left empty, ФИО, пол and должность typed — the same model checks them, by their own fields."""
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    assert "Другой человек, не из штатного списка" in unescaped(page.text)
    post = f"/org/{one}/documents/new/{TYPE}"
    outside = {"members.1.person": "", "members.1.person.full_name": "Жумабаев", "members.1.person.gender": "male",
               "members.1.person.position": "учитель физики"}
    wrong = browser.post(post, data=form_data(page.text, **outside))
    assert wrong.status_code == 400
    assert "Жумабаев" in field_block(wrong.text, "members.1.person.full_name")
    assert 'class="error field-error" id="f-members-1-person-full_name-error"' in wrong.text
    assert re.search(r'<details class="outside-person" open>', wrong.text)
    done = browser.post(post, data=form_data(page.text, **{**outside, "members.1.person.full_name": "Жумабаев Ерлан Серикович"}))
    assert done.status_code == 200, unescaped(done.text)[-2000:]
    link = re.search(r'href="(/org/\d+/documents/[^"]+\.docx)"', done.text).group(1)
    body = docx_text(browser.get(link).content)
    assert "Жумабаев Е.С." in body and "Учитель физики" in body  # the annex lists members by surname and initials


def test_an_empty_form_sent_as_a_browser_sends_it_is_told_by_field_not_by_an_outside_person(school1):
    """Every select sends a value, the outside person's «пол» too: a gender alone names nobody,
    so an optional picker left empty stays empty (no «ФИО» demanded of it)."""
    browser, one = school1
    page = browser.get(f"/org/{one}/documents/new/{TYPE}")
    answer = submit_as_shown(browser, f"/org/{one}/documents/new/{TYPE}", page.text)
    assert answer.status_code == 400
    assert 'id="f-date-error"' in answer.text
    assert "full_name" not in re.sub(r'name="[^"]*"|id="[^"]*"|for="[^"]*"', "", answer.text)
    assert 'id="f-publish_responsible-full_name-error"' not in answer.text


def test_hints_speak_to_the_form_not_to_the_data_file(school1):
    """The model's descriptions are written for a data file too; the form drops what only a data
    file's author needs — a mapping's YAML shape, a command in parentheses, «true — »."""
    browser, one = school1
    page = unescaped(browser.get(f"/org/{one}/documents/new/{TYPE}").text)
    assert "{person:" not in page and "(docgen" not in page and "true —" not in page and "plan-graph" not in page
    assert "кто подготовил приказ; печатается под подписью (ГОСТ Р 7.0.97)" in page  # Latin-free parentheses stay
    assert "пункт «Утвердить прилагаемый план-график" in page
    assert "«м» или «ж»" not in page and "от него зависят падежи фамилии" in page  # the model's form_hint
