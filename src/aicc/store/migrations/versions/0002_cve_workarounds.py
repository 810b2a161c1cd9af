"""CVE workarounds and solutions, for the patch plan's mitigations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:00:00

The stored CVE records' digests are cleared so that the next import of the same files reads
them again and fills the new columns (an unchanged digest would skip them).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("cve_records") as batch:
        batch.add_column(sa.Column("workarounds", _JSON, nullable=True))
        batch.add_column(sa.Column("solutions", _JSON, nullable=True))
    op.execute("UPDATE cve_records SET digest = ''")


def downgrade() -> None:
    with op.batch_alter_table("cve_records") as batch:
        batch.drop_column("solutions")
        batch.drop_column("workarounds")
