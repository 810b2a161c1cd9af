"""Notifications through the server, on SQLite and PostgreSQL: an organisation's admin manages
its subscriptions over the API, an upload with new KEV findings is delivered in the background
(the thread of ``aicc serve``) to a real webhook receiver and a real SMTP server, retries and
failures are visible to that admin (API and page)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from aicc.core.settings import Settings
from aicc.server.app import create_app
from tests.center.notify_support import Mailbox, smtp_server, webhook_receiver
from tests.conftest import BACKENDS, sample_copy
from tests.server.conftest import UPLOAD_LIMIT_MB, Center, upload
from tests.server.test_pages import csrf_of, log_in, user

DEMO = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "demo" / "rural-hospital"
APPLIANCES = DEMO / "appliances.csv"  # five appliances with a vulnerability in KEV
SBOM = DEMO / "patient-portal" / "sbom.cdx.json"  # findings, none in KEV
KEV_IDS = ["CVE-2023-22515", "CVE-2023-34362", "CVE-2024-1709", "CVE-2024-21762", "CVE-2024-3400"]
BASE = "/api/notifications"


class NotifyCenter(Center):
    """A center whose outbox thread runs, with the SMTP server it sends to."""

    mailbox: Mailbox


@contextmanager
def serve_with_lifespan(app: Any) -> Iterator[str]:
    """uvicorn on a free port of 127.0.0.1 running the app's lifespan, as ``aicc serve`` does
    (the shared fixture turns it off)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="module", params=BACKENDS)
def notify_center(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
    sample_template: dict[str, str],
) -> Iterator[NotifyCenter]:
    """A center whose outbox thread runs every 0.2 s, retrying after 0.2 s and giving up after
    3 attempts, with the deny-list off (the receivers are on 127.0.0.1) and a real SMTP server."""
    home = tmp_path_factory.mktemp("notify")
    url = sample_copy(
        sample_template, request.param, folder=home, postgres_url=postgres_url, suffix="notify"
    )
    with smtp_server() as box:
        env = {
            "AICC_HOME": str(home),
            "AICC_DATABASE_URL": url,
            "AICC_MAX_UPLOAD_MB": UPLOAD_LIMIT_MB,
            "AICC_WEBHOOK_DENY": "none",
            "AICC_NOTIFY_INTERVAL": "0.2",
            "AICC_NOTIFY_BACKOFF": "0.2",
            "AICC_NOTIFY_MAX_ATTEMPTS": "3",
            "AICC_SMTP_HOST": "127.0.0.1",
            "AICC_SMTP_PORT": str(box.port),
            "AICC_SMTP_FROM": "aicc@center.example",
        }
        app = create_app(Settings.from_env(env), env)
        try:
            with serve_with_lifespan(app) as base_url:
                center = NotifyCenter(base_url, env)
                center.mailbox = box
                yield center
        finally:
            app.state.center.engine.dispose()


def wait_for(check: Callable[[], Any], seconds: float = 60.0) -> Any:
    """``check()`` once it is truthy: the outbox thread works beside the test."""
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, "the outbox thread did not get there in time"
        time.sleep(0.1)
    return found


def subscribe(client: httpx.Client, **body: Any) -> dict[str, Any]:
    made = client.post(f"{BASE}/subscriptions", json=body)
    assert made.status_code == 201, made.text
    return dict(made.json())


