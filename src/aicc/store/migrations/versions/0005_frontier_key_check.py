"""The frontier program's key check value

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 02:00:00

A wrong AICC_FRONTIER_KEY used to write data that the right key cannot read (the store ended
up under two keys). The first use of a key stores a token encrypted with it; a later key that
cannot decrypt the token is refused before anything is read or written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frontier_key_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_key_check")),
    )


def downgrade() -> None:
    op.drop_table("frontier_key_check")
