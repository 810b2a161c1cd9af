"""A covering index for the portfolio summary's count of open findings per organisation

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 06:30:00

``aicc.center.portfolio.summary`` counts each organisation's open findings (present, in triage
or exploitable), the KEV ones and the overdue ones. Without this index the count reads every
row of ``findings``, each with its record (about 1.8 kB): 40 ms for 11,680 findings on SQLite,
and it grows with the portfolio. With it the count reads the index alone: 3 ms.
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

NAME = "ix_findings_organisation_id_present_state_kev_due"


def upgrade() -> None:
    op.create_index(NAME, "findings", ["organisation_id", "present", "state", "kev", "due"])


def downgrade() -> None:
    op.drop_index(NAME, table_name="findings")