def _deliveries(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(f"{BASE}/deliveries", params=params)
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def test_new_kev_findings_of_an_upload_reach_the_webhook_and_the_mailbox(
    notify_center: NotifyCenter,
) -> None:
    _, name, token = notify_center.organisation()
    with webhook_receiver(fail_first=2) as receiver, notify_center.client(token) as client:
        hook = subscribe(client, channel="webhook", url=receiver.url, events=["new_kev_finding"])
        assert hook["secret"].startswith("whsec_") and hook["warnings"] == []
        receiver.secret = hook["secret"]  # the receiver keeps what it was shown once
        subscribe(client, channel="email", email="soc@hospital.example", events=["new_kev_finding"])
        assert upload(client, SBOM, asset="portal").status_code == 201  # no KEV: no event
        assert upload(client, APPLIANCES, asset="edge").status_code == 201
        sent = wait_for(
            lambda: (found := _deliveries(client, status="sent")) and len(found) == 10 and found
        )
        assert upload(client, APPLIANCES, asset="edge").status_code == 201  # nothing new
    assert all(r["signature_error"] is None for r in receiver.requests)  # each one verified
    got = sorted(r["json"]["events"][0]["data"]["vulnerability_id"] for r in receiver.accepted)
    assert got == KEV_IDS
    assert {r["json"]["organization"]["name"] for r in receiver.accepted} == {name}
    hooks = [d for d in sent if d["subscription"]["channel"] == "webhook"]
    for delivery in hooks:  # two refusals, then taken: every attempt recorded
        assert [a["status_code"] for a in delivery["attempts"]] == [503, 503, 204]
        assert delivery["attempts"][0]["error"] == "HTTP 503: try again later"
        assert receiver.tries(delivery["id"]) == 3
    mails = [m for _, to, m in notify_center.mailbox.messages if to == ["soc@hospital.example"]]
    subjects = sorted(m["Subject"] for m in mails if f"news for {name}:" in m.get_content())
    assert len(subjects) == 5
    assert all(s.startswith("[AICC] CVE-") and "(known exploited)" in s for s in subjects)
    events = {e["data"]["vulnerability_id"] for d in sent for e in d["events"]}
    assert events == set(KEV_IDS)
    time.sleep(1)  # the third upload found nothing new: nothing more was queued
    with notify_center.client(token) as client:
        assert len(_deliveries(client)) == 10


def test_a_delivery_that_finally_fails_is_shown_to_the_admin_with_its_reason(
    notify_center: NotifyCenter,
) -> None:
    _, name, token = notify_center.organisation()
    with webhook_receiver(fail_first=9) as receiver, notify_center.client(token) as client:
        hook = subscribe(client, channel="webhook", url=receiver.url, events=["new_kev_finding"])
        receiver.secret = hook["secret"]
        assert upload(client, APPLIANCES, asset="edge").status_code == 201
        failed = wait_for(
            lambda: (found := _deliveries(client, status="failed")) and len(found) == 5 and found
        )
        for delivery in failed:
            assert delivery["last_error"] == "gave up after 3 attempts: HTTP 503: try again later"
            assert [a["status_code"] for a in delivery["attempts"]] == [503, 503, 503]
        one = client.get(f"{BASE}/deliveries/{failed[0]['id']}").json()
        assert one == failed[0] | {"attempts": one["attempts"]}
        # mended: sent again on request, with a fresh count of attempts
        receiver.fail_first = 0
        again = client.post(f"{BASE}/deliveries/{failed[0]['id']}/retry")
        assert again.status_code == 200 and again.json()["status"] == "pending"
        wait_for(
            lambda: client.get(f"{BASE}/deliveries/{failed[0]['id']}").json()["status"] == "sent"
        )
        refused = client.post(f"{BASE}/deliveries/{failed[0]['id']}/retry")
        assert refused.status_code == 409
        assert refused.json()["detail"].endswith("is sent: only a failed one is retried")
        email = user(notify_center, "--org", name)
        with log_in(notify_center, email) as browser:
            page = browser.get("/notifications")
            assert page.status_code == 200
            assert page.text.count("gave up after 3 attempts: HTTP 503: try again later") == 4
            assert receiver.url in page.text and 'href="/notifications"' in page.text
            # the admin sends one again from the page
            again = failed[1]["id"]
            assert f'action="/notifications/deliveries/{again}/retry"' in page.text
            forged = browser.post(f"/notifications/deliveries/{again}/retry")
            assert forged.status_code == 403  # no CSRF token: refused, nothing changed
            sent = browser.post(
                f"/notifications/deliveries/{again}/retry", data={"csrf": csrf_of(page.text)}
            )
            assert sent.status_code == 303
            assert sent.headers["location"] == f"/notifications?retried={again}"
            wait_for(lambda: client.get(f"{BASE}/deliveries/{again}").json()["status"] == "sent")
            page = browser.get("/notifications")
            assert page.text.count("gave up after 3 attempts: HTTP 503: try again later") == 3


def test_subscriptions_are_made_changed_and_removed_and_secrets_never_come_back(
    notify_center: NotifyCenter,
) -> None:
    _, _, token = notify_center.organisation()
    with notify_center.client(token) as client:
        hook = subscribe(
            client,
            channel="webhook",
            url="https://hooks.hospital.example/aicc",
            events=["new_kev_finding", "advisory_published", "new_kev_finding"],
            digest="daily",
        )
        assert hook["events"] == ["new_kev_finding", "advisory_published"]
        secret = hook["secret"]
        listed = client.get(f"{BASE}/subscriptions").json()
        assert [s["id"] for s in listed] == [hook["id"]]
        one = client.get(f"{BASE}/subscriptions/{hook['id']}").json()
        changed = client.patch(
            f"{BASE}/subscriptions/{hook['id']}", json={"events": ["campaign_due"]}
        ).json()
        assert changed["events"] == ["campaign_due"] and changed["digest"] == "daily"
        for answer in (listed, one, changed, client.get("/openapi.json").json()):
            assert secret not in str(answer)
        assert "secret" not in one and one["url"] == "https://hooks.hospital.example/aicc"
        removed = client.delete(f"{BASE}/subscriptions/{hook['id']}")
        assert removed.status_code == 200 and removed.json()["cancelled_deliveries"] == 0
        assert client.get(f"{BASE}/subscriptions/{hook['id']}").status_code == 404
        assert client.get(f"{BASE}/subscriptions").json() == []


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            {"channel": "webhook", "url": "file:///etc/passwd", "events": ["new_kev_finding"]},
            "url: the scheme file: is not allowed; a webhook is an http:// or https:// URL",
        ),
        (
            {"channel": "webhook", "url": "gopher://h.example/", "events": ["campaign_due"]},
            "url: the scheme gopher: is not allowed; a webhook is an http:// or https:// URL",
        ),
        (
            {"channel": "email", "email": "SOC <soc@x.example>", "events": ["campaign_due"]},
            "email: 'SOC <soc@x.example>' is not an e-mail address such as soc@example.org",
        ),
        (
            {"channel": "email", "url": "https://h.example/", "events": ["campaign_due"]},
            "body: Value error, a email subscription needs 'email'",
        ),
        (
            {"channel": "webhook", "url": "https://h.example/", "events": []},
            "body.events: List should have at least 1 item after validation, not 0",
        ),
        (
            {"channel": "webhook", "url": "https://h.example/", "events": ["new_cve"]},
            "body.events.0: Input should be 'new_kev_finding', 'advisory_published', "
            "'campaign_assigned', 'campaign_due', 'campaign_overdue' or 'recheck_finished'",
        ),
    ],
)
def test_a_bad_subscription_is_refused_naming_the_field(
    notify_center: NotifyCenter, body: dict[str, Any], detail: str
) -> None:
    _, _, token = notify_center.organisation()
    with notify_center.client(token) as client:
        answer = client.post(f"{BASE}/subscriptions", json=body)
        assert answer.status_code == 422
        assert answer.json()["detail"] == detail
        assert client.get(f"{BASE}/subscriptions").json() == []


