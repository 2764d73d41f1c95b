"""`docgen publish` end to end: a registry with approved, stale, repealed and draft acts, the
councils' protocols recorded as act_steps rows of the current edition (written straight through
the store until `docgen acts adopt` records them), the package written to a folder and to a .zip,
its documents opened, the publication recorded once; and the inputs refused with nothing written."""
from __future__ import annotations

import datetime as dt
import html
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from helpers import NBSP, TAYANDY_PROFILE as PROFILE, approve_act, assert_office_checker_clean, document_text, invoke

TODAY = "01.10.2026"
WEBSITE = "https://sh-tayandinskaya-r138.gosweb.gosuslugi.ru"
# The acts in force on TODAY, in catalogue order, and the ones that are not.
WITH_FILES = ["vsoko-regulation", "assessment-and-attestation", "self-evaluation"]
WITHOUT_FILES = ["internal-control", "disputes-commission"]  # no protocol of this edition; no document type
CURRENT = ["vsoko-regulation", "assessment-and-attestation", "self-evaluation", "internal-control", "disputes-commission"]
NOT_CURRENT = ["working-group-regulation", "electronic-journal", "internal-monitoring"]  # stale, repealed, draft
ORDERS = {"vsoko-regulation": "45-од", "assessment-and-attestation": "46-од", "self-evaluation": "47-од",
          "internal-control": "48-од", "disputes-commission": "49-од"}
ALL_COUNCILS = ("students_council", "parents_council", "pedagogical_council")


def title(act_id: str) -> str:
    from docgen.registry.catalogue import default_catalogue

    return default_catalogue().get(act_id).title


def record_steps(db: Path, act: str, edition: str | None, steps) -> None:
    """Protocols as `docgen acts adopt` will record them: one act_steps row each, through the store."""
    from docgen.registry.act_tables import act_steps
    from docgen.registry.service import load_org
    from docgen.registry.store import Store, now

    store = Store(f"sqlite:///{db}")
    try:
        with store.transaction() as conn:
            org_id = store.org_id(conn, load_org(PROFILE))
            for n, step in enumerate(steps, 1):
                conn.execute(act_steps.insert().values(org_id=org_id, act_id=act, edition=edition, step=step,
                                                       held_on=dt.date(2026, 8, 25 + n), number=str(n),
                                                       who="тест", recorded_at=now()))
    finally:
        store.close()


