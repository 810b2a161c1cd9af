"""The campaign pages over HTTP against a real server (SQLite and PostgreSQL): an analyst starts
a campaign with the form and reads the board (the burn-down as inline SVG); an organisation's
user sees the card on its home, updates its own entry, and gets 404 for a campaign outside its
scope."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from aicc.server.campaign_pages import _attention
from tests.server.conftest import Center, upload
from tests.server.test_pages import csrf_of, log_in, user

APPLIANCES = (
    Path(__file__).resolve().parents[2] / "src/aicc/data/demo/rural-hospital/appliances.csv"
)


def _hospital(center: Center, region: str) -> str:
    """A hospital of ``region`` running the demo's appliances; a user of it (e-mail)."""
    return _hospital_with_token(center, region)[0]


def _hospital_with_token(center: Center, region: str) -> tuple[str, str]:
    """A hospital of ``region`` running the demo's appliances: a user's e-mail, a token."""
    name = f"Hospital {uuid.uuid4().hex[:8]}"
    center.admin_json("org", "create", name, "--sector", "hospital", "--region", region)
    token = center.admin_json("token", "create", "--org", name, "--role", "member")["token"]
    with center.client(token) as client:
        assert upload(client, APPLIANCES, asset="vpn-gateway").status_code == 201
    return user(center, "--org", name, role="member"), str(token)


def test_an_analyst_starts_a_campaign_and_a_hospital_updates_its_entry(center: Center) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    nurse = _hospital(center, region)
    outsider = _hospital(center, f"Region {uuid.uuid4().hex[:6]}")
    analyst = user(center, "--center", "CISA", role="analyst")
    title = f"Fortinet VPNs {region}"
    with log_in(center, analyst) as browser:
        form = browser.get("/campaigns/new")
        assert form.status_code == 200
        fields = {
            "csrf": csrf_of(form.text),
            "title": title,
            "kev_vendor": "Fortinet",
            "sectors": "hospital",
            "regions": region,
            "due": "2031-01-31",
        }
        bad = browser.post("/campaigns/new", data=fields | {"due": "31/01/2031"})
        assert bad.status_code == 422 and "due: " in bad.text and title in bad.text
        made = browser.post("/campaigns/new", data=fields)
        assert made.status_code == 303, made.text
        board_url = made.headers["location"]
        board = browser.get(board_url)
        assert board.status_code == 200
        assert (
            "<svg" in board.text and 'class="curve"' in board.text and "<script" not in board.text
        )
        assert "Findings still open each day" in board.text
        assert "CVE-2024-21762" in board.text and region in board.text
        assert title in browser.get("/campaigns").text
    with log_in(center, nurse) as browser:
        home = browser.get("/")
        assert "Campaigns for you" in home.text and title in home.text
        entry = browser.get(board_url)
        assert entry.status_code == 200 and "Where does the work stand?" in entry.text
        assert "Who is late" not in entry.text  # the board is the center's
        saved = browser.post(
            board_url + "/entry",
            data={"csrf": csrf_of(entry.text), "status": "in_progress", "reason": "patch Friday"},
        )
        assert saved.status_code == 303
        after = browser.get(saved.headers["location"])
        assert re.search(r'status-in_progress">In progress<', after.text)
        refused = browser.post(
            board_url + "/entry",
            data={"csrf": csrf_of(after.text), "status": "fixed", "reason": "done"},
        )
        assert refused.status_code == 422 and "re-scan" in refused.text
        assert (
            browser.post(board_url + "/entry", data={"status": "open", "reason": "x"}).status_code
            == 403
        )
    with log_in(center, analyst) as browser:
        assert "patch Friday" in browser.get(board_url).text
    with log_in(center, outsider) as browser:
        assert browser.get(board_url).status_code == 404
        listed = browser.get("/campaigns")
        assert title not in listed.text
        assert "Campaigns for you" not in browser.get("/").text
        token = csrf_of(listed.text)
        update = {"csrf": token, "status": "acknowledged", "reason": "ours now"}
        assert browser.post(board_url + "/entry", data=update).status_code == 404
        assert browser.get("/campaigns/new").status_code == 403  # the center's to make
        claim = {"csrf": token, "decision": "accepted", "reason": "x"}
        assert browser.post(board_url + "/claims/fnd_0", data=claim).status_code == 403


def test_the_board_lists_claims_to_decide_first_then_the_latest() -> None:
    def entry(name: str, status: str, claims: int = 0) -> dict[str, Any]:
        return {"organization": {"name": name}, "status": status, "pending_claims": claims}

    entries = [
        entry("Alpha", "fixed"),
        entry("Bravo", "in_progress"),
        entry("Charlie", "overdue"),
        entry("Delta", "open", claims=1),
        entry("Echo", "open"),
        entry("Foxtrot", "overdue"),
    ]
    assert [e["organization"]["name"] for e in sorted(entries, key=_attention)] == [
        "Delta",
        "Charlie",
        "Foxtrot",
        "Echo",
        "Bravo",
        "Alpha",
    ]


def test_an_analyst_decides_a_claim_on_the_board_and_the_hospital_reads_why(
    center: Center,
) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    nurse, token = _hospital_with_token(center, region)
    analyst = user(center, "--center", "CISA", role="analyst")
    body = {
        "title": f"FortiOS {region}",
        "vulnerabilities": ["CVE-2024-21762"],
        "regions": [region],
        "due": "2031-01-31",
    }
    with center.client(center.center_token()) as client:
        made = client.post("/api/campaigns", json=body).json()
    finding = made["entries"][0]["findings"][0]["id"]
    with center.client(token) as client:
        claim = {
            "state": "not_affected",
            "reason": "SSL-VPN is off",
            "justification": "vulnerable_code_not_in_execute_path",
        }
        assert client.patch(f"/api/findings/{finding}", json=claim).status_code == 200
    board_url = f"/campaigns/{made['id']}"
    with log_in(center, analyst) as browser:
        board = browser.get(board_url)
        assert f'action="{board_url}/claims/{finding}"' in board.text
        decided = browser.post(
            f"{board_url}/claims/{finding}",
            data={"csrf": csrf_of(board.text), "decision": "rejected", "reason": "SSL-VPN is on"},
        )
        assert decided.status_code == 303
        assert f'action="{board_url}/claims/{finding}"' not in browser.get(board_url).text
    with log_in(center, nurse) as browser:
        entry = browser.get(board_url).text
        assert "the center rejected your not_affected claim (SSL-VPN is on)" in entry