def test_a_webhook_into_a_private_network_is_refused_by_default(center: Center) -> None:
    _, _, token = center.organisation()  # the shared center: AICC_WEBHOOK_DENY unset
    with center.client(token) as client:
        for url, address, network in (
            ("http://127.0.0.1:8080/hook", "127.0.0.1", "127.0.0.0/8"),
            ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "169.254.0.0/16"),
            ("http://[::1]/hook", "::1", "::1/128"),
        ):
            answer = client.post(
                f"{BASE}/subscriptions",
                json={"channel": "webhook", "url": url, "events": ["new_kev_finding"]},
            )
            assert answer.status_code == 422
            assert answer.json()["detail"] == (
                f"url: {address} is in the denied network {network}: webhooks to private, "
                "loopback and link-local addresses are refused (AICC_WEBHOOK_DENY)"
            )


def test_a_rotated_secret_signs_every_delivery_from_then_on(notify_center: NotifyCenter) -> None:
    _, _, token = notify_center.organisation()
    with webhook_receiver() as receiver, notify_center.client(token) as client:
        hook = subscribe(client, channel="webhook", url=receiver.url, events=["new_kev_finding"])
        rotated = client.post(f"{BASE}/subscriptions/{hook['id']}/secret")
        assert rotated.status_code == 200
        fresh = rotated.json()["secret"]
        assert fresh.startswith("whsec_") and fresh != hook["secret"]
        assert fresh not in client.get(f"{BASE}/subscriptions/{hook['id']}").text
        receiver.secret = hook["secret"]  # a receiver still on the old secret refuses them all
        assert upload(client, APPLIANCES, asset="edge").status_code == 201
        failed = wait_for(
            lambda: (found := _deliveries(client, status="failed")) and len(found) == 5 and found
        )
        assert {r["status"] for r in receiver.requests} == {401}
        receiver.secret = fresh  # told the new one: sent again, signed with it
        for delivery in failed:
            assert client.post(f"{BASE}/deliveries/{delivery['id']}/retry").status_code == 200
        wait_for(lambda: len(receiver.accepted) == 5)
        mail = subscribe(client, channel="email", email="a@b.example", events=["campaign_due"])
        refused = client.post(f"{BASE}/subscriptions/{mail['id']}/secret")
        assert refused.status_code == 422
        assert refused.json()["detail"] == (
            f"subscription '{mail['id']}': an e-mail subscription has no secret"
        )


