"""Tenancy: a token sees its own organisation only, and of another learns nothing (404, the same
answer as for nothing at all); roles limit what a token may change; no token gets nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine

from aicc.core.times import utcnow
from aicc.store.center_tables import api_tokens
from tests.server.conftest import Center, upload

DEMO = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "demo" / "rural-hospital"
SBOM = DEMO / "patient-portal" / "sbom.cdx.json"


def _their_things(center: Center) -> dict[str, str]:
    """An organisation with an inventory and a finding; their ids."""
    organisation_id, name, token = center.organisation("bank")
    with center.client(token) as client:
        made = upload(client, SBOM, asset="portal").json()
        finding = client.get("/api/findings", params={"limit": 1}).json()["items"][0]
    return {
        "organisation": organisation_id,
        "name": name,
        "inventory": made["id"],
        "asset": made["asset"]["id"],
        "finding": finding["id"],
    }


def _routes(things: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every route, pointed at the other organisation's things: (method, path, request)."""
    finding = f"/api/findings/{things['finding']}"
    change = {"json": {"state": "exploitable", "reason": "mine now"}}
    return [
        ("GET", f"/api/inventories/{things['inventory']}", {}),
        ("GET", finding, {}),
        ("PATCH", finding, change),
        ("GET", f"{finding}/audit", {}),
        ("GET", "/api/findings", {"params": {"organization": things["organisation"]}}),
        ("GET", "/api/findings", {"params": {"organization": things["name"]}}),
        ("GET", "/api/plan", {"params": {"organization": things["organisation"]}}),
        ("GET", "/api/assets", {"params": {"organization": things["organisation"]}}),
    ]


NOTHING = {  # ids of nothing at all
    "organisation": "org_00000000000000000000",
    "name": "Nobody",
    "inventory": "inv_00000000000000000000",
    "asset": "ast_00000000000000000000",
    "finding": "fnd_00000000000000000000",
}


def _anonymous(detail: str, things: dict[str, str]) -> str:
    for value in things.values():
        detail = detail.replace(value, "ID")
    return detail


def test_another_organisations_things_are_not_found(center: Center) -> None:
    theirs = _their_things(center)
    _, _, token = center.organisation("hospital")
    with center.client(token) as client:
        assert upload(client, SBOM, asset="portal").status_code == 201  # has things of its own
        for (method, path, request), (_, void, _) in zip(
            _routes(theirs), _routes(NOTHING), strict=True
        ):
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
            if "params" not in request:
                # the answer for nothing at all reads the same: nothing tells theirs exists
                nothing = client.request(method, void, **request)
                assert nothing.status_code == 404
                assert _anonymous(answer.json()["detail"], theirs) == _anonymous(
                    nothing.json()["detail"], NOTHING
                )
        listed = client.get("/api/organizations").json()
        assert theirs["organisation"] not in {o["id"] for o in listed} and len(listed) == 1
        mine = client.get("/api/findings", params={"limit": 500}).json()["items"]
        assert theirs["finding"] not in {f["id"] for f in mine}
        assets = client.get("/api/assets").json()
        assert theirs["asset"] not in {a["id"] for a in assets}
        for name in ("organisation", "name"):  # by id or name: as for one that does not exist
            asked = client.get("/api/findings", params={"organization": theirs[name]}).json()
            void_asked = client.get("/api/findings", params={"organization": NOTHING[name]})
            assert _anonymous(asked["detail"], theirs) == _anonymous(
                void_asked.json()["detail"], NOTHING
            )
    with center.client(center.center_token("read-only")) as client:  # nothing was changed
        audit = client.get(f"/api/findings/{theirs['finding']}/audit").json()
        assert [e["to_state"] for e in audit["events"]] == ["in_triage"]


def test_no_token_or_a_bad_one_gets_nothing(center: Center) -> None:
    theirs = _their_things(center)
    routes = [
        *_routes(theirs),
        ("GET", "/api/organizations", {}),
        ("GET", "/api/portfolio/vulnerabilities/CVE-2024-3400", {}),
        ("POST", "/api/inventories", {"data": {"asset": "x"}, "files": {"file": ("a", b"b")}}),
    ]
    for headers in ({}, {"Authorization": "Bearer aicc_not-a-token"}, {"Authorization": "Basic x"}):
        with httpx.Client(base_url=center.url, headers=headers) as client:
            for method, path, request in routes:
                answer = client.request(method, path, **request)
                assert answer.status_code == 401, (headers, method, path, answer.text)
                assert answer.headers["www-authenticate"] == "Bearer"


def test_a_revoked_or_expired_token_is_refused(center: Center) -> None:
    _, name, token = center.organisation()
    made = center.admin_json("token", "create", "--org", name, "--role", "member")
    with center.client(made["token"]) as client:
        assert client.get("/api/findings").status_code == 200
        revoked = center.aicc("admin", "token", "revoke", made["id"])
        assert revoked.exit_code == 0, revoked.stderr
        refused = client.get("/api/findings")
        assert refused.status_code == 401
        assert refused.json()["detail"] == "the API token was revoked"
    with center.client(token) as client:  # the organisation's other token still works
        assert client.get("/api/findings").status_code == 200


