"""The migrations build exactly the tables the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from aicc.store import (  # noqa: F401  (register their tables)
    advisory_tables,
    campaign_tables,
    center_admin_tables,
    center_auth_tables,
    center_tables,
    finding_work_tables,
    frontier_tables,
    notification_tables,
    recheck_tables,
)
from aicc.store.tables import metadata


def test_migrated_schema_matches_the_declared_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []
