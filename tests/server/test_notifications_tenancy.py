"""Tenancy of the notification routes: an organisation's admin sees and changes its own
subscriptions and deliveries only, and of another's learns nothing (404, as for nothing at
all); members and the center's other roles are refused; a center admin reads every
organisation's but changes none; no token gets nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.conftest import Center, upload
from tests.server.test_pages import csrf_of, log_in, user

DEMO = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "demo" / "rural-hospital"
APPLIANCES = DEMO / "appliances.csv"
BASE = "/api/notifications"
NOTHING = {
    "organisation": "org_00000000000000000000",
    "name": "Nobody",
    "subscription": "sub_00000000000000000000",
    "delivery": "ndl_00000000000000000000",
}


def _their_things(center: Center) -> dict[str, str]:
    """An organisation with a webhook subscription and deliveries waiting (the shared center
    runs no outbox thread); their ids, and its admin's token."""
    organisation_id, name, token = center.organisation("bank")
    with center.client(token) as client:
        made = client.post(
            f"{BASE}/subscriptions",
            json={
                "channel": "webhook",
                "url": "https://hooks.bank.example/aicc",
                "events": ["new_kev_finding"],
            },
        ).json()
        assert upload(client, APPLIANCES, asset="edge").status_code == 201
        deliveries = client.get(f"{BASE}/deliveries").json()
    assert len(deliveries) == 5
    return {
        "organisation": organisation_id,
        "name": name,
        "subscription": made["id"],
        "delivery": deliveries[0]["id"],
        "token": token,
    }


