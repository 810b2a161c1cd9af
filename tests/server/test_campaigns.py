"""Campaigns through the real server (SQLite and PostgreSQL): the center makes one and follows
its board; organisations see only their own entry and update it; a re-scan fixes an entry;
another organisation's entry or campaign is the same 404 as nothing at all."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.server.conftest import Center, upload

DEMO = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "demo" / "rural-hospital"
APPLIANCES = DEMO / "appliances.csv"
FORTIOS = "CVE-2024-21762"


def _organisation(center: Center, sector: str, region: str) -> tuple[str, str, str]:
    """A new organisation in ``region`` with the demo's appliances uploaded: (id, name, token)."""
    name = f"{sector.title()} {uuid.uuid4().hex[:8]}"
    made = center.admin_json("org", "create", name, "--sector", sector, "--region", region)
    token = center.admin_json("token", "create", "--org", name, "--role", "member")["token"]
    with center.client(token) as client:
        assert upload(client, APPLIANCES, asset="edge").status_code == 201
    return made["id"], name, str(token)


def _without_vpn(tmp_path: Path) -> Path:
    lines = APPLIANCES.read_text().splitlines()
    path = tmp_path / "appliances.csv"
    path.write_text("\n".join(line for line in lines if "FortiOS" not in line) + "\n")
    return path


def _campaign(center: Center, region: str, **changes: Any) -> dict[str, Any]:
    body = {
        "title": f"FortiOS {region}",
        "description": "every hospital patches its Fortinet VPN",
        "kev": {"vendor": "Fortinet", "product": "FortiOS"},
        "sectors": ["hospital"],
        "regions": [region],
        "due": (date.today() + timedelta(days=10)).isoformat(),
    } | changes
    with center.client(center.center_token()) as client:
        made = client.post("/api/campaigns", json=body)
    assert made.status_code == 201, made.text
    return dict(made.json())


def test_the_center_makes_a_campaign_and_organisations_work_their_own_entry(
    center: Center, tmp_path: Path
) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    mercy_id, mercy, mercy_token = _organisation(center, "hospital", region)
    luke_id, luke, luke_token = _organisation(center, "hospital", region)
    _organisation(center, "bank", region)  # outside the sectors
    made = _campaign(center, region)
    assert sorted(e["organization"]["name"] for e in made["entries"]) == sorted([mercy, luke])
    assert {f["vulnerability"] for e in made["entries"] for f in e["findings"]} == {FORTIOS}

    with center.client(mercy_token) as client:
        [listed] = [c for c in client.get("/api/campaigns").json() if c["id"] == made["id"]]
        assert listed["status"] == "open" and listed["counts"]["organizations"] == 1
        shown = client.get(f"/api/campaigns/{made['id']}").json()
        assert [e["organization"]["id"] for e in shown["entries"]] == [mercy_id]
        updated = client.put(
            f"/api/campaigns/{made['id']}/entries/{mercy_id}",
            json={"status": "acknowledged", "reason": "change window on Friday"},
        )
        assert updated.status_code == 200, updated.text
        assert updated.json()["entries"][0]["status"] == "acknowledged"
        refused = client.put(
            f"/api/campaigns/{made['id']}/entries/{mercy_id}",
            json={"status": "fixed", "reason": "done"},
        )
        assert refused.status_code == 422 and "status" in refused.json()["detail"]
        assert client.get(f"/api/campaigns/{made['id']}/progress").status_code == 403
        assert upload(client, _without_vpn(tmp_path), asset="edge").status_code == 201
        after = client.get(f"/api/campaigns/{made['id']}").json()["entries"][0]
        assert after["status"] == "fixed" and after["findings"][0]["fixed"] == "gone"

    with center.client(center.center_token()) as client:
        assert (
            client.put(
                f"/api/campaigns/{made['id']}/entries/{luke_id}",
                json={"status": "acknowledged", "reason": "for them"},
            ).status_code
            == 403
        )
        late_day = (date.today() + timedelta(days=12)).isoformat()
        board = client.get(f"/api/campaigns/{made['id']}/progress", params={"as_of": late_day})
        assert board.status_code == 200
        numbers = board.json()
        assert (
            numbers["totals"] | {"organizations": 2, "fixed": 1, "overdue": 1} == numbers["totals"]
        )
        assert [e["organization"]["name"] for e in numbers["late"]] == [luke]
        assert [r["region"] for r in numbers["regions"]] == [region]
        assert numbers["burn_down"][-1] == {"day": late_day, "open": 1}
        audit = client.get(f"/api/campaigns/{made['id']}/audit").json()["events"]
        assert [(e["action"], e["organization"]) for e in audit] == [
            ("created", None),
            ("acknowledged", mercy_id),
        ]
        assert audit[1]["reason"] == "change window on Friday" and mercy in audit[1]["actor"]

    with center.client(luke_token) as client:
        own = client.get(f"/api/campaigns/{made['id']}/audit").json()["events"]
        assert [e["action"] for e in own] == ["created"]  # never Mercy's update


