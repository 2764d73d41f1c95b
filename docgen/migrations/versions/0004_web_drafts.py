"""The web application's drafts: a document's form as it was last typed, kept in the store so it
survives a reload, a logout and a restart, and, once generated, kept as the answers a copy starts
from (see docgen.web.tables).

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_drafts",
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
    )
    op.create_index("ix_web_drafts_org", "web_drafts", ["org_id", "status", "updated_at"])
