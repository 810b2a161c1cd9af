"""Events an organisation hears of, and the outbox their deliveries wait in.

`notify` records one `Event` and queues a delivery for each of the organisation's subscriptions
that asked for its kind, in the transaction of the change that caused it (an outbox): when the
change is rolled back, nothing is queued and nothing is sent; when the process dies after the
commit, the deliveries are still there for `aicc.center.delivery.deliver_due`. A subscription
with the daily digest gathers the events of one UTC day in one delivery, sent after the day ends.

The kinds and what their payloads hold at least (a payload may hold more):

- ``new_kev_finding``: a new finding of a vulnerability in CISA's KEV catalogue, from an upload
  or a re-check, or (``joined_kev`` true) a finding the organisation had whose vulnerability a
  re-check found newly added to the catalogue;
- ``advisory_published``: an advisory was published to the organisation;
- ``campaign_assigned`` (``due`` None for a BOD 26-04 campaign; a change of the campaign
  says ``changes`` and ``reason``, and ``removed`` when it left the scope), ``campaign_due`` (in
  ``days_left`` days), ``campaign_overdue`` (`aicc.center.campaign_notices`);
- ``recheck_finished``: a re-check after a feed update found ``new_findings`` for the
  organisation, or findings newly known exploited (`aicc.center.recheck_notices`; with
  ``new_exploited``, ``joined_kev``, ``found_again``, ``closed``, ``run_id``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Connection, Engine, select

from aicc.center.errors import InvalidInput
from aicc.center.names import new_id
from aicc.core.times import utcnow
from aicc.store.center_tables import assets, findings
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.notification_tables import (
    EVENT_KINDS,
    notification_deliveries,
    notification_delivery_events,
    notification_events,
    notification_subscriptions,
)

EventKind = Literal[
    "new_kev_finding",
    "advisory_published",
    "campaign_assigned",
    "campaign_due",
    "campaign_overdue",
    "recheck_finished",
]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="allow")


class NewKevFinding(_Payload):
    finding_id: str
    vulnerability_id: str
    asset: str
    component: str | None = None
    due: date | None = None


class AdvisoryPublished(_Payload):
    advisory_id: str
    title: str


class CampaignAssigned(_Payload):
    """``due`` is the campaign's date; None for a BOD 26-04 campaign, whose deadlines run per
    finding from when it is seen (``first_due`` then says the earliest known, if any)."""

    campaign_id: str
    title: str
    due: date | None = None


class CampaignDue(CampaignAssigned):
    due: date
    days_left: int


class CampaignOverdue(CampaignAssigned):
    due: date


class RecheckFinished(_Payload):
    new_findings: int


PAYLOADS: dict[str, type[_Payload]] = {
    "new_kev_finding": NewKevFinding,
    "advisory_published": AdvisoryPublished,
    "campaign_assigned": CampaignAssigned,
    "campaign_due": CampaignDue,
    "campaign_overdue": CampaignOverdue,
    "recheck_finished": RecheckFinished,
}
assert set(PAYLOADS) == set(EVENT_KINDS)


@dataclass(frozen=True)
class Event:
    """Something an organisation may want to hear of: its kind, the organisation, the facts."""

    kind: EventKind
    organisation_id: str
    payload: dict[str, Any]


def make_event(kind: str, organisation_id: str, **payload: Any) -> Event:
    """An `Event` whose payload is checked against its kind; InvalidInput naming the field."""
    return Event(kind, organisation_id, _checked(kind, payload))  # type: ignore[arg-type]


def _checked(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    model = PAYLOADS.get(kind)
    if model is None:
        raise InvalidInput(f"event kind: {kind!r} is not one of {', '.join(EVENT_KINDS)}")
    try:
        return model.model_validate(payload).model_dump(mode="json")
    except ValidationError as exc:
        places = "; ".join(
            f"payload.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidInput(f"{kind} event: {places}") from exc


def digest_due(day: date) -> datetime:
    """When a day's digest is sent: as the UTC day ends."""
    return datetime.combine(day + timedelta(days=1), time(0))


