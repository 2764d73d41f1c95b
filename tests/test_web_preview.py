"""The preview of a generated document over HTTP, on both engines: the «Документ сформирован» page
asks (HTMX) for a fragment until the PDF and the pages' pictures are ready; they are real — a PNG of
the page, a PDF whose text is the order's — and kept beside the .docx, so a restarted site finds
them. LibreOffice missing: a Russian message in the fragment, the .docx still downloads. Every new
route: anonymous → login, another school → 404, path tricks → 404, a methodologist reads."""
from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from test_store_engines import db  # noqa: F401 — a fixture
from test_web_app import add_user, client, logged_in, org_id, schools, token  # noqa: F401 — schools is a fixture
from test_web_documents import TYPE, form_data, unescaped

REAL_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    not (REAL_SOFFICE and shutil.which("pdftotext") and shutil.which("pdftoppm")) and not os.environ.get("CI"),
    reason="LibreOffice or poppler-utils is not installed (in CI they are, and these tests run)",
)
PENDING = 'class="preview pending"'
READY = 'class="preview ready"'
FAILED = 'class="preview failed"'


@pytest.fixture(autouse=True)
def site_files(tmp_path, monkeypatch):
    """A PostgreSQL site keeps its documents in the user's data folder: the test's own; LibreOffice
    as a clerk's machine finds it, unless a test names one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)


@pytest.fixture
def sites():
    """The test clients made; each one's converter (a LibreOffice process) stopped at the end."""
    made = []
    yield made
    for browser in made:
        found = getattr(browser.app.state, "previews", None)
        if found is not None:
            found.close()


@pytest.fixture
def school1(db, schools, tmp_path, sites):
    add_user(tmp_path, "school1", "school", schools["one"])
    browser = logged_in(db, "school1")
    sites.append(browser)
    return browser, org_id(db, schools["one"])


def generate(browser, one: int, **changes):
    """The working-group order generated through its form: (the done page, the preview's URL)."""
    page = browser.get(f"/org/{one}/documents/new/{TYPE}?empty=true")
    done = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text, **changes))
    assert done.status_code == 200 and "Документ сформирован" in done.text, unescaped(done.text)[-2000:]
    start = re.search(r'<div class="preview pending" id="preview" hx-get="([^"]+)" hx-trigger="load" '
                      r'hx-swap="outerHTML">', done.text)
    assert start is not None, done.text
    return done, start.group(1)


def poll(browser, url: str, seconds: float = 120):
    """The fragment as HTMX asks for it, until it is no longer pending (the bound: a cold CI machine
    starting LibreOffice)."""
    deadline = time.monotonic() + seconds
    while True:
        answer = browser.get(url, headers={"HX-Request": "true"})
        assert answer.status_code == 200, answer.text
        if PENDING not in answer.text:
            return answer
        assert 'hx-trigger="load delay:' in answer.text and f'hx-get="{url}"' in answer.text  # asks again
        assert time.monotonic() < deadline, "the preview was not ready in time"
        time.sleep(0.2)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def pdf_text(data: bytes, folder: Path) -> str:
    path = folder / "downloaded.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").replace("\xa0", " ").split())


def links(fragment: str) -> tuple[str, list[str]]:
    pdf = re.search(r'<a class="download download-pdf" href="([^"]+)" download>', fragment).group(1)
    return pdf, re.findall(r'<img class="page" src="([^"]+)"', fragment)


