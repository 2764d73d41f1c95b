"""docgen's Alembic environment: the store's schema, revision by revision (see docgen.registry.schema)."""
