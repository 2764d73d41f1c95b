"""A district plugin on the site with no web code of its own: the Kirov sample plugin installed
with pip, `docgen serve` started as a district starts it — its document type is listed, gets a form
generated from its input model, is generated and downloaded with the plugin's wording; its
catalogue's acts appear in the school's registry."""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from helpers import python_env, run_python
from test_kirov_plugin import PLUGINS, TYPE, kirov  # noqa: F401 — kirov is a fixture
from test_web_app import PASSWORD
from test_web_browser import free_port
from test_web_documents import docx_text, submit_as_shown, unescaped


@pytest.fixture
def district_site(kirov, tmp_path):
    """`docgen serve` with the plugin installed: (an httpx client logged in as the department's
    user, the organisation's id, the school's id)."""
    import httpx

    root, package, site = kirov
    sample = package / "src" / "docgen_kirov" / "sample"
    env = python_env(tmp_path, site=site, plugins=PLUGINS)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    (tmp_path / "password").write_text(PASSWORD, encoding="utf-8")
    for login, profile in (("department", "organization.yaml"), ("school", "school.yaml")):
        made = run_python(["-m", "docgen", "users", "add", login, "--role", "school", "--org", sample / profile,
                           "--password-file", tmp_path / "password"], cwd=tmp_path, site=site, plugins=PLUGINS)
        assert made.returncode == 0, made.stderr
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", str(port), "--plain-http"],
                              cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")
            try:
                httpx.get(f"{base}/login", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "docgen serve did not answer within a minute"
                time.sleep(0.2)

        def logged_in(login: str):
            client = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
            form = client.get("/login")
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
            answer = client.post("/login", data={"login": login, "password": PASSWORD, "csrf_token": csrf})
            assert answer.status_code == 303, answer.text
            return client, int(re.search(r"/org/(\d+)/", client.get("/").text).group(1))

        yield logged_in
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def test_a_plugins_type_gets_a_form_and_is_generated_with_its_wording(district_site):
    browser, department = district_site("department")
    listed = browser.get(f"/org/{department}/documents")
    assert f"/org/{department}/documents/new/{TYPE}" in listed.text
    assert "Приказ о проведении мониторинга муниципальных показателей" in unescaped(listed.text)
    form = browser.get(f"/org/{department}/documents/new/{TYPE}?sample=true")
    assert form.status_code == 200
    assert "Билет в будущее" in unescaped(form.text)  # the plugin's sample in its generated form
    done = submit_as_shown(browser, f"/org/{department}/documents/new/{TYPE}", form.text)
    assert done.status_code == 200, re.findall(r"class=\"error[^>]*>([^<]*)<", unescaped(done.text))
    assert "Документ сформирован" in unescaped(done.text)
    link = re.search(r'href="(/org/\d+/documents/[^"]+\.docx)"', done.text).group(1)
    body = docx_text(browser.get(link).content)
    assert "О проведении мониторинга" in body and "Билет в будущее" in body and "Бушмакин" in body


def test_a_plugins_acts_join_the_schools_registry_page(district_site):
    browser, school = district_site("school")
    page = unescaped(browser.get(f"/org/{school}").text)
    assert "Положение о системе выявления, поддержки и развития способностей и талантов обучающихся" in page
    assert "План работы по самоопределению и профессиональной ориентации обучающихся" in page
