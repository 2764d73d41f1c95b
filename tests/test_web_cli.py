"""`docgen users` at a real terminal, and `docgen serve` refusing a database before it starts."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from helpers import invoke


def at_terminal(args: list[str], answers: list[str], env: dict) -> tuple[int, str]:
    """Run `python -m docgen ARGS` with a pseudo-terminal as its controlling terminal (where getpass
    reads), typing each answer after the next prompt; returns the exit code and all it printed."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: its terminal is the pty
        os.execvpe(sys.executable, [sys.executable, "-m", "docgen", *args], env)
    seen, pending = b"", list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
        if pending and seen.rstrip().endswith(":".encode()) and seen.count("Пароль".encode()) > len(answers) - len(pending):
            os.write(fd, (pending.pop(0) + "\n").encode())
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", errors="replace")


def test_users_add_asks_for_the_password_twice_at_a_terminal(tmp_path):
    env = {**os.environ, "DOCGEN_DB": str(tmp_path / "site.sqlite"), "COLUMNS": "200"}
    code, shown = at_terminal(["users", "add", "admin", "--role", "admin"], ["пароль-директора", "пароль-директора"], env)
    assert code == 0, shown
    assert "Пароль:" in shown and "Пароль ещё раз:" in shown and "пароль-директора" not in shown  # never echoed
    assert "Пользователь «admin» создан: администратор" in shown
    code, shown = at_terminal(["users", "add", "other", "--role", "admin"], ["пароль-первый", "пароль-второй"], env)
    assert code == 2 and "пароли не совпадают" in shown
    listed = invoke("users", "list", "--db", tmp_path / "site.sqlite")
    assert "admin" in listed.output and "other" not in listed.output


def test_serve_refuses_a_database_it_cannot_use_before_starting(tmp_path):
    (tmp_path / "folder.sqlite").mkdir()
    result = invoke("serve", "--db", tmp_path / "folder.sqlite", "--port", "1")
    assert result.exit_code == 2 and "это папка, а не файл базы данных" in result.stderr
    foreign = tmp_path / "foreign.sqlite"
    import sqlite3

    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE pupils (id INTEGER PRIMARY KEY)")
    result = invoke("serve", "--db", foreign, "--port", "1")
    assert result.exit_code == 2 and "база данных другой программы" in result.stderr
