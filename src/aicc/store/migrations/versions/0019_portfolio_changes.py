"""The portfolio's change marker: a value that every write of its tables replaces

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 12:30:00

The center's server keeps its portfolio views (`aicc.center.portfolio_cache`) under the marker
they were computed at, and computes them again once it has changed. Triggers replace the
marker with a new random value on every insert, update or delete of ``organisations``,
``assets`` and ``findings``, whoever writes (the server, a worker, the command line, plain
SQL), in the writer's own transaction: a reader that reads the marker before the view sees a
view at least as new. Random, not a counter: a store made again from nothing (the tests drop
the schema under a running engine) never gives back a marker seen before.

SQLite runs a trigger per row; PostgreSQL one per statement, before it, that writes the marker
once a transaction (a setting local to the transaction says it did), so the row lock is taken
before the statement's own locks and held only by writers of these tables, which the center's
write lock already serialises.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLES = ("organisations", "assets", "findings")
SQLITE_RANDOM = "lower(hex(randomblob(16)))"
PG_RANDOM = "md5(random()::text || clock_timestamp()::text)"
PG_FUNCTION = f"""
CREATE FUNCTION aicc_portfolio_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('aicc.portfolio_changed', true) IS DISTINCT FROM 'yes' THEN
        UPDATE store_changes SET marker = {PG_RANDOM} WHERE name = 'portfolio';
        PERFORM set_config('aicc.portfolio_changed', 'yes', true);
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "store_changes",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("marker", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    random = PG_RANDOM if postgres else SQLITE_RANDOM
    op.execute(f"INSERT INTO store_changes (name, marker) VALUES ('portfolio', {random})")
    if postgres:
        op.execute(PG_FUNCTION)
    for table in TABLES:
        if postgres:
            op.execute(
                f"CREATE TRIGGER portfolio_changed_{table} "
                f"BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION aicc_portfolio_changed()"
            )
            continue
        for event in ("insert", "update", "delete"):
            op.execute(
                f"CREATE TRIGGER portfolio_changed_{table}_{event} AFTER {event.upper()} "
                f"ON {table} BEGIN UPDATE store_changes SET marker = {SQLITE_RANDOM} "
                "WHERE name = 'portfolio'; END"
            )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        if postgres:
            op.execute(f"DROP TRIGGER portfolio_changed_{table} ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER portfolio_changed_{table}_{event}")
    if postgres:
        op.execute("DROP FUNCTION aicc_portfolio_changed()")
    op.drop_table("store_changes")
