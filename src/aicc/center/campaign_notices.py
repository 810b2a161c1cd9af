"""What organisations hear of campaigns: assigned, due in N days, overdue.

- ``campaign_assigned`` is queued for every organisation in a new campaign's scope, in the
  transaction that makes the campaign (`notify_campaign_assigned`, called by
  `aicc.center.campaigns.create_campaign`). A BOD 26-04 campaign has no single date: its event
  says ``due`` None and ``first_due``, the earliest deadline of the organisation's findings
  known then (none when it has no finding yet), since each finding's clock runs from when it is
  seen and a later one may be due sooner or later than any date said now.
- ``campaign_due`` (``warn_days`` before an entry's due date, ``AICC_CAMPAIGN_DUE_DAYS`` or 7,
  or the subscription's own ``campaign_due_days``) and ``campaign_overdue`` (the day after)
  are found by `check_campaign_deadlines`, a plain
  call for a periodic task: the outbox thread of ``aicc serve``, ``aicc center deliver``, or a
  Celery beat task. Each is sent once per organisation, campaign and due date: the event
  recorded in ``notification_events`` is the record, looked up under the center's write lock,
  so a second check (or two at once) queues nothing again; a due date moved by an edit is a new
  deadline, told again when it comes due. An entry the checks missed until it was overdue
  hears only that it is overdue; a fixed entry hears nothing.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from aicc.center.campaign_status import entries, in_scope
from aicc.center.campaigns import SYSTEM, campaign_deadlines
from aicc.center.errors import InvalidInput
from aicc.center.notifications import make_event, notify
from aicc.core.errors import ConfigError
from aicc.core.times import utcnow
from aicc.store.campaign_tables import campaigns
from aicc.store.center_tables import organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.notification_tables import (
    notification_deliveries,
    notification_delivery_events,
    notification_events,
    notification_subscriptions,
)

DEFAULT_WARN_DAYS = 7
DEADLINE_KINDS = {"due_soon": "campaign_due", "overdue": "campaign_overdue"}


def warn_days_from_env(env: Mapping[str, str] | None = None) -> int:
    """``AICC_CAMPAIGN_DUE_DAYS`` (a whole number of days, 0 or more), else 7."""
    raw = (os.environ if env is None else env).get("AICC_CAMPAIGN_DUE_DAYS", "").strip()
    if not raw:
        return DEFAULT_WARN_DAYS
    if not raw.isdigit():
        raise ConfigError(f"AICC_CAMPAIGN_DUE_DAYS must be a whole number of days: {raw!r}")
    return int(raw)


def notify_campaign_assigned(
    conn: Connection, campaign_id: str, *, now: datetime, only: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """A ``campaign_assigned`` event for each organisation in the campaign's scope (``only``:
    those of them), inside the caller's transaction (the one that made or changed the
    campaign); what `notify` returned for each."""
    row = conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).mappings().one()
    exposed = {e.organisation_id: e for e in entries(conn, row, SYSTEM)}
    queued = []
    members = select(organisations.c.id).where(in_scope(row["scope"]))
    if only is not None:
        members = members.where(organisations.c.id.in_(list(only)))
    for organisation_id in conn.execute(members.order_by(organisations.c.id)).scalars():
        entry = exposed.get(organisation_id)
        facts: dict[str, Any] = {
            "campaign_id": row["id"],
            "title": row["title"],
            "due": row["due"],
            "due_kind": row["due_kind"],
            "vulnerabilities": list(row["vulnerabilities"]),
            "exposed_findings": len(entry.findings) if entry else 0,
        }
        if row["due"] is None:
            facts["first_due"] = entry.due if entry else None
        queued.append(
            notify(conn, make_event("campaign_assigned", organisation_id, **facts), now=now)
        )
    return queued


def _sent(conn: Connection) -> set[tuple[str, str, str, str]]:
    """(kind, organisation, campaign, due date) of every deadline event recorded so far."""
    rows = conn.execute(
        select(
            notification_events.c.kind,
            notification_events.c.organisation_id,
            notification_events.c.payload,
        ).where(notification_events.c.kind.in_(sorted(DEADLINE_KINDS.values())))
    )
    return {
        (kind, org, str(payload.get("campaign_id")), str(payload.get("due")))
        for kind, org, payload in rows
    }


def _told(conn: Connection) -> set[tuple[str, str, str]]:
    """(subscription, campaign, due date) of every ``campaign_due`` notice queued to a
    subscription."""
    rows = conn.execute(
        select(notification_deliveries.c.subscription_id, notification_events.c.payload)
        .join(
            notification_delivery_events,
            notification_delivery_events.c.delivery_id == notification_deliveries.c.id,
        )
        .join(
            notification_events,
            notification_events.c.id == notification_delivery_events.c.event_id,
        )
        .where(notification_events.c.kind == "campaign_due")
    )
    return {
        (subscription, str(payload.get("campaign_id")), str(payload.get("due")))
        for subscription, payload in rows
    }


def _windows(conn: Connection, default: int) -> dict[str, list[tuple[str, int]]]:
    """Each organisation's live subscriptions to ``campaign_due`` with their warning period."""
    s = notification_subscriptions
    found: dict[str, list[tuple[str, int]]] = {}
    for row in conn.execute(
        select(s.c.id, s.c.organisation_id, s.c.events, s.c.campaign_due_days)
        .where(s.c.deleted_at.is_(None))
        .order_by(s.c.id)
    ).mappings():
        if "campaign_due" in row["events"]:
            days = row["campaign_due_days"]
            found.setdefault(row["organisation_id"], []).append(
                (row["id"], default if days is None else days)
            )
    return found


