"""The outbox (`aicc.center.notifications.notify`): an event and its deliveries are written in
the transaction of the change that caused them, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from aicc.center.errors import InvalidInput
from aicc.center.notifications import digest_due, make_event, notify
from aicc.store.center_tables import organisations
from aicc.store.locks import CENTER_LOCK, writing
from aicc.store.notification_tables import (
    notification_deliveries,
    notification_delivery_events,
    notification_events,
)
from tests.center.notify_support import NOW, add_organisation, add_subscription

KEV = {"finding_id": "fnd_1", "vulnerability_id": "CVE-2024-3400", "asset": "edge-firewall"}


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)  # type: ignore[arg-type]


@pytest.fixture
def mercy(engine: Engine) -> Engine:
    """Two organisations; Mercy has an immediate webhook, a daily e-mail digest and a webhook
    for advisories only; the other organisation a webhook of its own."""
    add_organisation(engine, "org_mercy", "Mercy")
    add_organisation(engine, "org_other", "Other")
    add_subscription(engine, "sub_hook", "org_mercy")
    add_subscription(
        engine,
        "sub_mail",
        "org_mercy",
        channel="email",
        target="soc@mercy.example",
        events=("new_kev_finding", "campaign_due"),
        digest="daily",
    )
    add_subscription(engine, "sub_adv", "org_mercy", events=("advisory_published",))
    add_subscription(engine, "sub_theirs", "org_other")
    return engine


def test_an_event_queues_one_delivery_per_subscription_of_its_kind(mercy: Engine) -> None:
    queued = notify(mercy, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    with mercy.connect() as conn:
        rows = {
            r["subscription_id"]: r
            for r in conn.execute(select(notification_deliveries)).mappings()
        }
        stored = conn.execute(select(notification_events)).mappings().one()
    assert set(rows) == {"sub_hook", "sub_mail"}  # not the advisories', not another org's
    assert sorted(queued["deliveries"]) == sorted(r["id"] for r in rows.values())
    assert stored["kind"] == "new_kev_finding" and stored["organisation_id"] == "org_mercy"
    assert stored["payload"] == KEV | {"component": None, "due": None}
    assert rows["sub_hook"]["status"] == "pending" and rows["sub_hook"]["next_attempt_at"] == NOW
    assert rows["sub_hook"]["digest_day"] is None
    # the digest waits for the day to end
    assert rows["sub_mail"]["digest_day"] == NOW.date()
    assert rows["sub_mail"]["next_attempt_at"] == datetime(2026, 12, 8, 0, 0)


def test_a_days_events_join_one_digest_and_the_next_day_starts_another(mercy: Engine) -> None:
    first = notify(mercy, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    due = make_event(
        "campaign_due",
        "org_mercy",
        campaign_id="cmp_1",
        title="Patch PAN-OS",
        due="2026-12-20",
        days_left=13,
    )
    second = notify(mercy, due, now=NOW + timedelta(hours=5))
    later = notify(mercy, due, now=NOW + timedelta(days=1))
    with mercy.connect() as conn:
        digests = list(
            conn.execute(
                select(notification_deliveries)
                .where(notification_deliveries.c.subscription_id == "sub_mail")
                .order_by(notification_deliveries.c.digest_day)
            ).mappings()
        )
        links = conn.execute(
            select(func.count()).where(
                notification_delivery_events.c.delivery_id == digests[0]["id"]
            )
        ).scalar()
    assert [d["digest_day"] for d in digests] == [date(2026, 12, 7), date(2026, 12, 8)]
    assert links == 2
    assert digests[0]["id"] in first["deliveries"] and digests[0]["id"] in second["deliveries"]
    assert digests[1]["id"] in later["deliveries"]
    assert digest_due(date(2026, 12, 8)) == datetime(2026, 12, 9)


def test_a_digest_already_tried_is_not_joined(mercy: Engine) -> None:
    notify(mercy, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    with mercy.begin() as conn:  # a sender took it (it was due: the clock was past midnight)
        conn.execute(
            notification_deliveries.update()
            .where(notification_deliveries.c.subscription_id == "sub_mail")
            .values(status="sending")
        )
    notify(mercy, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    with mercy.connect() as conn:
        statuses = sorted(
            conn.execute(
                select(notification_deliveries.c.status).where(
                    notification_deliveries.c.subscription_id == "sub_mail"
                )
            ).scalars()
        )
    assert statuses == ["pending", "sending"]  # the late event has a digest of its own


def test_a_rolled_back_change_queues_nothing_and_a_committed_one_everything(mercy: Engine) -> None:
    class Refused(Exception):
        pass

    with pytest.raises(Refused), writing(mercy, lock=CENTER_LOCK) as conn:
        conn.execute(
            organisations.update().where(organisations.c.id == "org_mercy").values(region="Iowa")
        )
        notify(conn, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
        assert _count_in(conn) == 2  # visible inside the transaction
        raise Refused
    assert _count(mercy, notification_events) == 0
    assert _count(mercy, notification_deliveries) == 0
    with mercy.connect() as conn:
        region = conn.execute(
            select(organisations.c.region).where(organisations.c.id == "org_mercy")
        )
        assert region.scalar() is None  # the caller's change was rolled back with them
    with writing(mercy, lock=CENTER_LOCK) as conn:
        conn.execute(
            organisations.update().where(organisations.c.id == "org_mercy").values(region="Iowa")
        )
        notify(conn, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    assert _count(mercy, notification_events) == 1
    assert _count(mercy, notification_deliveries) == 2


def _count_in(conn: object) -> int:
    return int(conn.execute(select(func.count()).select_from(notification_deliveries)).scalar())  # type: ignore[attr-defined]


def test_an_event_of_an_organisation_without_subscriptions_is_recorded_alone(mercy: Engine) -> None:
    add_organisation(mercy, "org_quiet", "Quiet")
    queued = notify(mercy, make_event("recheck_finished", "org_quiet", new_findings=3), now=NOW)
    assert queued["deliveries"] == []
    assert _count(mercy, notification_events) == 1


@pytest.mark.parametrize(
    ("kind", "payload", "message"),
    [
        (
            "new_kev_finding",
            {"finding_id": "fnd_1", "asset": "x"},
            "new_kev_finding event: payload.vulnerability_id: Field required",
        ),
        (
            "campaign_due",
            {"campaign_id": "c", "title": "t", "due": "soon", "days_left": 3},
            "campaign_due event: payload.due: Input should be a valid date or datetime, "
            "input is too short",
        ),
        (
            "new_kev_fnding",
            {},
            "event kind: 'new_kev_fnding' is not one of new_kev_finding, advisory_published, "
            "campaign_assigned, campaign_due, campaign_overdue, recheck_finished",
        ),
    ],
)
def test_a_bad_event_names_the_field_and_records_nothing(
    mercy: Engine, kind: str, payload: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        notify(mercy, make_event(kind, "org_mercy", **payload), now=NOW)
    assert raised.value.message == message
    assert _count(mercy, notification_events) == 0
