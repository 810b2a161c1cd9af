"""The frontier audit log's head, kept apart from the log

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-09 01:00:00

The audit log was a plain SHA-256 chain: whoever could write the database could change an entry
and re-hash the rest, or delete the last entries, and the check still said "intact". Entries
are now authenticated with a key derived from AICC_FRONTIER_KEY, and the last entry (its seq,
its MAC and a tag over both) is kept in ``frontier_audit_head`` and in a file under AICC_HOME.

A migration has no key, so a log that already has entries gets a *legacy* head: its last seq
and SHA-256 hash, no tag. The first entry written with the key checks the legacy chain up to
that head and re-authenticates it (`aicc.frontier.audit`), or refuses when it is broken.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    head = op.create_table(
        "frontier_audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frontier_audit_head")),
    )
    audit = sa.table("frontier_audit", sa.column("seq", sa.Integer), sa.column("hash", sa.String))
    last = (
        op.get_bind()
        .execute(sa.select(audit.c.seq, audit.c.hash).order_by(audit.c.seq.desc()).limit(1))
        .first()
    )
    if last is not None:
        op.bulk_insert(
            head,
            [
                {
                    "id": 1,
                    "seq": last.seq,
                    "mac": last.hash,
                    "tag": None,
                    "updated_at": datetime.now(UTC).replace(tzinfo=None),
                }
            ],
        )


def downgrade() -> None:
    op.drop_table("frontier_audit_head")
