"""Comments on a finding: append-only notes, each with its author and time, seen by whoever may
see the finding and written by whoever may triage it. Each comment is also an event of the
finding's audit trail (its text shortened there)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from aicc.center.access import Principal, require_triage
from aicc.center.findings import _one
from aicc.center.names import new_id
from aicc.center.suppressions import clean_text
from aicc.core.times import utcnow
from aicc.store.center_tables import finding_events
from aicc.store.finding_work_tables import finding_comments
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

MAX_COMMENT = 10_000
EXCERPT = 200  # characters of a comment its audit event repeats


def _comment_dict(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "finding": row["finding_id"],
        "author": row["author"],
        "at": row["at"].isoformat(),
        "body": row["body"],
    }


def add_comment(
    engine: Engine,
    principal: Principal,
    finding_id: str,
    *,
    body: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Add a comment to a finding; returns it. NotFound when the caller may not see the
    finding, Forbidden for a read-only role, InvalidInput for an empty or too long text."""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _one(conn, principal, finding_id)
        require_triage(principal)
        text = clean_text(body, "body", MAX_COMMENT)
        now = utcnow()
        comment = {
            "id": new_id("cmt"),
            "finding_id": row["id"],
            "author": principal.actor,
            "at": now,
            "body": text,
        }
        conn.execute(finding_comments.insert().values(comment))
        excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
        conn.execute(
            finding_events.insert().values(
                finding_id=row["id"],
                actor=principal.actor,
                at=now,
                from_state=row["state"],
                to_state=row["state"],
                justification=None,
                reason=f"comment {comment['id']}: {excerpt}",
            )
        )
        return _comment_dict(comment)


def list_comments(engine: Engine, principal: Principal, finding_id: str) -> dict[str, Any]:
    """A finding's comments, oldest first; NotFound when the caller may not see the finding."""
    with engine.connect() as conn:
        row = _one(conn, principal, finding_id)
        rows = conn.execute(
            select(finding_comments)
            .where(finding_comments.c.finding_id == row["id"])
            .order_by(finding_comments.c.at, finding_comments.c.id)
        ).mappings()
        return {"finding": row["id"], "comments": [_comment_dict(r) for r in rows]}
