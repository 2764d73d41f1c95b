"""The tables of an act's way from project to the staff's signatures, declared in the store's
``metadata`` (revision 0005 builds them in an older store). Only SQLAlchemy here.

* ``act_steps`` — the lifecycle steps that really happen to an act, each with its requisites, as
  a school proves them to an inspection: posted for discussion (date, where), considered by the
  pedagogical council (protocol date and number), the opinion of the council of pupils / of
  parents taken into account (their protocols), approved by an order, published on the site
  (date, address). One row per step held; a new edition starts a new set (``edition`` = the
  approving order's «date number» once known, NULL for the project in progress).
* ``act_acquaintance`` — a staff member's signature under an act's edition («ознакомлен(а)»,
  ТК РФ ст. 22): who (the profile's staff key and the name as signed), the date signed. One
  signature per person per edition.
* ``indicator_values`` — the counts of seed 000's indicators that need a period (procedures
  developed by methodical associations, materials published, events with parents and pupils,
  staff trained in quality assessment), per academic year («2025/2026»), for the справка's
  dynamics.
"""
from __future__ import annotations

import sqlalchemy as sa

from .store import metadata

act_steps = sa.Table(
    "act_steps", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
    sa.Column("act_id", sa.String(200), nullable=False),
    sa.Column("edition", sa.String(200)),
    sa.Column("step", sa.String(40), nullable=False),
    sa.Column("held_on", sa.Date, nullable=False),
    sa.Column("number", sa.String(100)),
    sa.Column("place", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
    sa.Index("ix_act_steps_org_act", "org_id", "act_id"),
)

act_acquaintance = sa.Table(
    "act_acquaintance", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
    sa.Column("act_id", sa.String(200), nullable=False),
    sa.Column("edition", sa.String(200), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("person_name", sa.String(500), nullable=False),
    sa.Column("signed_on", sa.Date, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("org_id", "act_id", "edition", "person", name="uq_act_acquaintance_person"),
)

indicator_values = sa.Table(
    "indicator_values", metadata,
    sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), primary_key=True),
    sa.Column("indicator", sa.String(100), primary_key=True),
    sa.Column("period", sa.String(20), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)
