"""Alembic's entry point. docgen runs migrations on a connection it already holds, inside its own
transaction (docgen.registry.schema passes it in ``config.attributes["connection"]``); a
developer may also run ``alembic -c docgen/migrations/alembic.ini -x url=… upgrade head``."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        context.configure(connection=connection, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
else:
    # SQLite cannot drop a constraint in place: render_as_batch rebuilds the table (copy, drop, rename)
    context.configure(connection=connection, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
