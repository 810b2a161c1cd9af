"""Tables of the re-checks after feed updates (``aicc.center.recheck`` reads and writes them).

``knowledge_changes`` is the change log an import writes in its own transaction: one row per
advisory, CVE record, CSAF document, KEV entry or EPSS score that was added, updated or removed,
so a crash between the import and the re-check loses nothing. A run claims the rows no run has
claimed yet (``run_id``). ``recheck_runs`` holds each run's trigger, state and progress;
``recheck_chunks`` the work cut into chunks by component key, each done once;
``recheck_findings`` what a run did to which finding (new, closed, found again, re-decided);
`newly_exploited` says which of those count as newly exploited.
Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    false,
)
from sqlalchemy.sql.elements import ColumnElement

from aicc.store.center_tables import findings
from aicc.store.tables import Json, metadata, one_of

TRIGGERS = ("sync", "import", "manual")
RUN_STATES = ("pending", "running", "done", "failed")
CHANGES = ("added", "updated", "removed")
# What a run did to a finding: found it, closed it (its advisory withdrawn or no longer
# matching), found it again after a closure, or re-decided it (decision, due date or KEV).
FINDING_CHANGES = ("new", "closed", "again", "redecided")


recheck_runs = Table(
    "recheck_runs",
    metadata,
    Column("id", String(32), primary_key=True),  # "rck_..."
    Column("trigger", String(16), nullable=False),
    Column("full_recheck", Boolean, nullable=False),  # every component, not what changed
    Column("state", String(16), nullable=False),
    Column("reason", Text),  # why it failed
    Column("created_at", DateTime, nullable=False),
    Column("started_at", DateTime),
    Column("finished_at", DateTime),
    Column("changes", Json, nullable=False),  # {source: {added, updated, removed}} claimed
    Column("chunks_total", Integer),  # None until the work is planned
    Column("chunks_done", Integer, nullable=False),
    Column("inventories", Integer, nullable=False),  # inventories re-matched
    Column("components", Integer, nullable=False),  # components re-matched
    Column("findings_new", Integer, nullable=False),
    Column("findings_closed", Integer, nullable=False),
    Column("findings_again", Integer, nullable=False),
    Column("findings_redecided", Integer, nullable=False),
    Column("new_exploited", Integer, nullable=False),  # see newly_exploited
    Column("problems", Json, nullable=False),  # what could not be re-checked, and why
    one_of("trigger", TRIGGERS, "ck_recheck_runs_trigger"),
    one_of("state", RUN_STATES, "ck_recheck_runs_state"),
    Index(None, "state", "created_at"),
)

knowledge_changes = Table(
    "knowledge_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recorded_at", DateTime, nullable=False),
    Column("source", String(16), nullable=False),  # osv | cve | nvd | csaf | kev | epss
    Column("key", Text, nullable=False),  # the advisory, CVE or CSAF document id
    Column("change", String(16), nullable=False),
    Column("synced", Boolean, nullable=False),  # by `aicc db sync`, else by an import
    Column("run_id", String(32), ForeignKey("recheck_runs.id"), index=True),  # None: unclaimed
    one_of("change", CHANGES, "ck_knowledge_changes_change"),
)

recheck_chunks = Table(
    "recheck_chunks",
    metadata,
    Column("run_id", String(32), ForeignKey("recheck_runs.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),  # 0, 1, ... in component key order
    Column("work", Json, nullable=False),  # [{"inventory", "components": [identity...]}]
    Column("done_at", DateTime),  # None: still to do
    Column("counts", Json),  # what the chunk did, once done
)

recheck_findings = Table(
    "recheck_findings",
    metadata,
    Column("run_id", String(32), ForeignKey("recheck_runs.id"), primary_key=True),
    Column("finding_id", String(32), ForeignKey(findings.c.id), primary_key=True),
    Column("change", String(16), nullable=False),
    Column("vulnerability_id", Text, nullable=False),
    Column("kev", Boolean, nullable=False),
    # re-decided because its vulnerability joined KEV: newly exploited, as a new finding in KEV
    Column("joined_kev", Boolean, nullable=False, server_default=false()),
    Column("reason", Text, nullable=False),
    Index(None, "finding_id"),
    one_of("change", FINDING_CHANGES, "ck_recheck_findings_change"),
)


def is_newly_exploited(change: str, kev: bool, joined_kev: bool) -> bool:
    """`newly_exploited` for one change already read: new and in KEV, or joined KEV."""
    return (change == "new" and kev) or joined_kev


def newly_exploited() -> ColumnElement[bool]:
    """Whether a ``recheck_findings`` row is a finding newly known exploited: new and in KEV,
    or one the organisation had whose vulnerability joined KEV."""
    rf = recheck_findings
    return ((rf.c.change == "new") & rf.c.kev.is_(True)) | rf.c.joined_kev.is_(True)
