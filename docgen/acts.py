"""The registry of acts as a document type sees it: which acts an organisation needs and where each
stands on a date.

A document that plans work on the acts (the regulation order derives «develop / update / approve»
activities from it) reads the registry through this module only. The store, its schema and the
coverage arithmetic stay internal (``docgen.registry``) and may change; what is here is kept.
SQLAlchemy loads only when a function is called.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Optional

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from .errors import InputError

from .registry.lifecycle import (
    ADOPTED, APPROVED, DISCUSSION, DRAFTING, NEEDS_UPDATE, NOT_STARTED, REPEALED, label,
)

__all__ = [
    "ADOPTED", "APPROVED", "DISCUSSION", "DRAFTING", "NEEDS_UPDATE", "NOT_STARTED", "REPEALED",
    "ActStatus", "Basis", "UnknownIndicator", "act_level", "act_readers", "act_statuses", "act_title", "basis_text",
    "cited_acts", "recorded_indicator", "registry_file", "registry_url",
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
    order_number: str | None = None  # the order that approved (or adopted) it, as the registry writes it
    order_date: dt.date | None = None

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
        rows = store.statuses(organization)
    finally:
        store.close()
    ref = OrgRef(organization.short_name, organization.full_name, list(organization.levels), profile=organization)
    return [ActStatus(s.act.id, s.act.title, s.act.required, s.status, s.responsible,
                      s.row.order_number if s.row else None, s.row.order_date if s.row else None)
            for s in states(default_catalogue(), ref, rows, on)]


_ACT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def act_title(act_id: str) -> str | None:
    """The catalogue title of ``act_id`` (built-in and plugins' acts), None for an unknown id."""
    entry = _catalogue_entries().get(act_id)
    return entry[0] if entry else None


def act_level(act_id: str) -> str | None:
    """The requirement level of ``act_id`` in the catalogue — ``"law"``, ``"customary"`` or
    ``"recommended"`` — None for an unknown id."""
    entry = _catalogue_entries().get(act_id)
    return entry[1] if entry else None


def act_readers(organization, act_id: str) -> list:
    """Who must read ``act_id`` under signature (ТК РФ ст. 22): the staff members of ``organization``
    (a validated `docgen.Organization`) the catalogue's ``audience`` of the act names — a group of
    staff-groups.yaml on the template path («педагогические работники») or a position — in profile
    order, without the director, who approves the act. An unknown id raises InputError."""
    from .plugins import load_plugins
    from .registry.acquaintance import readers
    from .registry.catalogue import builtin_files, load_catalogue, plugin_files

    catalogue = load_catalogue([*builtin_files(), *plugin_files(load_plugins())])
    return readers(organization, catalogue.get(act_id))


def _catalogue_entries() -> dict[str, tuple[str, str]]:
    from .plugins import load_plugins
    from .registry.catalogue import builtin_files, plugin_files

    files = [*builtin_files(), *plugin_files(load_plugins())]
    return _titles(tuple((path, path.stat().st_mtime_ns) for path in files))


@lru_cache(maxsize=4)
def _titles(files: tuple[tuple[Path, int], ...]) -> dict[str, tuple[str, str]]:
    """Every order of a batch validates its basis: the catalogue is read once per version of its files.
    Each act id → (title, level)."""
    from .registry.catalogue import load_catalogue

    return {act.id: (act.title, act.level) for act in load_catalogue([path for path, _ in files]).acts.values()}


def _basis_items(value: Any) -> list[str] | None:
    """A basis as data gives it: one text or a list; an item that looks like an act id must be one
    of the catalogue, so a typo is not printed into an order as the basis."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise PydanticCustomError("ru_basis", "основание — текст или список: код акта из каталога или текст "
                                              "в творительном падеже", {})
    items = [" ".join(item.split()) for item in items if item.strip()]
    for item in items:
        if _ACT_ID.fullmatch(item) and act_title(item) is None:
            raise PydanticCustomError("ru_unknown_act", "акта с кодом «{id}» нет в каталоге "
                                                        "(список — docgen acts list)", {"id": item})
    return items or None


Basis = Annotated[Optional[list[str]], BeforeValidator(_basis_items)]
"""An order's basis: each item a catalogue act id (the consistency check looks it up in the
registry) or free text in the instrumental case for an external act such as a law."""


def cited_acts(basis: list[str] | None) -> list[str]:
    """The catalogue act ids among a basis's items, in order."""
    return [item for item in basis or () if _ACT_ID.fullmatch(item)]


def basis_text(basis: list[str] | None) -> str | None:
    """The basis as the order's preamble prints it: an act's title in the instrumental case
    («Программой развития …»), free text as written, joined by commas."""
    if not basis:
        return None
    from .russian.titles import inflect_phrase

    return ", ".join(inflect_phrase(act_title(item), "ablt") if _ACT_ID.fullmatch(item) else item
                     for item in basis)


class UnknownIndicator(InputError):
    """An indicator id the справка does not have: the caller blames its own field for it, not the
    counts file."""


def recorded_indicator(indicator_id: str, period: str, counts: Path) -> Decimal | None:
    """One indicator of the справка о полноте ЛНА (``registry/indicators.yaml`` on the template
    path, ids as ``docgen indicators list`` shows them) for one academic year, from a file of the
    counts the school records by year (the file ``docgen indicators import`` reads): a count, or a
    share of two counts in per cent. None when the file records nothing it is computed from — the
    справка then prints «нет данных», and a document quoting the year must not print a number.
    UnknownIndicator (an InputError) for an unknown id; InputError for a malformed period or file."""
    from .registry import indicators as recorded

    definitions = recorded.load_definitions()
    found = next((i for i in definitions.indicators if i.id == indicator_id), None)
    if found is None:
        known = ", ".join(i.id for i in definitions.indicators)
        raise UnknownIndicator(f"нет показателя справки с кодом «{indicator_id}»; коды показателей: {known}")
    values = {}
    for year, given in recorded.read_file(Path(counts)).items():
        for count_id, text in given.items():
            values[(recorded.parse_period(year, "учебный год"), count_id)] = recorded.parse_value(text)
    value = recorded.recorded_value(found, values, recorded.parse_period(period, "учебный год"))
    return None if value is None else value.number
