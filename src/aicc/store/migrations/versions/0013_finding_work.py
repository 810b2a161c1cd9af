"""Finding comments and suppressions with an expiry date (issue 13)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 06:00:00

The tables of ``aicc.store.finding_work_tables``, new and empty: no finding was suppressed or
commented on before this revision. Inventory diffs need no table (they compare the stored
versions).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finding_suppressions",
        sa.Column("finding_id", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("suppressed_at", sa.DateTime(), nullable=False),
        sa.Column("suppressed_by", sa.Text(), nullable=False),
        sa.Column("lifted_at", sa.DateTime(), nullable=True),
        sa.Column("lifted_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["findings.id"],
            name=op.f("fk_finding_suppressions_finding_id_findings"),
        ),
        sa.PrimaryKeyConstraint("finding_id", name=op.f("pk_finding_suppressions")),
    )
    op.create_table(
        "finding_comments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("finding_id", sa.String(length=32), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_finding_comments_finding_id_findings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_comments")),
    )
    op.create_index(
        op.f("ix_finding_comments_finding_id_at"), "finding_comments", ["finding_id", "at"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_finding_comments_finding_id_at"), table_name="finding_comments")
    op.drop_table("finding_comments")
    op.drop_table("finding_suppressions")
