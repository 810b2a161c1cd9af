"""The center's audit log of account and organisation changes (``center_audit``): append-only,
one row per change, saying who made it, when, what changed and for whom. Findings keep their own
trail (``finding_events``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from aicc.center.access import Principal, granted
from aicc.store.center_admin_tables import center_audit


def audit(
    conn: Connection,
    *,
    actor: str,
    action: str,
    subject: str,
    at: datetime,
    organisation_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one change, inside the caller's transaction."""
    conn.execute(
        center_audit.insert().values(
            at=at,
            actor=actor,
            organisation_id=organisation_id,
            action=action,
            subject=subject,
            detail=detail or {},
        )
    )


def audit_entries(
    engine: Engine, principal: Principal, *, action: str | None = None
) -> list[dict[str, Any]]:
    """The changes the caller may see, oldest first: an organisation's own, or those of the
    organisations a center grant covers (a center user's own changes: the center's admins)."""
    query = select(center_audit).order_by(center_audit.c.at, center_audit.c.id)
    own = center_audit.c.organisation_id.is_not(None) & granted(
        principal, center_audit.c.organisation_id
    )
    if principal.is_center and principal.role == "admin":
        own = own | center_audit.c.organisation_id.is_(None)
    query = query.where(own)
    if action is not None:
        query = query.where(center_audit.c.action == action)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        {
            "at": r["at"].isoformat(),
            "actor": r["actor"],
            "organization": r["organisation_id"],
            "action": r["action"],
            "subject": r["subject"],
            "detail": r["detail"],
        }
        for r in rows
    ]
