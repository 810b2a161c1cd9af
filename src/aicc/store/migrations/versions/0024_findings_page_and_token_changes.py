"""The portfolio marker also changes with suppressions, re-checks and API tokens

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 15:30:00

The server keeps a findings page (`aicc.center.findings.list_findings_json`) under the portfolio
marker (``store_changes``, migration 0019), as it keeps the portfolio views. A page also shows
each finding's suppression (``finding_suppressions``) and what the latest finished re-check did
to it (``recheck_runs``, ``recheck_findings``); and the server keeps a verified API token while
the marker is unchanged (`aicc.center.tokens.VerifiedTokens`), so that a token revoked or changed
by any process is refused or changed from the next request on (``api_tokens``, written rarely).
Writes of these tables now replace the marker too, with 0019's triggers (SQLite: per row;
PostgreSQL: once a transaction, before the first statement that writes them).
"""

from __future__ import annotations

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

TABLES = ("finding_suppressions", "recheck_runs", "recheck_findings", "api_tokens")
SQLITE_RANDOM = "lower(hex(randomblob(16)))"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
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