def _routes(things: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every notification route, pointed at the organisation's things."""
    subscription = f"{BASE}/subscriptions/{things['subscription']}"
    delivery = f"{BASE}/deliveries/{things['delivery']}"
    return [
        ("GET", subscription, {}),
        ("PATCH", subscription, {"json": {"digest": "daily"}}),
        ("POST", f"{subscription}/secret", {}),
        ("DELETE", subscription, {}),
        ("GET", delivery, {}),
        ("POST", f"{delivery}/retry", {}),
        ("GET", f"{BASE}/subscriptions", {"params": {"organization": things["organisation"]}}),
        ("GET", f"{BASE}/subscriptions", {"params": {"organization": things["name"]}}),
        ("GET", f"{BASE}/deliveries", {"params": {"organization": things["organisation"]}}),
    ]


def _anonymous(detail: str, things: dict[str, str]) -> str:
    for key in NOTHING:
        detail = detail.replace(things[key], "ID")
    return detail


def test_another_organisations_subscriptions_and_deliveries_are_not_found(center: Center) -> None:
    theirs = _their_things(center)
    mine = _their_things(center)  # an admin with things of its own
    with center.client(mine["token"]) as client:
        for (method, path, request), (_, void, void_request) in zip(
            _routes(theirs), _routes(NOTHING), strict=True
        ):
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
            nothing = client.request(method, void, **void_request)
            assert nothing.status_code == 404
            assert _anonymous(answer.json()["detail"], theirs) == _anonymous(
                nothing.json()["detail"], NOTHING
            )
        listed = client.get(f"{BASE}/subscriptions").json()
        assert [s["id"] for s in listed] == [mine["subscription"]]
        delivered = client.get(f"{BASE}/deliveries", params={"limit": 500}).json()
        assert {d["organization"] for d in delivered} == {mine["organisation"]}
    email = user(center, "--org", mine["name"])
    with log_in(center, email) as browser:
        page = browser.get("/notifications").text
        assert mine["delivery"] in page and theirs["delivery"] not in page
        refused = browser.post(
            f"/notifications/deliveries/{theirs['delivery']}/retry", data={"csrf": csrf_of(page)}
        )
        assert refused.status_code == 404
    with center.client(theirs["token"]) as client:  # nothing of theirs was changed
        one = client.get(f"{BASE}/subscriptions/{theirs['subscription']}").json()
        assert one["digest"] == "immediate" and one["deleted_at"] is None


def test_a_member_may_not_see_or_manage_notifications(center: Center) -> None:
    theirs = _their_things(center)
    member = center.admin_json("token", "create", "--org", theirs["name"], "--role", "member")
    routes = [
        *_routes(theirs),
        ("GET", f"{BASE}/subscriptions", {}),
        ("GET", f"{BASE}/deliveries", {}),
        ("POST", f"{BASE}/subscriptions", {"json": _webhook()}),
    ]
    with center.client(member["token"]) as client:
        for method, path, request in routes:
            if "params" in request:
                continue  # scoped to its own organisation: the role decides, as below
            answer = client.request(method, path, **request)
            assert answer.status_code == 403, (method, path, answer.text)
        assert client.get(f"{BASE}/subscriptions").json()["detail"] == (
            "notifications are for admins; the organization's member role"
        )
    email = user(center, "--org", theirs["name"], role="member")
    with log_in(center, email) as browser:
        assert browser.get("/notifications").status_code == 403
        assert 'href="/notifications"' not in browser.get("/").text


def _webhook() -> dict[str, Any]:
    return {
        "channel": "webhook",
        "url": "https://hooks.center.example/",
        "events": ["campaign_due"],
    }


@pytest.mark.parametrize("role", ["admin", "analyst", "read-only"])
def test_center_admins_read_every_organisations_and_change_none(center: Center, role: str) -> None:
    theirs = _their_things(center)
    with center.client(center.center_token(role)) as client:
        listed = client.get(f"{BASE}/subscriptions", params={"organization": theirs["name"]})
        delivery = client.get(f"{BASE}/deliveries/{theirs['delivery']}")
        made = client.post(f"{BASE}/subscriptions", json=_webhook())
        changed = client.patch(
            f"{BASE}/subscriptions/{theirs['subscription']}", json={"digest": "daily"}
        )
        retried = client.post(f"{BASE}/deliveries/{theirs['delivery']}/retry")
        everything = client.get(f"{BASE}/subscriptions")
    if role == "admin":
        assert [s["id"] for s in listed.json()] == [theirs["subscription"]]
        assert delivery.json()["organization"] == theirs["organisation"]
        assert theirs["subscription"] in {s["id"] for s in everything.json()}
        assert "secret" not in str(everything.json())
    else:
        for answer in (listed, delivery, everything):
            assert answer.status_code == 403
            assert (
                answer.json()["detail"] == f"notifications are for admins; the center's {role} role"
            )
    for answer in (made, changed, retried):
        assert answer.status_code == 403
        assert answer.json()["detail"] == "subscriptions are managed by the organization's admin"


def test_no_token_or_a_bad_one_gets_nothing(center: Center) -> None:
    theirs = _their_things(center)
    routes = [*_routes(theirs), ("POST", f"{BASE}/subscriptions", {"json": _webhook()})]
    for headers in ({}, {"Authorization": "Bearer aicc_not-a-token"}):
        with httpx.Client(base_url=center.url, headers=headers) as client:
            for method, path, request in routes:
                answer = client.request(method, path, **request)
                assert answer.status_code == 401, (headers, method, path, answer.text)
        with httpx.Client(base_url=center.url) as client:
            assert client.get("/notifications").status_code == 303  # the log-in page


def test_a_center_admin_limited_to_a_sector_sees_only_its_organisations(center: Center) -> None:
    bank = _their_things(center)  # a bank
    made = center.admin_json(
        "token", "create", "--center", "HHS", "--role", "admin", "--sector", "hospital"
    )
    with center.client(made["token"]) as client:
        listed = client.get(f"{BASE}/subscriptions", params={"limit": 500}).json()
        assert bank["subscription"] not in {s["id"] for s in listed}
        delivered = client.get(f"{BASE}/deliveries", params={"limit": 500}).json()
        assert bank["organisation"] not in {d["organization"] for d in delivered}
        for method, path, request in _routes(bank):
            if method != "GET":
                continue  # a center admin changes nothing anyway (403, above)
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
