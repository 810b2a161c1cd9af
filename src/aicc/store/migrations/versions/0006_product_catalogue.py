"""The product catalogue, and the platforms a CVE record's product is affected on

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 03:00:00

``cve_affected.platforms`` is new: the CVE digests are cleared so that the next import reads
every record again and fills it. The catalogue is built from what the store already holds.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cve_affected", schema=None) as batch_op:
        batch_op.add_column(sa.Column("platforms", JSON, nullable=True))
    op.create_table(
        "catalogue_products",
        sa.Column("vendor_key", sa.Text(), nullable=False),
        sa.Column("product_key", sa.Text(), nullable=False),
        sa.Column("vendor", sa.Text(), nullable=False),
        sa.Column("product", sa.Text(), nullable=False),
        sa.Column("family", sa.Integer(), nullable=False),
        sa.Column("cve_count", sa.Integer(), nullable=False),
        sa.Column("sources", JSON, nullable=False),
        sa.PrimaryKeyConstraint("vendor_key", "product_key", name=op.f("pk_catalogue_products")),
    )
    op.create_index(
        op.f("ix_catalogue_products_family"), "catalogue_products", ["family"], unique=False
    )
    op.execute("UPDATE cve_records SET digest = ''")

    from aicc.store.catalogue import rebuild_catalogue

    rebuild_catalogue(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_catalogue_products_family"), table_name="catalogue_products")
    op.drop_table("catalogue_products")
    with op.batch_alter_table("cve_affected", schema=None) as batch_op:
        batch_op.drop_column("platforms")
