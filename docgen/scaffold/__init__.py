"""`docgen plugin new`: a district's installable plugin package in one command, and
`docgen plugin check`: the mistakes that make an installed plugin invisible.

The package is complete and green from the start — pyproject with the ``docgen`` entry point, a
document type with its input model, a ГОСТ template built with docgen's own blocks, sample data
with an organisation profile, a test — so a methodologist changes working code instead of
assembling it from the guide. Its files are templates in ``files/`` (``writer``); the names they
are filled with come from ``names``; ``check`` reads a package before it is installed.
"""
from __future__ import annotations

from .check import PluginSummary, check_plugin
from .names import DEFAULT_TITLE, SLUG, Names
from .writer import create_plugin, package_files

__all__ = ["DEFAULT_TITLE", "SLUG", "Names", "PluginSummary", "check_plugin", "create_plugin", "package_files"]
