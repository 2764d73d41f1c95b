"""Accounts, sessions and login attempts over the store: what `docgen users` and the site share.
No web framework here, only SQLAlchemy and pwdlib, so the command line stays light.

Passwords are hashed by pwdlib's recommended hasher (argon2id, argon2-cffi underneath); a hash
made with older parameters is re-hashed at the next successful login (``verify_and_update``).
A login that does not exist still costs one argon2 verification, so the answer's time does not
tell which logins exist.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from ..errors import InputError
from ..registry.store import Store, now, organizations
from .tables import ROLES, login_attempts, users, web_sessions

ROLE_LABELS = {"school": "пользователь школы", "methodologist": "методист района", "admin": "администратор"}
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 accepts any length; a megabyte of «password» is a denial of service
LOGIN_PATTERN = re.compile(r"[A-Za-z0-9А-Яа-яЁё._@-]{1,100}")

SESSION_IDLE = dt.timedelta(hours=8)  # a session unused for a working day ends
SESSION_LIFETIME = dt.timedelta(days=7)  # and none lives longer than a week
SEEN_EVERY = dt.timedelta(minutes=1)  # last_seen is written at most this often: reads stay reads

FAILURES_ALLOWED = 5  # failed logins per login and address …
ADDRESS_FAILURES_ALLOWED = 20  # … and per address whatever the login (one machine trying many logins) …
FAILURE_WINDOW = dt.timedelta(minutes=15)  # … within this window; then 429 until they age out


@dataclass(frozen=True)
class User:
    id: int
    login: str
    role: str
    org_id: int | None
    scope: tuple[int, ...] | None  # a methodologist's organisations; None: all of the database
    active: bool = True

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def can_see(self, org_id: int) -> bool:
        if self.role == "admin":
            return True
        if self.role == "school":
            return self.org_id == org_id
        return self.scope is None or org_id in self.scope

    def can_change(self, org_id: int) -> bool:
        """A methodologist reads the district and changes no school's data."""
        return self.role == "admin" or (self.role == "school" and self.org_id == org_id)


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


class _BoundedHasher:
    """pwdlib's argon2 hasher, at most one hashing per processor at a time: each argon2 run takes
    64 MiB by design, so twenty people logging in at once (or anyone posting logins) would take
    over a gigabyte at once; queued, they take the same time on two cores and a bounded memory."""

    def __init__(self):
        import os
        import threading

        from pwdlib import PasswordHash

        self._hash = PasswordHash.recommended()
        self._slots = threading.BoundedSemaphore(max(os.cpu_count() or 1, 1))

    def hash(self, password: str) -> str:
        with self._slots:
            return self._hash.hash(password)

    def verify(self, password: str, digest: str) -> bool:
        with self._slots:
            return self._hash.verify(password, digest)

    def verify_and_update(self, password: str, digest: str):
        with self._slots:
            return self._hash.verify_and_update(password, digest)


@lru_cache(maxsize=1)
def _hasher() -> _BoundedHasher:
    return _BoundedHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"пароль слишком короткий: нужно не меньше {MIN_PASSWORD} символов")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"пароль слишком длинный: не больше {MAX_PASSWORD} символов")
    if password != password.strip():
        raise InputError("пароль не должен начинаться или заканчиваться пробелом")
    return password


def check_login(login: str) -> str:
    if not LOGIN_PATTERN.fullmatch(login or ""):
        raise InputError(f"логин «{login}» не подходит: от 1 до 100 букв, цифр и знаков . _ - @, без пробелов")
    return login


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"неизвестная роль «{role}»; роли: {', '.join(ROLES)} "
                         f"({', '.join(ROLE_LABELS[r] for r in ROLES)})")
    return role


def _user(row) -> User:
    scope = tuple(json.loads(row.scope)) if row.scope else None
    return User(row.id, row.login, row.role, row.org_id, scope, bool(row.active))


# -- accounts ----------------------------------------------------------------------------------