def registry(db: Path) -> Path:
    for act, order in ORDERS.items():
        approve_act(db, act, order=order, date="01.09.2026", today=TODAY)
    record_steps(db, "vsoko-regulation", "2026-09-01 45-од", ALL_COUNCILS)
    record_steps(db, "assessment-and-attestation", "2026-09-01 46-од", ALL_COUNCILS)
    record_steps(db, "self-evaluation", "2026-09-01 47-од", ["pedagogical_council"])
    record_steps(db, "internal-control", None, ["pedagogical_council"])  # a project's, not this edition's
    approve_act(db, "working-group-regulation", order="12-од", date="01.09.2022", today=TODAY)  # review: 3 years
    record_steps(db, "working-group-regulation", "2022-09-01 12-од", ["pedagogical_council"])
    approve_act(db, "electronic-journal", order="13-од", date="01.09.2025", today=TODAY)
    record_steps(db, "electronic-journal", "2025-09-01 13-од", ["pedagogical_council"])
    result = invoke("acts", "set", "electronic-journal", "утратил силу", "--org", PROFILE, "--db", db, "--today", TODAY)
    assert result.exit_code == 0, result.output
    result = invoke("acts", "set", "internal-monitoring", "в разработке", "--org", PROFILE, "--db", db, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return db


def publish(db: Path, out: Path, *extra):
    return invoke("publish", "--org", PROFILE, "--db", db, "--out", out, "--today", TODAY, *extra)


def published_steps(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select act_id, edition, held_on, place from act_steps where step = 'published' "
                            "order by act_id").fetchall()


def listed_titles(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<td class="title">(.*?)</td>', page)]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """One registry, published once to a folder (LibreOffice is slow: the module shares it)."""
    folder = tmp_path_factory.mktemp("publish")
    db = registry(folder / "registry.sqlite")
    result = publish(db, folder / "site", "--date", "15.09.2026")
    return db, folder / "site", result


def test_the_package_lists_exactly_the_approved_current_acts(published):
    db, site, result = published
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == str(site)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert sorted(listed_titles(page)) == sorted(title(a) for a in CURRENT)
    for act in NOT_CURRENT:
        assert html.escape(title(act)) not in page
    # grouped: the act of ч. 2 ст. 30 273-ФЗ first, under its own heading
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == ["Локальные нормативные акты, предусмотренные частью 2 статьи 30 Федерального закона № 273-ФЗ",
                        "Иные локальные нормативные акты (внутренняя система оценки качества образования)"]
    first, rest = page.split("<h2>")[1:]
    assert listed_titles(first) == [title("assessment-and-attestation")]
    assert f"приказ от 01.09.2026 №{NBSP}46-од" in first
    row = re.search(r'<tr class="act" id="self-evaluation">(.*?)</tr>', page, re.S).group(1)
    assert f"приказ от 01.09.2026 №{NBSP}47-од" in row and "01.09.2026" in row and "01.09.2031" in row  # review: 5 years
    assert "<script" not in page and "http" not in page.split("<body>")[1]  # self-contained, no scripts
    # the acts docgen could not write are listed without a file, and named on stderr
    for act in WITHOUT_FILES:
        row = re.search(rf'<tr class="act" id="{act}">(.*?)</tr>', page, re.S).group(1)
        assert "<a " not in row and "файл будет размещён позднее" in row
        assert f"акт «{title(act)}» включён в список без файла" in result.stderr
    assert "не записан протокол педагогического совета" in result.stderr


def test_each_act_is_a_docx_with_its_grifs_and_a_pdf(published):
    db, site, result = published
    page = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', page)
    from urllib.parse import unquote

    files = sorted(p.name for p in site.iterdir())
    assert sorted(unquote(link) for link in links) == sorted(f for f in files if f.endswith((".pdf", ".docx")))
    docx = sorted(site.glob("*.docx"))
    assert len(docx) == len(WITH_FILES) and len(list(site.glob("*.pdf"))) == len(WITH_FILES)
    for act in WITH_FILES:
        number = ORDERS[act]
        found = [p for p in docx if f"приказ № {number} от 01.09.2026" in p.name]
        assert len(found) == 1, (act, [p.name for p in docx])
        text = document_text(found[0])
        assert "УТВЕРЖДЕНО\nприказом директора" in text and f"от 01.09.2026 №{NBSP}{number}\n" in text, text[:600]
        assert "ПРИНЯТ" in text and "ПРОЕКТ" not in text
        pdf = found[0].with_suffix(".pdf")
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert_office_checker_clean(found[0])
    vsoko = next(p for p in docx if "45-од" in p.name)
    assert "УЧТЕНО" in document_text(vsoko)  # the councils' opinion: the act touches pupils' rights


def test_the_publication_is_recorded_once_per_edition(published, tmp_path):
    db, site, _ = published
    expected = [(act, f"2026-09-01 {ORDERS[act]}", "2026-09-15", WEBSITE) for act in sorted(WITH_FILES)]
    assert published_steps(db) == expected
    with sqlite3.connect(db) as conn:
        places = dict(conn.execute("select act_id, published_at from act_status").fetchall())
    assert {a: places[a] for a in WITH_FILES} == dict.fromkeys(WITH_FILES, WEBSITE)
    assert places["internal-control"] is None
    history = invoke("acts", "history", "self-evaluation", "--org", PROFILE, "--db", db)
    assert WEBSITE in history.stdout
    # again, into a .zip and over the same folder: nothing recorded twice
    archive = tmp_path / "сайт.zip"
    again = publish(db, archive, "--date", "20.09.2026")
    assert again.exit_code == 0, again.output
    assert "отмечено размещёнными впервые: 0" in again.stdout
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        page = z.read("index.html").decode("utf-8")
    assert sorted(listed_titles(page)) == sorted(title(a) for a in CURRENT)
    assert sum(n.endswith(".pdf") for n in names) == len(WITH_FILES) and ".docgen-publish.json" in names
    assert sorted(n for n in names if n.endswith(".docx")) == sorted(p.name for p in site.glob("*.docx"))
    before = sorted(p.name for p in site.iterdir())
    over = publish(db, site)
    assert over.exit_code == 0, over.output
    assert sorted(p.name for p in site.iterdir()) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".~docgen")]
    assert published_steps(db) == expected


