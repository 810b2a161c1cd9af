"""An organisation's notification subscriptions: where to send which events, and how often.

An organisation's admin manages its own; the center's admins see every organisation's (to help
one whose deliveries fail, within the sectors and regions of their grant) but change none;
other roles get `Forbidden`. Another organisation's
subscription reads as one that does not exist (`NotFound`). A webhook's signing secret is made
here and shown once, in the answer to its creation: the store keeps it to sign with, and no
answer carries it again.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, granted, scope
from aicc.center.errors import Forbidden, InvalidInput, NotFound
from aicc.center.names import new_id
from aicc.center.targets import (
    DeniedTarget,
    Network,
    Resolver,
    check_destination,
    email_address,
    resolve,
    webhook_url,
)
from aicc.core.times import iso, utcnow
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.notification_tables import (
    CHANNELS,
    DIGESTS,
    EVENT_KINDS,
    notification_deliveries,
    notification_subscriptions,
)

SECRET_PREFIX = "whsec_"


def require_manager(principal: Principal) -> None:
    """Forbidden unless the caller is an organisation's admin."""
    if principal.is_center:
        raise Forbidden("subscriptions are managed by the organization's admin")
    if principal.role != "admin":
        raise Forbidden(f"the {principal.role} role may not manage notifications")


def require_reader(principal: Principal) -> None:
    """Forbidden unless the caller is an organisation's admin or a center admin."""
    if principal.role != "admin":
        where = "center" if principal.is_center else "organization"
        raise Forbidden(f"notifications are for admins; the {where}'s {principal.role} role")


def subscription_dict(row: RowMapping) -> dict[str, Any]:
    """A subscription as the API shows it: never its secret."""
    return {
        "id": row["id"],
        "organization": row["organisation_id"],
        "channel": row["channel"],
        "url": row["target"] if row["channel"] == "webhook" else None,
        "email": row["target"] if row["channel"] == "email" else None,
        "events": list(row["events"]),
        "digest": row["digest"],
        "campaign_due_days": row["campaign_due_days"],
        "created_at": iso(row["created_at"]),
        "created_by": row["created_by"],
        "deleted_at": iso(row["deleted_at"]),
    }


def _events(values: Sequence[str], field: str = "events") -> list[str]:
    chosen: list[str] = []
    for value in values:
        if value not in EVENT_KINDS:
            raise InvalidInput(f"{field}: {value!r} is not one of {', '.join(EVENT_KINDS)}")
        if value not in chosen:
            chosen.append(value)
    if not chosen:
        raise InvalidInput(f"{field}: name at least one of {', '.join(EVENT_KINDS)}")
    return chosen


MAX_DUE_DAYS = 365


class _Unset:
    """No change asked (``None`` means: back to the center-wide period)."""


UNSET = _Unset()


def due_days(value: object) -> int | None:
    """A warning period: whole days from 0 to `MAX_DUE_DAYS`, or None for the center's."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DUE_DAYS:
        raise InvalidInput(
            f"campaign_due_days: {value!r} is not a whole number of days from 0 to "
            f"{MAX_DUE_DAYS} (or null for the center's AICC_CAMPAIGN_DUE_DAYS)"
        )
    return value


def _digest(value: str) -> str:
    if value not in DIGESTS:
        raise InvalidInput(f"digest: {value!r} is not one of {', '.join(DIGESTS)}")
    return value


def _target(
    channel: str, target: str, denied: Sequence[Network], resolver: Resolver
) -> tuple[str, list[str]]:
    """The checked target, and warnings (a host that does not resolve now)."""
    if channel == "email":
        return email_address(target), []
    if channel != "webhook":
        raise InvalidInput(f"channel: {channel!r} is not one of {', '.join(CHANNELS)}")
    url = webhook_url(target)
    try:
        check_destination(url, denied, resolver)
    except DeniedTarget as exc:
        raise InvalidInput(f"url: {exc}") from exc
    except OSError as exc:
        return url, [f"url: the host does not resolve now ({exc}); deliveries will say so"]
    return url, []


def create_subscription(
    engine: Engine,
    principal: Principal,
    *,
    channel: str,
    target: str,
    events: Sequence[str],
    digest: str = "immediate",
    campaign_due_days: int | None = None,
    denied: Sequence[Network] = (),
    resolver: Resolver = resolve,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Subscribe the caller's organisation: ``channel`` ``webhook`` (``target`` an http(s) URL,
    refused when its host is in ``denied``) or ``email``. A webhook's answer holds its signing
    ``secret``, once; ``warnings`` says what could not be checked now. ``campaign_due_days``:
    how many days before a campaign's due date it hears ``campaign_due`` (None: the center's
    ``AICC_CAMPAIGN_DUE_DAYS``)."""
    require_manager(principal)
    checked, warnings = _target(channel, target, denied, resolver)
    days = due_days(campaign_due_days)
    row = {
        "id": new_id("sub"),
        "organisation_id": principal.organisation_id,
        "channel": channel,
        "target": checked,
        "secret": SECRET_PREFIX + secrets.token_urlsafe(32) if channel == "webhook" else None,
        "events": _events(events),
        "digest": _digest(digest),
        "campaign_due_days": days,
        "created_at": utcnow(),
        "created_by": principal.actor,
        "deleted_at": None,
    }
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(notification_subscriptions.insert().values(row))
    made = subscription_dict(row)  # type: ignore[arg-type]
    if row["secret"] is not None:
        made["secret"] = row["secret"]
    return made | {"warnings": warnings}


