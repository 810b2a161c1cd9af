"""A subscription's own warning period for campaign deadlines; closing a campaign (issue 14)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 12:40:00

``notification_subscriptions.campaign_due_days``: how many days before a campaign's due date
the subscription wants the "due soon" notice (None: the center-wide AICC_CAMPAIGN_DUE_DAYS).
``campaigns.closed_at``, ``closed_by`` and ``final_counts``: a closed campaign sends no more
deadline notices and its board shows the numbers it was closed with.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "notification_subscriptions", sa.Column("campaign_due_days", sa.Integer(), nullable=True)
    )
    op.add_column("campaigns", sa.Column("closed_at", sa.DateTime(), nullable=True))
    op.add_column("campaigns", sa.Column("closed_by", sa.Text(), nullable=True))
    op.add_column("campaigns", sa.Column("final_counts", JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_column("final_counts")
        batch.drop_column("closed_by")
        batch.drop_column("closed_at")
    with op.batch_alter_table("notification_subscriptions") as batch:
        batch.drop_column("campaign_due_days")
