"""A batch killed with SIGKILL halfway leaves only complete documents and a consistent journal;
running it again finishes the work with unique, consecutive numbers."""
from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from helpers import assert_batch_consistent, numberless_orders, run_python, start_python

TYPE = "working-group-order"
COUNT = 60

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL of a process group is POSIX")


def test_batch_killed_halfway_leaves_complete_files_and_a_consistent_journal(tmp_path):
    data, out, db = tmp_path / "data", tmp_path / "out", tmp_path / "docgen-test.sqlite"
    numberless_orders(data, COUNT)
    command = ["-m", "docgen", "batch", TYPE, "--data", data, "--out", out, "--jobs", "2"]
    process = start_python(command, cwd=tmp_path)
    deadline = time.monotonic() + 240
    try:
        while len(list(out.rglob("*.docx"))) < 8:
            assert process.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "the batch wrote nothing in time"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, as `kill -9` of the job
        process.communicate(timeout=30)
    written = list(out.rglob("*.docx"))
    assert 8 <= len(written) < COUNT
    rows = assert_batch_consistent(out, db)
    assert len([r for r in rows if r[2] == "complete"]) <= len(written)

    again = run_python(command, cwd=tmp_path)
    assert again.returncode == 0, again.stderr + again.stdout
    rows = assert_batch_consistent(out, db)
    assert sorted(r[0] for r in rows) == list(range(1, COUNT + 1))  # unique and consecutive
    assert {r[2] for r in rows} == {"complete"}
    assert len(list(out.rglob("*.docx"))) == COUNT