def _find(conn: Connection, principal: Principal, subscription_id: str) -> RowMapping:
    query = select(notification_subscriptions).where(
        notification_subscriptions.c.id == subscription_id,
        notification_subscriptions.c.deleted_at.is_(None),
        granted(principal, notification_subscriptions.c.organisation_id),
    )
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFound(f"subscription {subscription_id!r}: not found")
    return row


def list_subscriptions(
    engine: Engine, principal: Principal, *, organisation: str | None = None
) -> list[dict[str, Any]]:
    """The subscriptions the caller may see (a center admin's: every organisation's, or the
    one ``organisation`` names)."""
    require_reader(principal)
    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        query = (
            select(notification_subscriptions)
            .where(
                notification_subscriptions.c.deleted_at.is_(None),
                granted(principal, notification_subscriptions.c.organisation_id),
            )
            .order_by(
                notification_subscriptions.c.organisation_id,
                notification_subscriptions.c.created_at,
                notification_subscriptions.c.id,
            )
        )
        if organisation_id is not None:
            query = query.where(notification_subscriptions.c.organisation_id == organisation_id)
        return [subscription_dict(r) for r in conn.execute(query).mappings()]


def get_subscription(engine: Engine, principal: Principal, subscription_id: str) -> dict[str, Any]:
    """One subscription; NotFound when the caller may not see it."""
    require_reader(principal)
    with engine.connect() as conn:
        return subscription_dict(_find(conn, principal, subscription_id))


def update_subscription(
    engine: Engine,
    principal: Principal,
    subscription_id: str,
    *,
    events: Sequence[str] | None = None,
    digest: str | None = None,
    campaign_due_days: int | _Unset | None = UNSET,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Change which events a subscription gets, its digest, or its campaign warning period
    (None: back to the center's); from the next event or deadline check on."""
    require_manager(principal)
    values: dict[str, Any] = {}
    if not isinstance(campaign_due_days, _Unset):
        values["campaign_due_days"] = due_days(campaign_due_days)
    if events is not None:
        values["events"] = _events(events)
    if digest is not None:
        values["digest"] = _digest(digest)
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        _find(conn, principal, subscription_id)
        if values:
            conn.execute(
                notification_subscriptions.update()
                .where(notification_subscriptions.c.id == subscription_id)
                .values(values)
            )
        return subscription_dict(_find(conn, principal, subscription_id))


def rotate_secret(
    engine: Engine,
    principal: Principal,
    subscription_id: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """A new signing secret for a webhook (the old one leaked, or is due): returned once, and
    every delivery from now on, retries included, is signed with it alone."""
    require_manager(principal)
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _find(conn, principal, subscription_id)
        if row["channel"] != "webhook":
            raise InvalidInput(
                f"subscription {subscription_id!r}: an e-mail subscription has no secret"
            )
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        conn.execute(
            notification_subscriptions.update()
            .where(notification_subscriptions.c.id == subscription_id)
            .values(secret=secret)
        )
        return subscription_dict(row) | {"secret": secret, "warnings": []}


def delete_subscription(
    engine: Engine,
    principal: Principal,
    subscription_id: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Remove a subscription: nothing more is queued for it, and what waits to be sent is
    cancelled (its deliveries' history stays). Returns how many were cancelled."""
    require_manager(principal)
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        _find(conn, principal, subscription_id)
        conn.execute(
            notification_subscriptions.update()
            .where(notification_subscriptions.c.id == subscription_id)
            .values(deleted_at=now)
        )
        cancelled = _cancel(conn, subscription_id, now)
    return {"id": subscription_id, "deleted_at": iso(now), "cancelled_deliveries": cancelled}


def _cancel(conn: Connection, subscription_id: str, now: datetime) -> int:
    done = conn.execute(
        notification_deliveries.update()
        .where(
            notification_deliveries.c.subscription_id == subscription_id,
            notification_deliveries.c.status == "pending",
        )
        .values(status="cancelled", finished_at=now, last_error="the subscription was deleted")
    )
    return int(done.rowcount or 0)
