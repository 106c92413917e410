"""Alembic migrations of the Wegwijs schema (batch mode, so SQLite can alter tables)."""
