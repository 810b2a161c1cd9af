"""Remediation campaigns (issue 14)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 06:00:00

The tables of ``aicc.store.campaign_tables``, new and empty: nothing before this revision held
campaigns. (The frontier program's batches of evaluations were called campaigns in the code;
they were never stored under that name, so nothing is renamed here.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("vulnerabilities", JSON, nullable=False),
        sa.Column("kev_filter", JSON, nullable=True),
        sa.Column("match_ids", JSON, nullable=False),
        sa.Column("scope", JSON, nullable=False),
        sa.Column("due_kind", sa.String(length=16), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("due_kind IN ('date', 'bod-26-04')", name="ck_campaigns_due_kind"),
        sa.CheckConstraint("(due_kind = 'date') = (due IS NOT NULL)", name="ck_campaigns_due"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("title", name=op.f("uq_campaigns_title")),
    )
    op.create_table(
        "campaign_findings",
        sa.Column("campaign_id", sa.String(length=32), nullable=False),
        sa.Column("finding_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_findings_campaign_id_campaigns"),
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_campaign_findings_finding_id_findings")
        ),
        sa.PrimaryKeyConstraint("campaign_id", "finding_id", name=op.f("pk_campaign_findings")),
    )
    op.create_table(
        "campaign_entries",
        sa.Column("campaign_id", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.String(length=32), nullable=False),
        sa.Column("progress", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "progress IN ('open', 'acknowledged', 'in_progress')",
            name="ck_campaign_entries_progress",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_entries_campaign_id_campaigns"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_campaign_entries_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("campaign_id", "organisation_id", name=op.f("pk_campaign_entries")),
    )
    op.create_table(
        "campaign_vex",
        sa.Column("campaign_id", sa.String(length=32), nullable=False),
        sa.Column("finding_id", sa.String(length=32), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("decision IN ('accepted', 'rejected')", name="ck_campaign_vex_decision"),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaigns.id"], name=op.f("fk_campaign_vex_campaign_id_campaigns")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_campaign_vex_finding_id_findings")
        ),
        sa.PrimaryKeyConstraint("campaign_id", "finding_id", name=op.f("pk_campaign_vex")),
    )
    op.create_table(
        "campaign_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("campaign_id", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.String(length=32), nullable=True),
        sa.Column("finding_id", sa.String(length=32), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", JSON, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaigns.id"], name=op.f("fk_campaign_events_campaign_id_campaigns")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_campaign_events_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_campaign_events_finding_id_findings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_events")),
    )
    op.create_index(
        op.f("ix_campaign_events_campaign_id"), "campaign_events", ["campaign_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_campaign_events_campaign_id"), table_name="campaign_events")
    op.drop_table("campaign_events")
    op.drop_table("campaign_vex")
    op.drop_table("campaign_entries")
    op.drop_table("campaign_findings")
    op.drop_table("campaigns")
