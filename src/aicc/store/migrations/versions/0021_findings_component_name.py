"""An index on the name of each finding's component, for the re-check's chunks (issue 15)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 12:40:00

A re-check chunk (`aicc.center.recheck_chunk`) holds the components of a few hundred component
keys, spread over up to every asset of the portfolio. It reads the stored findings of those
components only, by their name: without this index it read every finding of every asset it
touched (418 findings with their record, about 1.9 kB each, per asset and chunk at 100
organisations), which made the database the bottleneck of a full re-match. The expression is
the one the chunk's query writes (`recheck_chunk._COMPONENT_NAME`), so the planner can use it.
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

NAME = "ix_findings_component_name"
EXPRESSION = {
    "postgresql": "((record -> 'component') ->> 'name')",
    "sqlite": "json_extract(record, '$.component.name')",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(f"CREATE INDEX {NAME} ON findings ({EXPRESSION[dialect]})")


def downgrade() -> None:
    op.execute(f"DROP INDEX {NAME}")