def add_user(store: Store, login: str, role: str, password: str, *, org=None, scope: list | None = None) -> User:
    """``org``: a school user's organisation (a profile or `OrgRef`; its row is made or brought
    up to date); ``scope``: a methodologist's organisations (profiles), None for the whole database."""
    check_login(login)
    check_role(role)
    check_password(password)
    if role == "school" and org is None:
        raise InputError("для пользователя школы укажите его организацию: --org ПРОФИЛЬ.yaml")
    if role == "admin" and (org is not None or scope):
        raise InputError("администратор видит все организации: --org для него не указывается")
    if role == "school" and scope:
        raise InputError("пользователь школы работает с одной организацией: укажите --org один раз")
    digest = _hasher().hash(password)
    with store.transaction() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.login == login)).first() is not None:
            raise InputError(f"пользователь «{login}» уже есть; сменить пароль: docgen users passwd {login}")
        org_id = store.org_id(conn, org) if org is not None else None
        scope_ids = sorted({store.org_id(conn, o) for o in scope}) if scope else None
        stamp = now()
        new_id = conn.execute(sa.insert(users).values(
            login=login, password_hash=digest, role=role, org_id=org_id,
            scope=json.dumps(scope_ids) if scope_ids else None, active=True,
            created_at=stamp, password_changed_at=stamp)).inserted_primary_key[0]
    return User(new_id, login, role, org_id, tuple(scope_ids) if scope_ids else None)


def add_user_by_id(store: Store, login: str, role: str, password: str, *, org_id: int | None = None,
                   scope_ids: list[int] | None = None) -> User:
    """The administrator's page's `add_user`: the organisations named by their rows' ids (the
    page's choices), which must exist — a row is never made here. The same checks of login, role
    and password; what a role needs is told by the field of the form that gives it."""
    check_login(login)
    check_role(role)
    check_password(password)
    if role == "school" and org_id is None:
        raise InputError("для пользователя школы выберите его организацию")
    if role != "school" and org_id is not None:
        raise InputError("организация указывается только для пользователя школы")
    if role != "methodologist" and scope_ids:
        raise InputError("школы района указываются только для методиста")
    digest = _hasher().hash(password)
    wanted = sorted(set(scope_ids or ()))
    with store.transaction() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.login == login)).first() is not None:
            raise InputError(f"пользователь «{login}» уже есть")
        asked = set(wanted) | ({org_id} if org_id is not None else set())
        found = set(conn.execute(sa.select(organizations.c.id).where(organizations.c.id.in_(asked))).scalars()) \
            if asked else set()
        if asked - found:
            raise InputError("выбранной организации нет в базе: обновите страницу")
        stamp = now()
        new_id = conn.execute(sa.insert(users).values(
            login=login, password_hash=digest, role=role, org_id=org_id,
            scope=json.dumps(wanted) if wanted else None, active=True,
            created_at=stamp, password_changed_at=stamp)).inserted_primary_key[0]
    return User(new_id, login, role, org_id, tuple(wanted) if wanted else None)


def list_users(store: Store) -> list[tuple[User, str | None]]:
    """Every user and the short name of a school user's organisation."""
    u, o = users.c, organizations.c
    with store.transaction() as conn:
        rows = conn.execute(sa.select(u.id, u.login, u.role, u.org_id, u.scope, u.active, o.short_name)
                            .select_from(users.outerjoin(organizations, o.id == u.org_id)).order_by(u.login)).all()
    return [(_user(r), r.short_name) for r in rows]


def _existing(conn, login: str):
    row = conn.execute(sa.select(users.c.id).where(users.c.login == login)).first()
    if row is None:
        raise InputError(f"пользователя «{login}» нет; список: docgen users list")
    return row.id


def set_password(store: Store, login: str, password: str) -> None:
    """A new password ends every session of the user: whoever knew the old one is logged out."""
    check_password(password)
    digest = _hasher().hash(password)
    with store.transaction() as conn:
        user_id = _existing(conn, login)
        conn.execute(sa.update(users).where(users.c.id == user_id).values(password_hash=digest,
                                                                          password_changed_at=now()))
        conn.execute(sa.delete(web_sessions).where(web_sessions.c.user_id == user_id))


def disable(store: Store, login: str) -> None:
    with store.transaction() as conn:
        user_id = _existing(conn, login)
        conn.execute(sa.update(users).where(users.c.id == user_id).values(active=False))
        conn.execute(sa.delete(web_sessions).where(web_sessions.c.user_id == user_id))


