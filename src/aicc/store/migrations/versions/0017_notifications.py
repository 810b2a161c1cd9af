"""Notification subscriptions and deliveries (issue 14)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 06:00:00

The tables of ``aicc.store.notification_tables``, new and empty: subscriptions, events, the
outbox of deliveries with the events each carries, and every attempt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification_subscriptions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=True),
        sa.Column("events", JSON, nullable=False),
        sa.Column("digest", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "channel IN ('webhook', 'email')", name="ck_notification_subscriptions_channel"
        ),
        sa.CheckConstraint(
            "digest IN ('immediate', 'daily')", name="ck_notification_subscriptions_digest"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_notification_subscriptions_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_subscriptions")),
    )
    op.create_index(
        op.f("ix_notification_subscriptions_organisation_id"),
        "notification_subscriptions",
        ["organisation_id"],
        unique=False,
    )
    op.create_table(
        "notification_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('new_kev_finding', 'advisory_published', 'campaign_assigned', "
            "'campaign_due', 'campaign_overdue', 'recheck_finished')",
            name="ck_notification_events_kind",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_notification_events_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_events")),
    )
    op.create_index(
        op.f("ix_notification_events_organisation_id_created_at"),
        "notification_events",
        ["organisation_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "notification_deliveries",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("subscription_id", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.String(length=32), nullable=False),
        sa.Column("digest_day", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')",
            name="ck_notification_deliveries_status",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_notification_deliveries_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["notification_subscriptions.id"],
            name=op.f("fk_notification_deliveries_subscription_id_notification_subscriptions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_deliveries")),
    )
    op.create_index(
        op.f("ix_notification_deliveries_status_next_attempt_at"),
        "notification_deliveries",
        ["status", "next_attempt_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_notification_deliveries_organisation_id_status_created_at"),
        "notification_deliveries",
        ["organisation_id", "status", "created_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_notification_deliveries_subscription_id_digest_day"),
        "notification_deliveries",
        ["subscription_id", "digest_day"],
        unique=False,
    )
    op.create_table(
        "notification_delivery_events",
        sa.Column("delivery_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["notification_deliveries.id"],
            name=op.f("fk_notification_delivery_events_delivery_id_notification_deliveries"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["notification_events.id"],
            name=op.f("fk_notification_delivery_events_event_id_notification_events"),
        ),
        sa.PrimaryKeyConstraint(
            "delivery_id", "event_id", name=op.f("pk_notification_delivery_events")
        ),
    )
    op.create_index(
        op.f("ix_notification_delivery_events_event_id"),
        "notification_delivery_events",
        ["event_id"],
        unique=False,
    )
    op.create_table(
        "notification_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("delivery_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["notification_deliveries.id"],
            name=op.f("fk_notification_attempts_delivery_id_notification_deliveries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_attempts")),
    )
    op.create_index(
        op.f("ix_notification_attempts_delivery_id"),
        "notification_attempts",
        ["delivery_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_notification_attempts_delivery_id"), table_name="notification_attempts")
    op.drop_table("notification_attempts")
    op.drop_index(
        op.f("ix_notification_delivery_events_event_id"),
        table_name="notification_delivery_events",
    )
    op.drop_table("notification_delivery_events")
    for index in (
        "ix_notification_deliveries_subscription_id_digest_day",
        "ix_notification_deliveries_organisation_id_status_created_at",
        "ix_notification_deliveries_status_next_attempt_at",
    ):
        op.drop_index(op.f(index), table_name="notification_deliveries")
    op.drop_table("notification_deliveries")
    op.drop_index(
        op.f("ix_notification_events_organisation_id_created_at"),
        table_name="notification_events",
    )
    op.drop_table("notification_events")
    op.drop_index(
        op.f("ix_notification_subscriptions_organisation_id"),
        table_name="notification_subscriptions",
    )
    op.drop_table("notification_subscriptions")