def check_campaign_deadlines(
    engine: Engine,
    today: date | None = None,
    *,
    warn_days: int | None = None,
    now: datetime | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Queue ``campaign_due`` and ``campaign_overdue`` for every entry that has come due (see
    the module's docstring) and was not told yet; idempotent. Returns what was queued and how
    many were told before.

    ``campaign_due`` goes to each subscription of the organisation when the entry is within
    that subscription's own warning period (its ``campaign_due_days``, else ``warn_days``),
    once per subscription; an organisation with no such subscription has the event recorded
    at ``warn_days``, as before."""
    moment = now or utcnow()
    day = today or moment.date()
    days = warn_days_from_env() if warn_days is None else warn_days
    if days < 0:
        raise InvalidInput(f"warn_days: {days} is negative")
    with engine.connect() as conn:
        windows = _windows(conn, days)
    widest = max([days, *(w for subs in windows.values() for _, w in subs)])
    found = campaign_deadlines(engine, since=date.min, until=day, warn_days=widest)
    overdue = {
        (f["campaign"]["id"], f["organization"]["id"]) for f in found if f["kind"] == "overdue"
    }
    report: dict[str, Any] = {
        "as_of": day.isoformat(),
        "warn_days": days,
        "queued": [],
        "already_sent": 0,
    }
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        sent, told = _sent(conn), _told(conn)
        windows = _windows(conn, days)  # as they are under the lock
        for item in found:
            campaign_id, organisation_id = item["campaign"]["id"], item["organization"]["id"]
            if item["kind"] == "due_soon" and (campaign_id, organisation_id) in overdue:
                continue  # late already: "due in -3 days" would only confuse
            kind = DEADLINE_KINDS[item["kind"]]
            due = date.fromisoformat(item["due"])
            deadline = (campaign_id, item["due"])  # a moved due date is a new deadline
            only: list[str] | None = None
            if kind == "campaign_due" and organisation_id in windows:
                subs = windows[organisation_id]
                only = [
                    sub
                    for sub, window in subs
                    if (due - day).days <= window and (sub, *deadline) not in told
                ]
                if not only:
                    if any((sub, *deadline) in told for sub, _ in subs):
                        report["already_sent"] += 1
                    continue
            elif kind == "campaign_due" and (due - day).days > days:
                continue  # within a wider period than the organisation's
            elif (kind, organisation_id, *deadline) in sent:
                report["already_sent"] += 1
                continue
            facts: dict[str, Any] = {
                "campaign_id": campaign_id,
                "title": item["campaign"]["title"],
                "due": due,
                "open_findings": item["open_findings"],
            }
            if kind == "campaign_due":
                facts["days_left"] = (due - day).days
            notify(conn, make_event(kind, organisation_id, **facts), now=moment, only=only)
            sent.add((kind, organisation_id, *deadline))
            told.update((sub, *deadline) for sub in only or ())
            report["queued"].append(
                {
                    "event": kind,
                    "campaign": item["campaign"],
                    "organization": item["organization"],
                    "due": item["due"],
                }
                | ({"subscriptions": only} if only is not None else {})
            )
    return report
