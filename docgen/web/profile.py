"""The organisation's profile as a page: the stored profile (docgen.models.Organization, kept as
JSON in ``organizations.profile``) shown and edited as a form generated from the model by
docgen.web.forms — the generator of the document forms — and its YAML file downloaded and
uploaded: the file the command line reads as ``--org``.

Saving validates with the same model (the same Russian messages, next to the field they name)
and writes the organisation's row by its id, with a version check: the form carries a digest of
the row it showed, and the row is written only if it is still that one, checked and written in
one transaction — so two people editing one profile never overwrite each other unknowingly.
The row's key (ИНН, code, else short name) may change, but never to one another organisation holds.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ..errors import InputError
from ..models import Organization
from ..registry.store import Store, now, organizations
from . import forms, views
from .access import Organisation, Viewer, WritableOrganisation, posted_pairs, store
from .app import render

router = APIRouter()
ADD, REMOVE, UP = "add:", "remove:", "up:"  # the row buttons of docgen/web/templates/document_fields.html
UPLOAD_LIMIT = 1024 * 1024  # a real profile with its whole staff is a few KB
# What the organisations table holds at most (docgen.registry.store): a longer value would pass the
# model and be refused, or cut, by the database.
COLUMN_LIMITS = {"short_name": 500, "key": 200, "levels": 100}


class StaleProfile(InputError):
    """The profile changed since the form was shown (answered with 409)."""


class KeyTaken(InputError):
    """The profile's key belongs to another organisation of the store."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


# -- the stored profile --------------------------------------------------------------------------

def version_of(code: str, profile: str | None) -> str:
    """The version a form carries: a digest of what the row holds (its key and profile)."""
    return hashlib.sha256(f"{code}\x1f{profile}".encode("utf-8")).hexdigest()[:16]


def _columns():
    o = organizations.c
    return o.id, o.code, o.short_name, o.full_name, o.levels, o.profile


def stored(the_store: Store, org_id: int) -> tuple[dict[str, Any], str, bool]:
    """The profile of row ``org_id`` as the form's values, the row's version, and whether a whole
    profile is stored (a row made from an act list before profiles were kept has only names)."""
    with the_store.transaction() as conn:
        row = conn.execute(sa.select(*_columns()).where(organizations.c.id == org_id)).first()
    if row is None:
        raise HTTPException(404)
    if row.profile is not None:
        return json.loads(row.profile), version_of(row.code, row.profile), True
    values = {"short_name": row.short_name, "full_name": row.full_name,
              "levels": [x for x in (row.levels or "").split(",") if x]}
    return {k: v for k, v in values.items() if v}, version_of(row.code, row.profile), False


def _key_field(profile: Organization) -> str:
    return "inn" if profile.inn else "code" if profile.code else "short_name"


def column_problems(profile: Organization) -> dict[str, list[str]]:
    """What the model allows but the organisations table cannot hold, by field."""
    found: dict[str, list[str]] = {}
    if len(profile.short_name) > COLUMN_LIMITS["short_name"]:
        found["short_name"] = [f"сокращённое наименование длиннее {COLUMN_LIMITS['short_name']} символов"]
    if len(profile.registry_key) > COLUMN_LIMITS["key"] and _key_field(profile) == "short_name":
        found.setdefault("short_name", []).append(
            f"без ИНН и кода ключом организации служит сокращённое наименование, а оно длиннее "
            f"{COLUMN_LIMITS['key']} символов: укажите ИНН или код организации")
    if len(",".join(profile.levels)) > COLUMN_LIMITS["levels"]:
        found["levels"] = [f"уровни образования вместе длиннее {COLUMN_LIMITS['levels']} символов"]
    return found


