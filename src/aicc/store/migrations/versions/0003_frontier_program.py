"""frontier model program: developers, submissions, partners, evaluations, audit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frontier_audit",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column(
            "detail",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_frontier_audit")),
        sa.UniqueConstraint("hash", name=op.f("uq_frontier_audit_hash")),
    )
    op.create_table(
        "frontier_developers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_developers")),
        sa.UniqueConstraint("name", name=op.f("uq_frontier_developers_name")),
    )
    op.create_table(
        "frontier_partners",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("vetted_at", sa.DateTime(), nullable=False),
        sa.Column("vetted_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_partners")),
        sa.UniqueConstraint("name", name=op.f("uq_frontier_partners_name")),
    )
    op.create_table(
        "frontier_submissions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("developer_id", sa.Integer(), nullable=False),
        sa.Column("model_name", sa.Text(), nullable=False),
        sa.Column("model_version", sa.Text(), nullable=False),
        sa.Column("release_date", sa.Date(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("access_kind", sa.String(length=16), nullable=False),
        sa.Column("endpoint_url", sa.Text(), nullable=True),
        sa.Column("api_key_env", sa.Text(), nullable=True),
        sa.Column("api_key_file", sa.Text(), nullable=True),
        sa.Column("inspect_model", sa.Text(), nullable=True),
        sa.Column(
            "declarations",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["developer_id"],
            ["frontier_developers.id"],
            name=op.f("fk_frontier_submissions_developer_id_frontier_developers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_submissions")),
    )
    with op.batch_alter_table("frontier_submissions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frontier_submissions_developer_id"), ["developer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_frontier_submissions_model_name"), ["model_name"], unique=False
        )

    op.create_table(
        "frontier_attachments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["frontier_submissions.id"],
            name=op.f("fk_frontier_attachments_submission_id_frontier_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_attachments")),
    )
    with op.batch_alter_table("frontier_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frontier_attachments_submission_id"), ["submission_id"], unique=False
        )

    op.create_table(
        "frontier_determinations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("policy", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column(
            "rules",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("determined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["frontier_submissions.id"],
            name=op.f("fk_frontier_determinations_submission_id_frontier_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_determinations")),
    )
    with op.batch_alter_table("frontier_determinations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frontier_determinations_submission_id"), ["submission_id"], unique=False
        )

    op.create_table(
        "frontier_evaluations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("suite", sa.Text(), nullable=False),
        sa.Column(
            "settings",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("log_dir", sa.Text(), nullable=True),
        sa.Column("results", sa.LargeBinary(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["frontier_submissions.id"],
            name=op.f("fk_frontier_evaluations_submission_id_frontier_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_evaluations")),
    )
    with op.batch_alter_table("frontier_evaluations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frontier_evaluations_submission_id"), ["submission_id"], unique=False
        )

    op.create_table(
        "frontier_grants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column(
            "scope",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("proposed_by", sa.Text(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_by", sa.Text(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.Text(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["frontier_partners.id"],
            name=op.f("fk_frontier_grants_partner_id_frontier_partners"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["frontier_submissions.id"],
            name=op.f("fk_frontier_grants_submission_id_frontier_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_grants")),
    )
    with op.batch_alter_table("frontier_grants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frontier_grants_submission_id"), ["submission_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_frontier_grants_submission_id_partner_id"),
            ["submission_id", "partner_id"],
            unique=False,
        )

    op.create_table(
        "frontier_partner_findings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["frontier_partners.id"],
            name=op.f("fk_frontier_partner_findings_partner_id_frontier_partners"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["frontier_submissions.id"],
            name=op.f("fk_frontier_partner_findings_submission_id_frontier_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_partner_findings")),
    )
    with op.batch_alter_table("frontier_partner_findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frontier_partner_findings_submission_id"),
            ["submission_id"],
            unique=False,
        )

    op.create_table(
        "frontier_release_dates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("release_date", sa.Date(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["frontier_submissions.id"],
            name=op.f("fk_frontier_release_dates_submission_id_frontier_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_release_dates")),
    )
    with op.batch_alter_table("frontier_release_dates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frontier_release_dates_submission_id"), ["submission_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("frontier_release_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_release_dates_submission_id"))

    op.drop_table("frontier_release_dates")
    with op.batch_alter_table("frontier_partner_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_partner_findings_submission_id"))

    op.drop_table("frontier_partner_findings")
    with op.batch_alter_table("frontier_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_grants_submission_id_partner_id"))
        batch_op.drop_index(batch_op.f("ix_frontier_grants_submission_id"))

    op.drop_table("frontier_grants")
    with op.batch_alter_table("frontier_evaluations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_evaluations_submission_id"))

    op.drop_table("frontier_evaluations")
    with op.batch_alter_table("frontier_determinations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_determinations_submission_id"))

    op.drop_table("frontier_determinations")
    with op.batch_alter_table("frontier_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_attachments_submission_id"))

    op.drop_table("frontier_attachments")
    with op.batch_alter_table("frontier_submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_submissions_model_name"))
        batch_op.drop_index(batch_op.f("ix_frontier_submissions_developer_id"))

    op.drop_table("frontier_submissions")
    op.drop_table("frontier_partners")
    op.drop_table("frontier_developers")
    op.drop_table("frontier_audit")
