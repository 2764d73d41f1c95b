"""The working-group order's form in a real browser (the harness of test_web_browser.py): log in,
add two members and a task with the form's own buttons, send one field wrong, read the Russian
message next to it, correct it, generate, download the .docx and read its text. On both engines;
a screenshot is kept when the test fails."""
from __future__ import annotations

import re
import time

from helpers import invoke
from test_store_engines import db, inn, school  # noqa: F401 — db is a fixture
from test_web_app import PASSWORD, add_user
from test_web_browser import site
from test_web_documents import TASK, docx_text

TYPE = "working-group-order"


def test_a_secretary_fills_in_the_working_group_order_and_downloads_it(db, tmp_path, request, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    folder = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500041"))
    profile = folder / "organization.yaml"
    assert invoke("acts", "import", folder / "acts.csv", "--org", profile).exit_code == 0
    add_user(tmp_path, "secretary", "school", profile)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # a PostgreSQL site keeps its files there
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with site(tmp_path, request) as (driver, port):
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        wait = WebDriverWait(driver, 20)
        driver.get(f"http://localhost:{port}/login")
        wait.until(ec.presence_of_element_located((By.NAME, "login")))
        driver.find_element(By.NAME, "login").send_keys("secretary")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        wait.until(ec.presence_of_element_located((By.ID, "share")))
        driver.find_element(By.LINK_TEXT, "Документы").click()
        wait.until(ec.presence_of_element_located((By.PARTIAL_LINK_TEXT, "Приказ о создании рабочей группы"))).click()
        wait.until(ec.presence_of_element_located((By.LINK_TEXT, "Заполнить образцом")))

        def click(action: str, appears: str):
            driver.find_element(By.CSS_SELECTOR, f"button[value='{action}']").click()
            return wait.until(ec.presence_of_element_located((By.NAME, appears)))

        click("add:members", "members.0.person")
        click("add:members", "members.1.person")
        click("add:tasks", "tasks.0.action")
        assert "Состав рабочей группы" in driver.page_source

        def fill(name: str, value: str):
            element = driver.find_element(By.NAME, name)
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            elif element.get_attribute("type") == "date":  # typed as the browser's locale orders it: set it whole
                driver.execute_script("arguments[0].value = arguments[1]", element, value)
            else:
                element.clear()
                element.send_keys(value)

        for name, value in (("date", "2026-12-01"), ("purpose", "совершенствования ВСОКО"),
                            ("period.start", "2026-12-01"), ("period.end", "2027-05-31"),
                            ("meetings", "ежемесячно"), ("members.0.person", "bondarenko"),
                            ("members.0.role", "руководитель"), ("members.1.person", "zaichenko"),
                            ("tasks.0.action", TASK), ("tasks.0.responsible", "belykh"),
                            ("tasks.0.deadline", "2026-11-01")):  # before the order's date: refused
            fill(name, value)
        driver.find_element(By.CSS_SELECTOR, "button.primary[value='generate']").click()
        message = wait.until(ec.presence_of_element_located((By.ID, "f-tasks-0-deadline-error")))
        assert "срок поручения 01.11.2026 раньше даты приказа" in message.text
        assert driver.find_element(By.NAME, "tasks.0.action").get_attribute("value") == TASK  # kept
        assert Select(driver.find_element(By.NAME, "members.1.person")).first_selected_option.get_attribute("value") \
            == "zaichenko"

        fill("tasks.0.deadline", "2026-12-20")
        driver.find_element(By.CSS_SELECTOR, "button.primary[value='generate']").click()
        number = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".number")))
        assert number.text == "№ 1-од"
        link = driver.find_element(By.CSS_SELECTOR, "a.download")
        assert re.search(r"/org/\d+/documents/file/[^/]+\.docx$", link.get_attribute("href"))
        link.click()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not list(downloads.glob("*.docx")):
            time.sleep(0.2)
        (got,) = list(downloads.glob("*.docx"))
        assert got.name == "Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-од от 01.12.2026.docx"
        text = docx_text(got.read_bytes())
        assert "Бондаренко" in text and "Зайченко" in text and TASK in text