def test_the_page_escapes_what_users_typed():
    from docgen.registry.catalogue import Act
    from docgen.registry.service import load_org
    from docgen.site.index import Listed, render
    from docgen.site.plan import Entry

    act = Act(id="x-act", title='Положение <script>alert(1)</script> & «о чём-то»', level="recommended",
              basis="устав", levels=["ООО"], doc_class="procedural", review_years=5)
    entry = Entry(act, '7<b>-од</b>', dt.date(2026, 9, 1), "2026-09-01 7", dt.date(2031, 9, 1))
    page = render([Listed(entry, 'a "b" <c>.docx', 'a "b" <c>.pdf')], load_org(PROFILE), dt.date(2026, 9, 2))
    assert "<script>" not in page and "<b>" not in page and "&lt;script&gt;" in page
    assert 'href="a%20%22b%22%20%3Cc%3E.pdf"' in page
    assert listed_titles(page) == [act.title]


# -- bad input: a Russian message, exit 2, nothing written ----------------------------------------

@pytest.fixture
def approved_db(in_test_folder):
    db = in_test_folder / "registry.sqlite"
    approve_act(db, "self-evaluation", order="47-од", date="01.09.2026", today=TODAY)
    record_steps(db, "self-evaluation", "2026-09-01 47-од", ["pedagogical_council"])
    return db


def _unchanged(db: Path):
    with sqlite3.connect(db) as conn:
        return [conn.execute(f"select * from {t} order by 1").fetchall() for t in ("act_status", "act_history", "act_steps")]


def test_no_approved_acts_is_refused(cli, in_test_folder):
    db = in_test_folder / "registry.sqlite"
    result = invoke("acts", "set", "self-evaluation", "в разработке", "--org", PROFILE, "--db", db, "--today", TODAY)
    assert result.exit_code == 0
    result = publish(db, in_test_folder / "site")
    assert result.exit_code == 2
    assert "нет утверждённых действующих актов" in result.stderr
    assert not (in_test_folder / "site").exists()
    assert not [p for p in in_test_folder.iterdir() if p.name.startswith(".~")]


@pytest.mark.parametrize("case", ["file", "foreign-folder", "foreign-zip", "zip-is-folder", "under-a-file"])
def test_an_output_that_is_not_ours_is_refused(approved_db, in_test_folder, case):
    before = _unchanged(approved_db)
    other = in_test_folder / "other"
    if case == "file":
        out = in_test_folder / "index.txt"
        out.write_text("не наш", encoding="utf-8")
        expected = "это файл, а не папка"
    elif case == "foreign-folder":
        out = in_test_folder / "site"
        out.mkdir()
        (out / "устав.pdf").write_bytes(b"%PDF-1.4 school's own")
        expected = "не перезаписываю"
    elif case == "foreign-zip":
        out = in_test_folder / "site.zip"
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("устав.pdf", b"%PDF-1.4")
        expected = "не перезаписываю"
    elif case == "zip-is-folder":
        out = in_test_folder / "site.zip"
        out.mkdir()
        expected = "это папка, а не файл .zip"
    else:
        other.write_text("файл", encoding="utf-8")
        out = other / "site"
        expected = "это файл, а не папка"
    snapshot = sorted((p.relative_to(in_test_folder), p.read_bytes() if p.is_file() else None)
                      for p in in_test_folder.rglob("*") if "user-data" not in p.parts)
    result = publish(approved_db, out)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert sorted((p.relative_to(in_test_folder), p.read_bytes() if p.is_file() else None)
                  for p in in_test_folder.rglob("*") if "user-data" not in p.parts) == snapshot
    assert _unchanged(approved_db) == before


def test_without_libreoffice_nothing_is_written(approved_db, in_test_folder, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(in_test_folder / "no" / "soffice"))
    before = _unchanged(approved_db)
    result = publish(approved_db, in_test_folder / "site.zip")
    assert result.exit_code == 2
    assert "для PDF нужен LibreOffice" in result.stderr
    assert not (in_test_folder / "site.zip").exists()
    assert _unchanged(approved_db) == before


