"""The registry of a school's ВСОКО acts: the catalogue of what is required (YAML, merged from
plugins), the store of each organisation's act statuses with full history (SQLAlchemy Core), the
status lifecycle, and the completeness share computed from both.

Submodules import SQLAlchemy and pydantic at module level, so this package is imported only
inside the commands that need it — never at `docgen --help` time.
"""