def test_an_analyst_accepts_a_not_affected_claim(center: Center) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    _, _, token = _organisation(center, "hospital", region)
    made = _campaign(center, region)
    finding = made["entries"][0]["findings"][0]["id"]
    with center.client(token) as client:
        marked = client.patch(
            f"/api/findings/{finding}",
            json={
                "state": "not_affected",
                "reason": "SSL-VPN is off",
                "justification": "vulnerable_code_not_in_execute_path",
            },
        )
        assert marked.status_code == 200
        claim = {"decision": "accepted", "reason": "mine"}
        assert (
            client.put(f"/api/campaigns/{made['id']}/claims/{finding}", json=claim).status_code
            == 403
        )
    with center.client(center.center_token()) as client:
        claim = {"decision": "accepted", "reason": "configuration export checked"}
        decided = client.put(f"/api/campaigns/{made['id']}/claims/{finding}", json=claim)
        assert decided.status_code == 200, decided.text
        [entry] = decided.json()["entries"]
        assert entry["status"] == "fixed" and entry["findings"][0]["fixed"] == "vex_accepted"
        reader = center.center_token("read-only")
    with center.client(reader) as client:
        claim = {"decision": "rejected", "reason": "no"}
        assert (
            client.put(f"/api/campaigns/{made['id']}/claims/{finding}", json=claim).status_code
            == 403
        )


def test_bad_campaigns_are_refused_with_the_field_named(center: Center) -> None:
    with center.client(center.center_token()) as client:
        before = len(client.get("/api/campaigns").json())
        cases: list[tuple[dict[str, Any], str]] = [
            ({"sectors": ["hospitals"]}, "sectors"),
            ({"kev": {"vendor": "No Such Vendor"}}, "kev"),
            ({"kev": {"vendor": "Fortinet", "colour": "red"}}, "kev.colour"),
            ({"due": "2026-02-30"}, "due"),
            ({"regions": [], "sectors": []}, "scope"),
        ]
        for changes, field in cases:
            body: dict[str, Any] = {
                "title": f"bad {uuid.uuid4().hex[:6]}",
                "kev": {"vendor": "Fortinet"},
                "sectors": ["hospital"],
                "due": "2030-01-01",
            } | changes
            answer = client.post("/api/campaigns", json=body)
            assert answer.status_code == 422, (changes, answer.text)
            assert field in answer.json()["detail"], (field, answer.json()["detail"])
        assert len(client.get("/api/campaigns").json()) == before
    with center.client() as client:
        assert client.get("/api/campaigns").status_code == 401


def _routes(campaign: str, organisation: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The campaign routes an organisation may call, pointed at ``campaign`` and another
    organisation's entry."""
    update = {"json": {"status": "acknowledged", "reason": "mine now"}}
    return [
        ("GET", f"/api/campaigns/{campaign}", {}),
        ("GET", f"/api/campaigns/{campaign}/audit", {}),
        ("PUT", f"/api/campaigns/{campaign}/entries/{organisation}", update),
    ]


def _anonymous(detail: str, values: tuple[str, str]) -> str:
    for value in values:
        detail = detail.replace(value, "ID")
    return detail


def test_another_organisations_campaign_and_entry_are_not_found(center: Center) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    theirs_id, _, _ = _organisation(center, "hospital", region)
    _, _, mine = _organisation(center, "hospital", region)  # in the same campaign
    outsider_region = f"Region {uuid.uuid4().hex[:6]}"
    _, _, outsider = _organisation(center, "hospital", outsider_region)
    made = _campaign(center, region)
    nothing = ("cmp_00000000000000000000", "org_00000000000000000000")
    with center.client(outsider) as client:  # not in the scope: the campaign is not there
        assert made["id"] not in [c["id"] for c in client.get("/api/campaigns").json()]
        for (method, path, request), (_, void, _) in zip(
            _routes(made["id"], theirs_id), _routes(*nothing), strict=True
        ):
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
            empty = client.request(method, void, **request)
            assert empty.status_code == 404
            assert _anonymous(answer.json()["detail"], (made["id"], theirs_id)) == _anonymous(
                empty.json()["detail"], nothing
            )
    with center.client(mine) as client:  # in the campaign: its own entry, never theirs
        shown = client.get(f"/api/campaigns/{made['id']}").json()
        assert theirs_id not in str(shown)
        answer = client.put(
            f"/api/campaigns/{made['id']}/entries/{theirs_id}",
            json={"status": "acknowledged", "reason": "mine now"},
        )
        assert answer.status_code == 404
        assert theirs_id not in str(client.get(f"/api/campaigns/{made['id']}/audit").json())
        for path in (
            f"/api/campaigns/{made['id']}/progress",
            f"/api/campaigns/{made['id']}/claims/x",
        ):
            method = "GET" if path.endswith("progress") else "PUT"
            request = {} if method == "GET" else {"json": {"decision": "accepted", "reason": "x"}}
            assert client.request(method, path, **request).status_code == 403  # center only
        body = {"title": "ours", "vulnerabilities": ["CVE-2024-21762"], "sectors": ["hospital"]}
        made_by_them = client.post("/api/campaigns", json=body | {"due": "2030-01-01"})
        assert made_by_them.status_code == 403  # campaigns are the center's to make
    with center.client(center.center_token()) as client:
        entry = client.get(f"/api/campaigns/{made['id']}").json()["entries"]
        assert theirs_id in [e["organization"]["id"] for e in entry]


def test_the_openapi_document_describes_the_campaign_routes(center: Center) -> None:
    with center.client() as client:
        document = client.get("/openapi.json").json()
    paths = document["paths"]
    assert set(paths) >= {
        "/api/campaigns",
        "/api/campaigns/{campaign_id}",
        "/api/campaigns/{campaign_id}/progress",
        "/api/campaigns/{campaign_id}/audit",
        "/api/campaigns/{campaign_id}/entries/{organization}",
        "/api/campaigns/{campaign_id}/claims/{finding_id}",
    }
    shown = paths["/api/campaigns/{campaign_id}"]["get"]["responses"]["200"]
    assert shown["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CampaignShown"
    }
    assert "burn_down" in document["components"]["schemas"]["Board"]["properties"]
