"""The product catalogue rebuilt: one company's spellings linked (issue 11)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-08 03:00:00

The catalogue now links the spellings of one company's product ("SAP" in KEV, "SAP SE" and
"SAP_SE" in SAP's records; `aicc.store.catalogue.company_key`). A store built before holds
no such links until its next import: the catalogue is rebuilt here from what it holds. The
schema does not change, so there is nothing to undo.
"""

from __future__ import annotations

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from aicc.store.catalogue import rebuild_catalogue

    rebuild_catalogue(op.get_bind())


def downgrade() -> None:
    """The rebuilt catalogue reads as the earlier one did: nothing to undo."""
