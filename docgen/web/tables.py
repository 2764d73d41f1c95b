"""The web application's tables, declared in the store's ``metadata`` so that a new store gets
them from ``create_all`` (docgen.registry.schema._create imports this module) and an older one
from revisions 0003 and 0004. Only SQLAlchemy here: the store imports it without the web's libraries.

* ``users`` — a login, its argon2 hash (never the password), a role and what it may see: a
  school user its one organisation (``org_id``); a methodologist the organisations listed in
  ``scope`` (JSON list of organisation ids) or, when ``scope`` is NULL, every organisation of the
  database (a district's database is the district); an administrator everything.
* ``web_sessions`` — server-side sessions: the cookie carries a random token and the table keeps
  only its SHA-256, so a copy of the database opens no session; logging out, a new password or a
  disabled account deletes the rows and the cookie is worth nothing at once.
* ``login_attempts`` — failed logins by login and address, in the database rather than in a
  process's memory, so the limit holds across restarts and across uvicorn's workers.
* ``web_drafts`` — a document's form as last typed (``data``: the nested values as JSON, the shape
  of a data file), per organisation: any of the school's users continues it after a reload, a
  logout or a restart. ``status`` «draft» while it is being filled in, «done» once generated (with
  the journal ``number`` and the ``file`` it made): the answers a new document can start from.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..registry.store import metadata

ROLES = ("school", "methodologist", "admin")

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("login", sa.String(100), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id")),
    sa.Column("scope", sa.Text),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("password_changed_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("login", name="uq_users_login"),
)

web_sessions = sa.Table(
    "web_sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("csrf_secret", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_seen", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Index("ix_web_sessions_user", "user_id"),
)

login_attempts = sa.Table(
    "login_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("login", sa.String(100), nullable=False),
    sa.Column("address", sa.String(100), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Index("ix_login_attempts_login_address", "login", "address", "at"),
)

DRAFT, DONE = "draft", "done"

web_drafts = sa.Table(
    "web_drafts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
    sa.Column("doc_type", sa.String(100), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("number", sa.String(100)),
    sa.Column("file", sa.Text),
    sa.Index("ix_web_drafts_org", "org_id", "status", "updated_at"),
)