def notify(
    target: Engine | Connection,
    event: Event,
    *,
    now: datetime | None = None,
    only: Collection[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Record ``event`` and queue its deliveries: inside the caller's transaction when given a
    Connection (the change and its notifications commit or roll back together), else in a
    transaction of its own. ``only``: to these subscriptions alone (of those that asked for
    the kind). Returns the event's id and the deliveries queued or joined."""
    if isinstance(target, Engine):
        with writing(target, lock=CENTER_LOCK, timeout=timeout) as conn:
            return notify(conn, event, now=now, only=only)
    return _record(target, event, now or utcnow(), only)


def _record(
    conn: Connection, event: Event, now: datetime, only: Collection[str] | None = None
) -> dict[str, Any]:
    payload = _checked(event.kind, dict(event.payload))
    event_id = new_id("nev")
    conn.execute(
        notification_events.insert().values(
            id=event_id,
            organisation_id=event.organisation_id,
            kind=event.kind,
            payload=payload,
            created_at=now,
        )
    )
    subscribed = [
        row
        for row in conn.execute(
            select(
                notification_subscriptions.c.id,
                notification_subscriptions.c.digest,
                notification_subscriptions.c.events,
            )
            .where(
                notification_subscriptions.c.organisation_id == event.organisation_id,
                notification_subscriptions.c.deleted_at.is_(None),
            )
            .order_by(notification_subscriptions.c.id)
        ).mappings()
        if event.kind in row["events"] and (only is None or row["id"] in only)
    ]
    deliveries: list[str] = []
    for subscription in subscribed:
        delivery_id = None
        day = now.date() if subscription["digest"] == "daily" else None
        if day is not None:  # the day's digest, while it has not been tried
            delivery_id = conn.execute(
                select(notification_deliveries.c.id).where(
                    notification_deliveries.c.subscription_id == subscription["id"],
                    notification_deliveries.c.digest_day == day,
                    notification_deliveries.c.status == "pending",
                    notification_deliveries.c.attempts == 0,
                )
            ).scalar()
        if delivery_id is None:
            delivery_id = new_id("ndl")
            conn.execute(
                notification_deliveries.insert().values(
                    id=delivery_id,
                    subscription_id=subscription["id"],
                    organisation_id=event.organisation_id,
                    digest_day=day,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now if day is None else digest_due(day),
                    created_at=now,
                )
            )
        conn.execute(
            notification_delivery_events.insert().values(delivery_id=delivery_id, event_id=event_id)
        )
        deliveries.append(delivery_id)
    return {"event": event_id, "deliveries": deliveries}


def notify_new_kev_findings(
    conn: Connection, *, organisation_id: str, inventory_id: str, now: datetime
) -> list[dict[str, Any]]:
    """A ``new_kev_finding`` event for each finding an upload (``inventory_id``, stored at
    ``now``) added whose vulnerability is in KEV, inside the upload's transaction."""
    new = (
        (findings.c.inventory_id == inventory_id)
        & (findings.c.first_seen == now)
        & findings.c.kev.is_(True)
    )
    return _kev_events(conn, organisation_id, new, now)


def notify_joined_kev(
    conn: Connection, *, organisation_id: str, finding_ids: Collection[str], now: datetime
) -> list[dict[str, Any]]:
    """A ``new_kev_finding`` event, with ``joined_kev`` true, for each of the organisation's
    findings ``finding_ids`` that a re-check found newly in KEV (its vulnerability joined the
    catalogue after the finding was first seen), inside the re-check's transaction."""
    if not finding_ids:
        return []
    joined = findings.c.id.in_(sorted(finding_ids)) & findings.c.kev.is_(True)
    return _kev_events(conn, organisation_id, joined, now, joined_kev=True)


def _kev_events(
    conn: Connection, organisation_id: str, where: Any, now: datetime, **extra: Any
) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(
            findings.c.id,
            findings.c.vulnerability_id,
            findings.c.record,
            findings.c.due,
            assets.c.name,
        )
        .join(assets, assets.c.id == findings.c.asset_id)
        .where(where)
        .order_by(findings.c.vulnerability_id, findings.c.id)
    ).mappings()
    return [
        notify(
            conn,
            make_event(
                "new_kev_finding",
                organisation_id,
                finding_id=row["id"],
                vulnerability_id=row["vulnerability_id"],
                asset=row["name"],
                component=_component(row["record"].get("component") or {}),
                due=row["due"],
                summary=row["record"].get("summary"),
                **extra,
            ),
            now=now,
        )
        for row in list(rows)
    ]


def _component(component: dict[str, Any]) -> str | None:
    name = component.get("name") or " ".join(
        str(component[k]) for k in ("vendor", "product") if component.get(k)
    )
    if not name:
        return None
    return f"{name} {component['version']}" if component.get("version") else str(name)


def describe(kind: str, payload: dict[str, Any]) -> str:
    """One line saying what an event is about, for an e-mail's subject and a digest's list."""
    if kind == "new_kev_finding":
        where = payload.get("component") or payload["asset"]
        due = f", due {payload['due']}" if payload.get("due") else ""
        if payload.get("joined_kev"):
            return (
                f"{payload['vulnerability_id']} in {where} on asset {payload['asset']} "
                f"is now known exploited (added to CISA KEV){due}"
            )
        return (
            f"{payload['vulnerability_id']} (known exploited) found in {where} "
            f"on asset {payload['asset']}{due}"
        )
    if kind == "advisory_published":
        return f"Advisory published: {payload['title']} ({payload['advisory_id']})"
    if kind == "campaign_assigned":
        due = payload.get("due") or "per finding (BOD 26-04 timelines)"
        if payload.get("removed"):
            return f"Campaign no longer concerns you: {payload['title']}"
        if payload.get("changes"):
            changed = ", ".join(sorted(payload["changes"]))
            return f"Campaign changed ({changed}): {payload['title']}, due {due}"
        return f"Campaign assigned: {payload['title']}, due {due}"
    if kind == "campaign_due":
        return f"Campaign due in {payload['days_left']} days: {payload['title']} ({payload['due']})"
    if kind == "campaign_overdue":
        return f"Campaign overdue: {payload['title']} was due {payload['due']}"
    if kind == "recheck_finished":
        exploited = payload.get("new_exploited")
        known = f", {exploited} known exploited" if exploited else ""
        joined = payload.get("joined_kev")
        if joined:
            known += f" ({joined} found before, now in KEV)"
        return f"Re-check finished: {payload['new_findings']} new findings{known}"
    return kind
