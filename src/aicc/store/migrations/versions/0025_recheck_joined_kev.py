"""A re-check records which findings became known exploited (issue 15)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 19:00:00

``recheck_findings.joined_kev``: the run re-decided a finding the organisation already had
because its vulnerability joined CISA's KEV catalogue. Such a finding counts as newly exploited
and its organisation is told, as for a new finding in KEV. Rows written before are False.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "recheck_findings",
        sa.Column("joined_kev", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    # Not in batch mode: on SQLite a batch rebuilds the table and loses the triggers migration
    # 0024 put on it (its own downgrade then fails to drop them). SQLite 3.35 and later, and
    # PostgreSQL, drop a column in place.
    op.execute("ALTER TABLE recheck_findings DROP COLUMN joined_kev")
