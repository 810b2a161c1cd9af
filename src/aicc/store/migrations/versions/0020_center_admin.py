"""The center's audit log of account and organisation changes, organisations' own profile copies,
and the portfolio's daily snapshots (issue 13)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 12:30:00

The tables of ``aicc.store.center_admin_tables``, new and empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "center_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("organisation_id", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("detail", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_center_audit_organisation_id", "center_audit", ["organisation_id"], unique=False
    )
    op.create_table(
        "organisation_profiles",
        sa.Column("organisation_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("based_on", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("organisation_id"),
    )
    op.create_table(
        "portfolio_snapshots",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sector", sa.String(length=16), nullable=False),
        sa.Column("region", sa.Text(), nullable=False),
        sa.Column("organisations", sa.Integer(), nullable=False),
        sa.Column("open_findings", sa.Integer(), nullable=False),
        sa.Column("kev_findings", sa.Integer(), nullable=False),
        sa.Column("overdue_findings", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day", "sector", "region"),
    )


def downgrade() -> None:
    op.drop_table("portfolio_snapshots")
    op.drop_table("organisation_profiles")
    op.drop_index("ix_center_audit_organisation_id", table_name="center_audit")
    op.drop_table("center_audit")
