"""The first use of a fresh site in a real browser, on both engines: the administrator (made by
`docgen users add`) creates an organisation from the empty profile form and a school user for it;
the school user logs in, adds a staff member with a hyphenated name to the profile, saves and sees
it — no YAML file anywhere. A screenshot is kept when it fails (the ``site`` harness)."""
from __future__ import annotations

import json

from test_store_engines import db  # noqa: F401 — a fixture
from test_web_app import PASSWORD, add_user
from test_web_browser import site

NAME = "Салтыков-Щедрин Михаил Евграфович"


def test_an_administrator_sets_up_a_school_and_its_user_adds_staff(db, tmp_path, request):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    add_user(tmp_path, "admin", "admin")
    with site(tmp_path, request) as (driver, port):
        wait = WebDriverWait(driver, 20)

        def log_in(login: str, password: str) -> None:
            driver.get(f"http://localhost:{port}/login")
            wait.until(ec.presence_of_element_located((By.NAME, "login"))).send_keys(login)
            driver.find_element(By.NAME, "password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
            wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "form[action='/logout']")))

        def fill(name: str, value: str) -> None:
            field = driver.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)

        log_in("admin", PASSWORD)
        assert "Организаций пока нет" in driver.page_source
        driver.find_element(By.ID, "new-organisation").click()
        wait.until(ec.presence_of_element_located((By.NAME, "director.full_name")))
        fill("full_name", "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»")
        fill("short_name", "МБОУ «СШ № 7»")
        fill("director.full_name", "Гарипова Гульназ Ильдаровна")
        Select(driver.find_element(By.NAME, "director.gender")).select_by_visible_text("женский")
        fill("director.position", "директор")
        driver.find_element(By.CSS_SELECTOR, "form.profile-form button.primary").click()
        # the place of issue was left empty: told next to its field, nothing created
        message = wait.until(ec.presence_of_element_located((By.ID, "f-place-error")))
        assert message.text and db.rows("SELECT count(*) FROM organizations") == [(0,)]
        assert driver.find_element(By.NAME, "short_name").get_attribute("value") == "МБОУ «СШ № 7»"
        fill("place", "г. Казань")
        driver.find_element(By.CSS_SELECTOR, "form.profile-form button.primary").click()
        notice = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
        assert notice.text == "Профиль сохранён."
        assert db.rows("SELECT short_name FROM organizations") == [("МБОУ «СШ № 7»",)]

        driver.find_element(By.LINK_TEXT, "Администрирование").click()
        wait.until(ec.presence_of_element_located((By.ID, "u-login"))).send_keys("secretary")
        Select(driver.find_element(By.ID, "u-role")).select_by_visible_text("пользователь школы")
        Select(driver.find_element(By.ID, "u-org")).select_by_visible_text("МБОУ «СШ № 7»")
        driver.find_element(By.ID, "u-password").send_keys("пароль-секретаря")
        driver.find_element(By.ID, "u-password-again").send_keys("пароль-секретаря")
        driver.find_element(By.CSS_SELECTOR, "form.user-form button.primary").click()
        notice = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
        assert notice.text == "Пользователь создан." and "secretary" in driver.page_source
        driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        wait.until(ec.presence_of_element_located((By.NAME, "login")))

        log_in("secretary", "пароль-секретаря")
        assert driver.find_element(By.TAG_NAME, "h1").text == "МБОУ «СШ № 7»"
        driver.find_element(By.CSS_SELECTOR, "section.records a[href$='/profile']").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "button[value='add:staff']"))).click()
        wait.until(ec.presence_of_element_located((By.NAME, "staff.0.full_name")))
        fill("staff.0.full_name", NAME)
        Select(driver.find_element(By.NAME, "staff.0.gender")).select_by_visible_text("мужской")
        fill("staff.0.position", "учитель литературы")
        driver.find_element(By.NAME, "staff.0.position").send_keys(Keys.ENTER)  # the default button: «Сохранить»
        notice = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
        assert notice.text == "Профиль сохранён."
        assert driver.find_element(By.NAME, "staff.0.full_name").get_attribute("value") == NAME
        assert Select(driver.find_element(By.NAME, "staff.0.gender")).first_selected_option.text == "мужской"
        (profile,) = db.rows("SELECT profile FROM organizations")
        assert json.loads(profile[0])["staff"] == [{"full_name": NAME, "gender": "male",
                                                    "position": "учитель литературы", "id": None}]
