"""The center's own CSAF advisories (issue 14)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 06:00:00

The tables of ``aicc.store.advisory_tables``, new and empty: ``center_advisories`` (each
advisory's form and CSAF 2.0 document), ``center_advisory_audience`` (the organisations a
published one concerns) and ``center_advisory_events`` (who created, changed and published what).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "center_advisories",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("tracking_id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("tlp", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("form", JSON, nullable=False),
        sa.Column("document", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "tlp IN ('CLEAR', 'GREEN', 'AMBER', 'RED')", name="ck_center_advisories_tlp"
        ),
        sa.CheckConstraint("status IN ('draft', 'final')", name="ck_center_advisories_status"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_center_advisories")),
        sa.UniqueConstraint("tracking_id", name=op.f("uq_center_advisories_tracking_id")),
    )
    op.create_index(
        op.f("ix_center_advisories_status_tlp_released_at"),
        "center_advisories",
        ["status", "tlp", "released_at"],
        unique=False,
    )
    op.create_table(
        "center_advisory_audience",
        sa.Column("advisory_id", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.String(length=32), nullable=False),
        sa.Column("matched", JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["advisory_id"],
            ["center_advisories.id"],
            name=op.f("fk_center_advisory_audience_advisory_id_center_advisories"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_center_advisory_audience_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint(
            "advisory_id", "organisation_id", name=op.f("pk_center_advisory_audience")
        ),
    )
    op.create_index(
        op.f("ix_center_advisory_audience_organisation_id"),
        "center_advisory_audience",
        ["organisation_id"],
        unique=False,
    )
    op.create_table(
        "center_advisory_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("advisory_id", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("audience", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["advisory_id"],
            ["center_advisories.id"],
            name=op.f("fk_center_advisory_events_advisory_id_center_advisories"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_center_advisory_events")),
    )
    op.create_index(
        op.f("ix_center_advisory_events_advisory_id"),
        "center_advisory_events",
        ["advisory_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_center_advisory_events_advisory_id"), table_name="center_advisory_events"
    )
    op.drop_table("center_advisory_events")
    op.drop_index(
        op.f("ix_center_advisory_audience_organisation_id"),
        table_name="center_advisory_audience",
    )
    op.drop_table("center_advisory_audience")
    op.drop_index(
        op.f("ix_center_advisories_status_tlp_released_at"), table_name="center_advisories"
    )
    op.drop_table("center_advisories")
