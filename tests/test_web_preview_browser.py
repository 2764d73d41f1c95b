"""The preview in a real browser (the harness of test_web_browser.py, `docgen serve` with its warm
converter): the order generated from its form, and the pictures of its pages appear on the same
page, without a reload, through HTMX alone (the site's CSP allows no inline script). On both
engines; a screenshot is kept when the test fails."""
from __future__ import annotations

from helpers import invoke
from test_store_engines import db, inn, school  # noqa: F401 — db is a fixture
from test_web_app import PASSWORD, add_user
from test_web_browser import site
from test_web_preview import needs_libreoffice

TYPE = "working-group-order"


@needs_libreoffice
def test_the_pages_appear_on_the_generated_documents_page_without_a_reload(db, tmp_path, request, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    folder = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500051"))
    profile = folder / "organization.yaml"
    assert invoke("acts", "import", folder / "acts.csv", "--org", profile).exit_code == 0
    add_user(tmp_path, "secretary", "school", profile)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # a PostgreSQL site keeps its files there
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    with site(tmp_path, request) as (driver, port):
        wait = WebDriverWait(driver, 20)
        driver.get(f"http://localhost:{port}/login")
        wait.until(ec.presence_of_element_located((By.NAME, "login")))
        driver.find_element(By.NAME, "login").send_keys("secretary")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        wait.until(ec.presence_of_element_located((By.ID, "share")))
        driver.find_element(By.LINK_TEXT, "Документы").click()
        wait.until(ec.presence_of_element_located((By.PARTIAL_LINK_TEXT, "Приказ о создании рабочей группы"))).click()
        wait.until(ec.presence_of_element_located((By.LINK_TEXT, "Заполнить образцом"))).click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "button.primary[value='generate']"))).click()
        number = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".number")))
        assert number.text.startswith("№ ")
        # A mark on this very page: a reload or a navigation would lose it.
        driver.execute_script("document.body.dataset.samePage = 'yes'")
        assert "Готовим PDF" in driver.find_element(By.ID, "preview").text \
            or driver.find_elements(By.CSS_SELECTOR, "img.page")

        WebDriverWait(driver, 120).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#preview.ready")))
        page = driver.find_element(By.CSS_SELECTOR, "img.page")
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", page))
        assert driver.execute_script("return arguments[0].naturalWidth", page) == 579  # A4 at 70 dpi
        assert driver.execute_script("return document.body.dataset.samePage") == "yes"
        assert page.get_attribute("alt") == "Страница 1"
        pdf = driver.find_element(By.CSS_SELECTOR, "a.download-pdf")
        assert pdf.get_attribute("href").endswith(".pdf") and "№" in pdf.text
        docx = driver.find_element(By.CSS_SELECTOR, "a.download")
        assert docx.get_attribute("href").endswith(".docx")
        log = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
        assert "Traceback" not in log, log
