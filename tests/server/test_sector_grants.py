"""Agency roles limited to sectors and regions: a center token or user granted only some sectors
(and regions) sees, on every center route and page, only the organisations of its grant; one
outside it reads as one that does not exist. On SQLite and PostgreSQL, over a real server."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from aicc.center import InvalidInput
from aicc.center.grants import make_grants
from tests.server.conftest import Center, upload
from tests.server.test_api import APPLIANCES, SBOM
from tests.server.test_pages import PASSWORD, log_in

CVE = "CVE-2023-49083"  # in the SBOM's cryptography


def _organisation(center: Center, sector: str, region: str) -> dict[str, str]:
    """An organisation with the SBOM and the appliance list uploaded: its ids and names."""
    name = f"{sector.title()} {uuid.uuid4().hex[:8]}"
    made = center.admin_json("org", "create", name, "--sector", sector, "--region", region)
    token = center.admin_json("token", "create", "--org", name, "--role", "admin")["token"]
    with center.client(token) as client:
        inventory = upload(client, SBOM, asset="portal").json()
        assert upload(client, APPLIANCES, asset="devices").status_code == 201
        items = client.get("/api/findings", params={"limit": 500}).json()["items"]
    [finding] = [f for f in items if f["vulnerability"] == CVE]
    return {
        "id": made["id"],
        "name": name,
        "inventory": inventory["id"],
        "asset": inventory["asset"]["id"],
        "finding": finding["id"],
    }


@pytest.fixture
def portfolio(center: Center) -> dict[str, dict[str, str]]:
    """Three organisations in regions of their own: a hospital and a bank in one state, a
    hospital in another."""
    north, south = f"North {uuid.uuid4().hex[:6]}", f"South {uuid.uuid4().hex[:6]}"
    return {
        "hospital": _organisation(center, "hospital", north),
        "bank": _organisation(center, "bank", north),
        "south": _organisation(center, "hospital", south),
        "regions": {"north": north, "south": south},
    }


def _routes(org: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every center route that names one organisation's things: (method, path, request)."""
    finding = f"/api/findings/{org['finding']}"
    return [
        ("GET", f"/api/inventories/{org['inventory']}", {}),
        ("GET", finding, {}),
        ("PATCH", finding, {"json": {"state": "exploitable", "reason": "outside my grant"}}),
        ("GET", f"{finding}/audit", {}),
        ("GET", "/api/findings", {"params": {"organization": org["id"]}}),
        ("GET", "/api/findings", {"params": {"organization": org["name"]}}),
        ("GET", "/api/plan", {"params": {"organization": org["id"]}}),
        ("GET", "/api/assets", {"params": {"organization": org["name"]}}),
    ]


def _seen(client: httpx.Client) -> dict[str, set[str]]:
    """The organisations each listing route shows the caller."""
    findings = client.get("/api/findings", params={"limit": 500, "present": "any"}).json()
    affected = client.get(f"/api/portfolio/vulnerabilities/{CVE}").json()
    summary = client.get("/api/portfolio/summary").json()
    return {
        "organizations": {o["id"] for o in client.get("/api/organizations").json()},
        "findings": {f["organization"] for f in findings["items"]},
        "assets": {a["organization"] for a in client.get("/api/assets").json()},
        "affected": {o["id"] for o in affected["organizations"]},
        "sectors": {s["sector"] for s in summary["sectors"]},
        "regions": {r["region"] for r in summary["regions"]},
    }


