"""The schema as docgen kept it by hand up to version 4: the registry of acts, its history and the
journal of orders. A store made before Alembic arrives at this revision by its own steps
(docgen.registry.schema.legacy_steps) and is stamped with it; these tables are frozen here as
they were, whatever the code declares later.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("schema_version", sa.Column("version", sa.Integer, nullable=False))
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("short_name", sa.String(500), nullable=False, unique=True),
        sa.Column("full_name", sa.Text),
        sa.Column("levels", sa.String(100)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "act_status",
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), primary_key=True),
        sa.Column("act_id", sa.String(200), primary_key=True),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("order_number", sa.String(100)),
        sa.Column("order_date", sa.Date),
        sa.Column("published_at", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("responsible", sa.String(500)),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "act_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("act_id", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("from_status", sa.String(40), nullable=False),
        sa.Column("to_status", sa.String(40), nullable=False),
        sa.Column("order_number", sa.String(100)),
        sa.Column("order_date", sa.Date),
        sa.Column("published_at", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("responsible", sa.String(500)),
    )
    op.create_index("ix_act_history_org_act", "act_history", ["org_id", "act_id"])
    op.create_table(
        "order_journal",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("order_date", sa.Date, nullable=False),
        sa.Column("doc_type", sa.String(100), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("file", sa.Text),
        sa.Column("input_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("manual", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("completed_at", sa.DateTime),
        sa.Column("void_reason", sa.Text),
        sa.Column("voided_by", sa.String(200)),
        sa.Column("voided_at", sa.DateTime),
        sa.UniqueConstraint("org_id", "year", "number", name="uq_order_journal_number"),
        sa.UniqueConstraint("org_id", "year", "seq", name="uq_order_journal_seq"),
    )
    op.create_index("ix_order_journal_hash", "order_journal", ["org_id", "year", "doc_type", "input_hash"])
    op.create_index("ix_order_journal_file", "order_journal", ["file", "org_id"])
    op.execute("INSERT INTO schema_version (version) VALUES (4)")