def _row_values(profile: Organization) -> dict[str, Any]:
    from ..journal import profile_json

    text = profile_json(profile)
    return dict(code=profile.registry_key, short_name=profile.short_name, full_name=profile.full_name,
                levels=",".join(profile.levels), profile=text,
                profile_digest=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _refuse_taken_key(conn, profile: Organization, own_id: int | None) -> None:
    o = organizations.c
    query = sa.select(o.id, o.short_name).where(o.code == profile.registry_key)
    if own_id is not None:
        query = query.where(o.id != own_id)
    other = conn.execute(query).first()
    if other is not None:
        what = {"inn": "ИНН", "code": "кодом", "short_name": "сокращённым наименованием"}[_key_field(profile)]
        raise KeyTaken(f"организация с таким {what} уже есть в базе: «{other.short_name}»; у каждой организации "
                       f"свой ключ — проверьте поле", _key_field(profile))


def save(the_store: Store, org_id: int, profile: Organization, version: str | None) -> None:
    """Row ``org_id`` rewritten with ``profile``, if it is still the version the form showed."""
    o = organizations.c
    with the_store.transaction() as conn:
        query = sa.select(*_columns()).where(o.id == org_id)
        row = conn.execute(query if the_store.is_sqlite else query.with_for_update()).first()
        if row is None:
            raise HTTPException(404)
        if version != version_of(row.code, row.profile):
            raise StaleProfile("профиль уже изменил другой пользователь, пока форма была открыта. Ваши изменения "
                               "не сохранены — они остались в форме ниже. Сохранённый профиль откроется по ссылке "
                               "«Профиль как он сохранён»; чтобы записать свой вариант вместо него, нажмите "
                               "«Сохранить» ещё раз")
        _refuse_taken_key(conn, profile, org_id)
        conn.execute(sa.update(organizations).where(o.id == org_id).values(**_row_values(profile)))


def create(the_store: Store, profile: Organization) -> int:
    """A new organisation's row with ``profile``; refused when its key is already in the store."""
    with the_store.transaction() as conn:
        _refuse_taken_key(conn, profile, None)
        return conn.execute(sa.insert(organizations).values(created_at=now(), **_row_values(profile))
                            ).inserted_primary_key[0]


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def to_yaml(profile: dict[str, Any], short_name: str) -> str:
    """The profile as the YAML file the command line reads (a data file's ``organization``,
    ``--org`` of `docgen acts`, `coverage`, `users add`); fields left empty are left out."""
    import yaml

    profile = _without_none(profile)
    head = (f"# Профиль организации «{short_name}», выгружен с сайта docgen {dt.date.today():%d.%m.%Y}.\n"
            "# Его читают команды docgen (--org и поле organization файла данных) и страница профиля на сайте.\n")
    return head + yaml.safe_dump(profile, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def from_upload(name: str, data: bytes) -> dict[str, Any]:
    """An uploaded profile file read as the command line reads one (docgen.loading: the same
    suffixes, YAML budget, nesting limit and messages); the model's checks come after."""
    from ..loading import DATA_SUFFIXES, parse_mapping

    path = Path(Path(name or "профиль.yaml").name)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise InputError("ожидается файл профиля .yaml, .yml или .json")
    if len(data) > UPLOAD_LIMIT:
        raise InputError(f"файл больше {UPLOAD_LIMIT // 1024} КБ — это не профиль организации")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("файл не в кодировке UTF-8 — сохраните его как UTF-8") from None
    if not text.strip():
        raise InputError("файл пуст")
    values = parse_mapping(path, text)
    values.pop("organization", None)
    return values


def read_upload(file: UploadFile) -> tuple[str, bytes]:
    return file.filename or "профиль.yaml", file.file.read(UPLOAD_LIMIT + 1)


# -- the form --------------------------------------------------------------------------------------

def form_page(request: Request, template: str, status: int = 200, *, values: dict[str, Any],
              errors: dict[str, list[str]] | None = None, upload_error: str | None = None, **context):
    """A profile form (the organisation's page or the administrator's new organisation)."""
    fields = forms.build(Organization, values, [])
    loose = forms.place_errors(fields, errors or {})
    return render(request, template, status, fields=fields, loose=loose, has_errors=bool(errors),
                  upload_error=upload_error, upload_limit=f"{UPLOAD_LIMIT // 1024} КБ", **context)


def edit_rows(values: dict[str, Any], action: str) -> bool:
    """A row button's action applied to ``values``; False when the action is no row button."""
    for prefix, change in ((ADD, forms.add_row), (REMOVE, forms.remove_row), (UP, forms.move_up)):
        if action.startswith(prefix):
            change(values, action[len(prefix):])
            return True
    return False


def checked(values: dict[str, Any]) -> tuple[Organization | None, dict[str, list[str]]]:
    profile, errors = forms.validate(Organization, values, None)
    if profile is not None:
        errors = column_problems(profile)
    return (None, errors) if errors else (profile, {})


def _page(request: Request, user, org: views.Org, values: dict[str, Any], version: str, status: int = 200,
          **context):
    return form_page(request, "profile.html", status, values=values, org=org, version=version,
                     can_change=user.can_change(org.id), **{"notice": None, "stale": False, **context})


@router.get("/org/{org_id}/profile")
def profile_page(request: Request, user: Viewer, org: Organisation, saved: bool = False):
    values, version, _whole = stored(store(request), org.id)
    return _page(request, user, org, values, version, notice="Профиль сохранён." if saved else None)


@router.post("/org/{org_id}/profile")
async def profile_submit(request: Request, user: Viewer, org: WritableOrganisation):
    from starlette.concurrency import run_in_threadpool

    pairs = await posted_pairs(request)
    return await run_in_threadpool(_submit, request, user, org, pairs)


def _submit(request: Request, user, org: views.Org, pairs: list[tuple[str, str]]):
    values = forms.nest(Organization, pairs)
    given = dict(pairs)
    version = given.get("_version", "")[:100]
    if edit_rows(values, given.get("_action", "")):
        return _page(request, user, org, values, version)
    profile, errors = checked(values)
    if errors:
        return _page(request, user, org, values, version, 400, errors=errors)
    try:
        save(store(request), org.id, profile, version)
    except StaleProfile as exc:
        _stored, current, _whole = stored(store(request), org.id)
        return _page(request, user, org, values, current, 409, errors={"": [exc.message]}, stale=True)
    except KeyTaken as exc:
        return _page(request, user, org, values, version, 400, errors={exc.field: [exc.message]})
    except InputError as exc:  # the store busy or a write at the same moment: the form kept, to save again
        return _page(request, user, org, values, version, 503, errors={"": [exc.message]})
    return RedirectResponse(f"{org.url}/profile?saved=1", status_code=303)


@router.get("/org/{org_id}/profile.yaml")
def profile_yaml(request: Request, org: Organisation):
    from ..fileio import safe_file_stem
    from .downloads import attachment

    values, _version, whole = stored(store(request), org.id)
    if not whole:
        raise HTTPException(404, "профиль организации ещё не заполнен: откройте «Профиль организации», "
                                 "заполните его и сохраните")
    name = f"{safe_file_stem(org.short_name)}.yaml"
    return Response(to_yaml(values, org.short_name).encode("utf-8"), media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": attachment(name), "Cache-Control": "private, no-store"})


@router.post("/org/{org_id}/profile/import")
def profile_import(request: Request, user: Viewer, org: WritableOrganisation,
                   file: Annotated[UploadFile, File()]):
    """The uploaded file shown in the form, checked: nothing is saved until «Сохранить»."""
    values, version, _whole = stored(store(request), org.id)
    try:
        uploaded = from_upload(*read_upload(file))
    except InputError as exc:
        return _page(request, user, org, values, version, 400, upload_error=exc.message)
    _profile, errors = checked(uploaded)
    notice = None if errors else ("Профиль прочитан из файла и ещё не сохранён: проверьте поля и нажмите "
                                  "«Сохранить».")
    return _page(request, user, org, uploaded, version, 400 if errors else 200, errors=errors, notice=notice)