@pytest.mark.parametrize("date, expected", [("31.12.2026", "ещё не наступила"), ("32.13.2026", "параметр --date")])
def test_a_bad_date_is_refused(approved_db, in_test_folder, date, expected):
    before = _unchanged(approved_db)
    result = publish(approved_db, in_test_folder / "site", "--date", date)
    assert result.exit_code == 2 and expected in result.stderr
    assert not (in_test_folder / "site").exists() and _unchanged(approved_db) == before


def test_the_index_opens_in_a_browser(published, tmp_path):
    """Debian's Chromium opens index.html from the disk as a school's site would serve it: the visible
    text lists exactly the acts in force, and every link opens a file of the package. The screenshot
    is kept in the test's folder (DOCGEN_TEST_SCREENSHOTS to keep it elsewhere)."""
    from urllib.parse import unquote, urlparse

    from selenium.webdriver.common.by import By

    from test_web_browser import browser_or_skip, screenshots

    _, site, _ = published
    driver = browser_or_skip(tmp_path)
    shot = screenshots(tmp_path) / "site-package-index.png"
    try:
        driver.get((site / "index.html").as_uri())
        driver.save_screenshot(str(shot))
        shown = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "td.title")]
        body = driver.find_element(By.TAG_NAME, "body").text
        links = [a.get_attribute("href") for a in driver.find_elements(By.TAG_NAME, "a")]
    finally:
        driver.quit()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(shown) == sorted(title(a) for a in CURRENT)
    for act in NOT_CURRENT:
        assert title(act) not in body
    assert body.startswith("Документы") and "приказ от 01.09.2026 № 45-од" in body.replace(NBSP, " ")
    assert len(links) == 2 * len(WITH_FILES)
    assert all(Path(unquote(urlparse(link).path)).parent == site and Path(unquote(urlparse(link).path)).is_file()
               for link in links), links


def test_a_date_before_the_approval_is_refused(approved_db, in_test_folder):
    before = _unchanged(approved_db)
    result = publish(approved_db, in_test_folder / "site", "--date", "31.08.2026")
    assert result.exit_code == 2
    assert "раньше, чем утверждены акты" in result.stderr and f"№{NBSP}47-од" in result.stderr
    assert not (in_test_folder / "site").exists() and _unchanged(approved_db) == before


def test_libreoffice_that_makes_no_pdf_leaves_nothing(approved_db, in_test_folder, monkeypatch):
    fake = in_test_folder / "soffice-fails"
    fake.write_text('#!/bin/sh\necho "Error: source file could not be loaded"\nexit 0\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake))
    before = _unchanged(approved_db)
    for out in (in_test_folder / "site", in_test_folder / "site.zip"):
        result = publish(approved_db, out)
        assert result.exit_code == 2, result.output
        assert "LibreOffice не создал PDF" in result.stderr
        assert not out.exists()
    assert not [p for p in in_test_folder.iterdir() if p.name.startswith(".~")]
    assert _unchanged(approved_db) == before


def test_a_school_regroups_the_page_in_its_own_templates(approved_db, in_test_folder):
    """The groups are the school's (the site's rules are unverified): its own file wins; a broken one
    is refused naming the file."""
    own = in_test_folder / "шаблоны" / "site"
    own.mkdir(parents=True)
    groups = own / "documents-groups.yaml"
    groups.write_text("title: Локальные акты школы\ngroups:\n  - title: Самообследование\n    acts: [self-evaluation]\n"
                      "  - title: Прочие\n", encoding="utf-8")
    result = publish(approved_db, in_test_folder / "site", "--templates", own.parent)
    assert result.exit_code == 0, result.output
    page = (in_test_folder / "site" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<h2>(.*?)</h2>", page) == ["Самообследование"] and "<h1>Локальные акты школы</h1>" in page
    groups.write_text("groups:\n  - title: Только ВСОКО\n    levels: [customary]\n", encoding="utf-8")
    before = _unchanged(approved_db)
    result = publish(approved_db, in_test_folder / "site2", "--templates", own.parent)
    assert result.exit_code == 2
    assert "documents-groups.yaml" in result.stderr and "последняя группа должна быть без признаков" in result.stderr
    assert not (in_test_folder / "site2").exists() and _unchanged(approved_db) == before
