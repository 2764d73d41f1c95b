"""A batch killed with SIGKILL halfway leaves only complete documents and a consistent journal;
running it again finishes the work with unique, consecutive numbers."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from helpers import NBSP, ORDER_SAMPLE, numberless_order

TYPE = "working-group-order"
COUNT = 60

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL of a process group is POSIX")


def _inputs(folder: Path) -> None:
    """COUNT different orders of the Таяндинская school, without numbers: the journal gives them."""
    folder.mkdir()
    for i in range(COUNT):
        numberless_order(ORDER_SAMPLE.parent, folder / f"order-{i:02d}.yaml", meetings=f"еженедельно, заседание № {i + 1}")


def _journal(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select seq, number, status, file from order_journal").fetchall()


def _check_consistent(out: Path, db: Path) -> list[tuple]:
    """Every document opens and carries the number in its name; leftovers are only hidden
    temporary files; the journal has no duplicate and no complete entry without its file."""
    for path in out.rglob("*"):
        if path.is_dir():
            continue
        if path.suffix == ".docx":
            number = path.name.split(" № ")[1].split(" от ")[0]
            paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
            assert paragraphs[3].endswith(f"№{NBSP}{number}"), path
        else:
            assert path.name.startswith(".~") and path.suffix == ".tmp", path
    rows = _journal(db)
    numbers = [r[1] for r in rows]
    assert len(numbers) == len(set(numbers))
    for _, number, status, file in rows:
        if status == "complete":
            assert Path(file).is_file() and f"№ {number} от" in Path(file).name
    return rows


def test_batch_killed_halfway_leaves_complete_files_and_a_consistent_journal(tmp_path):
    data, out, db = tmp_path / "data", tmp_path / "out", tmp_path / "journal.sqlite"
    _inputs(data)
    command = [sys.executable, "-m", "docgen", "batch", TYPE, "--data", str(data), "--out", str(out),
               "--db", str(db), "--jobs", "2"]
    env = {**os.environ, "COLUMNS": "200"}
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    try:
        while len(list(out.rglob("*.docx"))) < 8:
            assert process.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "the batch wrote nothing in time"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, as `kill -9` of the job
        process.wait(30)
    written = list(out.rglob("*.docx"))
    assert 8 <= len(written) < COUNT
    rows = _check_consistent(out, db)
    assert len([r for r in rows if r[2] == "complete"]) <= len(written)

    again = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr + again.stdout
    rows = _check_consistent(out, db)
    assert sorted(r[0] for r in rows) == list(range(1, COUNT + 1))  # unique and consecutive
    assert {r[2] for r in rows} == {"complete"}
    assert len(list(out.rglob("*.docx"))) == COUNT
