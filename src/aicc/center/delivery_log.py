"""What became of the notifications: each delivery, its events and every attempt.

An organisation's admin sees its own (the failed ones first to act on: a receiver that refuses,
an address that bounces); the center's admins see every organisation's in their grant (sectors,
regions). A failed delivery can be sent again (`retry_delivery`), once its cause is mended.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, granted, scope
from aicc.center.errors import Conflict, InvalidInput, NotFound
from aicc.center.notifications import describe
from aicc.center.subscriptions import require_manager, require_reader
from aicc.core.times import iso, utcnow
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.notification_tables import (
    DELIVERY_STATUSES,
    notification_attempts,
    notification_deliveries,
    notification_delivery_events,
    notification_events,
    notification_subscriptions,
)

MAX_LIMIT = 500


def _query(principal: Principal) -> Any:
    d, s = notification_deliveries, notification_subscriptions
    query = select(
        d, s.c.channel, s.c.target, s.c.deleted_at.label("subscription_deleted_at")
    ).join(s, s.c.id == d.c.subscription_id)
    return query.where(granted(principal, d.c.organisation_id))


def _events(conn: Connection, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return found
    for row in conn.execute(
        select(notification_delivery_events.c.delivery_id, notification_events)
        .join(
            notification_events, notification_events.c.id == notification_delivery_events.c.event_id
        )
        .where(notification_delivery_events.c.delivery_id.in_(ids))
        .order_by(notification_events.c.created_at, notification_events.c.id)
    ).mappings():
        found[row["delivery_id"]].append(
            {
                "id": row["id"],
                "type": row["kind"],
                "created_at": iso(row["created_at"]),
                "summary": describe(row["kind"], row["payload"]),
                "data": row["payload"],
            }
        )
    return found


def _attempts(conn: Connection, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return found
    for row in conn.execute(
        select(notification_attempts)
        .where(notification_attempts.c.delivery_id.in_(ids))
        .order_by(notification_attempts.c.id)
    ).mappings():
        found[row["delivery_id"]].append(
            {
                "at": iso(row["at"]),
                "status_code": row["status_code"],
                "error": row["error"],
                "duration_ms": row["duration_ms"],
            }
        )
    return found


def delivery_dict(
    row: RowMapping, events: list[dict[str, Any]], attempts: list[dict[str, Any]]
) -> dict[str, Any]:
    """A delivery as the API shows it: where it went, what it carried, every attempt."""
    return {
        "id": row["id"],
        "organization": row["organisation_id"],
        "subscription": {
            "id": row["subscription_id"],
            "channel": row["channel"],
            "target": row["target"],
            "deleted": row["subscription_deleted_at"] is not None,
        },
        "digest_day": row["digest_day"].isoformat() if row["digest_day"] else None,
        "status": row["status"],
        "attempts": attempts,
        "next_attempt_at": iso(row["next_attempt_at"]) if row["status"] == "pending" else None,
        "created_at": iso(row["created_at"]),
        "finished_at": iso(row["finished_at"]),
        "last_error": row["last_error"],
        "events": events,
    }


def list_deliveries(
    engine: Engine,
    principal: Principal,
    *,
    organisation: str | None = None,
    statuses: Sequence[str] = (),
    limit: int = 100,
) -> list[dict[str, Any]]:
    """The newest deliveries the caller may see, of ``statuses`` (all by default)."""
    require_reader(principal)
    for status in statuses:
        if status not in DELIVERY_STATUSES:
            raise InvalidInput(f"status: {status!r} is not one of {', '.join(DELIVERY_STATUSES)}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit: must be from 1 to {MAX_LIMIT}")
    d = notification_deliveries
    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        query = _query(principal).order_by(d.c.created_at.desc(), d.c.id.desc()).limit(limit)
        if organisation_id is not None:
            query = query.where(d.c.organisation_id == organisation_id)
        if statuses:
            query = query.where(d.c.status.in_(list(statuses)))
        rows = list(conn.execute(query).mappings())
        ids = [r["id"] for r in rows]
        events, attempts = _events(conn, ids), _attempts(conn, ids)
    return [delivery_dict(r, events[r["id"]], attempts[r["id"]]) for r in rows]


def get_delivery(engine: Engine, principal: Principal, delivery_id: str) -> dict[str, Any]:
    """One delivery; NotFound when the caller may not see it."""
    require_reader(principal)
    with engine.connect() as conn:
        row = (
            conn.execute(_query(principal).where(notification_deliveries.c.id == delivery_id))
            .mappings()
            .first()
        )
        if row is None:
            raise NotFound(f"delivery {delivery_id!r}: not found")
        return delivery_dict(
            row,
            _events(conn, [delivery_id])[delivery_id],
            _attempts(conn, [delivery_id])[delivery_id],
        )


def retry_delivery(
    engine: Engine, principal: Principal, delivery_id: str, *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """Send a failed delivery again, with a fresh count of attempts (its history stays)."""
    require_manager(principal)
    d = notification_deliveries
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = conn.execute(_query(principal).where(d.c.id == delivery_id)).mappings().first()
        if row is None:
            raise NotFound(f"delivery {delivery_id!r}: not found")
        if row["status"] != "failed":
            raise Conflict(
                f"delivery {delivery_id!r} is {row['status']}: only a failed one is retried"
            )
        if row["subscription_deleted_at"] is not None:
            raise Conflict(f"delivery {delivery_id!r}: its subscription was deleted")
        conn.execute(
            d.update()
            .where(d.c.id == delivery_id)
            .values(status="pending", attempts=0, next_attempt_at=utcnow(), finished_at=None)
        )
    return get_delivery(engine, principal, delivery_id)
