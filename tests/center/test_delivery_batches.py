"""A round of `aicc.center.delivery.deliver_due` over many deliveries, on SQLite and PostgreSQL:
deliveries share keep-alive connections to a receiver, a host is looked up once a round, and a
batch that mixes outcomes records each delivery's own status and attempt."""

from __future__ import annotations

import ipaddress
from collections import Counter

from sqlalchemy import Engine, select

from aicc.center.delivery import DeliverySettings, deliver_due
from aicc.center.notifications import make_event, notify
from aicc.store.notification_tables import notification_attempts, notification_deliveries
from tests.center.notify_support import NOW, add_organisation, add_subscription, webhook_receiver

LOCAL = DeliverySettings(denied=(), backoff=1.0, max_attempts=5, timeout=5.0, senders=4)


def _advisory(engine: Engine, organisation_id: str) -> None:
    notify(
        engine,
        make_event("advisory_published", organisation_id, advisory_id="AICC-2026-0001", title="T"),
        now=NOW,
    )


def _statuses(engine: Engine) -> dict[str, tuple[str, int, str | None]]:
    d = notification_deliveries
    with engine.connect() as conn:
        return {
            r.subscription_id: (r.status, r.attempts, r.last_error)
            for r in conn.execute(
                select(d.c.subscription_id, d.c.status, d.c.attempts, d.c.last_error)
            )
        }


def test_many_deliveries_reuse_a_few_connections_and_are_all_recorded(engine: Engine) -> None:
    with webhook_receiver(keep_alive=True) as receiver:
        for i in range(40):
            add_organisation(engine, f"org_{i:02d}", f"Organisation {i}")
            add_subscription(
                engine,
                f"sub_{i:02d}",
                f"org_{i:02d}",
                target=receiver.url,
                events=("advisory_published",),
            )
            _advisory(engine, f"org_{i:02d}")
        report = deliver_due(engine, LOCAL, now=NOW)
    assert report == {"sent": 40, "retrying": 0, "failed": 0, "problems": []}
    assert len(receiver.accepted) == 40
    assert all(r["signature_error"] is None for r in receiver.requests)
    connections = Counter(r["peer"] for r in receiver.requests)
    assert len(connections) <= LOCAL.senders  # not one connection per delivery
    assert set(_statuses(engine).values()) == {("sent", 1, None)}
    with engine.connect() as conn:
        codes = list(conn.execute(select(notification_attempts.c.status_code)).scalars())
    assert sorted(codes) == [204] * 40


def test_a_long_answer_is_read_up_to_a_bound_and_the_delivery_counts_as_sent(
    engine: Engine,
) -> None:
    with webhook_receiver(keep_alive=True, answer=b"x" * 200_000) as receiver:
        for i in range(3):
            add_organisation(engine, f"org_{i}", f"Organisation {i}")
            add_subscription(
                engine, f"sub_{i}", f"org_{i}", target=receiver.url, events=("advisory_published",)
            )
            _advisory(engine, f"org_{i}")
        report = deliver_due(engine, LOCAL, now=NOW)
    assert report["sent"] == 3 and len(receiver.accepted) == 3


def test_one_batch_of_mixed_outcomes_records_each_deliverys_own(engine: Engine) -> None:
    """Sent, to be retried and refused at once, in the same round and batch."""
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["10.1.2.3"]

    settings = DeliverySettings(
        denied=(ipaddress.ip_network("10.0.0.0/8"),), backoff=60.0, max_attempts=5, timeout=5.0
    )
    with webhook_receiver() as good, webhook_receiver(fail_first=1) as flaky:
        for name, target in [
            ("good", good.url),
            ("flaky", flaky.url),
            ("inside", "https://hooks.inside.example/a"),
            ("inside2", "https://hooks.inside.example/b"),
        ]:
            add_organisation(engine, f"org_{name}", name)
            add_subscription(
                engine, f"sub_{name}", f"org_{name}", target=target, events=("advisory_published",)
            )
            _advisory(engine, f"org_{name}")
        report = deliver_due(engine, settings, now=NOW, resolver=resolver)
    assert (report["sent"], report["retrying"], report["failed"]) == (1, 1, 2)
    assert lookups == ["hooks.inside.example"]  # looked up once for the round
    statuses = _statuses(engine)
    assert statuses["sub_good"] == ("sent", 1, None)
    assert statuses["sub_flaky"] == ("pending", 1, "HTTP 503: try again later")
    for name in ("sub_inside", "sub_inside2"):
        status, attempts, error = statuses[name]
        assert (status, attempts) == ("failed", 1)
        assert error is not None and error.startswith("refused: 10.1.2.3 is in the denied network")
    d = notification_deliveries
    with engine.connect() as conn:
        retry_at = conn.execute(
            select(d.c.next_attempt_at).where(d.c.subscription_id == "sub_flaky")
        ).scalar_one()
        claimed = conn.execute(select(d.c.claimed_until).where(d.c.claimed_until.is_not(None)))
        assert claimed.first() is None  # every claim released
    assert abs((retry_at - NOW).total_seconds() - 60.0) < 1
