"""A draft in a real browser (the harness of test_web_browser.py): typing into the form saves it
by itself (HTMX, no button), the address becomes the draft's, a reload and a logout lose nothing.
On both engines; a screenshot is kept when the test fails."""
from __future__ import annotations

import re

from helpers import invoke
from test_store_engines import db, inn, school  # noqa: F401 — db is a fixture
from test_web_app import PASSWORD, add_user
from test_web_browser import site

TYPE = "working-group-order"
MEETINGS = "по вторникам в 15:00, <кабинет 12>"


def test_a_draft_saves_itself_and_survives_a_reload_and_a_logout(db, tmp_path, request, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    folder = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500051"))
    profile = folder / "organization.yaml"
    assert invoke("acts", "import", folder / "acts.csv", "--org", profile).exit_code == 0
    add_user(tmp_path, "secretary", "school", profile)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with site(tmp_path, request) as (driver, port):
        wait = WebDriverWait(driver, 20)

        def log_in():
            driver.get(f"http://localhost:{port}/login")
            wait.until(ec.presence_of_element_located((By.NAME, "login"))).send_keys("secretary")
            driver.find_element(By.NAME, "password").send_keys(PASSWORD)
            driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
            wait.until(ec.presence_of_element_located((By.ID, "share")))

        log_in()
        driver.find_element(By.LINK_TEXT, "Документы").click()
        wait.until(ec.presence_of_element_located((By.PARTIAL_LINK_TEXT, "Приказ о создании рабочей группы"))).click()
        wait.until(ec.presence_of_element_located((By.LINK_TEXT, "Заполнить образцом")))
        field = wait.until(ec.presence_of_element_located((By.NAME, "meetings")))
        assert "сохранится сам" in driver.find_element(By.ID, "draft-status").text
        field.send_keys(MEETINGS)
        driver.find_element(By.NAME, "purpose").click()  # leaving the field: its change event
        wait.until(ec.text_to_be_present_in_element((By.ID, "draft-status"), "Черновик сохранён в"))
        wait.until(lambda d: re.search(r"/drafts/\d+$", d.current_url))
        draft_url = driver.current_url
        assert driver.find_element(By.ID, "draft-id").get_attribute("value") == draft_url.rsplit("/", 1)[1]

        driver.refresh()
        assert wait.until(ec.presence_of_element_located((By.NAME, "meetings"))).get_attribute("value") == MEETINGS

        driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        wait.until(ec.presence_of_element_located((By.NAME, "login")))
        log_in()
        driver.find_element(By.LINK_TEXT, "Документы").click()
        wait.until(ec.presence_of_element_located((By.ID, "drafts")))
        driver.find_element(By.CSS_SELECTOR, f"#drafts a[href='{draft_url.split(str(port), 1)[1]}']").click()
        assert wait.until(ec.presence_of_element_located((By.NAME, "meetings"))).get_attribute("value") == MEETINGS
