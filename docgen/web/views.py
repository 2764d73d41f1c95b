"""What the pages show, read from the store: an organisation as its stored profile describes
it, its coverage, a district's ranking. No web framework here: the same functions serve a page
and a test."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

import sqlalchemy as sa

from ..errors import InputError
from ..registry.coverage import Coverage
from ..registry.service import OrgRef
from ..registry.store import Store, organizations
from .accounts import User


@dataclass(frozen=True)
class Org:
    id: int
    code: str
    short_name: str
    ref: OrgRef

    @property
    def url(self) -> str:
        return f"/org/{self.id}"


def _ref(row) -> OrgRef:
    """The organisation as its stored profile (the one it was last used with) describes it; a
    row made before profiles were kept knows only its names and levels."""
    if row.profile is None:
        return OrgRef(row.short_name, row.full_name, [x for x in (row.levels or "").split(",") if x])
    profile = _parsed(row.profile)
    teachers = (profile.teachers_involved, profile.teachers_total) if profile.teachers_total is not None else None
    return OrgRef(profile.short_name, profile.full_name, list(profile.levels), teachers, profile)


_COLUMNS = (organizations.c.id, organizations.c.code, organizations.c.short_name, organizations.c.full_name,
            organizations.c.levels, organizations.c.profile)


@lru_cache(maxsize=256)
def _parsed(text: str):
    """The stored profile validated once per version, not once per request: every page of an
    organisation reads it (its access check included), and a profile changes rarely. Keyed by the
    text itself; the model is frozen, so one object serves every request."""
    from ..models import Organization

    return Organization.model_validate_json(text)


# Built once: every page of an organisation reads its row (its access check).
_BY_ID = sa.select(*_COLUMNS).where(organizations.c.id == sa.bindparam("org_id"))


def load(store: Store, org_id: int) -> Org | None:
    with store.reading() as conn:
        row = conn.execute(_BY_ID, {"org_id": org_id}).first()
    return None if row is None else Org(row.id, row.code, row.short_name, _ref(row))


def visible(store: Store, user: User) -> list[Org]:
    """The organisations ``user`` may see, by short name."""
    with store.reading() as conn:
        rows = conn.execute(sa.select(*_COLUMNS).order_by(organizations.c.short_name, organizations.c.code)).all()
    return [Org(r.id, r.code, r.short_name, _ref(r)) for r in rows if user.can_see(r.id)]


def coverage(store: Store, catalogue, org: Org, today: dt.date, engine=None) -> Coverage:
    """The shares, late publications and indicators (docgen.registry.coverage.read) of one
    organisation. ``engine``: the site's, whose template path finds the data files (the indicators,
    the publication deadline) without loading the plugins again on every request."""
    from ..registry.coverage import read

    with data_files(engine):
        return read(store, catalogue, org.ref, today, org.ref.teachers, org_id=org.id)


def data_files(engine):
    """Inside the block docgen.template_file looks along ``engine``'s template path (None: the default)."""
    from contextlib import nullcontext

    from ..templates import active

    return active(lambda: engine.template_path) if engine is not None else nullcontext()


def district(store: Store, catalogue, orgs: list[Org], today: dt.date):
    """The ranking of ``orgs`` (docgen.registry.district); each entry's ``profile`` is the
    organisation's page, where its data came from."""
    from ..registry.district import district_coverage

    if not orgs:
        return None
    return district_coverage(store, catalogue, [(PurePosixPath(o.url), o.ref) for o in orgs], today)


def parse_form_date(value: str | None, field: str) -> dt.date | None:
    """A date field's value (ГГГГ-ММ-ДД from the browser's date input, or ДД.ММ.ГГГГ typed)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    from ..russian.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"поле «{field}»: {exc}") from None
