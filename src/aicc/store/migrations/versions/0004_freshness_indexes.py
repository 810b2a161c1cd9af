"""Indexes on the newest-record columns every scan reads for its freshness warnings

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 01:00:00

Without them MAX(cve_records.date_updated) reads the whole table on each scan (18 ms of a
5,000-component scan's 0.9 s with the shared data).
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_advisories_modified", "advisories", ["modified"])
    op.create_index("ix_cve_records_date_updated", "cve_records", ["date_updated"])


def downgrade() -> None:
    op.drop_index("ix_cve_records_date_updated", table_name="cve_records")
    op.drop_index("ix_advisories_modified", table_name="advisories")
