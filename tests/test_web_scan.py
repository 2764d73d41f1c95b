"""The scan page over HTTP: upload a school's acts, see the proposals, apply the ticked rows — by the
import's rules, all or nothing; the organisation checks, CSRF, a methodologist's 403 and the
upload limits as on every page that changes a school."""
from __future__ import annotations

import re
from html import unescape

from test_acts_scan import _typed_act
from test_store_engines import db  # noqa: F401 — db is a fixture
from test_web_app import add_user, logged_in, org_id, schools, status_of, token  # noqa: F401 — schools is a fixture
from test_web_records import changed_tables

APPROVED = "УТВЕРЖДЕНО\nприказом директора\nот 11.12.2025 № 131-од"
ADOPTED = "ПРИНЯТО\nна заседании педагогического совета\n(протокол от 10.12.2025 № 4)"


def typed(tmp_path, name: str, grif: str, title: tuple[str, ...]) -> bytes:
    path = tmp_path / name
    _typed_act(path, grif, title)
    return path.read_bytes()


def fields(html: str) -> dict[str, list[str]]:
    """The proposals' hidden fields in their order, as the browser would post them back."""
    found: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="(act|status|order_number|order_date)" value="([^"]*)"',
                                  html):
        found.setdefault(name, []).append(unescape(value))
    return found


def error_of(html: str) -> str:
    match = re.search(r'class="error" role="alert">([^<]*)<', html)
    return " ".join(unescape(match.group(1)).split()) if match else ""


def test_upload_propose_and_apply_the_ticked_rows(db, schools, tmp_path):
    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "school2")
    two = org_id(db, schools["two"])
    page = browser.get(f"/org/{two}")
    assert f"/org/{two}/registry/scan" in page.text
    form = browser.get(f"/org/{two}/registry/scan")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text and "multiple" in form.text
    csrf = token(form.text)
    control = typed(tmp_path, "a.docx", APPROVED, ("ПОЛОЖЕНИЕ", "о внутришкольном контроле"))
    selfeval = typed(tmp_path, "b.docx", ADOPTED, ("ПОЛОЖЕНИЕ", "о порядке проведения", "самообследования"))
    before = changed_tables(db)
    answer = browser.post(f"/org/{two}/registry/scan", data={"csrf_token": csrf}, files=[
        ("files", ("Контроль 2025.docx", control)), ("files", ("scan.docx", selfeval)),
        ("files", ("заметки.txt", "список".encode())), ("files", ("копия.docx", control)),
        ("files", ("../../../etc/x.docx", b"not a zip"))])
    assert answer.status_code == 200, error_of(answer.text)
    assert changed_tables(db) == before  # a scan writes nothing
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", answer.text)).split())
    assert "Контроль 2025.docx Положение о внутришкольном контроле (ВШК) (internal-control) 100 % утверждён " \
           "№ 131-од от 11.12.2025" in text.replace("\xa0", " "), text
    assert "scan.docx Положение о порядке проведения самообследования (self-evaluation) 100 % принят" in text
    assert "текстовый файл (.txt)" in text and "копия файла «Контроль 2025.docx»" in text
    assert "повреждён" in text and "../" not in answer.text
    posted = fields(answer.text)
    assert posted["act"] == ["internal-control", "self-evaluation", "", "", ""]
    assert posted["order_number"][0] == "131-од" and posted["order_date"][0] == "11.12.2025"
    assert len(re.findall(r'type="checkbox" name="pick"', answer.text)) == 2  # only rows with an act

    def apply(**changes):
        data = {**posted, **changes, "csrf_token": csrf}
        return browser.post(f"/org/{two}/registry/scan/apply", data=data)

    refusals = {
        "не указан код акта": dict(pick=["1", "3"]),  # a row without an act, ticked by hand
        "ни одна строка не отмечена": dict(pick=[]),
        "ещё не наступила": dict(pick=["1"], order_date=["01.01.2099", "", "", "", ""]),
        "акта с кодом «no-such-act» нет": dict(pick=["1"], act=["no-such-act", "self-evaluation", "", "", ""]),
        "которой в таблице нет": dict(pick=["9"]),
        "столбцы разной длины": dict(pick=["1"], act=["internal-control"]),
    }
    for words, change in refusals.items():
        refused = apply(**change)
        assert refused.status_code == 400, (words, refused.status_code)
        assert words in error_of(refused.text), (words, error_of(refused.text))
        assert "Реестр не изменён" in refused.text
        assert changed_tables(db) == before, words
    assert "таблица предложений: строка 3, столбец «Код»" in error_of(apply(pick=["1", "3"]).text)

    done = apply(pick=["1", "2"])
    assert done.status_code == 200, error_of(done.text)
    assert "Внесено в реестр актов: 2" in done.text
    assert status_of(db, schools["two"], "internal-control") == "approved"
    assert status_of(db, schools["two"], "self-evaluation") == "adopted"
    assert db.rows("SELECT order_number, order_date FROM act_status WHERE act_id = 'internal-control' AND org_id = :o",
                   o=two)[0][0] == "131-од"
    assert db.rows("SELECT who FROM act_history ORDER BY id DESC")[0] == ("school2",)


