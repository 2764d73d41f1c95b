"""An act's way from project to signatures: lifecycle steps with their requisites, the staff's
acquaintance signatures, and the per-period counts of the ВСОКО indicators (docgen.registry.act_tables).

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "act_steps",
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
    )
    op.create_index("ix_act_steps_org_act", "act_steps", ["org_id", "act_id"])
    op.create_table(
        "act_acquaintance",
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
    op.create_table(
        "indicator_values",
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), primary_key=True),
        sa.Column("indicator", sa.String(100), primary_key=True),
        sa.Column("period", sa.String(20), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
