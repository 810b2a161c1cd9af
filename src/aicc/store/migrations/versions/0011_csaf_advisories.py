"""Vendors' CSAF 2.0 advisories as a feed

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-11 09:00:00

``csaf_documents`` keeps each imported CSAF document (keyed by publisher namespace and tracking
id, newer ``current_release_date`` wins) and ``csaf_affected`` its product statuses per
vulnerability and product as CVE JSON 5 ``versions`` entries, for the appliance matcher. New
and empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "csaf_documents",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("tracking_id", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=False),
        sa.Column("publisher_namespace", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("current_release_date", sa.DateTime(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("raw", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csaf_documents")),
    )
    op.create_index(
        op.f("ix_csaf_documents_tracking_id"), "csaf_documents", ["tracking_id"], unique=False
    )
    op.create_index(
        op.f("ix_csaf_documents_current_release_date"),
        "csaf_documents",
        ["current_release_date"],
        unique=False,
    )
    op.create_table(
        "csaf_affected",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("vuln_id", sa.Text(), nullable=False),
        sa.Column("cve_id", sa.Text(), nullable=True),
        sa.Column("provider", sa.Text(), nullable=False),
        sa.Column("vendor", sa.Text(), nullable=False),
        sa.Column("product", sa.Text(), nullable=False),
        sa.Column("vendor_key", sa.Text(), nullable=False),
        sa.Column("product_key", sa.Text(), nullable=False),
        sa.Column("cpes", JSON, nullable=True),
        sa.Column("purls", JSON, nullable=True),
        sa.Column("versions", JSON, nullable=True),
        sa.Column("default_status", sa.Text(), nullable=True),
        sa.Column("fixed", JSON, nullable=True),
        sa.Column("advisory_urls", JSON, nullable=True),
        sa.Column("remediations", JSON, nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["csaf_documents.id"],
            name=op.f("fk_csaf_affected_document_id_csaf_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csaf_affected")),
    )
    op.create_index(
        op.f("ix_csaf_affected_document_id"), "csaf_affected", ["document_id"], unique=False
    )
    op.create_index(
        op.f("ix_csaf_affected_vendor_key_product_key"),
        "csaf_affected",
        ["vendor_key", "product_key"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("csaf_affected")
    op.drop_table("csaf_documents")
