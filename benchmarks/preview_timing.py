"""How long a secretary waits for the preview: from the POST that generates an order to its first
page's picture received, as the browser gets it (the fragment asked for at once, then every 150 ms as
the page's HTMX asks, then the picture). Issue 16's target: under 1 s with the warm converter.

    .venv/bin/python benchmarks/preview_timing.py [--runs 5]

prints the median (min–max) with the warm unoserver and with a cold `soffice` per document, each
on a site of its own over a throw-away SQLite database. ``preview_seconds`` is the measure, for
the site benchmark to call against a running site. Not a test: nothing asserted.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import ROOT, SLUG, spread  # noqa: E402

POLL = 0.15  # the pending fragment's «load delay:150ms»


class _Form(HTMLParser):
    """The pairs a browser sends for the document form as shown (its sample's values)."""

    def __init__(self):
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._select = self._area = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and (a.get("type") != "checkbox" or "checked" in a):
            self.pairs.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.pairs.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._area = a.get("name")
            self.pairs.append((self._area, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._area = None

    def handle_data(self, data):
        if self._area:
            name, before = self.pairs[-1]
            self.pairs[-1] = (name, before + data)


def preview_seconds(base_url: str, client, org_id: int, *, slug: str = SLUG, field: str = "meetings",
                    timeout: float = 120.0) -> float:
    """Seconds from the POST that generates a ``slug`` document (its form's sample, ``field`` made
    unique so the journal numbers a new order) to its first page's picture received. ``client``: an
    httpx.Client logged in to the site at ``base_url`` as a user of organisation ``org_id``."""
    form_url = f"{base_url}/org/{org_id}/documents/new/{slug}"
    shown = client.get(form_url, params={"sample": "true"})  # a new form starts empty: the sample's answers
    shown.raise_for_status()
    reader = _Form()
    start = shown.text.index('class="document-form')
    reader.feed(shown.text[shown.text.rindex("<form", 0, start):])
    pairs = [(k, f"{v} (замер {uuid.uuid4().hex[:8]})" if k == field else v) for k, v in reader.pairs if k != "_action"]
    pairs.append(("_action", "generate"))
    started = time.perf_counter()
    done = client.post(form_url, content=urlencode(pairs),
                       headers={"content-type": "application/x-www-form-urlencoded"})
    found = re.search(r'id="preview" hx-get="([^"]+)"', done.text)
    if done.status_code != 200 or found is None:
        raise RuntimeError(f"the document was not generated ({done.status_code}): {done.text[-1500:]}")
    fragment_url = base_url + unescape(found.group(1))
    while True:
        fragment = client.get(fragment_url, headers={"HX-Request": "true"}).text
        if 'class="preview pending"' not in fragment or '<img class="page"' in fragment:
            break  # ready, failed, or the first page drawn while the others are
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"no preview within {timeout:.0f} s")
        time.sleep(POLL)
    page = re.search(r'<img class="page" src="([^"]+)"', fragment)
    if page is None:
        raise RuntimeError(f"the preview failed: {fragment}")
    client.get(base_url + unescape(page.group(1))).raise_for_status()
    return time.perf_counter() - started


def _log_in(client, base_url: str, login: str, password: str) -> None:
    form = client.get(f"{base_url}/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    answer = client.post(f"{base_url}/login", data={"login": login, "password": password, "csrf_token": token})
    if answer.status_code != 303:
        raise RuntimeError(f"login refused: {answer.status_code}")


def _site(folder: Path) -> tuple[str, int]:
    """A SQLite district with the Таяндинская school and its secretary; (db URL, the school's id)."""
    import sqlalchemy as sa

    url = f"sqlite:///{folder / 'site.sqlite'}"
    env = dict(os.environ, DOCGEN_DB=url)
    school = folder / "school"
    shutil.copytree(ROOT / "samples" / "tayandinskaya", school)
    secret = folder / "password"
    secret.write_text("замер-пароль-1\n", encoding="utf-8")
    for command in (["acts", "import", school / "acts.csv", "--org", school / "organization.yaml"],
                    ["users", "add", "secretary", "--role", "school", "--org", school / "organization.yaml",
                     "--password-file", secret]):
        subprocess.run([sys.executable, "-m", "docgen", *map(str, command)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        org = conn.execute(sa.text("SELECT id FROM organizations")).scalar_one()
    engine.dispose()
    return url, org


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(url: str, org: int, *, warm: bool, runs: int) -> list[float]:
    """``runs`` previews on a site of its own (in this process, uvicorn in a thread); the warm
    site's converter started first, as `docgen serve` starts it with the site."""
    import httpx
    import uvicorn

    from docgen.converter import Converter
    from docgen.previews import Previews
    from docgen.web.app import create_app

    app = create_app(url, secure_cookies=False)
    previews = app.state.previews = Previews(Converter(warm=warm))
    if warm and not previews.converter.ensure_running():
        raise RuntimeError("no warm converter here (apt install python3-uno; pip install unoserver)")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        while not server.started:
            time.sleep(0.05)
        with httpx.Client(follow_redirects=False, timeout=180) as client:
            _log_in(client, base, "secretary", "замер-пароль-1")
            return [preview_seconds(base, client, org) for _ in range(runs)]
    finally:
        server.should_exit = True
        thread.join(10)
        previews.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-preview-bench-") as work:
        url, org = _site(Path(work))
        warm = measure(url, org, warm=True, runs=args.runs)
        cold = measure(url, org, warm=False, runs=args.runs)
    print(f"preview after generating, warm unoserver: {spread(warm)} s (of {args.runs})")
    print(f"preview after generating, cold soffice:   {spread(cold)} s (of {args.runs})")


if __name__ == "__main__":
    main()