def authenticate(store: Store, login: str, password: str) -> User | None:
    """The active user with this login and password, else None (and the same work done)."""
    if len(password) > MAX_PASSWORD or len(login) > 100:
        return None
    with store.reading() as conn:
        row = conn.execute(sa.select(users).where(users.c.login == login)).first()
    if row is None or not row.active:
        _hasher().verify(password, _dummy_hash())
        return None
    ok, updated = _hasher().verify_and_update(password, row.password_hash)
    if not ok:
        return None
    if updated is not None:
        with store.transaction() as conn:
            conn.execute(sa.update(users).where(users.c.id == row.id).values(password_hash=updated))
    return _user(row)


# -- sessions ----------------------------------------------------------------------------------

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(store: Store, user: User) -> str:
    """A new session (a new token at every login: a token planted before it is worth nothing)."""
    token = secrets.token_urlsafe(32)
    stamp = now()
    with store.transaction() as conn:
        conn.execute(sa.delete(web_sessions).where(web_sessions.c.expires_at < stamp))
        conn.execute(sa.insert(web_sessions).values(
            token_hash=_token_hash(token), user_id=user.id, csrf_secret=secrets.token_urlsafe(32),
            created_at=stamp, last_seen=stamp, expires_at=stamp + SESSION_IDLE))
    return token


def _session_query():
    s, u = web_sessions.c, users.c
    return (sa.select(s.token_hash, s.csrf_secret, s.created_at, s.last_seen, s.expires_at,
                      u.id, u.login, u.role, u.org_id, u.scope, u.active)
            .select_from(web_sessions.join(users, u.id == s.user_id))
            .where(s.token_hash == sa.bindparam("token_hash")))


# Built once: every request of the site reads a session, and building the statement costs more
# than SQLite's answer.
SESSION_QUERY = _session_query()


def session(store: Store, token: str | None) -> Session | None:
    """The live session of ``token`` and its active user; its idle deadline moves on."""
    if not token or len(token) > 200:
        return None
    stamp = now()
    with store.reading() as conn:  # every request reads it; a write only when the idle deadline moves
        row = conn.execute(SESSION_QUERY, {"token_hash": _token_hash(token)}).first()
    if row is None or not row.active or row.expires_at <= stamp:
        return None
    if stamp - row.last_seen >= SEEN_EVERY:
        s = web_sessions.c
        deadline = min(stamp + SESSION_IDLE, row.created_at + SESSION_LIFETIME)
        with store.transaction() as conn:
            conn.execute(sa.update(web_sessions).where(s.token_hash == row.token_hash)
                         .values(last_seen=stamp, expires_at=deadline))
    return Session(_user(row), row.csrf_secret)


def close_session(store: Store, token: str | None) -> None:
    if token:
        with store.transaction() as conn:
            conn.execute(sa.delete(web_sessions).where(web_sessions.c.token_hash == _token_hash(token)))


# -- login attempts ----------------------------------------------------------------------------

def too_many_failures(store: Store, login: str, address: str) -> bool:
    """Five wrong passwords for one login from one address, or twenty from one address for any
    logins (guessing many accounts' passwords one try each): the door stays shut for the window.
    A school behind one NAT shares an address, hence the larger second number."""
    a = login_attempts.c
    recent = a.at > now() - FAILURE_WINDOW
    with store.transaction() as conn:
        same_login, same_address = conn.execute(sa.select(
            sa.func.count().filter(a.login == login[:100]), sa.func.count())
            .where(a.address == address[:100], recent)).one()
    return same_login >= FAILURES_ALLOWED or same_address >= ADDRESS_FAILURES_ALLOWED


def record_failure(store: Store, login: str, address: str) -> None:
    stamp = now()
    with store.transaction() as conn:
        conn.execute(sa.delete(login_attempts).where(login_attempts.c.at < stamp - FAILURE_WINDOW))
        conn.execute(sa.insert(login_attempts).values(login=login[:100], address=address[:100], at=stamp))


def clear_failures(store: Store, login: str, address: str) -> None:
    a = login_attempts.c
    with store.transaction() as conn:
        conn.execute(sa.delete(login_attempts).where(a.login == login[:100], a.address == address[:100]))
