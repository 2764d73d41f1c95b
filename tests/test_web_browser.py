"""The site in a real browser: `docgen serve` started as a user starts it, Debian's chromium
driven by Selenium through the login form to the school's home page. On both engines; a
screenshot of the page is kept when the test fails. Without chromium the test is skipped on a
developer's machine and fails in CI (.ci/run installs chromium and chromium-driver)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import invoke
from test_store_engines import db, inn, school  # noqa: F401 — db is a fixture
from test_web_app import PASSWORD, add_user

CHROMIUM = os.environ.get("DOCGEN_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("DOCGEN_CHROMEDRIVER", "/usr/bin/chromedriver")


def browser_or_skip(tmp_path: Path):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI: no {', '.join(missing)} (.ci/run installs chromium and chromium-driver)")
        pytest.skip(f"no {', '.join(missing)}: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--no-first-run", f"--user-data-dir={tmp_path / 'chromium'}",
                 "--window-size=1280,1000", "--lang=ru"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int, log: Path) -> subprocess.Popen:
    """`docgen serve` on ``port`` (the database: DOCGEN_DB), once it answers."""
    import httpx

    out = log.open("wb")
    process = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", str(port)],
                               stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"docgen serve ended with {process.returncode}: {log.read_text(encoding='utf-8', errors='replace')}")
        try:
            if httpx.get(f"http://localhost:{port}/login", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"docgen serve did not answer within a minute: {log.read_text(encoding='utf-8', errors='replace')}")


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DOCGEN_TEST_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def site(tmp_path: Path, request):
    """Chromium and `docgen serve` on a free port (the database: DOCGEN_DB); a failure keeps the
    page's screenshot and prints the server's log; both stop however the test ends."""
    driver = browser_or_skip(tmp_path)
    port = free_port()
    server = serve(port, tmp_path / "serve.log")
    try:
        yield driver, port
    except Exception:
        shot = screenshots(tmp_path) / f"{request.node.name}.png"
        driver.save_screenshot(str(shot))
        print(f"screenshot: {shot}\nserver log:\n{(tmp_path / 'serve.log').read_text(encoding='utf-8', errors='replace')}")
        raise
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_a_secretary_logs_in_and_sees_the_schools_share(db, tmp_path, request):
    import json

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    folder = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500031"))
    profile = folder / "organization.yaml"
    assert invoke("acts", "import", folder / "acts.csv", "--org", profile).exit_code == 0
    add_user(tmp_path, "secretary", "school", profile)
    expected = json.loads(invoke("coverage", "--org", profile, "--format", "json").output)["share_text"]
    with site(tmp_path, request) as (driver, port):
        # localhost: a secure context for the browser, so the Secure session cookie of the default set-up works
        driver.get(f"http://localhost:{port}/")
        wait = WebDriverWait(driver, 20)
        wait.until(ec.presence_of_element_located((By.NAME, "login")))
        assert driver.current_url.endswith("/login") and "Вход в docgen" in driver.page_source
        driver.find_element(By.NAME, "login").send_keys("secretary")
        driver.find_element(By.NAME, "password").send_keys("не-тот-пароль")
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".error")))
        assert driver.find_element(By.CSS_SELECTOR, ".error").text == "Неверный логин или пароль."
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        share = wait.until(ec.presence_of_element_located((By.ID, "share")))
        assert share.text.replace("\u00a0", " ") == expected.replace("\u00a0", " ")
        assert driver.find_element(By.TAG_NAME, "h1").text == "МБОУ «Первая СОШ»"
        chart = driver.find_element(By.CSS_SELECTOR, "img.chart")
        assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", chart) > 0
        assert driver.execute_script("return typeof htmx") == "object"  # the vendored HTMX is served and loads
        driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        wait.until(ec.presence_of_element_located((By.NAME, "login")))
        driver.get(f"http://localhost:{port}/")
        assert driver.current_url.endswith("/login")


def test_approving_an_act_moves_the_share_by_one_of_n_and_another_school_stays_out(db, tmp_path, request):
    """The registry in the browser: the secretary approves an adopted required act with its order's
    number and date; the share moves by exactly 1/N (N required acts). Then the other school's
    page, by its id in the address bar: «Страница не найдена», nothing of it shown."""
    import json

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    one = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500061"))
    two = school(tmp_path, "two", short_name="МБОУ «Вторая СОШ»", inn_=inn("381500062"))
    for folder in (one, two):
        assert invoke("acts", "import", folder / "acts.csv", "--org", folder / "organization.yaml").exit_code == 0
    add_user(tmp_path, "secretary", "school", one / "organization.yaml")
    before = json.loads(invoke("coverage", "--org", one / "organization.yaml", "--format", "json").output)
    with site(tmp_path, request) as (driver, port):
        wait = WebDriverWait(driver, 20)
        driver.get(f"http://localhost:{port}/login")
        wait.until(ec.presence_of_element_located((By.NAME, "login"))).send_keys("secretary")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        share = wait.until(ec.presence_of_element_located((By.ID, "share")))
        assert share.text.replace("\u00a0", " ") == before["share_text"].replace("\u00a0", " ")
        form = driver.find_element(By.CSS_SELECTOR, "form.status-form[action$='/acts/individual-project']")
        Select(form.find_element(By.NAME, "status")).select_by_value("approved")
        form.find_element(By.NAME, "order_number").send_keys("150-од")
        driver.execute_script("arguments[0].value = '2026-11-25'", form.find_element(By.NAME, "order_date"))
        shown_before = share.text
        form.find_element(By.CSS_SELECTOR, "button").click()
        wait.until(lambda d: d.find_element(By.ID, "share").text != shown_before)
        after = json.loads(invoke("coverage", "--org", one / "organization.yaml", "--format", "json").output)
        assert after["approved"] == before["approved"] + 1 and after["required"] == before["required"]  # 1/N
        from decimal import Decimal

        assert Decimal(after["share"]) - Decimal(before["share"]) == \
            (Decimal(100) / before["required"]).quantize(Decimal("0.1"))
        assert driver.find_element(By.ID, "share").text.replace("\u00a0", " ") == after["share_text"].replace("\u00a0", " ")
        other_id = db.rows("SELECT id FROM organizations WHERE code = :c", c=inn("381500062"))[0][0]
        driver.get(f"http://localhost:{port}/org/{other_id}")
        heading = wait.until(ec.presence_of_element_located((By.TAG_NAME, "h1")))
        assert heading.text == "Страница не найдена" and "Вторая" not in driver.page_source
