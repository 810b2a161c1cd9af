"""Changing and closing a campaign (`aicc.center.campaigns` makes them).

An analyst (a center admin or analyst) changes a campaign's title, due date or scope, with a
reason: the change is an event of ``campaign_events`` (who, when, each field's old and new
value, why), the organisations that were assigned hear of it (``campaign_assigned`` with
``changes``; one that left the scope with ``removed`` true), those new to the scope are assigned
it as when a campaign is made, and their present findings join the campaign's snapshot. Closing
a campaign keeps its final counts; a closed campaign sends no more due or overdue notices and is
not changed again. An organisation's caller gets NotFound here, as for a campaign it cannot see.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, granted, require_triage
from aicc.center.campaign_notices import notify_campaign_assigned
from aicc.center.campaign_status import counts, entries, in_scope
from aicc.center.campaigns import (
    MAX_TEXT,
    MAX_TITLE,
    SYSTEM,
    _event,
    _scope,
    _text,
    show_campaign,
)
from aicc.center.errors import Conflict, InvalidInput, NotFound
from aicc.center.notifications import make_event, notify
from aicc.core.times import iso, utcnow
from aicc.store.campaign_tables import campaign_findings, campaigns
from aicc.store.center_tables import findings, organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing


def _open_campaign(conn: Connection, principal: Principal, campaign_id: str) -> RowMapping:
    """The campaign, for a center caller that may triage; NotFound for an organisation's
    caller (as for any campaign it cannot see) and for none; Conflict once it is closed."""
    row = None
    if principal.is_center:
        row = (
            conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).mappings().first()
        )
    if row is None:
        raise NotFound(f"campaign {campaign_id!r}: not found")
    require_triage(principal)
    if row["closed_at"] is not None:
        raise Conflict(
            f"campaign {campaign_id!r} was closed on {iso(row['closed_at'])}: it is not changed"
        )
    return row


def _members(conn: Connection, scope: dict[str, Any]) -> set[str]:
    return set(conn.execute(select(organisations.c.id).where(in_scope(scope))).scalars())


def edit_campaign(
    engine: Engine,
    principal: Principal,
    campaign_id: str,
    *,
    reason: str,
    title: str | None = None,
    due: date | None = None,
    sectors: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    organizations: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Change what is given (a scope part given replaces that part; the others stay), audited
    with ``reason`` and told to the organisations (see the module's docstring). InvalidInput
    names a field that cannot be used, or says nothing changes; nothing is written then."""
    why = _text(reason, "reason", MAX_TEXT)
    new_title = _text(title, "title", MAX_TITLE) if title is not None else None
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _open_campaign(conn, principal, campaign_id)
        changes: dict[str, dict[str, Any]] = {}
        values: dict[str, Any] = {}
        if new_title is not None and new_title != row["title"]:
            taken = conn.execute(
                select(campaigns.c.id).where(
                    campaigns.c.title == new_title, campaigns.c.id != row["id"]
                )
            ).first()
            if taken:
                raise Conflict(f"campaign {new_title!r} exists already")
            changes["title"] = {"from": row["title"], "to": new_title}
            values["title"] = new_title
        if due is not None and due != row["due"]:
            if row["due_kind"] != "date":
                raise InvalidInput("due: this campaign follows the BOD 26-04 timelines, no date")
            if due < row["starts"]:
                raise InvalidInput(
                    f"due: {due.isoformat()} is before the campaign starts ({row['starts']})"
                )
            changes["due"] = {"from": row["due"].isoformat(), "to": due.isoformat()}
            values["due"] = due
        old_scope = dict(row["scope"])
        if organizations is not None:  # those the caller cannot see stay: it could not name them
            organizations = [*organizations, *_unseen(conn, principal, old_scope["organisations"])]
        if sectors is not None or regions is not None or organizations is not None:
            scope = _scope(
                conn,
                old_scope["sectors"] if sectors is None else sectors,
                old_scope["regions"] if regions is None else regions,
                old_scope["organisations"] if organizations is None else organizations,
            )
            if scope != old_scope:
                changes["scope"] = {"from": old_scope, "to": scope}
                values["scope"] = scope
        if not changes:
            raise InvalidInput("nothing changes: give a new title, due date or scope")
        before = _members(conn, old_scope)
        conn.execute(campaigns.update().where(campaigns.c.id == row["id"]).values(values))
        after = _members(conn, values.get("scope", old_scope))
        added, removed = sorted(after - before), sorted(before - after)
        if added:
            _snapshot(conn, row, added)
        _event(
            conn,
            row["id"],
            principal,
            "edited",
            str(why),
            now=now,
            detail={"changes": changes, "added": added, "removed": removed},
        )
        _tell(conn, row["id"], changes, str(why), sorted(before & after), removed, added, now)
    return show_campaign(engine, principal, campaign_id)


