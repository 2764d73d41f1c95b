"""The benchmarks run: `bench_batch.py --quick` prints issue 13's four figures, each with a number.
Their values and targets are not asserted — a quick run on a shared machine measures nothing."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from helpers import CHECKOUT

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
