"""`docgen batch` as processes: its workers die with it, Ctrl+C and SIGTERM stop it promptly with
a summary of what was written, and an input that crashes its worker costs only that input."""
from __future__ import annotations

import os
import re
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers import assert_batch_consistent, numberless_orders, run_python, start_python

TYPE = "working-group-order"
COUNT = 80  # orders of one school: a few seconds of work for two workers

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="signals a process group")


def _batch(data: Path, out: Path, jobs: int = 2) -> list:
    return ["batch", TYPE, "--data", data, "--out", out, "--jobs", jobs]


def _wait_for_documents(process, out: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.docx"))) < count:
        assert process.poll() is None, "the batch ended before the test could signal it"
        assert time.monotonic() < deadline, "the batch wrote nothing in time"
        time.sleep(0.01)


def _end_group(process) -> None:
    """Whatever the test's outcome, nothing of the batch's process group goes on running."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate(timeout=30)


# -- the workers die with the batch -----------------------------------------------------------

def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended: only its parent's wait() is left


# Linux gives the workers PR_SET_PDEATHSIG; elsewhere only the watcher of the parent's sentinel
# ends them: the second run hides Linux from docgen.workers to prove the watcher alone suffices.
LAUNCHERS = {
    "kernel signal": ["-m", "docgen"],
    "sentinel watcher": ["-c", "import runpy, docgen.workers as w; w.PARENT_DEATH_SIGNAL = False;"
                               " runpy.run_module('docgen', run_name='__main__')"],
}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
@pytest.mark.parametrize("launcher", LAUNCHERS.values(), ids=LAUNCHERS.keys())
def test_workers_die_with_the_killed_batch(tmp_path, launcher):
    data, out = tmp_path / "data", tmp_path / "out"
    numberless_orders(data, COUNT)
    process = start_python([*launcher, *_batch(data, out)], cwd=tmp_path)
    workers: list[int] = []
    try:
        _wait_for_documents(process, out, 2)
        workers = _children(process.pid)
        assert len(workers) == 2, workers
        os.kill(process.pid, signal.SIGKILL)  # the main process alone, as the OOM killer picks one
        process.communicate(timeout=30)
        deadline = time.monotonic() + 10
        while alive := [pid for pid in workers if _running(pid)]:
            assert time.monotonic() < deadline, f"workers {alive} outlived the killed batch"
            time.sleep(0.05)
        written = len(list(out.rglob("*.docx")))
        time.sleep(0.5)
        assert len(list(out.rglob("*.docx"))) == written < COUNT  # nobody writes any more
    finally:
        _end_group(process)
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
    assert_batch_consistent(out, tmp_path / "docgen-test.sqlite")


# -- Ctrl+C and SIGTERM -----------------------------------------------------------------------

STOPS = {
    "Ctrl+C to the process group": (signal.SIGINT, os.killpg, 2, 130, "Ctrl+C"),
    "SIGTERM to the batch": (signal.SIGTERM, os.kill, 2, 143, "SIGTERM"),
    "Ctrl+C to a batch without workers": (signal.SIGINT, os.killpg, 1, 130, "Ctrl+C"),
}


@posix_only
@pytest.mark.parametrize("stop", STOPS.values(), ids=STOPS.keys())
def test_a_signal_stops_the_batch_promptly_with_a_summary(tmp_path, stop):
    signum, send, jobs, exit_code, shown = stop
    data, out, db = tmp_path / "data", tmp_path / "out", tmp_path / "docgen-test.sqlite"
    numberless_orders(data, COUNT)
    process = start_python(["-m", "docgen", *_batch(data, out, jobs)], cwd=tmp_path)
    try:
        _wait_for_documents(process, out, 2)
        send(process.pid, signum)
        sent = time.monotonic()
        stdout, stderr = process.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        _end_group(process)
    assert process.returncode == exit_code, stderr
    assert took < 5, f"the batch took {took:.1f} s to stop"
    files = list(out.rglob("*.docx"))
    assert 2 <= len(files) <= COUNT // 4  # stopped well before the end
    summary = re.search(r"Остановлено \((.+?)\): сформировано документов — (\d+) из (\d+), не начато — (\d+)", stderr)
    assert summary, stderr
    assert summary.groups() == (shown, str(len(files)), str(COUNT), str(COUNT - len(files)))
    assert stdout.count("сформирован") == len(files)  # a row of the table for each document written
    rows = assert_batch_consistent(out, db)
    assert all(p.suffix == ".docx" for p in out.rglob("*") if p.is_file())  # the running ones were finished
    assert sorted(Path(r[3]) for r in rows if r[2] == "complete") == sorted(p.resolve() for p in files)

    again = run_python(["-m", "docgen", *_batch(data, out)], cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    rows = assert_batch_consistent(out, db)
    assert sorted(r[0] for r in rows) == list(range(1, COUNT + 1))  # unique and consecutive
    assert {r[2] for r in rows} == {"complete"} and len(list(out.rglob("*.docx"))) == COUNT


# -- one input's failure is that input's alone ------------------------------------------------

CRASHING_PLUGIN = '''
    """Fails as a district's plugin might: kills its own process (as the kernel's OOM killer
    would) or runs out of memory, for the orders whose meetings say so."""
    import os
    import signal

    from docgen import hookimpl


    @hookimpl
    def docgen_adjust_context(context, document_type, data):
        meetings = str(getattr(data, "meetings", ""))
        if "уронить процесс" in meetings:
            os.kill(os.getpid(), signal.SIGKILL)
        if "исчерпать память" in meetings:
            raise MemoryError
'''


def _crashing_plugin(site: Path) -> Path:
    """The plugin above as an installed distribution in ``site`` (its dist-info names the entry point)."""
    info = site / "district_crash-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "district_crash.py").write_text(textwrap.dedent(CRASHING_PLUGIN), encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: district-crash\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[docgen]\ndistrict-crash = district_crash\n", encoding="utf-8")
    return site


def test_a_worker_that_dies_costs_only_its_own_input(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    orders = numberless_orders(data, 8)
    for index, words in ((2, "уронить процесс"), (5, "исчерпать память")):
        orders[index].write_text(orders[index].read_text(encoding="utf-8").replace("еженедельно", words),
                                 encoding="utf-8")
    result = run_python(["-m", "docgen", *_batch(data, out)], cwd=tmp_path, site=_crashing_plugin(tmp_path / "site"),
                        plugins="district-crash")
    assert result.returncode == 1, result.stderr
    assert "Не сформировано: 2 из 8" in result.stderr
    assert f"{orders[2]}: процесс, формировавший документ по этому файлу, аварийно завершился, и при повторной " \
           "попытке тоже" in result.stderr
    assert re.search(rf"{re.escape(str(orders[5]))}: .*MemoryError", result.stderr)
    written = sorted(out.rglob("*.docx"))
    assert len(written) == 6
    rows = assert_batch_consistent(out, tmp_path / "docgen-test.sqlite")
    assert sorted(Path(r[3]) for r in rows if r[2] == "complete") == [p.resolve() for p in written]


def test_a_file_too_deep_to_read_costs_only_its_own_school(cli, tmp_path, journal_db):
    """A data file nested 20,000 levels deep once ended the whole batch with a traceback while the
    inputs were being sorted out, before any school was written."""
    data, out = tmp_path / "data", tmp_path / "out"
    numberless_orders(data, 3)
    deep = data / "deep.yaml"
    deep.write_text("meetings: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    result = cli("batch", TYPE, "--data", data, "--out", out, "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert "Не сформировано: 1 из 4" in result.output
    assert f"• {deep}: " in result.output
    assert len(list(out.rglob("*.docx"))) == 3