def test_a_sector_limited_token_sees_only_its_sectors(
    center: Center, portfolio: dict[str, Any]
) -> None:
    hospital, bank, south = portfolio["hospital"], portfolio["bank"], portfolio["south"]
    made = center.admin_json(
        "token", "create", "--center", "CISA", "--role", "analyst", "--sector", "hospital"
    )
    assert made["grants"] == {"sectors": ["hospital"]}
    with center.client(made["token"]) as client:
        seen = _seen(client)
        for route in ("organizations", "findings", "assets", "affected"):
            assert {hospital["id"], south["id"]} <= seen[route], route
            assert bank["id"] not in seen[route], route
        assert seen["sectors"] == {"hospital"}
        for (method, path, request), (_, void, void_request) in zip(
            _routes(bank), _routes(_nothing()), strict=True
        ):
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
            nothing = client.request(method, void, **void_request)
            assert nothing.status_code == 404, (method, void, nothing.text)
            assert _anonymous(answer.json()["detail"], bank) == _anonymous(
                nothing.json()["detail"], _nothing()
            ), (method, path)
        for method, path, request in _routes(hospital):  # its own sector: all there
            answer = client.request(method, path, **request)
            assert answer.status_code == 200, (method, path, answer.text)
    with center.client(center.center_token("read-only")) as client:  # the whole portfolio
        seen = _seen(client)
        assert {hospital["id"], bank["id"], south["id"]} <= seen["organizations"]
        audit = client.get(f"/api/findings/{bank['finding']}/audit").json()
        assert [e["to_state"] for e in audit["events"]] == ["in_triage"]  # nothing changed


def test_sectors_and_regions_together(center: Center, portfolio: dict[str, Any]) -> None:
    north = portfolio["regions"]["north"]
    made = center.admin_json(
        "token", "create", "--center", "HHS", "--role", "read-only",
        "--sector", "hospital", "--sector", "bank", "--region", north,
    )  # fmt: skip
    with center.client(made["token"]) as client:
        seen = _seen(client)
        assert seen["regions"] == {north}
        mine = {portfolio["hospital"]["id"], portfolio["bank"]["id"]}
        for route in ("organizations", "findings", "assets", "affected"):
            assert seen[route] == mine, route
        south = portfolio["south"]
        assert client.get(f"/api/findings/{south['finding']}").status_code == 404


