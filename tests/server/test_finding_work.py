"""The work on findings over the API, against a real server on SQLite and PostgreSQL:
suppression until a day (hidden from lists and plans, counted, back by itself), comments, the
organisation's analysis as CycloneDX and OpenVEX read back by AICC's own VEX reader, and what
changed between two uploads; each route refuses another organisation as it refuses nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, select, update

from aicc.core.times import utcnow
from aicc.store.center_tables import finding_events
from aicc.store.finding_work_tables import finding_comments, finding_suppressions
from aicc.validate.vex import CYCLONEDX_STATES, read_vex
from tests.report.test_vex_out import CYCLONEDX_SCHEMA, OPENVEX_SCHEMA
from tests.server.conftest import Center, upload
from tests.support.cyclonedx_schema import cyclonedx_validator

ROOT = Path(__file__).resolve().parents[2]
SBOM = (
    ROOT / "src" / "aicc" / "data" / "demo" / "rural-hospital" / "patient-portal" / "sbom.cdx.json"
)
APPLIANCES = SBOM.parents[1] / "appliances.csv"
CRYPTO = "CVE-2023-49083"  # cryptography 41.0.1 in the demo SBOM
OPENVEX_OF = {  # the OpenVEX status each AICC state is written as (and read back as)
    "in_triage": "under_investigation",
    "exploitable": "affected",
    "not_affected": "not_affected",
    "false_positive": "not_affected",
    "resolved": "fixed",
}


def _listed(client: httpx.Client, **params: Any) -> dict[str, Any]:
    page = client.get("/api/findings", params={"limit": 500, **params})
    assert page.status_code == 200, page.text
    body: dict[str, Any] = page.json()
    return body


def _id_of(client: httpx.Client, vulnerability: str) -> str:
    items = _listed(client, suppressed="any")["items"]
    return str(next(f["id"] for f in items if f["vulnerability"] == vulnerability))


def _in_plan(plan: dict[str, Any], vulnerability: str) -> bool:
    return any(item["id"] == vulnerability for a in plan["actions"] for item in a["fixes"])


def _store(center: Center) -> Any:
    return create_engine(center.env["AICC_DATABASE_URL"])


def _later(days: int) -> str:
    return (utcnow().date() + timedelta(days=days)).isoformat()


def test_a_suppressed_finding_is_hidden_counted_and_back_on_its_day(center: Center) -> None:
    _, _, token = center.organisation("hospital")
    with center.client(token) as client:
        assert upload(client, SBOM, asset="portal").status_code == 201
        crypto = _id_of(client, CRYPTO)
        assert _in_plan(client.get("/api/plan").json(), CRYPTO)
        until = _later(30)
        made = client.post(
            f"/api/findings/{crypto}/suppression",
            json={
                "reason": "portal is behind the WAF until the March release",
                "expires_on": until,
            },
        )
        assert made.status_code == 200, made.text
        body = made.json()
        assert body["suppressed"] and body["state"] == "in_triage"
        assert body["suppression"]["expires_on"] == until and body["suppression"]["active"]
        assert body["suppression"]["suppressed_by"].endswith(")")

        listed = _listed(client)
        assert crypto not in {f["id"] for f in listed["items"]}
        assert listed["suppressed"] == 1 and listed["total"] == 12
        only = _listed(client, suppressed="true")
        assert [f["id"] for f in only["items"]] == [crypto] and only["total"] == 1
        assert _listed(client, suppressed="any")["total"] == 13

        plan = client.get("/api/plan").json()
        assert not _in_plan(plan, CRYPTO)
        assert plan["suppressed_findings"] == {"shown": False, "findings": [crypto]}
        shown = client.get("/api/plan", params={"suppressed": "true"}).json()
        assert _in_plan(shown, CRYPTO) and shown["suppressed_findings"]["shown"]

        reasons = [
            e["reason"] for e in client.get(f"/api/findings/{crypto}/audit").json()["events"]
        ]
        assert reasons[-1] == (
            f"suppressed until {until} (back that day): "
            "portal is behind the WAF until the March release"
        )

        # the day comes: nothing is written, the finding is back by itself
        engine = _store(center)
        with engine.begin() as conn:
            conn.execute(
                update(finding_suppressions)
                .where(finding_suppressions.c.finding_id == crypto)
                .values(expires_on=utcnow().date())
            )
        engine.dispose()
        back = _listed(client)
        assert crypto in {f["id"] for f in back["items"]} and back["suppressed"] == 0
        again = client.get(f"/api/findings/{crypto}").json()
        assert not again["suppressed"] and not again["suppression"]["active"]
        assert _in_plan(client.get("/api/plan").json(), CRYPTO)
        assert client.get("/api/plan").json().get("suppressed_findings") is None


def test_a_suppression_is_lifted_early_and_both_are_audited(center: Center) -> None:
    _, name, token = center.organisation("bank")
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
        crypto = _id_of(client, CRYPTO)
    with center.client(center.center_token("analyst")) as analyst:
        done = analyst.post(
            f"/api/findings/{crypto}/suppression",
            json={"reason": "vendor patch in test", "expires_on": _later(7)},
        )
        assert done.status_code == 200, done.text
        assert _listed(analyst, organization=name)["suppressed"] == 1
        lifted = analyst.post(
            f"/api/findings/{crypto}/suppression/lift", json={"reason": "exploit published"}
        )
        assert lifted.status_code == 200, lifted.text
        assert not lifted.json()["suppressed"]
        assert lifted.json()["suppression"]["lifted_by"].startswith("CISA analyst")
        twice = analyst.post(f"/api/findings/{crypto}/suppression/lift", json={"reason": "again"})
        assert twice.status_code == 409 and "not suppressed" in twice.json()["detail"]
        events = analyst.get(f"/api/findings/{crypto}/audit").json()["events"]
        assert [e["reason"] for e in events[-2:]] == [
            f"suppressed until {_later(7)} (back that day): vendor patch in test",
            "suppression lifted: exploit published",
        ]
        assert all(e["from_state"] == e["to_state"] == "in_triage" for e in events[-2:])


def test_who_may_suppress_and_bad_values_change_nothing(center: Center) -> None:
    _, name, token = center.organisation("utility")
    member = center.admin_json("token", "create", "--org", name, "--role", "member")["token"]
    with center.client(token) as admin:
        upload(admin, SBOM, asset="portal")
        crypto = _id_of(admin, CRYPTO)
        path = f"/api/findings/{crypto}/suppression"
        for body, field in (
            ({"reason": "x", "expires_on": utcnow().date().isoformat()}, "expires_on"),
            ({"reason": "x", "expires_on": _later(400)}, "expires_on"),
            ({"reason": "   ", "expires_on": _later(3)}, "reason"),
            ({"reason": "a\x00b", "expires_on": _later(3)}, "reason"),
            ({"reason": "x", "expires_on": "next week"}, "expires_on"),
        ):
            refused = admin.post(path, json=body)
            assert refused.status_code == 422, (body, refused.text)
            assert field in refused.json()["detail"], refused.text
    for role_token in (member, center.center_token("read-only")):
        with center.client(role_token) as client:
            refused = client.post(path, json={"reason": "x", "expires_on": _later(3)})
            assert refused.status_code == 403, refused.text
    engine = _store(center)
    with engine.connect() as conn:
        assert (
            conn.execute(
                select(finding_suppressions).where(finding_suppressions.c.finding_id == crypto)
            ).first()
            is None
        )
        events = (
            conn.execute(
                select(finding_events.c.reason).where(finding_events.c.finding_id == crypto)
            )
            .scalars()
            .all()
        )
    engine.dispose()
    assert events == ["found in inventory 1 of portal (sbom.cdx.json)"]


def test_comments_are_appended_with_author_and_time_and_audited(center: Center) -> None:
    _, name, token = center.organisation("hospital")
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
        crypto = _id_of(client, CRYPTO)
        first = client.post(
            f"/api/findings/{crypto}/comments", json={"body": "Asked the vendor for 41.0.6."}
        )
        assert first.status_code == 201, first.text
        assert first.json()["author"].startswith(f"{name} admin (token tok_")
    with center.client(center.center_token("analyst")) as analyst:
        long = "Seen exploited against other hospitals. " * 10
        assert (
            analyst.post(f"/api/findings/{crypto}/comments", json={"body": long}).status_code == 201
        )
        listed = analyst.get(f"/api/findings/{crypto}/comments").json()
        assert [c["body"] for c in listed["comments"]] == [
            "Asked the vendor for 41.0.6.",
            long.strip(),
        ]
        assert listed["comments"][0]["at"] <= listed["comments"][1]["at"]
        reasons = [
            e["reason"] for e in analyst.get(f"/api/findings/{crypto}/audit").json()["events"]
        ]
        assert reasons[1] == f"comment {listed['comments'][0]['id']}: Asked the vendor for 41.0.6."
        assert reasons[2].endswith("…") and len(reasons[2]) < 240
    with center.client(center.center_token("read-only")) as reader:
        assert len(reader.get(f"/api/findings/{crypto}/comments").json()["comments"]) == 2
        assert (
            reader.post(f"/api/findings/{crypto}/comments", json={"body": "hi"}).status_code == 403
        )
    with center.client(token) as client:
        for body in ("  ", "x" * 10_001, "nul\x00here"):
            refused = client.post(f"/api/findings/{crypto}/comments", json={"body": body})
            assert refused.status_code == 422, refused.text
            assert "body" in refused.json()["detail"]
        assert len(client.get(f"/api/findings/{crypto}/comments").json()["comments"]) == 2


def _triaged(center: Center) -> tuple[str, str, dict[str, str]]:
    """An organisation whose findings are in every state; (id, token, vulnerability -> state)."""
    organisation_id, _, token = center.organisation("hospital")
    changes = {
        "CVE-2023-49083": ("exploitable", None, "the portal parses PKCS7 from users"),
        "CVE-2023-38325": ("not_affected", "vulnerable_code_not_in_execute_path", "no SSH certs"),
        "CVE-2022-45199": ("false_positive", None, "pillow is vendored but never imported"),
        "CVE-2023-32681": ("resolved", None, "proxy credentials removed"),
    }
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
        for vulnerability, (state, justification, reason) in changes.items():
            answer = client.patch(
                f"/api/findings/{_id_of(client, vulnerability)}",
                json={"state": state, "justification": justification, "reason": reason},
            )
            assert answer.status_code == 200, answer.text
        # a suppressed finding is still stated, as its state says
        client.post(
            f"/api/findings/{_id_of(client, 'CVE-2024-42005')}/suppression",
            json={"reason": "behind the WAF", "expires_on": _later(5)},
        )
        states = {
            f["vulnerability"]: f["state"] for f in _listed(client, suppressed="any")["items"]
        }
    return organisation_id, token, states


def test_the_analysis_exports_as_vex_that_reads_back_the_same(
    center: Center, tmp_path: Path
) -> None:
    organisation_id, token, states = _triaged(center)
    assert set(states.values()) == set(OPENVEX_OF)
    with center.client(token) as client:
        cdx = client.get(f"/api/organizations/{organisation_id}/vex")
        assert cdx.status_code == 200, cdx.text
        assert cdx.headers["content-type"] == "application/vnd.cyclonedx+json"
        openvex = client.get(f"/api/organisations/{organisation_id}/vex?format=openvex")
        assert openvex.status_code == 200, openvex.text
        bad = client.get(f"/api/organizations/{organisation_id}/vex?format=csaf")
        assert bad.status_code == 422 and "format" in bad.json()["detail"]
    CYCLONEDX_SCHEMA.validate(cdx.json())
    OPENVEX_SCHEMA.validate(openvex.json())
    with center.client(token) as client:
        older = client.get(f"/api/organizations/{organisation_id}/vex", params={"spec": "1.5"})
    assert older.status_code == 200 and older.json()["specVersion"] == "1.5"
    cyclonedx_validator("1.5").validate(older.json())
    analysis = {v["id"]: v["analysis"] for v in cdx.json()["vulnerabilities"]}
    assert analysis["CVE-2023-38325"]["justification"] == "code_not_reachable"
    assert analysis["CVE-2023-38325"]["detail"] == "no SSH certs"
    assert analysis["CVE-2023-49083"]["response"] == ["update"]
    assert analysis["CVE-2022-45199"]["state"] == "false_positive"
    for name, response in (("cdx.json", cdx), ("cdx15.json", older), ("openvex.json", openvex)):
        path = tmp_path / name
        path.write_bytes(response.content)
        statements = read_vex(path)
        assert len(statements) == len(states) == 13
        read = {s.vulnerability: s for s in statements}
        for vulnerability, state in states.items():
            statement = read[vulnerability]
            assert statement.status == OPENVEX_OF[state] == CYCLONEDX_STATES[state], name
            assert any(p.startswith("pkg:pypi/") for p in statement.products)
        assert read["CVE-2023-38325"].justification == "vulnerable_code_not_in_execute_path"
        assert read["CVE-2023-38325"].impact_statement == "no SSH certs"
        assert "pkg:pypi/cryptography@41.0.1" in read["CVE-2023-49083"].products


def test_the_vex_export_from_the_command_line(center: Center, tmp_path: Path) -> None:
    organisation_id, _, states = _triaged(center)
    out = tmp_path / "analysis.openvex.json"
    done = center.aicc("admin", "vex", organisation_id, "--format", "openvex", "--output", str(out))
    assert done.exit_code == 0, done.stderr
    OPENVEX_SCHEMA.validate(json.loads(out.read_text()))
    assert {s.vulnerability: s.status for s in read_vex(out)} == {
        v: OPENVEX_OF[s] for v, s in states.items()
    }
    printed = center.aicc("admin", "vex", organisation_id)
    assert printed.exit_code == 0, printed.stderr
    CYCLONEDX_SCHEMA.validate(json.loads(printed.stdout))
    unknown = center.aicc("admin", "vex", "No such organisation")
    assert unknown.exit_code == 2 and "not found" in unknown.stderr


def test_appliances_are_stated_by_their_cpe(center: Center, tmp_path: Path) -> None:
    organisation_id, _, token = center.organisation("utility")
    with center.client(token) as client:
        assert upload(client, APPLIANCES, asset="network devices").status_code == 201
        cpes = {
            f["component"]["cpe"] for f in _listed(client)["items"] if f["component"].get("cpe")
        }
        assert cpes, "the demo appliances list has findings named by CPE"
        documents = {
            kind: client.get(f"/api/organizations/{organisation_id}/vex", params={"format": kind})
            for kind in ("cyclonedx", "openvex")
        }
    CYCLONEDX_SCHEMA.validate(documents["cyclonedx"].json())
    OPENVEX_SCHEMA.validate(documents["openvex"].json())
    for kind, response in documents.items():
        path = tmp_path / f"{kind}.json"
        path.write_bytes(response.content)
        statements = read_vex(path)
        assert {s.status for s in statements} == {"under_investigation"}, kind
        assert cpes <= {p for s in statements for p in s.products}, kind


def test_an_organisation_without_findings_has_an_empty_cyclonedx_and_no_openvex(
    center: Center, tmp_path: Path
) -> None:
    organisation_id, _, token = center.organisation("federal")
    with center.client(token) as client:
        empty = client.get(f"/api/organizations/{organisation_id}/vex")
        assert empty.status_code == 200 and empty.json()["vulnerabilities"] == []
        CYCLONEDX_SCHEMA.validate(empty.json())
        (tmp_path / "empty.json").write_bytes(empty.content)
        assert read_vex(tmp_path / "empty.json") == []
        none = client.get(f"/api/organizations/{organisation_id}/vex", params={"format": "openvex"})
        assert none.status_code == 409 and "one statement at least" in none.json()["detail"]


def _second_upload(tmp_path: Path) -> Path:
    """The demo SBOM a release later: cryptography upgraded, pillow removed, paramiko added."""
    document = json.loads(SBOM.read_text())
    components = [c for c in document["components"] if c["name"] != "pillow"]
    for component in components:
        if component["name"] == "cryptography":
            component["version"] = "42.0.4"
            component["purl"] = component["bom-ref"] = "pkg:pypi/cryptography@42.0.4"
    components.append(
        {
            "type": "library",
            "bom-ref": "pkg:pypi/paramiko@2.10.0",
            "name": "paramiko",
            "version": "2.10.0",
            "purl": "pkg:pypi/paramiko@2.10.0",
        }
    )
    document["components"] = components
    document.pop("dependencies", None)
    path = tmp_path / "sbom.cdx.json"
    path.write_text(json.dumps(document))
    return path


def test_what_changed_between_two_uploads(center: Center, tmp_path: Path) -> None:
    _, _, token = center.organisation("hospital")
    with center.client(token) as client:
        first = upload(client, SBOM, asset="portal").json()
        asset = first["asset"]["id"]
        one = client.get(f"/api/assets/{asset}/diff")
        assert one.status_code == 200, one.text
        assert one.json()["from"] is None and len(one.json()["components"]["added"]) == 11
        assert len(one.json()["findings"]["new"]) == 13
        assert upload(client, _second_upload(tmp_path), asset="portal").status_code == 201

        diff = client.get(f"/api/assets/{asset}/diff")
        assert diff.status_code == 200, diff.text
        body = diff.json()
        assert (body["from"]["version"], body["to"]["version"]) == (1, 2)
        changes = body["components"]
        assert [c["name"] for c in changes["added"]] == ["paramiko"]
        assert [c["name"] for c in changes["removed"]] == ["pillow"]
        assert changes["changed"] == [
            {"name": "cryptography", "ecosystem": "PyPI", "from": ["41.0.1"], "to": ["42.0.4"]}
        ]
        assert changes["unchanged"] == 9
        new = body["findings"]["new"]
        assert [f["vulnerability"] for f in new] == ["CVE-2022-24302"]
        assert new[0]["finding"] and new[0]["state"] == "in_triage"
        gone = sorted(f["vulnerability"] for f in body["findings"]["gone"])
        assert gone == ["CVE-2022-45199", "CVE-2023-38325", "CVE-2023-44271", CRYPTO]
        assert all(f["finding"] for f in body["findings"]["gone"])
        assert body["skipped"] == []

        back = client.get(f"/api/assets/{asset}/diff", params={"from": 2, "to": 1}).json()
        assert [c["name"] for c in back["components"]["added"]] == ["pillow"]
        for params, field in (({"from": 3}, "from"), ({"to": 9}, "to"), ({"from": 2}, "from, to")):
            refused = client.get(f"/api/assets/{asset}/diff", params=params)
            assert refused.status_code == 422, (params, refused.text)
            assert refused.json()["detail"].startswith(f"{field}:"), refused.text


NOTHING = {
    "organisation": "org_00000000000000000000",
    "name": "Nobody",
    "asset": "ast_00000000000000000000",
    "finding": "fnd_00000000000000000000",
}


def _routes(things: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    finding = f"/api/findings/{things['finding']}"
    organisation = things["organisation"]
    return [
        ("POST", f"{finding}/suppression", {"json": {"reason": "x", "expires_on": _later(3)}}),
        ("POST", f"{finding}/suppression/lift", {"json": {"reason": "x"}}),
        ("GET", f"{finding}/comments", {}),
        ("POST", f"{finding}/comments", {"json": {"body": "mine now"}}),
        ("GET", f"/api/organizations/{organisation}/vex", {}),
        ("GET", f"/api/organizations/{things['name']}/vex", {"params": {"format": "openvex"}}),
        ("GET", f"/api/organisations/{organisation}/vex", {}),
        ("GET", f"/api/assets/{things['asset']}/diff", {}),
    ]


def _anonymous(detail: str, things: dict[str, str]) -> str:
    for value in things.values():
        detail = detail.replace(value, "ID")
    return detail


@pytest.mark.parametrize("role", ["admin", "member"])
def test_another_organisations_findings_and_assets_are_not_found(center: Center, role: str) -> None:
    organisation_id, name, their_token = center.organisation("bank")
    with center.client(their_token) as client:
        made = upload(client, SBOM, asset="portal").json()
        theirs = {
            "organisation": organisation_id,
            "name": name,
            "asset": made["asset"]["id"],
            "finding": _id_of(client, CRYPTO),
        }
    _, _, token = center.organisation("hospital", role=role)
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
        for (method, path, request), (_, void, _) in zip(
            _routes(theirs), _routes(NOTHING), strict=True
        ):
            answer = client.request(method, path, **request)
            assert answer.status_code == 404, (method, path, answer.text)
            nothing = client.request(method, void, **request)
            assert nothing.status_code == 404, (method, void, nothing.text)
            assert _anonymous(answer.json()["detail"], theirs) == _anonymous(
                nothing.json()["detail"], NOTHING
            )
        assert theirs["finding"] not in {
            f["id"] for f in _listed(client, suppressed="any")["items"]
        }
    engine = _store(center)
    with engine.connect() as conn:
        for table in (finding_suppressions, finding_comments):
            assert (
                conn.execute(select(table).where(table.c.finding_id == theirs["finding"])).first()
                is None
            )
    engine.dispose()


def test_no_token_gets_nothing_from_the_new_routes(center: Center) -> None:
    for headers in ({}, {"Authorization": "Bearer aicc_not-a-token"}):
        with httpx.Client(base_url=center.url, headers=headers) as client:
            for method, path, request in _routes(NOTHING):
                answer = client.request(method, path, **request)
                assert answer.status_code == 401, (headers, method, path, answer.text)


def test_the_openapi_document_lists_the_new_routes(center: Center) -> None:
    with httpx.Client(base_url=center.url) as client:
        paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/findings/{finding_id}/suppression",
        "/api/findings/{finding_id}/suppression/lift",
        "/api/findings/{finding_id}/comments",
        "/api/organizations/{organization_id}/vex",
        "/api/assets/{asset_id}/diff",
    ):
        assert path in paths, path
