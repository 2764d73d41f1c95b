"""The scan page in Chromium: a secretary picks several files in the file dialog, reads the
proposals, ticks one and presses «Применить» — the act is approved with the order read from its grif."""
from __future__ import annotations

from test_acts_scan import _typed_act
from test_store_engines import db, inn, school  # noqa: F401 — db is a fixture
from test_web_app import PASSWORD, add_user, status_of
from test_web_browser import screenshots, site


def test_a_secretary_scans_two_files_and_applies_one(db, tmp_path, request):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    folder = school(tmp_path, "one", short_name="МБОУ «Первая СОШ»", inn_=inn("381500041"))
    profile = folder / "organization.yaml"
    add_user(tmp_path, "secretary", "school", profile)
    files = tmp_path / "acts"
    files.mkdir()
    _typed_act(files / "Контроль.docx", "УТВЕРЖДЕНО\nприказом директора\nот 11.12.2025 № 131-од")
    (files / "заметки.txt").write_text("список", encoding="utf-8")
    with site(tmp_path, request) as (driver, port):
        driver.get(f"http://localhost:{port}/")
        wait = WebDriverWait(driver, 20)
        wait.until(ec.presence_of_element_located((By.NAME, "login"))).send_keys("secretary")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        wait.until(ec.presence_of_element_located((By.LINK_TEXT, "Найти акты, которые уже есть"))).click()
        picker = wait.until(ec.presence_of_element_located((By.ID, "files")))
        picker.send_keys("\n".join(str(p) for p in sorted(files.iterdir())))
        driver.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
        table = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "table.proposals")))
        rows = [r.text for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
        assert len(rows) == 2
        assert "Положение о внутришкольном контроле (ВШК)" in rows[0] and "131-од от 11.12.2025" in rows[0]
        assert "текстовый файл (.txt)" in rows[1]
        driver.save_screenshot(str(screenshots(tmp_path) / "scan-proposals.png"))
        assert status_of(db, profile, "internal-control") is None  # nothing written by the scan
        driver.find_element(By.ID, "pick-1").click()
        driver.find_element(By.XPATH, "//button[text()='Применить']").click()
        done = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "[role=status]")))
        assert "Внесено в реестр актов: 1" in done.text
    assert status_of(db, profile, "internal-control") == "approved"