def test_a_sector_limited_user_sees_only_its_sectors_on_every_page(
    center: Center, portfolio: dict[str, Any]
) -> None:
    email = f"hhs-{uuid.uuid4().hex[:8]}@example.org"
    made = center.aicc(
        "admin", "user", "create", email, "--center", "HHS", "--role", "analyst",
        "--sector", "hospital", input=PASSWORD,
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    hospital, bank = portfolio["hospital"], portfolio["bank"]
    with log_in(center, email) as client:
        home = client.get("/").text
        assert hospital["name"] in home and bank["name"] not in home
        affected = client.get("/affected", params={"id": CVE}).text
        assert hospital["name"] in affected and bank["name"] not in affected
        summary = client.get("/portfolio").text
        assert "hospital" in summary and ">bank<" not in summary
        assert client.get(f"/findings/{hospital['finding']}").status_code == 200
        for path, params in (
            (f"/findings/{bank['finding']}", {}),
            ("/", {"organization": bank["id"]}),
            ("/", {"organization": bank["name"]}),
        ):
            answer = client.get(path, params=params)
            assert answer.status_code == 404, (path, params)
            assert CVE not in answer.text and "portal" not in answer.text  # nothing of theirs


def test_grants_are_for_the_center_only(center: Center) -> None:
    organisation = center.admin_json(
        "org", "create", f"Bank {uuid.uuid4().hex[:8]}", "--sector", "bank"
    )
    refused = center.aicc(
        "admin", "token", "create", "--org", organisation["name"], "--role", "admin",
        "--sector", "bank",
    )  # fmt: skip
    assert refused.exit_code == 2
    assert "only the center's users and tokens are limited to sectors" in refused.stderr
    unknown = center.aicc(
        "admin", "token", "create", "--center", "CISA", "--role", "analyst", "--sector", "farms"
    )
    assert unknown.exit_code == 2 and "sector: 'farms' is not one of" in unknown.stderr


def test_make_grants() -> None:
    assert make_grants(None, None, center=True) is None
    assert make_grants(["Bank", "hospital", "bank"], [], center=True) == {
        "sectors": ["bank", "hospital"]
    }
    assert make_grants([], [" Iowa "], center=True) == {"regions": ["Iowa"]}
    with pytest.raises(InvalidInput, match="region: must not be empty"):
        make_grants([], [" "], center=True)


def _nothing() -> dict[str, str]:
    return {
        "id": "org_00000000000000000000",
        "name": "Nobody",
        "inventory": "inv_00000000000000000000",
        "asset": "ast_00000000000000000000",
        "finding": "fnd_00000000000000000000",
    }


def _anonymous(detail: str, things: dict[str, str]) -> str:
    for value in things.values():
        detail = detail.replace(value, "ID")
    return detail


def test_the_other_center_routes_keep_to_the_grant(
    center: Center, portfolio: dict[str, Any]
) -> None:
    """The routes for findings' comments and suppression, VEX export, inventory diffs, the latest
    re-check and advisories: another sector's things are 404 for a limited analyst, and there for
    one of the whole portfolio."""
    bank = portfolio["bank"]
    finding = f"/api/findings/{bank['finding']}"
    routes: list[tuple[str, str, dict[str, Any]]] = [
        ("GET", f"{finding}/comments", {}),
        ("POST", f"{finding}/comments", {"json": {"body": "outside my grant"}}),
        ("POST", f"{finding}/suppression", {"json": {"expires_on": "2099-01-01", "reason": "x"}}),
        ("POST", f"{finding}/suppression/lift", {"json": {"reason": "x"}}),
        ("GET", f"/api/organizations/{bank['id']}/vex", {}),
        ("GET", f"/api/assets/{bank['asset']}/diff", {}),
        ("GET", "/api/findings/rechecked/latest", {"params": {"organization": bank["id"]}}),
        ("GET", "/api/advisories", {"params": {"organization": bank["id"]}}),
    ]
    limited = center.admin_json(
        "token", "create", "--center", "CISA", "--role", "analyst", "--sector", "hospital"
    )["token"]
    with center.client(limited) as client:
        for method, path, request in routes:
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
            assert "portal" not in answer.text and CVE not in answer.text
    with center.client(center.center_token("read-only")) as client:  # nothing was changed
        assert client.get(f"{finding}/comments").json()["comments"] == []
        assert client.get(finding).json()["state"] == "in_triage"
    with center.client(center.center_token("analyst")) as client:  # the whole portfolio
        for method, path, request in routes[:1] + routes[4:]:
            answer = client.request(method, path, **request)
            assert answer.status_code == 200, (method, path, answer.text)


def test_a_users_grant_changes_from_its_next_page_on(
    center: Center, portfolio: dict[str, Any]
) -> None:
    email = f"cisa-{uuid.uuid4().hex[:8]}@example.org"
    made = center.aicc(
        "admin", "user", "create", email, "--center", "CISA", "--role", "analyst", input=PASSWORD
    )
    assert made.exit_code == 0, made.stderr
    bank = portfolio["bank"]
    with log_in(center, email) as client:
        assert bank["name"] in client.get("/").text
        limited = center.admin_json("user", "grant", email, "--sector", "hospital")
        assert limited == {"email": email, "center": "CISA", "grants": {"sectors": ["hospital"]}}
        assert bank["name"] not in client.get("/").text
        assert client.get(f"/findings/{bank['finding']}").status_code == 404
        assert center.admin_json("user", "grant", email)["grants"] is None
        assert bank["name"] in client.get("/").text
    _, name, _ = center.organisation()
    member = center.aicc("admin", "user", "create", f"m-{uuid.uuid4().hex[:6]}@example.org",
                         "--org", name, "--role", "member", input=PASSWORD)  # fmt: skip
    assert member.exit_code == 0
    refused = center.aicc(
        "admin", "user", "grant", json.loads(member.stdout)["email"], "--sector", "bank"
    )
    assert refused.exit_code == 2 and "only the center's users and tokens" in refused.stderr
    unknown = center.aicc("admin", "user", "grant", "nobody@example.org", "--sector", "bank")
    assert unknown.exit_code == 2 and "user 'nobody@example.org': not found" in unknown.stderr


def test_a_tokens_grant_and_role_change_from_its_next_request_on(
    center: Center, portfolio: dict[str, Any]
) -> None:
    hospital, bank = portfolio["hospital"], portfolio["bank"]
    made = center.admin_json("token", "create", "--center", "CISA", "--role", "analyst")
    admin = center.center_token("admin")
    with center.client(made["token"]) as client:
        assert bank["id"] in _seen(client)["organizations"]  # the kept views computed, wide
        assert "bank" in _seen(client)["sectors"]
        narrowed = center.admin_json("token", "grant", made["id"], "--sector", "hospital")
        assert narrowed["grants"] == {"sectors": ["hospital"]} and narrowed["role"] == "analyst"
        assert "token" not in narrowed  # the secret is never shown again
        seen = _seen(client)
        assert bank["id"] not in seen["organizations"] and seen["sectors"] == {"hospital"}
        for method, path, request in _routes(bank):
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
        assert client.get(f"/api/findings/{hospital['finding']}").status_code == 200

        with center.client(admin) as boss:  # over the API: the whole portfolio again, read-only
            widened = boss.patch(f"/api/tokens/{made['id']}", json={"sectors": []})
            assert widened.status_code == 200, widened.text
            assert widened.json()["grants"] is None
            demoted = boss.patch(f"/api/tokens/{made['id']}", json={"role": "read-only"})
            assert demoted.json()["role"] == "read-only" and demoted.json()["grants"] is None
            wrong = boss.patch(f"/api/tokens/{made['id']}", json={"role": "member"})
            assert wrong.status_code == 422 and wrong.json()["detail"].startswith("role: 'member'")
            logged = boss.get("/api/audit", params={"action": "token_changed"}).json()
        assert client.get(f"/api/findings/{bank['finding']}").status_code == 200
        refused = client.patch(
            f"/api/findings/{bank['finding']}", json={"state": "exploitable", "reason": "x"}
        )
        assert refused.status_code == 403, refused.text  # read-only from this request on
    mine = [e for e in logged if e["subject"] == made["id"]]
    assert [(e["detail"]["before"], e["detail"]["after"]) for e in mine] == [
        (
            {"role": "analyst", "grants": None},
            {"role": "analyst", "grants": {"sectors": ["hospital"]}},
        ),
        (
            {"role": "analyst", "grants": {"sectors": ["hospital"]}},
            {"role": "analyst", "grants": None},
        ),
        ({"role": "analyst", "grants": None}, {"role": "read-only", "grants": None}),
    ]
    assert mine[0]["actor"] == "aicc admin admin (token operator)"
    assert mine[1]["actor"].startswith("CISA admin (token tok_")


def test_who_may_change_a_token(center: Center) -> None:
    organisation_id, name, org_admin = center.organisation("bank")
    member = center.admin_json("token", "create", "--org", name, "--role", "member")
    _, _, other_admin = center.organisation("bank")
    limited = center.admin_json(
        "token", "create", "--center", "CISA", "--role", "admin", "--sector", "bank"
    )
    path = f"/api/tokens/{member['id']}"
    with center.client(org_admin) as client:  # an organization's admin: its tokens' role
        promoted = client.patch(path, json={"role": "admin"})
        assert promoted.status_code == 200 and promoted.json()["organization"] == name
        no_grants = client.patch(path, json={"sectors": ["bank"]})
        assert no_grants.status_code == 422, no_grants.text
        assert "only the center's users and tokens" in no_grants.json()["detail"]
        assert client.patch(path, json={}).status_code == 422
        logged = client.get("/api/audit", params={"action": "token_changed"}).json()
        assert [e["organization"] for e in logged] == [organisation_id]
    with center.client(other_admin) as client:  # another organization's: no such token
        assert client.patch(path, json={"role": "member"}).status_code == 404
    with center.client(member["token"]) as client:  # now an admin itself
        assert client.patch(path, json={"role": "member"}).status_code == 200
        assert client.patch(path, json={"role": "admin"}).status_code == 403  # a member now
    with center.client(limited["token"]) as client:  # could widen its own grant: refused
        refused = client.patch(f"/api/tokens/{limited['id']}", json={"sectors": []})
        assert refused.status_code == 403, refused.text
    revoked = center.admin_json("token", "create", "--center", "CISA", "--role", "analyst")
    assert center.aicc("admin", "token", "revoke", revoked["id"]).exit_code == 0
    again = center.aicc("admin", "token", "grant", revoked["id"], "--sector", "bank")
    assert again.exit_code == 2 and "revoked; make a new one" in again.stderr
    unknown = center.aicc("admin", "token", "role", "tok_nothing", "--role", "analyst")
    assert unknown.exit_code == 2 and "token 'tok_nothing': not found" in unknown.stderr
