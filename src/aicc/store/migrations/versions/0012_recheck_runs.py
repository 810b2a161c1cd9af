"""Re-check runs after feed updates (issue 13, 15)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 06:00:00

The tables of ``aicc.store.recheck_tables``, new and empty: the change log imports write
(``knowledge_changes``), the re-check runs, their chunks and what each did to which finding.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recheck_runs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("full_recheck", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("changes", JSON, nullable=False),
        sa.Column("chunks_total", sa.Integer(), nullable=True),
        sa.Column("chunks_done", sa.Integer(), nullable=False),
        sa.Column("inventories", sa.Integer(), nullable=False),
        sa.Column("components", sa.Integer(), nullable=False),
        sa.Column("findings_new", sa.Integer(), nullable=False),
        sa.Column("findings_closed", sa.Integer(), nullable=False),
        sa.Column("findings_again", sa.Integer(), nullable=False),
        sa.Column("findings_redecided", sa.Integer(), nullable=False),
        sa.Column("new_exploited", sa.Integer(), nullable=False),
        sa.Column("problems", JSON, nullable=False),
        sa.CheckConstraint(
            "trigger IN ('sync', 'import', 'manual')", name="ck_recheck_runs_trigger"
        ),
        sa.CheckConstraint(
            "state IN ('pending', 'running', 'done', 'failed')", name="ck_recheck_runs_state"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recheck_runs")),
    )
    op.create_index(
        op.f("ix_recheck_runs_state_created_at"), "recheck_runs", ["state", "created_at"]
    )
    op.create_table(
        "knowledge_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("synced", sa.Boolean(), nullable=False),
        sa.Column("run_id", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "change IN ('added', 'updated', 'removed')", name="ck_knowledge_changes_change"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["recheck_runs.id"],
            name=op.f("fk_knowledge_changes_run_id_recheck_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_changes")),
    )
    op.create_index(op.f("ix_knowledge_changes_run_id"), "knowledge_changes", ["run_id"])
    op.create_table(
        "recheck_chunks",
        sa.Column("run_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("work", JSON, nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("counts", JSON, nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["recheck_runs.id"], name=op.f("fk_recheck_chunks_run_id_recheck_runs")
        ),
        sa.PrimaryKeyConstraint("run_id", "seq", name=op.f("pk_recheck_chunks")),
    )
    op.create_table(
        "recheck_findings",
        sa.Column("run_id", sa.String(length=32), nullable=False),
        sa.Column("finding_id", sa.String(length=32), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("vulnerability_id", sa.Text(), nullable=False),
        sa.Column("kev", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "change IN ('new', 'closed', 'again', 'redecided')",
            name="ck_recheck_findings_change",
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["findings.id"],
            name=op.f("fk_recheck_findings_finding_id_findings"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["recheck_runs.id"], name=op.f("fk_recheck_findings_run_id_recheck_runs")
        ),
        sa.PrimaryKeyConstraint("run_id", "finding_id", name=op.f("pk_recheck_findings")),
    )
    op.create_index(op.f("ix_recheck_findings_finding_id"), "recheck_findings", ["finding_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_recheck_findings_finding_id"), table_name="recheck_findings")
    op.drop_table("recheck_findings")
    op.drop_table("recheck_chunks")
    op.drop_index(op.f("ix_knowledge_changes_run_id"), table_name="knowledge_changes")
    op.drop_table("knowledge_changes")
    op.drop_index(op.f("ix_recheck_runs_state_created_at"), table_name="recheck_runs")
    op.drop_table("recheck_runs")