def test_an_expired_token_is_refused(center: Center) -> None:
    _, name, _ = center.organisation()
    made = center.admin_json("token", "create", "--org", name, "--role", "admin", "--expires", "1")
    assert made["expires_at"] is not None
    engine = create_engine(center.env["AICC_DATABASE_URL"])
    try:
        with center.client(made["token"]) as client:
            assert client.get("/api/findings").status_code == 200  # and kept as verified
            past = utcnow() - timedelta(minutes=1)
            with engine.begin() as conn:
                conn.execute(
                    api_tokens.update().where(api_tokens.c.id == made["id"]).values(expires_at=past)
                )
            for path in ("/api/findings", "/api/assets", "/api/organizations"):
                refused = client.get(path)
                assert refused.status_code == 401, (path, refused.text)
                assert refused.json()["detail"] == f"the API token expired at {past.isoformat()}"
                assert refused.headers["www-authenticate"] == "Bearer"
            files = {"file": ("sbom.cdx.json", SBOM.read_bytes())}
            sent = client.post("/api/inventories", data={"asset": "portal"}, files=files)
            assert sent.status_code == 401  # nothing is stored for it
    finally:
        engine.dispose()
    with center.client(
        center.admin_json("token", "create", "--org", name, "--role", "admin")["token"]
    ) as client:
        assert client.get("/api/assets").json() == []


def test_an_organisation_admin_sees_only_its_own_audit_entries(center: Center) -> None:
    """Account and organisation changes of two organisations and of the center: each
    organisation's admin reads its own in ``GET /api/audit``, never the other's."""
    made: dict[str, tuple[str, str, str]] = {}  # org id → (admin token, member token id, name)
    for sector in ("hospital", "bank"):
        org_id, name, token = center.organisation(sector)
        member = center.admin_json("token", "create", "--org", name, "--role", "member")["id"]
        with center.client(token) as client:
            assert client.patch(f"/api/tokens/{member}", json={"role": "admin"}).status_code == 200
            reset = client.post("/api/profile/reset", json={"profile": "federal"})
            assert reset.status_code == 200, reset.text
        made[org_id] = (token, member, name)
    boss = center.center_token(role="admin")
    analyst = center.admin_json("token", "create", "--center", "CISA", "--role", "analyst")["id"]
    with center.client(boss) as client:  # a change of the center's own: no organisation's
        assert client.patch(f"/api/tokens/{analyst}", json={"role": "read-only"}).status_code == 200
        everything = client.get("/api/audit").json()
    for org_id, (_, member, _) in made.items():  # the center's admin sees both
        assert {e["action"] for e in everything if e["organization"] == org_id} == {
            "token_changed",
            "profile_reset",
        }
        assert member in {e["subject"] for e in everything}
    assert analyst in {e["subject"] for e in everything}

    for org_id, (token, member, _) in made.items():
        others = [m for o, (_, m, _) in made.items() if o != org_id]
        with center.client(token) as client:
            for params in ({}, {"action": "token_changed"}, {"action": "profile_reset"}):
                answer = client.get("/api/audit", params=params)
                assert answer.status_code == 200, answer.text
                log = answer.json()
                assert log and {e["organization"] for e in log} == {org_id}, (params, log)
                subjects = {e["subject"] for e in log}
                assert analyst not in subjects and not subjects & set(others)
            assert member in {e["subject"] for e in client.get("/api/audit").json()}


@pytest.mark.parametrize(("role", "status"), [("read-only", 403), ("analyst", 200), ("admin", 200)])
def test_center_roles_read_everything_and_only_some_may_change(
    center: Center, role: str, status: int
) -> None:
    theirs = _their_things(center)
    with center.client(center.center_token(role, agency="Treasury")) as client:
        assert client.get(f"/api/findings/{theirs['finding']}").status_code == 200
        assert client.get(f"/api/inventories/{theirs['inventory']}").status_code == 200
        names = {o["name"] for o in client.get("/api/organizations").json()}
        assert theirs["name"] in names
        scoped = client.get("/api/findings", params={"organization": theirs["name"]}).json()
        assert {f["organization"] for f in scoped["items"]} == {theirs["organisation"]}
        changed = client.patch(
            f"/api/findings/{theirs['finding']}",
            json={"state": "exploitable", "reason": "seen exploited at a peer bank"},
        )
        assert changed.status_code == status, changed.text
        if status == 403:
            assert changed.json()["detail"] == (
                "the read-only role may read findings but not change them"
            )
        audit = client.get(f"/api/findings/{theirs['finding']}/audit").json()
        actors = [e["actor"] for e in audit["events"]]
        assert len(actors) == (1 if status == 403 else 2)
        if status == 200:
            assert actors[-1].startswith(f"Treasury {role} (token tok_")
        upload_refused = upload(client, SBOM, asset="portal")
        assert upload_refused.status_code == 403
        assert upload_refused.json()["detail"] == (
            "inventories are uploaded with an organization's token"
        )
