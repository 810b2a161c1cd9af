"""CVE records merged from cvelistV5 and Vulnrichment, container by container

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 01:00:00

``cve_containers`` keeps, per CVE, the date, origin and content hash of each container (the
CNA's, each ADP's) so that a copy from either source replaces only the containers it has newer;
``cve_sources`` keeps the digest of the last file of each origin. Records stored before have
neither: the next import of a record replaces it whole and fills them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cve_containers",
        sa.Column("cve_id", sa.Text(), nullable=False),
        sa.Column("provider", sa.Text(), nullable=False),
        sa.Column("date_updated", sa.DateTime(), nullable=True),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("cwes", JSON, nullable=True),
        sa.Column("ssvc", JSON, nullable=True),
        sa.ForeignKeyConstraint(
            ["cve_id"],
            ["cve_records.cve_id"],
            name=op.f("fk_cve_containers_cve_id_cve_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cve_id", "provider", name=op.f("pk_cve_containers")),
    )
    op.create_table(
        "cve_sources",
        sa.Column("cve_id", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["cve_id"],
            ["cve_records.cve_id"],
            name=op.f("fk_cve_sources_cve_id_cve_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cve_id", "origin", name=op.f("pk_cve_sources")),
    )


def downgrade() -> None:
    op.drop_table("cve_sources")
    op.drop_table("cve_containers")
