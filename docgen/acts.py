"""The registry of acts as a document type sees it: which acts an organisation needs and where each
stands on a date.

A document that plans work on the acts (the regulation order derives «develop / update / approve»
activities from it) reads the registry through this module only. The store, its schema and the
coverage arithmetic stay internal (``docgen.registry``) and may change; what is here is kept.
SQLAlchemy loads only when a function is called.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .registry.lifecycle import (
    ADOPTED, APPROVED, DISCUSSION, DRAFTING, NEEDS_UPDATE, NOT_STARTED, REPEALED, label,
)

__all__ = [
    "ADOPTED", "APPROVED", "DISCUSSION", "DRAFTING", "NEEDS_UPDATE", "NOT_STARTED", "REPEALED",
    "ActStatus", "act_statuses", "registry_file", "registry_url",
]


@dataclass(frozen=True)
class ActStatus:
    """One catalogue act that applies to the organisation, with its effective status on the date
    asked: an approved act past its review date or on a repealed basis is ``NEEDS_UPDATE``."""

    id: str
    title: str
    required: bool  # law or customary: counts toward the completeness share
    status: str  # one of the constants above
    responsible: str | None  # as recorded in the registry: a staff id or a full name, if any

    @property
    def status_label(self) -> str:
        """The status in Russian, as `docgen acts list` shows it («требует актуализации»)."""
        return label(self.status)


def registry_url(db: str | None, relative_to: Path | None = None, *, profile: Path | None = None) -> str:
    """The database a data file names: a path (relative to ``relative_to``, the data file's folder)
    or a URL; none — the school's store, as `docgen acts --org PROFILE` finds it (docgen.settings.database:
    DOCGEN_DB, the ``db`` of the docgen.yaml beside ``profile``, …), so a document reads the registry
    its school's commands write."""
    from .registry.store import resolve_url

    if db is not None and "://" not in db:
        path = Path(db).expanduser()
        if not path.is_absolute() and relative_to is not None:
            path = Path(relative_to) / path
        db = str(path.resolve())
    return resolve_url(db, profile=profile)


def registry_file(url: str) -> Path | None:
    """The SQLite file behind ``url``, to tell a user it is missing; None for a database server."""
    prefix = "sqlite:///"
    return Path(url[len(prefix):]) if url.startswith(prefix) else None


def act_statuses(organization, on: dt.date, db: str | None = None) -> list[ActStatus]:
    """Every act of the catalogue (built-in and plugins') that applies to ``organization`` (a
    validated `docgen.Organization`), in catalogue order, with its status on ``on``."""
    from .registry.catalogue import default_catalogue
    from .registry.coverage import states
    from .registry.service import OrgRef
    from .registry.store import Store

    store = Store(registry_url(db))
    try:
        rows = store.statuses(organization.short_name)
    finally:
        store.close()
    ref = OrgRef(organization.short_name, organization.full_name, list(organization.levels))
    return [ActStatus(s.act.id, s.act.title, s.act.required, s.status, s.responsible)
            for s in states(default_catalogue(), ref, rows, on)]