def _unseen(conn: Connection, principal: Principal, ids: Sequence[str]) -> list[str]:
    """The organisations of ``ids`` outside the caller's grant (sectors, regions)."""
    if not ids:
        return []
    seen = set(
        conn.execute(
            select(organisations.c.id).where(
                organisations.c.id.in_(ids), granted(principal, organisations.c.id)
            )
        ).scalars()
    )
    return [i for i in ids if i not in seen]


def _snapshot(conn: Connection, row: RowMapping, organisation_ids: list[str]) -> None:
    """The present findings of organisations new to the scope join the campaign's snapshot."""
    held = select(campaign_findings.c.finding_id).where(
        campaign_findings.c.campaign_id == row["id"]
    )
    present = conn.execute(
        select(findings.c.id).where(
            findings.c.vulnerability_id.in_(row["match_ids"]),
            findings.c.present.is_(True),
            findings.c.organisation_id.in_(organisation_ids),
            findings.c.id.not_in(held),
        )
    ).scalars()
    rows = [{"campaign_id": row["id"], "finding_id": f} for f in present]
    if rows:
        conn.execute(campaign_findings.insert(), rows)


def _tell(
    conn: Connection,
    campaign_id: str,
    changes: dict[str, dict[str, Any]],
    reason: str,
    kept: list[str],
    removed: list[str],
    added: list[str],
    now: Any,
) -> None:
    row = conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).mappings().one()
    said = {k: v for k, v in changes.items() if k != "scope"}  # a scope names other organisations
    if "scope" in changes:
        said["scope"] = {"changed": True}
    for organisation_id, gone in [(o, False) for o in kept] + [(o, True) for o in removed]:
        facts = {
            "campaign_id": campaign_id,
            "title": row["title"],
            "due": row["due"],
            "due_kind": row["due_kind"],
            "vulnerabilities": list(row["vulnerabilities"]),
            "changes": said,
            "reason": reason,
            "removed": gone,
        }
        notify(conn, make_event("campaign_assigned", organisation_id, **facts), now=now)
    if added:
        notify_campaign_assigned(conn, campaign_id, now=now, only=added)


def close_campaign(
    engine: Engine,
    principal: Principal,
    campaign_id: str,
    *,
    reason: str,
    as_of: date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Close a campaign with ``reason``: its counts as of today (or ``as_of``) are kept as its
    final numbers, audited; no due or overdue notice follows. Conflict once closed."""
    why = _text(reason, "reason", MAX_TEXT)
    now = utcnow()
    today = as_of or now.date()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _open_campaign(conn, principal, campaign_id)
        found = [e for e in entries(conn, row, SYSTEM) if e.findings]
        final = counts(found, today) | {"as_of": today.isoformat()}
        conn.execute(
            campaigns.update()
            .where(campaigns.c.id == row["id"])
            .values(closed_at=now, closed_by=principal.actor, final_counts=final)
        )
        _event(conn, row["id"], principal, "closed", str(why), now=now, detail={"final": final})
    return show_campaign(engine, principal, campaign_id)
