"""Sending the outbox (`aicc.center.delivery.deliver_due`) to a real HTTP receiver that checks
the signature and to a real SMTP server (aiosmtpd), on SQLite and PostgreSQL: retries with
backoff are recorded attempt by attempt, and a delivery that finally fails says why."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from aicc.center.delivery import DeliverySettings, deliver_due
from aicc.center.notifications import make_event, notify
from aicc.store.notification_tables import notification_attempts, notification_deliveries
from tests.center.notify_support import (
    NOW,
    add_organisation,
    add_subscription,
    self_signed,
    smtp_server,
    webhook_receiver,
)

KEV = {
    "finding_id": "fnd_1",
    "vulnerability_id": "CVE-2024-3400",
    "asset": "edge-firewall",
    "component": "Palo Alto Networks PAN-OS 10.2.9",
    "due": "2026-12-10",
}
LOCAL = DeliverySettings(denied=(), backoff=1.0, max_attempts=5, timeout=5.0)


def _delivery(engine: Engine) -> dict[str, object]:
    with engine.connect() as conn:
        return dict(conn.execute(select(notification_deliveries)).mappings().one())


def _attempts(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return [
            dict(r)
            for r in conn.execute(
                select(notification_attempts).order_by(notification_attempts.c.id)
            ).mappings()
        ]


@pytest.fixture
def store(engine: Engine) -> Engine:
    add_organisation(engine, "org_mercy", "Mercy")
    return engine


def test_a_webhook_is_retried_with_backoff_until_the_receiver_takes_it(store: Engine) -> None:
    with webhook_receiver(fail_first=2) as receiver:
        add_subscription(store, "sub_hook", "org_mercy", target=receiver.url)
        notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
        first = deliver_due(store, LOCAL, now=NOW)
        assert first == {"sent": 0, "retrying": 1, "failed": 0, "problems": []}
        waiting = _delivery(store)
        assert waiting["status"] == "pending" and waiting["attempts"] == 1
        assert waiting["next_attempt_at"] == NOW + timedelta(seconds=1)
        assert waiting["last_error"] == "HTTP 503: try again later"
        # not due yet: nothing is sent
        assert deliver_due(store, LOCAL, now=NOW + timedelta(milliseconds=500))["retrying"] == 0
        assert deliver_due(store, LOCAL, now=NOW + timedelta(seconds=1))["retrying"] == 1
        assert _delivery(store)["next_attempt_at"] == NOW + timedelta(seconds=3)  # doubled
        assert deliver_due(store, LOCAL, now=NOW + timedelta(seconds=3))["sent"] == 1
    done = _delivery(store)
    assert done["status"] == "sent" and done["attempts"] == 3 and done["last_error"] is None
    assert [(a["status_code"], a["error"]) for a in _attempts(store)] == [
        (503, "HTTP 503: try again later"),
        (503, "HTTP 503: try again later"),
        (204, None),
    ]
    assert [r["status"] for r in receiver.requests] == [503, 503, 204]
    assert all(r["signature_error"] is None for r in receiver.requests)  # each one verified
    sent = receiver.accepted[0]
    assert sent["headers"]["X-AICC-Delivery"] == done["id"]
    assert sent["headers"]["X-AICC-Event"] == "new_kev_finding"
    assert sent["headers"]["Content-Type"] == "application/json"
    body = sent["json"]
    assert body["delivery"] == done["id"] and body["type"] == "new_kev_finding"
    assert body["organization"] == {"id": "org_mercy", "name": "Mercy"}
    assert body["digest"] is None
    [event] = body["events"]
    assert event["data"] == KEV and event["type"] == "new_kev_finding"
    assert event["summary"] == (
        "CVE-2024-3400 (known exploited) found in Palo Alto Networks PAN-OS 10.2.9 on asset "
        "edge-firewall, due 2026-12-10"
    )
    assert deliver_due(store, LOCAL, now=NOW + timedelta(days=1))["sent"] == 0  # sent once


def test_a_receiver_with_another_secret_refuses_and_the_delivery_fails_with_the_reason(
    store: Engine,
) -> None:
    settings = DeliverySettings(denied=(), backoff=0.0, max_attempts=2, timeout=5.0)
    with webhook_receiver(secret="whsec_not-the-one") as receiver:
        add_subscription(store, "sub_hook", "org_mercy", target=receiver.url)
        notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
        report = deliver_due(store, settings, now=NOW)
    assert report["sent"] == 0 and report["failed"] == 1  # two attempts, both refused
    assert [r["signature_error"] for r in receiver.requests] == [
        "X-AICC-Signature: the signature does not match the body and secret"
    ] * 2
    failed = _delivery(store)
    assert failed["status"] == "failed" and failed["attempts"] == 2
    assert failed["last_error"] == "gave up after 2 attempts: HTTP 401"
    assert report["problems"] == [
        {
            "stage": "notify",
            "source": failed["id"],
            "location": receiver.url,
            "reason": "gave up after 2 attempts: HTTP 401",
        }
    ]


def test_a_receiver_that_is_not_there_is_an_error_per_attempt(store: Engine) -> None:
    with webhook_receiver() as receiver:
        url = receiver.url
    add_subscription(store, "sub_hook", "org_mercy", target=url)  # nobody listens there now
    notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    assert deliver_due(store, LOCAL, now=NOW)["retrying"] == 1
    [attempt] = _attempts(store)
    assert attempt["status_code"] is None
    assert str(attempt["error"]).startswith("ConnectError: ")


def test_a_webhook_to_a_denied_network_fails_at_once(store: Engine) -> None:
    with webhook_receiver() as receiver:
        add_subscription(store, "sub_hook", "org_mercy", target=receiver.url)
        notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
        report = deliver_due(store, DeliverySettings(), now=NOW)  # the default deny-list
    assert report["failed"] == 1 and receiver.requests == []
    assert _delivery(store)["last_error"] == (
        "refused: 127.0.0.1 is in the denied network 127.0.0.0/8: webhooks to private, loopback "
        "and link-local addresses are refused (AICC_WEBHOOK_DENY)"
    )


def test_a_name_resolving_to_a_private_address_is_refused_before_sending(store: Engine) -> None:
    add_subscription(store, "sub_hook", "org_mercy", target="https://hooks.mercy.example/aicc")
    notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    deliver_due(store, DeliverySettings(), now=NOW, resolver=lambda host, port: ["10.1.2.3"])
    assert _delivery(store)["last_error"] == (
        "refused: 10.1.2.3 is in the denied network 10.0.0.0/8 (hooks.mercy.example resolves "
        "to 10.1.2.3): webhooks to private, loopback and link-local addresses are refused "
        "(AICC_WEBHOOK_DENY)"
    )


def test_an_email_is_sent_through_the_smtp_server(store: Engine) -> None:
    with smtp_server() as box:
        add_subscription(
            store, "sub_mail", "org_mercy", channel="email", target="soc@mercy.example"
        )
        notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
        settings = DeliverySettings(
            smtp_host="127.0.0.1", smtp_port=box.port, smtp_from="aicc@center.example"
        )
        assert deliver_due(store, settings, now=NOW)["sent"] == 1
    [(sender, recipients, mail)] = box.messages
    delivery = _delivery(store)
    assert sender == "aicc@center.example" and recipients == ["soc@mercy.example"]
    assert mail["Subject"] == (
        "[AICC] CVE-2024-3400 (known exploited) found in Palo Alto Networks PAN-OS 10.2.9 on "
        "asset edge-firewall, due 2026-12-10"
    )
    assert mail["Message-ID"] == f"<{delivery['id']}@aicc>"
    text = mail.get_content()
    assert "The coordination center has news for Mercy:" in text
    assert "    vulnerability_id: CVE-2024-3400" in text
    assert [a["status_code"] for a in _attempts(store)] == [250]


def test_a_daily_digest_gathers_the_days_events_in_one_mail_after_the_day(store: Engine) -> None:
    add_subscription(
        store,
        "sub_mail",
        "org_mercy",
        channel="email",
        target="soc@mercy.example",
        events=("new_kev_finding", "advisory_published"),
        digest="daily",
    )
    notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    advisory = {"advisory_id": "AICC-2026-0042", "title": "PAN-OS GlobalProtect"}
    notify(store, make_event("advisory_published", "org_mercy", **advisory), now=NOW)
    notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW + timedelta(days=1))
    with smtp_server() as box:
        settings = DeliverySettings(smtp_host="127.0.0.1", smtp_port=box.port)
        assert deliver_due(store, settings, now=NOW + timedelta(hours=14))["sent"] == 0  # same day
        assert deliver_due(store, settings, now=NOW + timedelta(hours=15))["sent"] == 1  # midnight
    [(_, _, mail)] = box.messages
    assert mail["Subject"] == "[AICC] Daily digest for Mercy, 2026-12-07: 2 events"
    text = mail.get_content()
    assert "What the coordination center saw for Mercy on 2026-12-07 (UTC):" in text
    assert "Advisory published: PAN-OS GlobalProtect (AICC-2026-0042)" in text
    assert text.count("CVE-2024-3400 (known exploited)") == 2  # its line and its details


def test_a_digest_webhook_carries_the_days_events(store: Engine) -> None:
    with webhook_receiver() as receiver:
        add_subscription(store, "sub_hook", "org_mercy", target=receiver.url, digest="daily")
        for hour in (1, 2, 3):
            notify(
                store,
                make_event("new_kev_finding", "org_mercy", **KEV),
                now=NOW + timedelta(hours=hour),
            )
        deliver_due(store, LOCAL, now=NOW + timedelta(days=1))
    [request] = receiver.accepted
    assert request["headers"]["X-AICC-Event"] == "digest"
    assert request["json"]["digest"] == "2026-12-07" and len(request["json"]["events"]) == 3


def test_a_mailbox_refused_for_good_fails_at_once_a_missing_server_is_retried(
    store: Engine,
) -> None:
    add_subscription(store, "sub_gone", "org_mercy", channel="email", target="gone@mercy.example")
    notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    assert deliver_due(store, DeliverySettings(), now=NOW)["retrying"] == 1  # no AICC_SMTP_HOST
    assert _delivery(store)["last_error"] == "no mail server is set (AICC_SMTP_HOST)"
    with smtp_server(refuse=("gone@mercy.example",)) as box:
        settings = DeliverySettings(smtp_host="127.0.0.1", smtp_port=box.port)
        assert deliver_due(store, settings, now=NOW + timedelta(hours=1))["failed"] == 1
    failed = _delivery(store)
    assert failed["status"] == "failed" and box.messages == []
    assert failed["last_error"] == "the mail server answered 550 5.1.1 no such mailbox here"


def test_a_delivery_whose_sender_died_is_claimed_again_after_its_lease(store: Engine) -> None:
    with webhook_receiver() as receiver:
        add_subscription(store, "sub_hook", "org_mercy", target=receiver.url)
        notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
        with store.begin() as conn:  # as a sender leaves it when killed mid-send
            conn.execute(
                update(notification_deliveries).values(
                    status="sending", claimed_until=NOW + timedelta(minutes=5)
                )
            )
        assert deliver_due(store, LOCAL, now=NOW + timedelta(minutes=1))["sent"] == 0
        assert deliver_due(store, LOCAL, now=NOW + timedelta(minutes=6))["sent"] == 1
    assert len(receiver.accepted) == 1


def test_settings_come_from_the_environment_and_a_bad_value_is_named() -> None:
    settings = DeliverySettings.from_env(
        {
            "AICC_SMTP_HOST": "mail.center.example",
            "AICC_SMTP_PORT": "587",
            "AICC_SMTP_FROM": "aicc@center.example",
            "AICC_SMTP_STARTTLS": "1",
            "AICC_WEBHOOK_DENY": "none",
            "AICC_NOTIFY_MAX_ATTEMPTS": "3",
        }
    )
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == (
        "mail.center.example",
        587,
        True,
    )
    assert settings.denied == () and settings.max_attempts == 3
    assert [settings.delay(n) for n in (1, 2, 3)] == [30.0, 60.0, 120.0]
    assert len(DeliverySettings.from_env({}).denied) > 10  # the private ranges by default
    from aicc.core.errors import ConfigError

    with pytest.raises(ConfigError, match="AICC_SMTP_PORT must be a number: 'smtp'"):
        DeliverySettings.from_env({"AICC_SMTP_PORT": "smtp"})
    with pytest.raises(ConfigError, match="AICC_WEBHOOK_DENY: 'intranet' is not a network"):
        DeliverySettings.from_env({"AICC_WEBHOOK_DENY": "10.0.0.0/8, intranet"})


def test_a_redirect_is_not_followed_and_says_where_it_led(store: Engine) -> None:
    with webhook_receiver(redirect_to="http://169.254.169.254/latest/") as receiver:
        add_subscription(store, "sub_hook", "org_mercy", target=receiver.url)
        notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
        deliver_due(store, LOCAL, now=NOW)
    assert len(receiver.requests) == 1  # the metadata service was never asked
    assert _delivery(store)["last_error"] == (
        "HTTP 302: redirected to http://169.254.169.254/latest/; not followed"
    )


def test_starttls_is_used_and_the_servers_certificate_checked(
    store: Engine, tmp_path: Path
) -> None:
    cert, key = self_signed(tmp_path)
    add_subscription(store, "sub_mail", "org_mercy", channel="email", target="soc@mercy.example")
    notify(store, make_event("new_kev_finding", "org_mercy", **KEV), now=NOW)
    with smtp_server(tls=(cert, key)) as box:
        plain = DeliverySettings(smtp_host="127.0.0.1", smtp_port=box.port)
        assert deliver_due(store, plain, now=NOW)["retrying"] == 1  # the server wants TLS
        assert _delivery(store)["last_error"] == (
            "the mail server answered 530 Must issue a STARTTLS command first"
        )
        unknown = DeliverySettings(smtp_host="127.0.0.1", smtp_port=box.port, smtp_starttls=True)
        deliver_due(store, unknown, now=NOW + timedelta(minutes=1))  # a CA we do not trust
        assert str(_delivery(store)["last_error"]).startswith(
            "SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED]"
        )
        assert box.messages == []
        trusted = DeliverySettings(
            smtp_host="127.0.0.1", smtp_port=box.port, smtp_starttls=True, smtp_ca_file=str(cert)
        )
        assert deliver_due(store, trusted, now=NOW + timedelta(minutes=5))["sent"] == 1
    assert len(box.messages) == 1
