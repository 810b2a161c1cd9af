"""A subscription's own warning period for campaign deadlines (``campaign_due_days``): each
subscription hears ``campaign_due`` when the entry comes within its own period, once; one
without a period, and an organisation without such a subscription, at the center's
(``warn_days``). On SQLite and PostgreSQL, over real uploads as the campaigns' tests do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from aicc.center import InvalidInput, Principal
from aicc.center.campaign_notices import check_campaign_deadlines
from aicc.center.subscriptions import (
    create_subscription,
    get_subscription,
    update_subscription,
)
from aicc.core.times import utcnow
from aicc.store.notification_tables import notification_deliveries
from tests.center.test_campaigns import (
    _vpn_campaign,
    center,  # noqa: F401  (the fixture: two hospitals and a bank, each with the demo's appliances)
    store_url,  # noqa: F401  (the fixture: a copy of the sample store)
)


def _admin(members: dict[str, Principal], name: str) -> Principal:
    member = members[name]
    return Principal(
        token_id=f"tok_{name}_admin",
        role="admin",
        organisation_id=member.organisation_id,
        organisation_name=member.organisation_name,
    )


def _sent_to(engine: Engine) -> dict[str, int]:
    d = notification_deliveries
    with engine.connect() as conn:
        rows = conn.execute(select(d.c.subscription_id)).scalars().all()
    return {s: rows.count(s) for s in set(rows)}


def test_each_subscription_hears_of_a_near_deadline_at_its_own_period(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    mercy = _admin(center, "mercy")
    early = create_subscription(
        engine, mercy, channel="email", target="early@mercy.example",
        events=["campaign_due"], campaign_due_days=14,
    )  # fmt: skip
    usual = create_subscription(
        engine, mercy, channel="email", target="usual@mercy.example", events=["campaign_due"]
    )
    assert (early["campaign_due_days"], usual["campaign_due_days"]) == (14, None)
    due = utcnow().date() + timedelta(days=20)
    made = _vpn_campaign(engine, due=due)

    assert check_campaign_deadlines(engine, due - timedelta(days=15), warn_days=7)["queued"] == []
    first = check_campaign_deadlines(engine, due - timedelta(days=14), warn_days=7)
    assert [(q["organization"]["name"], q.get("subscriptions")) for q in first["queued"]] == [
        ("Mercy Hospital", [early["id"]])  # St Luke (no subscription) waits for the 7 days
    ]
    assert _sent_to(engine) == {early["id"]: 1}
    between = check_campaign_deadlines(engine, due - timedelta(days=10), warn_days=7)
    assert between["queued"] == [] and between["already_sent"] == 1

    second = check_campaign_deadlines(engine, due - timedelta(days=7), warn_days=7)
    assert [(q["organization"]["name"], q.get("subscriptions")) for q in second["queued"]] == [
        ("Mercy Hospital", [usual["id"]]),
        ("St Luke Hospital", None),  # recorded for it, as before: nobody subscribed
    ]
    assert _sent_to(engine) == {early["id"]: 1, usual["id"]: 1}
    last = check_campaign_deadlines(engine, due - timedelta(days=1), warn_days=7)
    assert last["queued"] == [] and last["already_sent"] == 2
    assert made["id"] in {q["campaign"]["id"] for q in first["queued"]}


def test_a_shorter_period_waits_past_the_center_default(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    mercy = _admin(center, "mercy")
    late = create_subscription(
        engine, mercy, channel="email", target="late@mercy.example",
        events=["campaign_due"], campaign_due_days=2,
    )  # fmt: skip
    due = utcnow().date() + timedelta(days=20)
    _vpn_campaign(engine, due=due)
    week = check_campaign_deadlines(engine, due - timedelta(days=7), warn_days=7)
    assert [q["organization"]["name"] for q in week["queued"]] == ["St Luke Hospital"]
    close = check_campaign_deadlines(engine, due - timedelta(days=2), warn_days=7)
    assert [(q["organization"]["name"], q["subscriptions"]) for q in close["queued"]] == [
        ("Mercy Hospital", [late["id"]])
    ]


@pytest.mark.parametrize("bad", [-1, 366, "7", True, 2.5])
def test_a_period_that_is_not_whole_days_from_0_to_365_is_refused_by_name(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
    bad: object,
) -> None:
    mercy = _admin(center, "mercy")
    with pytest.raises(InvalidInput, match=r"campaign_due_days: .* is not a whole number of days"):
        create_subscription(
            engine, mercy, channel="email", target="a@mercy.example",
            events=["campaign_due"], campaign_due_days=bad,  # type: ignore[arg-type]
        )  # fmt: skip
    made = create_subscription(
        engine, mercy, channel="email", target="b@mercy.example", events=["campaign_due"]
    )
    with pytest.raises(InvalidInput, match="campaign_due_days"):
        update_subscription(engine, mercy, made["id"], campaign_due_days=bad)  # type: ignore[arg-type]
    assert get_subscription(engine, mercy, made["id"])["campaign_due_days"] is None


def test_a_period_is_changed_and_set_back_to_the_centers(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    mercy = _admin(center, "mercy")
    made = create_subscription(
        engine, mercy, channel="email", target="b@mercy.example", events=["campaign_due"]
    )
    assert (
        update_subscription(engine, mercy, made["id"], campaign_due_days=30)["campaign_due_days"]
        == 30
    )
    assert update_subscription(engine, mercy, made["id"], digest="daily")["campaign_due_days"] == 30
    assert (
        update_subscription(engine, mercy, made["id"], campaign_due_days=None)["campaign_due_days"]
        is None
    )
