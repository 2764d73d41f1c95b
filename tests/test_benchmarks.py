"""The benchmarks run: `bench_batch.py --quick` prints issue 13's four figures, `bench_region.py
--quick` issue 15's, each with a number. Their values and targets are not asserted — a quick run
on a shared machine measures nothing."""
from __future__ import annotations

import os
import shutil
import re
import subprocess
import sys

import pytest

from helpers import CHECKOUT
from test_store_engines import server  # skipped without a server, failed in CI

FIGURES = (
    r"1\. batch / renderer throughput: \d+\.\d+ \(.* docs/s\); 30,000 orders ≈ \d+ s",
    r"2\. peak RSS 60 / 6 jobs: \d+\.\d+ \(.* MiB",
    r"3\. load \+ render 100 / 10 members: \d+\.\d+×",
    r"4\. docgen generate, whole process: \d+\.\d+ s against python -c pass \d+\.\d+ s",
)


def test_bench_batch_quick_prints_the_four_figures():
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    done = subprocess.run([sys.executable, str(CHECKOUT / "benchmarks" / "bench_batch.py"), "--quick"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for figure in FIGURES:
        assert [line for line in lines if re.search(figure, line)], (figure, done.stdout)


REGION_FIGURES = (
    r"a\. coverage --district, 100 schools: ",
    r"b\. generate one more order: ",
    r"c\. coverage --district growth, SQLite: 10/1 schools \d+\.\d+× \(\d+\.\d+ s / \d+\.\d+ s\); "
    r"100/10 schools \d+\.\d+× \(\d+\.\d+ s / \d+\.\d+ s\)",
)


def _bench_region(*extra: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "DOCGEN_TEST_POSTGRES"}
    env["PYTHONPATH"] = str(CHECKOUT)
    done = subprocess.run([sys.executable, str(CHECKOUT / "benchmarks" / "bench_region.py"), "--quick", *extra],
                          capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for figure in REGION_FIGURES:
        assert [line for line in lines if re.search(figure, line)], (figure, done.stdout)
    return lines


@pytest.mark.parametrize("engines", ["sqlite", "postgresql"])
def test_bench_region_quick_prints_every_figure(engines):
    """Issue 15's region: (a) and (b) with their seconds, (c) on each engine measured; with a
    server (a new database made and dropped by the script), (a) and (b) as PostgreSQL / SQLite."""
    if engines == "sqlite":
        lines = _bench_region()
        assert [line for line in lines if re.search(r"a\. coverage --district, 100 schools: SQLite \d+\.\d+ s; "
                                                    r"PostgreSQL / SQLite: not measured", line)], lines
        assert [line for line in lines if re.search(r"b\. generate one more order: SQLite \d+\.\d+ s", line)], lines
        assert [line for line in lines if "PostgreSQL not measured — no server" in line], lines
        return
    lines = _bench_region("--postgres", server())
    for figure in (r"a\. coverage --district, 100 schools: PostgreSQL / SQLite \d+\.\d+ "
                   r"\(PostgreSQL \d+\.\d+ s, SQLite \d+\.\d+ s\)",
                   r"b\. generate one more order: PostgreSQL / SQLite \d+\.\d+ "
                   r"\(PostgreSQL \d+\.\d+ s, SQLite \d+\.\d+ s\)",
                   r"c\. coverage --district growth, PostgreSQL: 10/1 schools \d+\.\d+× .*; 100/10 schools \d+\.\d+×",
                   r"engines: SQLite file; PostgreSQL \d+"):
        assert [line for line in lines if re.search(figure, line)], (figure, lines)



WEB_FIGURES = (
    r"documents made: \d+ in \d+\.\d+ s — \d+\.\d+ docs/s; errors 0",
    r"form submit to \.docx under load: p50 \d+ ms, p95 \d+ ms",
    r"(PASS|FAIL)  p95 form submit to \.docx under load \d+ ms",
    r"(PASS|FAIL)  app / engine per-document cost \d+\.\d+×",
    r"preview, generate to visible: p50 \d+ ms",
)


def test_bench_web_quick_prints_every_figure():
    """Issue 16's site benchmark against a real `docgen serve`: every figure printed with a number
    (the preview's too — LibreOffice is there in CI), and no document refused."""
    env = {k: v for k, v in os.environ.items() if k != "DOCGEN_TEST_POSTGRES"}
    env["PYTHONPATH"] = str(CHECKOUT)
    done = subprocess.run([sys.executable, str(CHECKOUT / "benchmarks" / "bench_web.py"), "--quick"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    for figure in WEB_FIGURES:
        if "preview" in figure and not os.environ.get("CI") and not shutil.which("soffice"):
            continue
        assert re.search(figure, done.stdout), (figure, done.stdout)
