"""An organisation's own copy of a sector profile over a real server, on SQLite and PostgreSQL:
read the profile in use, put a copy (YAML or JSON, checked as ``--profile`` files are: a refusal
names the key path and line and changes nothing), see the plan use it at once and the findings
at the next upload, reset to a shipped one; audited; another organisation gets 404."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import httpx

from aicc.core.times import utcnow
from tests.server.conftest import Center

REQUIREMENTS = b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n"
SLOW = 365  # every outcome of both clocks, in the copy
COPY = {
    "name": "mercy-slow",
    "description": "Mercy's own clocks: a year for everything.",
    "human_impact": {"default": "medium"},
    "mission_impact": {"default": "medium"},
    "clocks": {
        "ssvc:DT_DP:1.0.0": {
            "days": {"Immediate": SLOW, "Out-of-Cycle": SLOW, "Scheduled": SLOW, "Defer": SLOW}
        },
        "cisa:DT_BOD2604:1.0.0": {
            "days": {"3DF": SLOW, "3D": SLOW, "14D": SLOW, "60D": SLOW, "FSU": SLOW}
        },
    },
}
BROKEN_YAML = """\
name: broken
human_impact:
  default: medium
mission_impact:
  default: medium
clocks:
  ssvc:DT_DP:1.0.0:
    days: {Immediate: soon}
"""


def _put(client: httpx.Client, body: str, kind: str, **params: str) -> httpx.Response:
    headers = {"Content-Type": f"application/{kind}"}
    return client.put("/api/profile", content=body.encode(), headers=headers, params=params)


def _upload(client: httpx.Client) -> None:
    files = {"file": ("requirements.txt", REQUIREMENTS, "text/plain")}
    done = client.post("/api/inventories", data={"asset": "portal"}, files=files)
    assert done.status_code == 201, done.text


def _dues(client: httpx.Client) -> dict[str, str]:
    page = client.get("/api/findings", params={"limit": 500})
    assert page.status_code == 200, page.text
    return {f["vulnerability"]: f["due"] for f in page.json()["items"]}


def test_an_own_profile_is_checked_used_and_reset(center: Center) -> None:
    org_id, name, token = center.organisation()
    with center.client(token) as client:
        first = client.get("/api/profile")
        assert first.status_code == 200, first.text
        shown = first.json()
        assert (shown["source"], shown["name"], shown["format"]) == ("shipped", "hospital", "yaml")
        assert "HIPAA" in shown["document"] and "bank" in shown["shipped"]
        _upload(client)
        before = _dues(client)
        assert before and all(due is not None for due in before.values())

        broken = _put(client, BROKEN_YAML, "yaml")
        assert broken.status_code == 422
        assert broken.json()["detail"].startswith(
            "profile: clocks.ssvc:DT_DP:1.0.0.days.Immediate (line 8):"
        ), broken.json()
        bad_json = _put(client, json.dumps({"human_impact": {"high": "high"}}), "json")
        assert bad_json.status_code == 422
        assert "human_impact" in bad_json.json()["detail"]
        not_yaml = _put(client, "human_impact: [\n", "yaml")
        assert not_yaml.status_code == 422 and "profile" in not_yaml.json()["detail"]
        assert client.get("/api/profile").json()["source"] == "shipped"  # nothing changed

        put = _put(client, json.dumps(COPY, indent=2), "json")
        assert put.status_code == 200, put.text
        own = put.json()
        assert (own["source"], own["name"], own["format"]) == ("own", "mercy-slow", "json")
        assert own["based_on"] == "hospital" and name in own["updated_by"]
        assert client.get("/api/profile").json()["document"] == json.dumps(COPY, indent=2)

        # the plan uses the copy at once; the stored findings keep their dates until re-decided
        plan = client.get("/api/plan").json()
        assert plan["profile"] == "mercy-slow"
        year = (utcnow().date() + timedelta(days=SLOW)).isoformat()
        assert plan["actions"] and all(a["due"] == year for a in plan["actions"])
        assert _dues(client) == before
        _upload(client)
        after = _dues(client)
        assert set(after) == set(before) and set(after.values()) == {year}

        reset = client.post("/api/profile/reset", json={"profile": "bank"})
        assert reset.status_code == 200, reset.text
        assert (reset.json()["source"], reset.json()["name"]) == ("shipped", "bank")
        unknown = client.post("/api/profile/reset", json={"profile": "casino"})
        assert unknown.status_code == 422 and "'casino' is not one of" in unknown.text
        log = client.get("/api/audit").json()
        mine = [(e["action"], e["detail"]["before"]) for e in log if e["organization"] == org_id]
        assert mine == [("profile_set", "hospital"), ("profile_reset", f"own:{org_id}")]
        assert date.fromisoformat(log[-1]["at"][:10]) == utcnow().date()


def test_another_organisation_and_other_roles_cannot_touch_it(center: Center) -> None:
    org_id, _, token = center.organisation()
    _, _, other = center.organisation()
    _, _, member_org = center.organisation(role="member")
    copy = json.dumps(COPY)
    nobody = "org_00000000000000000000"

    def asked(client: httpx.Client, target: str) -> list[httpx.Response]:
        return [
            client.get("/api/profile", params={"organization": target}),
            _put(client, copy, "json", organization=target),
            client.post("/api/profile/reset", params={"organization": target}, json=_bank()),
        ]

    with center.client(other) as them:
        for theirs, nothing in zip(asked(them, org_id), asked(them, nobody), strict=True):
            assert theirs.status_code == 404 == nothing.status_code, theirs.text
            # the same answer as for an organization that does not exist: nothing learnt
            assert theirs.text.replace(org_id, "ID") == nothing.text.replace(nobody, "ID")
    with center.client(member_org) as member:
        assert member.get("/api/profile").status_code == 200
        assert _put(member, copy, "json").status_code == 403
        assert member.post("/api/profile/reset", json=_bank()).status_code == 403
    with center.client(center.center_token("analyst")) as analyst:
        seen = analyst.get("/api/profile", params={"organization": org_id})
        assert seen.status_code == 200 and seen.json()["organization"] == org_id
        assert _put(analyst, copy, "json", organization=org_id).status_code == 403
        assert analyst.get("/api/profile").status_code == 422  # a center token names one
    with center.client(token) as client:
        assert client.get("/api/profile").json()["source"] == "shipped"  # nothing changed


def _bank() -> dict[str, Any]:
    return {"profile": "bank"}