def test_limits_access_and_csrf(db, schools, tmp_path):
    add_user(tmp_path, "school1", "school", schools["one"])
    add_user(tmp_path, "school2", "school", schools["two"])
    add_user(tmp_path, "method", "methodologist")
    one, two = org_id(db, schools["one"]), org_id(db, schools["two"])
    control = typed(tmp_path, "a.docx", APPROVED, ("ПОЛОЖЕНИЕ", "о внутришкольном контроле"))
    before = changed_tables(db)

    reader = logged_in(db, "method")
    csrf = token(reader.get("/").text)
    assert reader.get(f"/org/{two}/registry/scan").status_code == 403
    assert reader.post(f"/org/{two}/registry/scan", data={"csrf_token": csrf},
                       files=[("files", ("a.docx", control))]).status_code == 403
    assert reader.post(f"/org/{two}/registry/scan/apply", data={"csrf_token": csrf, "pick": "1",
                                                              "act": "internal-control", "status": "утверждён",
                                                              "order_number": "1", "order_date": "01.01.2025"}
                       ).status_code == 403

    other = logged_in(db, "school1")
    csrf = token(other.get("/").text)
    assert other.get(f"/org/{two}/registry/scan").status_code == 404
    assert other.post(f"/org/{two}/registry/scan/apply", data={"csrf_token": csrf, "pick": "1",
                                                             "act": "internal-control", "status": "утверждён",
                                                             "order_number": "1", "order_date": "01.01.2025"}
                      ).status_code == 404
    assert other.get(f"/org/{one}/registry/scan").status_code == 200

    browser = logged_in(db, "school2")
    csrf = token(browser.get(f"/org/{two}/registry/scan").text)
    no_token = browser.post(f"/org/{two}/registry/scan/apply", data={"pick": "1", "act": "internal-control",
                                                                   "status": "утверждён", "order_number": "1",
                                                                   "order_date": "01.01.2025"})
    assert no_token.status_code == 403
    none = browser.post(f"/org/{two}/registry/scan", data={"csrf_token": csrf})
    assert none.status_code == 400 and "файлы не выбраны" in error_of(none.text)
    many = browser.post(f"/org/{two}/registry/scan", data={"csrf_token": csrf},
                        files=[("files", (f"{i}.txt", b"x")) for i in range(51)])
    assert many.status_code == 413 and "не больше 50 файлов" in error_of(many.text)
    huge = browser.post(f"/org/{two}/registry/scan", data={"csrf_token": csrf},
                        files=[("files", ("big.pdf", b"%PDF" + b"0" * (4 * 1024 * 1024)))])
    assert huge.status_code == 413 and "больше 4 МБ не принимается" in huge.text
    assert changed_tables(db) == before
    assert status_of(db, schools["two"], "internal-control") is None


def test_a_pdf_upload_is_read_like_the_command_reads_it(db, schools, tmp_path):
    """A file named .pdf that is not a readable PDF gets its reason on the page, not an error page."""
    add_user(tmp_path, "school2", "school", schools["two"])
    browser = logged_in(db, "school2")
    two = org_id(db, schools["two"])
    csrf = token(browser.get(f"/org/{two}/registry/scan").text)
    answer = browser.post(f"/org/{two}/registry/scan", data={"csrf_token": csrf},
                          files=[("files", ("акт.pdf", b"%PDF-1.4 broken"))])
    assert answer.status_code == 200
    assert "PDF повреждён" in unescape(answer.text)
