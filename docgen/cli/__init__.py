"""Command line: Typer + Rich, Russian for the user. Each command lives in its own module and
imports the heavy machinery only when it runs, so `docgen --help` stays fast."""
from __future__ import annotations

from . import acquaint_cmd, acts_cmd, adopt_cmd, batch_cmd, check_cmd, coverage_cmd, db_cmd, demo_cmd, generate_cmd, indicators_cmd, journal_cmd, plugin_cmd, plugins_cmd, publish_cmd, serve_cmd, templates_cmd, types_cmd, users_cmd  # noqa: F401 — they register commands
from ._app import app

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="docgen")