def test_removing_a_subscription_cancels_what_waits_for_it(center: Center) -> None:
    _, _, token = center.organisation()  # the shared center: no outbox thread, so they wait
    with center.client(token) as client:
        hook = subscribe(
            client,
            channel="webhook",
            url="https://hooks.hospital.example/aicc",
            events=["new_kev_finding"],
        )
        [warning] = hook["warnings"]  # no name resolves here: said, not refused
        assert warning.startswith("url: the host does not resolve now (")
        assert warning.endswith("); deliveries will say so")
        assert upload(client, APPLIANCES, asset="edge").status_code == 201
        assert {d["status"] for d in _deliveries(client)} == {"pending"}
        removed = client.delete(f"{BASE}/subscriptions/{hook['id']}").json()
        assert removed["cancelled_deliveries"] == 5
        cancelled = _deliveries(client)
    assert {d["status"] for d in cancelled} == {"cancelled"}
    assert {d["last_error"] for d in cancelled} == {"the subscription was deleted"}
    assert all(d["subscription"]["deleted"] and d["attempts"] == [] for d in cancelled)


def test_a_subscriptions_campaign_warning_period_is_set_by_api_and_page(
    notify_center: NotifyCenter,
) -> None:
    _, name, token = notify_center.organisation()
    with notify_center.client(token) as client:
        mail = subscribe(
            client, channel="email", email="soc@x.example", events=["campaign_due"],
            campaign_due_days=14,
        )  # fmt: skip
        assert mail["campaign_due_days"] == 14
        url = f"{BASE}/subscriptions/{mail['id']}"
        kept = client.patch(url, json={"digest": "daily"}).json()
        assert kept["campaign_due_days"] == 14  # absent: left as it was
        assert (
            client.patch(url, json={"campaign_due_days": None}).json()["campaign_due_days"] is None
        )  # null: the center's again
        refused = client.patch(url, json={"campaign_due_days": 400})
        assert refused.status_code == 422
        assert refused.json()["detail"].startswith(
            "campaign_due_days: 400 is not a whole number of days from 0 to 365"
        )
        email = user(notify_center, "--org", name)
        with log_in(notify_center, email) as browser:
            page = browser.get("/notifications")
            assert "7 days before (the center's)" in page.text
            action = f"/notifications/subscriptions/{mail['id']}/due-days"
            assert f'action="{action}"' in page.text
            assert browser.post(action, data={"days": "3"}).status_code == 403  # no CSRF
            done = browser.post(action, data={"days": "3", "csrf": csrf_of(page.text)})
            assert done.status_code == 303
            assert client.get(url).json()["campaign_due_days"] == 3
            bad = browser.post(action, data={"days": "soon", "csrf": csrf_of(page.text)})
            assert bad.status_code == 422 and "is not a whole number of days" in bad.text
            assert client.get(url).json()["campaign_due_days"] == 3
            assert "3 days before" in browser.get("/notifications").text
