"""`docgen journal void`: a number is annulled, shown so with the reason, who and when, and never
given again; a number left «не сформирован» by a run killed mid-write can be annulled, and a
rerun of the same input after such a crash takes its reserved number over."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.registry.schema import GUARD as SCHEMA_VERSION  # what schema_version says at HEAD
from helpers import CODE_UNDER_TEST, generate, invoke, numberless_order

TYPE = "working-group-order"


def rows(store: Path) -> list[tuple]:
    with sqlite3.connect(store) as conn:
        return conn.execute("select number, status, void_reason, voided_by from order_journal order by id").fetchall()


def test_a_voided_number_is_shown_and_never_given_again(tmp_path, sample_dir, journal_db):
    data = numberless_order(sample_dir, sample_dir / "a.yaml")
    out = tmp_path / "out"
    first = generate(TYPE, data, out).document
    result = invoke("journal", "void", "1-од", "--year", "2026", "--reason", "издан ошибочно", "--who", "Ермакова С.В.")
    assert result.exit_code == 0, result.output
    assert "Номер 1-од за 2026 год (МКОУ «Таяндинская СОШ») аннулирован: издан ошибочно (Ермакова С.В.," in result.stdout
    assert rows(journal_db) == [("1-од", "void", "издан ошибочно", "Ермакова С.В.")]
    listed = invoke("journal")
    assert "аннулирован: издан ошибочно" in listed.stdout
    exported = tmp_path / "journal.csv"
    assert invoke("journal", "--format", "csv", "--out", exported).exit_code == 0
    assert "аннулирован: издан ошибочно (Ермакова С.В.," in exported.read_text(encoding="utf-8-sig")
    assert first.is_file()  # the annulled order's document is not deleted

    again = generate(TYPE, data, out).document  # the same input: a new number, not the annulled one
    assert "№ 2-од" in again.name and first.is_file()
    by_hand = generate(TYPE, numberless_order(sample_dir, sample_dir / "b.yaml", number="1"), out)
    assert by_hand.result.exit_code == 2
    assert "номер 1-од за 2026 год в журнале приказов МКОУ «Таяндинская СОШ» аннулирован (издан ошибочно)" \
        in by_hand.result.stderr
    replaced = generate(TYPE, numberless_order(sample_dir, sample_dir / "c.yaml", number="1"), out, "--replace")
    assert replaced.result.exit_code == 2
    other = generate(TYPE, numberless_order(sample_dir, sample_dir / "d.yaml", meetings="по средам"), out).document
    assert "№ 3-од" in other.name
    assert [r[:2] for r in rows(journal_db)] == [("1-од", "void"), ("2-од", "complete"), ("3-од", "complete")]


@pytest.mark.parametrize("args, message", [
    (("7-од", "--year", "2026", "--reason", "ошибка"), "номера 7-од за 2026 год в журнале приказов нет"),
    (("1-од", "--year", "2026", "--reason", "  "), "параметр --reason: укажите причину"),
    (("1-од", "--year", "2026", "--reason", "ещё раз"), "уже аннулирован: первый раз"),
    (("1-од", "--year", "2026"), "--reason"),
])
def test_void_refuses_what_it_cannot_do(tmp_path, sample_dir, journal_db, args, message):
    generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml"), tmp_path / "out").document
    assert invoke("journal", "void", "1-од", "--year", "2026", "--reason", "первый раз").exit_code == 0
    before = rows(journal_db)
    result = invoke("journal", "void", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert rows(journal_db) == before


def test_void_asks_which_school_when_two_have_the_number(tmp_path, sample_dir, journal_db):
    import shutil

    from helpers import edit_text

    other = tmp_path / "other"
    shutil.copytree(sample_dir, other)
    edit_text(other / "organization.yaml", "short_name: МКОУ «Таяндинская СОШ»", "short_name: МКОУ «Другая СОШ»")
    edit_text(other / "organization.yaml", 'inn: "3815006786"\n', "")  # another school, not the sample's ИНН
    generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml"), tmp_path / "out").document
    generate(TYPE, numberless_order(other, other / "a.yaml"), tmp_path / "out").document
    result = invoke("journal", "void", "1-од", "--year", "2026", "--reason", "ошибка")
    assert result.exit_code == 2 and "укажите организацию: --org" in result.stderr
    result = invoke("journal", "void", "1-од", "--year", "2026", "--reason", "ошибка",
                    "--org", other / "organization.yaml")
    assert result.exit_code == 0, result.output
    assert [r[1] for r in rows(journal_db)] == ["complete", "void"]


# `docgen ARGS` in a child process with one function of docgen replaced by PATCH.
PATCHED = """
import os, signal, sys
import docgen.engine, docgen.journal
{patch}
from docgen.cli import main
sys.argv = ["docgen", *sys.argv[1:]]
main()
"""
# The write of the document kills its own process (SIGKILL: no cleanup, no finally) — a run
# killed mid-write, after the number was reserved.
KILL_MID_WRITE = "import docgen.fileio; docgen.fileio.Staged.write = lambda *_a, **_k: os.kill(os.getpid(), signal.SIGKILL)"


def _patched_generate(patch: str, data: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PATCHED.format(patch=patch), "generate", TYPE, "--data", str(data),
                           "--out", str(out)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(CODE_UNDER_TEST)})


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_run_killed_mid_write_leaves_a_number_a_rerun_takes_over(tmp_path, sample_dir, journal_db):
    data = numberless_order(sample_dir, sample_dir / "a.yaml")
    out = tmp_path / "out"
    killed = _patched_generate(KILL_MID_WRITE, data, out)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert [r[:2] for r in rows(journal_db)] == [("1-од", "reserved")]
    assert "не сформирован" in invoke("journal").stdout and not list(out.glob("*.docx"))
    path = generate(TYPE, data, out).document  # the rerun of the same input reuses its number
    assert "№ 1-од" in path.name
    assert [r[:2] for r in rows(journal_db)] == [("1-од", "complete")]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_number_left_by_a_killed_run_can_be_voided(tmp_path, sample_dir, journal_db):
    data = numberless_order(sample_dir, sample_dir / "a.yaml")
    out = tmp_path / "out"
    assert _patched_generate(KILL_MID_WRITE, data, out).returncode == -signal.SIGKILL
    result = invoke("journal", "void", "1-од", "--year", "2026", "--reason", "сбой при записи")
    assert result.exit_code == 0, result.output
    assert rows(journal_db)[0][:3] == ("1-од", "void", "сбой при записи")
    path = generate(TYPE, data, out).document  # the rerun does not take the annulled number back
    assert "№ 2-од" in path.name


def test_a_store_written_by_the_previous_version_is_upgraded_and_keeps_working(tmp_path, sample_dir, journal_db):
    """store_of_main_v2.sql is the dump of a store docgen wrote before numbers could be annulled
    (schema 2, one formed order): the columns of an annulled number are added in place, its order
    is kept, annulled, and its file is never taken by a new document."""
    out = tmp_path / "out"
    out.mkdir()
    dump = (Path(__file__).parent / "store_of_main_v2.sql").read_text(encoding="utf-8")
    with sqlite3.connect(journal_db) as conn:
        conn.executescript(dump.replace("{OUT}", str(out)))
    conn.close()
    old = out / "Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-од от 01.09.2026.docx"
    old.write_bytes(b"the order written by the previous version")

    assert "1-од" in invoke("journal").stdout
    assert invoke("journal", "void", "1-од", "--year", "2026", "--reason", "отменён").exit_code == 0
    path = generate(TYPE, numberless_order(sample_dir, sample_dir / "a.yaml", number="1"), out, "--replace")
    assert path.result.exit_code == 2 and "аннулирован (отменён)" in path.result.stderr
    new = generate(TYPE, numberless_order(sample_dir, sample_dir / "b.yaml", meetings="по средам"), out).document
    assert "№ 2-од" in new.name and old.read_bytes() == b"the order written by the previous version"
    assert [r[:3] for r in rows(journal_db)] == [("1-од", "void", "отменён"), ("2-од", "complete", None)]
    with sqlite3.connect(journal_db) as conn:
        assert conn.execute("select version from schema_version").fetchall() == [(SCHEMA_VERSION,)]


# Ctrl+C at two moments of `generate`: while rendering (nothing is written yet), and after the
# document is in place but before the journal calls it formed.
INTERRUPT = "def interrupt(*_a, **_k):\n    raise KeyboardInterrupt\nsetattr({target}, '{name}', interrupt)"


@pytest.mark.parametrize("target, name, left", [
    ("docgen.engine.Engine", "render", []),
    ("docgen.journal.Journal", "complete_all", [("1-од", "reserved")]),
])
def test_ctrl_c_in_generate_leaves_what_the_readme_says(tmp_path, sample_dir, journal_db, target, name, left):
    data = numberless_order(sample_dir, sample_dir / "a.yaml")
    out = tmp_path / "out"
    run = _patched_generate(INTERRUPT.format(target=target, name=name), data, out)
    assert run.returncode == 130, run.stderr
    assert [r[:2] for r in rows(journal_db)] == left
    documents = sorted(p.name for p in out.rglob("*")) if out.exists() else []
    assert documents == ([] if not left else [f"Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-од "
                                              "от 01.09.2026.docx"])  # no temporary file either
    path = generate(TYPE, data, out).document  # the rerun: number 1, its own file replaced
    assert "№ 1-од" in path.name and [r[:2] for r in rows(journal_db)] == [("1-од", "complete")]
