"""The knowledge base: SQLAlchemy tables, Alembic migrations, and functions to read and write."""

from aicc.store.db import open_store

__all__ = ["open_store"]
