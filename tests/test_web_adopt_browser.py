"""Adoption in a real browser (Debian's chromium through Selenium, `docgen serve` as a user starts
it): the secretary records the councils' protocols on the act's page, then «Утвердить (принять
пакет)» writes the act and its order; the page shows the journal's number and both downloads, and
the registry's share moves by one act. Skipped without chromium (fails in CI, as the other browser tests)."""
from __future__ import annotations

import json

import pytest

from helpers import invoke
from test_store_engines import db, inn, school  # noqa: F401 — db is a fixture
from test_web_app import PASSWORD, add_user
from test_web_browser import site


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_a_secretary_records_the_protocols_and_adopts_the_act(db, tmp_path, request):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    folder = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500071"))
    profile = folder / "organization.yaml"
    assert invoke("acts", "import", folder / "acts.csv", "--org", profile).exit_code == 0
    add_user(tmp_path, "secretary", "school", profile)
    before = json.loads(invoke("coverage", "--org", profile, "--format", "json").output)
    org = db.rows("SELECT id FROM organizations WHERE code = :c", c=inn("381500071"))[0][0]
    with site(tmp_path, request) as (driver, port):
        wait = WebDriverWait(driver, 20)
        driver.get(f"http://localhost:{port}/login")
        wait.until(ec.presence_of_element_located((By.NAME, "login"))).send_keys("secretary")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        wait.until(ec.presence_of_element_located((By.ID, "share")))
        for kind, day, number in (("students_council", "2026-11-19", "2"), ("parents_council", "2026-11-19", "2"),
                                  ("pedagogical_council", "2026-11-20", "3")):
            driver.get(f"http://localhost:{port}/org/{org}/acts/vsoko-regulation")
            form = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.step-form")))
            Select(form.find_element(By.NAME, "kind")).select_by_value(kind)
            driver.execute_script(f"arguments[0].value = '{day}'", form.find_element(By.NAME, "date"))
            form.find_element(By.NAME, "number").send_keys(number)
            form.find_element(By.CSS_SELECTOR, "button").click()
            wait.until(ec.url_contains("#steps"))
        assert "принят педагогическим советом" in driver.page_source
        driver.find_element(By.LINK_TEXT, "Утвердить (принять пакет)").click()
        form = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.adopt-form")))
        assert form.find_element(By.CSS_SELECTOR, "input[value='vsoko-regulation']").is_selected()
        driver.execute_script("arguments[0].value = '2026-11-27'", form.find_element(By.NAME, "order_date"))
        form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        number = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".document-done .number")))
        assert number.text.replace("\u00a0", " ") == "№ 1-од"
        links = driver.find_elements(By.CSS_SELECTOR, "a.download")
        # the order, the act and the act's acquaintance sheet
        assert len(links) == 3 and links[0].text.startswith("Скачать «Приказ об утверждении Положения")
        assert links[2].text.startswith("Скачать «Лист ознакомления")
    after = json.loads(invoke("coverage", "--org", profile, "--format", "json").output)
    assert after["approved"] == before["approved"] + 1 and after["required"] == before["required"]
