"""Tables of the work analysts do on findings (``aicc.center.finding_work`` reads and writes
them): suppressions with an expiry date, and comments.

``finding_suppressions`` holds a finding's current suppression, one row per finding: it hides the
finding from lists and plans while the day (UTC) is before ``expires_on`` and nobody lifted it;
from ``expires_on`` on the finding is back by itself, with no job to run. Suppressing again
replaces the row; every suppression and lift is also an event of ``finding_events``, which keeps
the history. ``finding_comments`` is append-only: nothing updates or deletes a row. Ids of
comments are random (``cmt_...``), as the center's other ids. Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, String, Table, Text

from aicc.store.tables import metadata

finding_suppressions = Table(
    "finding_suppressions",
    metadata,
    Column("finding_id", String(32), ForeignKey("findings.id"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("expires_on", Date, nullable=False),  # the first day the finding is back
    Column("suppressed_at", DateTime, nullable=False),
    Column("suppressed_by", Text, nullable=False),  # the actor (see aicc.center.access)
    Column("lifted_at", DateTime),  # None: not lifted before its expiry
    Column("lifted_by", Text),
)

finding_comments = Table(  # append-only
    "finding_comments",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("finding_id", String(32), ForeignKey("findings.id"), nullable=False),
    Column("author", Text, nullable=False),  # the actor (see aicc.center.access)
    Column("at", DateTime, nullable=False),
    Column("body", Text, nullable=False),
    Index(None, "finding_id", "at"),
)
