"""Whether a finding is suppressed, read from its row: the columns a findings query adds, the
condition that picks the suppressed ones, and the suppression as the API shows it.

A suppression hides a finding while the day (UTC) is before its ``expires_on`` and nobody lifted
it; the expiry is worked out when a finding is read, so a finding comes back by itself on the
day its suppression expires. Writing suppressions is `aicc.center.suppressions`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Label, RowMapping, Select, and_

from aicc.store.center_tables import findings
from aicc.store.finding_work_tables import finding_suppressions as s

# The suppression's columns as a findings query selects them (outer-joined on the finding).
COLUMNS: tuple[Label[Any], ...] = (
    s.c.reason.label("suppression_reason"),
    s.c.expires_on.label("suppression_expires_on"),
    s.c.suppressed_at.label("suppression_at"),
    s.c.suppressed_by.label("suppression_by"),
    s.c.lifted_at.label("suppression_lifted_at"),
    s.c.lifted_by.label("suppression_lifted_by"),
)


def joined(query: Select[Any]) -> Select[Any]:
    """A query of findings with each one's suppression (`COLUMNS`; null when there is none)."""
    return query.outerjoin(s, s.c.finding_id == findings.c.id).add_columns(*COLUMNS)


def active(today: date) -> ColumnElement[bool]:
    """The condition of a finding suppressed on ``today``, true or false (never null) for a
    finding without a suppression too, so that its negation keeps those."""
    return and_(s.c.expires_on.is_not(None), s.c.expires_on > today, s.c.lifted_at.is_(None))


def is_active(row: RowMapping, today: date) -> bool:
    """Whether the row's suppression (from `COLUMNS`) hides the finding on ``today``."""
    expires = row.get("suppression_expires_on")
    return expires is not None and expires > today and row.get("suppression_lifted_at") is None


def suppression_dict(row: RowMapping, today: date) -> dict[str, Any] | None:
    """The finding's latest suppression (None: never suppressed): why, until when, by whom,
    and whether it still hides the finding on ``today`` (``active``)."""
    expires = row.get("suppression_expires_on")
    if expires is None:
        return None
    lifted = row["suppression_lifted_at"]
    return {
        "reason": row["suppression_reason"],
        "expires_on": expires.isoformat(),
        "suppressed_at": row["suppression_at"].isoformat(),
        "suppressed_by": row["suppression_by"],
        "lifted_at": lifted.isoformat() if lifted else None,
        "lifted_by": row["suppression_lifted_by"],
        "active": is_active(row, today),
    }
