"""Many organisations in one database: an organisation is keyed by a stable code (its ИНН, a
district's school code, or — for a school's own store — its short name), no longer by its short
name, which repeats across a region. Its validated profile is kept beside it, so a district's
coverage can be read from the database alone.

``schema_version`` is left at 5: docgen before Alembic reads only that table, and so refuses this
store as «made by a newer docgen» instead of misreading it.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# SQLite's constraint from CREATE TABLE has no name: the batch rebuild names it by this convention
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def upgrade() -> None:
    bind = op.get_bind()
    short_name_unique = [c for c in sa.inspect(bind).get_unique_constraints("organizations")
                         if c["column_names"] == ["short_name"]]
    with op.batch_alter_table("organizations", naming_convention=NAMING) as table:
        table.add_column(sa.Column("code", sa.String(200)))
        table.add_column(sa.Column("profile", sa.Text))
        table.add_column(sa.Column("profile_digest", sa.String(64)))
        for constraint in short_name_unique:
            table.drop_constraint(constraint["name"] or "uq_organizations_short_name", type_="unique")
    organizations = sa.table("organizations", sa.column("code", sa.String), sa.column("short_name", sa.String))
    op.execute(organizations.update().values(code=organizations.c.short_name))
    with op.batch_alter_table("organizations") as table:
        table.alter_column("code", existing_type=sa.String(200), nullable=False)
        table.create_unique_constraint("uq_organizations_code", ["code"])
        table.create_index("ix_organizations_short_name", ["short_name"])
    op.execute("UPDATE schema_version SET version = 5")