@needs_libreoffice
def test_the_preview_shows_the_pages_and_the_pdf_of_the_order(school1, db, tmp_path):
    browser, one = school1
    done, url = generate(browser, one)
    docx_url = re.search(r'<a class="download" href="([^"]+\.docx)" download>', done.text).group(1)
    ready = poll(browser, url)
    assert READY in ready.text, ready.text
    pdf_url, pages = links(ready.text)

    picture = browser.get(pages[0])
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
    assert picture.headers["content-disposition"].startswith("inline")
    width, height = png_size(picture.content)
    assert (width, height) == (579, 819)  # A4 at 70 dpi

    pdf = browser.get(pdf_url)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    docx_name = unquote(docx_url.rsplit("/", 1)[1])
    pdf_name = unquote(re.split(r"filename\*=utf-8''", pdf.headers["content-disposition"], flags=re.I)[1])
    assert pdf_name == docx_name[:-len(".docx")] + ".pdf"  # the CLI's name for the PDF of X.docx
    text = pdf_text(pdf.content, tmp_path)
    pdfinfo = subprocess.run(["pdfinfo", str(tmp_path / "downloaded.pdf")], capture_output=True, text=True, check=True)
    count = int(re.search(r"^Pages:\s+(\d+)$", pdfinfo.stdout, re.M).group(1))
    assert count == len(pages) == 3  # the order, the group's composition, the acknowledgement sheet
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f".page-{number}.png") and png_size(browser.get(page).content) == (579, 819)
    assert "О создании рабочей группы по совершенствованию" in text and "№ 1-од" in text, text
    assert "Бондаренко" in text and "01.12.2026" in text

    # Kept beside the .docx in the school's folder: the PDF and the page, nothing half-written.
    (file,) = [Path(f) for (f,) in db.rows("SELECT file FROM order_journal")]
    assert file.name == docx_name
    beside = sorted(p.name for p in file.parent.iterdir())
    assert beside == sorted([docx_name, pdf_name, *(docx_name[:-len(".docx")] + f".page-{n}.png" for n in (1, 2, 3))])
    assert file.with_suffix(".pdf").read_bytes() == pdf.content

    converter = browser.app.state.previews.converter
    from docgen.converter import _uno_python

    if _uno_python(REAL_SOFFICE)[0] is not None or os.environ.get("CI"):
        assert converter.warm  # the warm unoserver made it, not a cold soffice

    # A restarted site knows the preview from the disk: ready at once, no LibreOffice started.
    again = client(db)
    again.cookies = browser.cookies
    answer = again.get(url)
    assert READY in answer.text and links(answer.text) == (pdf_url, pages)
    assert getattr(again.app.state, "previews").converter.warm is False
    again.app.state.previews.close()

    # Its PDF lost (a crash before it was written): asked for, it is simply made again.
    file.with_suffix(".pdf").unlink()
    for page in file.parent.glob("*.png"):
        page.unlink()
    assert PENDING in browser.get(url).text
    remade = poll(browser, url)
    assert READY in remade.text and file.with_suffix(".pdf").is_file()


@needs_libreoffice
def test_a_converter_that_died_is_started_again(school1):
    from docgen.converter import _uno_python

    if _uno_python(REAL_SOFFICE)[0] is None and not os.environ.get("CI"):
        pytest.skip("no Python with LibreOffice's uno module (apt install python3-uno): no warm converter")
    browser, one = school1
    _, url = generate(browser, one)
    assert READY in poll(browser, url).text
    converter = browser.app.state.previews.converter
    assert converter.warm
    os.killpg(converter._process.pid, signal.SIGKILL)  # LibreOffice and unoserver gone, as after a crash
    converter._process.wait(10)
    assert not converter.warm
    _, second = generate(browser, one, meetings="ежеквартально")  # another order: the same one is not numbered twice
    assert "1-од" not in unquote(second)
    assert READY in poll(browser, second).text
    assert converter.warm  # restarted


@needs_libreoffice
def test_every_preview_route_is_the_schools_own(db, schools, school1, tmp_path):
    browser, one = school1
    done, url = generate(browser, one)
    ready = poll(browser, url)
    pdf_url, (page_url, *_) = links(ready.text)
    docx_url = re.search(r'<a class="download" href="([^"]+\.docx)" download>', done.text).group(1)
    routes = [url, docx_url, pdf_url, page_url]
    for route in routes:
        assert browser.get(route).status_code == 200, route

    anonymous = client(db)
    for route in routes:
        answer = anonymous.get(route)
        assert answer.status_code == 303 and answer.headers["location"] == "/login", route
    assert anonymous.get(url, headers={"HX-Request": "true"}).headers["HX-Redirect"] == "/login"

    add_user(tmp_path, "school2", "school", schools["two"])
    other = logged_in(db, "school2")
    two = org_id(db, schools["two"])
    for route in routes:
        assert other.get(route).status_code == 404, route  # another school's id
        mine = route.replace(f"/org/{one}/", f"/org/{two}/")
        assert other.get(mine).status_code == 404, mine  # its file names under the user's own school
    assert not getattr(other.app.state, "previews", None)  # nothing was started for them

    add_user(tmp_path, "method", "methodologist")
    reader = logged_in(db, "method")
    for route in routes:
        assert reader.get(route).status_code == 200, route  # a methodologist reads the district's documents
    reader_previews = getattr(reader.app.state, "previews", None)
    if reader_previews is not None:
        reader_previews.close()

    folder = Path(db.rows("SELECT file FROM order_journal")[0][0]).parent
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 another school's secret")
    (folder / "link.pdf").symlink_to(secret)
    (folder / ".hidden.docx").write_bytes(b"PK")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    base = f"/org/{one}/documents"
    for trick in ("file/..%2F..%2Fsecret.pdf", "file/%2E%2E%2Fsecret.pdf", "file/link.pdf", "file/.hidden.docx",
                  "file/notes.txt", "file/picture.png", "file/%2E%2E", "file/%00.docx", "file/a%5C..%5Csecret.pdf",
                  "file/" + str(secret).replace("/", "%2F"), "preview/..%2Fsecret.docx", "preview/link.pdf",
                  "preview/.hidden.docx", "preview/notes.txt", "preview/" + page_url.rsplit("/", 1)[1],
                  "file/no-such.docx", "preview/no-such.docx"):
        answer = browser.get(f"{base}/{trick}")
        assert answer.status_code == 404, trick
        assert b"secret" not in answer.content, trick

    # The routes read; a POST to them is refused and changes nothing.
    assert browser.post(url, data={}).status_code in (403, 405)
    assert browser.post(pdf_url, data={"csrf_token": token(browser.get(f"/org/{one}/documents/new/{TYPE}").text)}) \
        .status_code == 405
    assert browser.get(pdf_url).status_code == 200


