"""An upload of several files: the names and sizes of the files an inventory came with (issue 13)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 15:20:00

``inventories.files``: for an upload of several files (go.mod with its go.sum, a dpkg database
with its os-release, an archive of a folder), each file's name relative to the asset's folder
and its size, in the order their bytes follow one another in ``content``; None for an upload of
one file (``filename``), as every upload before this revision was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("inventories", sa.Column("files", JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inventories") as batch:
        batch.drop_column("files")
