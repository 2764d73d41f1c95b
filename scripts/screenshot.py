"""Take the README's screenshots of the site from the real thing, so they never drift from it.

A throw-away database gets the sample school (its registry imported, one order generated through
the journal) and a school user, exactly as a reader would make them with the commands the README
shows; `docgen serve` runs on a free port and Debian's chromium (Selenium) logs in and saves the
school's home page and the working-group order's form. Run with the project's Python:

    python scripts/screenshot.py            # writes docs/screenshot-home.png, docs/screenshot-form.png
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tayandinskaya"
DOCS = ROOT / "docs"
PASSWORD = "образец-пароля-2026"


def docgen(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "docgen", *args], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"docgen serve ended with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("docgen serve did not answer within a minute")


def browser(profile_dir: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("DOCGEN_CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 f"--user-data-dir={profile_dir}", "--window-size=1200,900", "--lang=ru"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(os.environ.get("DOCGEN_CHROMEDRIVER", "/usr/bin/chromedriver")),
                            options=options)


def main() -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        env = {**os.environ, "DOCGEN_DB": str(tmp_path / "site.sqlite"), "XDG_DATA_HOME": str(tmp_path / "data")}
        profile = str(SAMPLE / "organization.yaml")
        docgen("acts", "import", str(SAMPLE / "acts.csv"), "--org", profile, env=env)
        docgen("generate", "working-group-order", "--data", str(SAMPLE / "working-group-order.yaml"),
               "--out", str(tmp_path / "out"), env=env)
        (tmp_path / "password").write_text(PASSWORD, encoding="utf-8")
        docgen("users", "add", "secretary", "--role", "school", "--org", profile,
               "--password-file", str(tmp_path / "password"), env=env)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        driver = None
        try:
            wait_for(f"http://localhost:{port}/login", server)
            driver = browser(tmp_path / "chromium")
            wait = WebDriverWait(driver, 20)
            driver.get(f"http://localhost:{port}/login")
            wait.until(ec.presence_of_element_located((By.NAME, "login"))).send_keys("secretary")
            driver.find_element(By.NAME, "password").send_keys(PASSWORD)
            driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
            wait.until(ec.presence_of_element_located((By.ID, "share")))
            DOCS.mkdir(exist_ok=True)
            driver.save_screenshot(str(DOCS / "screenshot-home.png"))
            driver.find_element(By.LINK_TEXT, "Документы").click()
            wait.until(ec.presence_of_element_located((By.PARTIAL_LINK_TEXT, "Приказ о создании рабочей группы"))).click()
            wait.until(ec.presence_of_element_located((By.NAME, "purpose")))
            driver.save_screenshot(str(DOCS / "screenshot-form.png"))
        finally:
            if driver is not None:
                driver.quit()
            server.terminate()
            server.wait(10)
    print(f"{DOCS / 'screenshot-home.png'}\n{DOCS / 'screenshot-form.png'}")


if __name__ == "__main__":
    main()