def test_without_libreoffice_the_fragment_says_so_and_the_docx_still_downloads(school1, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-such-dir" / "soffice"))
    browser, one = school1
    done, url = generate(browser, one)
    failed = poll(browser, url, seconds=60)
    assert failed.status_code == 200 and FAILED in failed.text
    text = unescaped(failed.text)
    assert "Предпросмотр и PDF не готовы: для PDF нужен LibreOffice, но программы" in text
    assert "установите LibreOffice" in text and "можно скачать выше" in text
    assert "download-pdf" not in failed.text and "<img" not in failed.text
    assert 'hx-get="' + url + '?again=true"' in failed.text  # «Попробовать ещё раз»

    docx_url = re.search(r'<a class="download" href="([^"]+\.docx)" download>', done.text).group(1)
    download = browser.get(docx_url)
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert FAILED in browser.get(url).text  # told again, not retried on every poll

    retried = browser.get(url + "?again=true")  # the button: tried again, and told again
    assert retried.status_code == 200 and (PENDING in retried.text or FAILED in retried.text)
    assert FAILED in poll(browser, url, seconds=60).text


def test_serve_refuses_a_files_folder_it_cannot_write(tmp_path):
    from helpers import invoke

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("serve", "--files", blocker / "documents", "--port", "1")
    assert result.exit_code == 2 and "не удаётся записать в папку" in result.stderr \
        and "часть пути — файл, а не папка" in result.stderr
    result = invoke("serve", "--files", blocker, "--port", "1")
    assert result.exit_code == 2 and "это файл, а не папка" in result.stderr
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        result = invoke("serve", "--files", locked, "--port", "1")
        assert result.exit_code == 2 and "нет прав на запись" in result.stderr


@needs_libreoffice
def test_serve_keeps_the_documents_in_its_files_folder_and_stops_its_converter(db, schools, tmp_path):
    """`docgen serve --files DIR` as a user starts it: the order and its preview are written under
    DIR; the converter it warmed at start-up stops with the site."""
    import sys

    import httpx

    from test_web_browser import free_port
    from test_web_app import PASSWORD, log_in

    add_user(tmp_path, "school1", "school", schools["one"])
    one = org_id(db, schools["one"])
    files = tmp_path / "site files"
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", str(port), "--files", str(files),
                               "--plain-http"], stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as browser:
            assert log_in(browser, "school1", PASSWORD).status_code == 303
            page = browser.get(f"/org/{one}/documents/new/{TYPE}?empty=true")
            done = browser.post(f"/org/{one}/documents/new/{TYPE}", data=form_data(page.text))
            url = re.search(r'id="preview" hx-get="([^"]+)"', done.text).group(1)
            ready = poll(browser, url)
            assert READY in ready.text, ready.text
        (docx,) = (files / f"org-{one}").glob("*.docx")
        assert docx.with_suffix(".pdf").is_file() and (files / f"org-{one}" / f"{docx.stem}.page-1.png").is_file()
        (converter,) = _children(server.pid)  # the warm unoserver, started with the site
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(converter):
        time.sleep(0.2)
    assert not _running(converter), "the site stopped, its unoserver did not"


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may never reap what it inherits)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _running(int(entry.name)):
            try:
                fields = (entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


@needs_libreoffice
def test_a_document_libreoffice_cannot_open_is_told_in_the_fragment(school1, db):
    browser, one = school1
    done, url = generate(browser, one)
    (file,) = [Path(f) for (f,) in db.rows("SELECT file FROM order_journal")]
    file.write_bytes(file.read_bytes()[:3000])  # cut short on the disk: no longer a document
    failed = poll(browser, url)
    assert FAILED in failed.text, failed.text
    text = unescaped(failed.text)
    assert "Предпросмотр и PDF не готовы: LibreOffice не" in text, text
    assert str(file.parent) not in text  # the page names the document, never the server's folders
    assert not file.with_suffix(".pdf").exists() and not list(file.parent.glob("*.png"))
