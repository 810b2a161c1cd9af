"""Alembic environment: runs on the connection that `aicc.store.db.migrate` hands over."""

from __future__ import annotations

from alembic import context

from aicc.store import (  # noqa: F401  (their tables join the metadata)
    advisory_tables,
    campaign_tables,
    center_auth_tables,
    center_tables,
    finding_work_tables,
    frontier_tables,
    notification_tables,
    recheck_tables,
)
from aicc.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate` by hand
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:"
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
