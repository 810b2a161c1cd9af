"""The center's API, spoken to over HTTP as a client would: uploads, findings, triage, the
plan, tenancy and the limits, against a real server on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.conftest import Center, upload

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "src" / "aicc" / "data" / "demo" / "rural-hospital"
SBOM = DEMO / "patient-portal" / "sbom.cdx.json"
APPLIANCES = DEMO / "appliances.csv"
FIXTURES = ROOT / "tests" / "fixtures" / "inventory"
TRUNCATED_SBOM = FIXTURES / "sbom" / "cyclonedx.truncated.json"


def _all_findings(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    page = client.get("/api/findings", params={"limit": 500, **params})
    assert page.status_code == 200, page.text
    items: list[dict[str, Any]] = page.json()["items"]
    return items


def _finding_of(client: httpx.Client, vulnerability: str) -> dict[str, Any]:
    return next(f for f in _all_findings(client) if f["vulnerability"] == vulnerability)


def test_an_sbom_upload_is_scanned_and_kept(center: Center) -> None:
    _, name, token = center.organisation("hospital")
    with center.client(token) as client:
        made = upload(client, SBOM, asset="patient-portal")
        assert made.status_code == 201, made.text
        body = made.json()
        assert body["version"] == 1
        assert body["asset"]["name"] == "patient-portal"
        assert body["asset"]["kind"] == "application"
        assert body["format"] == "cyclonedx-json"
        assert body["components"] == 11
        assert body["findings"] == {"total": 13, "new": 13, "again": 0, "reopened": 0, "gone": 0}
        assert body["unmatched"] == [] and body["skipped"] == []

        stored = client.get(f"/api/inventories/{body['id']}").json()
        assert stored["version"] == 1 and stored["filename"] == "sbom.cdx.json"
        assert len(stored["components"]) == 11
        assert stored["components"][0]["source"] == "patient-portal/sbom.cdx.json"
        assert stored["uploaded_by"].startswith(f"{name} admin (token tok_")

        found = _all_findings(client)
        assert len(found) == 13 and {f["state"] for f in found} == {"in_triage"}
        crypto = _finding_of(client, "CVE-2023-49083")
        assert crypto["aliases"] == ["GHSA-jfhm-5ghh-2f97", "PYSEC-2023-254"]
        assert crypto["component"]["purl"] == "pkg:pypi/cryptography@41.0.1"
        whole = client.get(f"/api/findings/{crypto['id']}").json()
        # the pipeline's record, decided under the organisation's (hospital) profile
        assert whole["record"]["evidence"]["exploitation"]["value"] == "poc"
        tables = [d["table"] for d in whole["record"]["decisions"]]
        assert tables == ["ssvc:DT_DP:1.0.0", "cisa:DT_CO:2.0.3", "cisa:DT_BOD2604:1.0.0"]
        assert whole["decision"] == whole["record"]["decisions"][0]["label"]
        assert whole["record"]["reachability"] is None  # no source tree comes with an upload


def test_an_appliance_list_upload_names_what_it_could_not_identify(center: Center) -> None:
    _, _, token = center.organisation("utility")
    with center.client(token) as client:
        made = upload(client, APPLIANCES, asset="network devices")
        assert made.status_code == 201, made.text
        body = made.json()
        assert body["asset"]["kind"] == "appliance"  # from the format
        assert [u["component"] for u in body["unmatched"]] == ["Orthanc 1.12.1"]
        assert body["unmatched"][0]["source"] == "network devices/appliances.csv"
        assert body["unmatched"][0]["location"] == "line 7"
        exploited = _all_findings(client, kev="true")
        assert "CVE-2024-3400" in {f["vulnerability"] for f in exploited}
        assert all(f["kev"] for f in exploited)
        firewall = _finding_of(client, "CVE-2024-3400")
        assert firewall["component"]["name"] == "Main firewall"
        assert firewall["decision"] == "Immediate"


def test_a_broken_sbom_is_refused_with_its_place_and_nothing_is_kept(center: Center) -> None:
    _, _, token = center.organisation()
    with center.client(token) as client:
        refused = upload(client, TRUNCATED_SBOM, asset="portal", name="bom.json")
        assert refused.status_code == 422
        body = refused.json()
        assert body["detail"] == "portal/bom.json: line 50, column 7: not valid JSON: " + (
            "unexpected end of data"
        )
        assert body["problems"] == [
            {
                "stage": "inventory",
                "source": "portal/bom.json",
                "location": "line 50, column 7",
                "reason": "not valid JSON: unexpected end of data",
            }
        ]
        unsupported = upload(client, ROOT / "README.md", asset="portal")
        assert unsupported.status_code == 422
        assert unsupported.json()["detail"] == "portal/README.md: not a supported inventory format"
        assert client.get("/api/assets").json() == []
        assert _all_findings(client, present="any") == []


def test_a_reupload_keeps_the_analysis_and_counts_versions(center: Center, tmp_path: Path) -> None:
    _, _, token = center.organisation()
    with center.client(token) as client:
        assert upload(client, SBOM, asset="portal").status_code == 201
        crypto = _finding_of(client, "CVE-2023-49083")
        changed = client.patch(
            f"/api/findings/{crypto['id']}",
            json={"state": "exploitable", "reason": "the portal parses PKCS7 from users"},
        )
        assert changed.status_code == 200, changed.text

        again = upload(client, SBOM, asset="portal").json()
        assert again["version"] == 2
        assert again["findings"] == {"total": 13, "new": 0, "again": 0, "reopened": 0, "gone": 0}
        kept = client.get(f"/api/findings/{crypto['id']}").json()
        assert kept["state"] == "exploitable" and kept["present"]
        assert kept["inventory"] == again["id"]

        # cryptography upgraded: the finding is gone from the latest inventory, and kept
        document = json.loads(SBOM.read_text())
        for component in document["components"]:
            if component["name"] == "cryptography":
                component["version"] = "42.0.4"
                component["purl"] = component["bom-ref"] = "pkg:pypi/cryptography@42.0.4"
        upgraded = tmp_path / "sbom.cdx.json"
        upgraded.write_text(json.dumps(document))
        third = upload(client, upgraded, asset="portal").json()
        assert third["version"] == 3 and third["findings"]["gone"] >= 1
        gone = client.get(f"/api/findings/{crypto['id']}").json()
        assert gone["state"] == "exploitable" and not gone["present"]
        assert crypto["id"] not in {f["id"] for f in _all_findings(client)}
        assert crypto["id"] in {f["id"] for f in _all_findings(client, present="false")}

        # and back again (a rollback): the same row, its history whole
        fourth = upload(client, SBOM, asset="portal").json()
        assert fourth["version"] == 4 and fourth["findings"]["again"] >= 1
        back = client.get(f"/api/findings/{crypto['id']}").json()
        assert back["present"] and back["state"] == "exploitable"
        reasons = [
            e["reason"] for e in client.get(f"/api/findings/{crypto['id']}/audit").json()["events"]
        ]
        assert reasons == [
            "found in inventory 1 of portal (sbom.cdx.json)",
            "the portal parses PKCS7 from users",
            "not in inventory 3 of portal (sbom.cdx.json)",
            "found again in inventory 4 of portal (sbom.cdx.json)",
        ]


def test_a_resolved_finding_still_listed_is_reopened(center: Center) -> None:
    _, _, token = center.organisation()
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
        finding = _finding_of(client, "CVE-2023-49083")
        client.patch(
            f"/api/findings/{finding['id']}", json={"state": "resolved", "reason": "patched"}
        )
        upload(client, SBOM, asset="portal")
        audit = client.get(f"/api/findings/{finding['id']}/audit").json()
        assert audit["state"] == "in_triage"
        assert audit["events"][-1]["from_state"] == "resolved"
        assert audit["events"][-1]["reason"] == (
            "reopened: inventory 2 of portal (sbom.cdx.json) still lists it"
        )


def test_triage_is_audited_and_not_affected_needs_a_justification(center: Center) -> None:
    _, name, token = center.organisation()
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
        finding = _finding_of(client, "CVE-2023-49083")
        path = f"/api/findings/{finding['id']}"

        bare = client.patch(path, json={"state": "not_affected", "reason": "not used"})
        assert bare.status_code == 422
        assert bare.json()["detail"].startswith(
            "justification: not_affected needs a VEX justification (none was given): "
            "component_not_present, "
        )
        wrong = client.patch(
            path,
            json={"state": "exploitable", "reason": "x", "justification": "component_not_present"},
        )
        assert wrong.status_code == 422
        assert (
            wrong.json()["detail"] == "justification: only not_affected takes one, not exploitable"
        )
        unknown = client.patch(path, json={"state": "fixed", "reason": "x"})
        assert unknown.status_code == 422 and unknown.json()["detail"].startswith("body.state: ")
        no_reason = client.patch(path, json={"state": "exploitable"})
        assert no_reason.status_code == 422
        assert no_reason.json()["detail"] == "body.reason: Field required"
        assert len(client.get(f"{path}/audit").json()["events"]) == 1  # nothing was changed

        done = client.patch(
            path,
            json={
                "state": "not_affected",
                "reason": "load_pem_pkcs7_certificates is never called",
                "justification": "vulnerable_code_not_in_execute_path",
            },
        )
        assert done.status_code == 200
        assert done.json()["state"] == "not_affected"
        assert done.json()["justification"] == "vulnerable_code_not_in_execute_path"
        events = client.get(f"{path}/audit").json()["events"]
        assert [(e["from_state"], e["to_state"]) for e in events] == [
            (None, "in_triage"),
            ("in_triage", "not_affected"),
        ]
        assert events[1]["actor"].startswith(f"{name} admin (token tok_")
        assert events[1]["justification"] == "vulnerable_code_not_in_execute_path"
        assert _all_findings(client, state="not_affected") == [
            f for f in _all_findings(client) if f["id"] == finding["id"]
        ]


def test_findings_are_paged_most_urgent_first_and_filtered(center: Center) -> None:
    _, _, token = center.organisation()
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
        upload(client, APPLIANCES, asset="devices")
        everything = _all_findings(client)
        assert len(everything) == 18
        ranks = ["Immediate", "Out-of-Cycle", "Scheduled", "Defer", None]
        order = [(ranks.index(f["decision"]), f["due"] or "9999-12-31") for f in everything]
        assert order == sorted(order)

        seen, cursor = [], None
        while True:
            params: dict[str, Any] = {"limit": 5}
            if cursor:
                params["cursor"] = cursor
            page = client.get("/api/findings", params=params).json()
            assert page["total"] == 18
            seen += [f["id"] for f in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == [f["id"] for f in everything]
        by_offset = client.get("/api/findings", params={"limit": 5, "offset": 15}).json()
        assert [f["id"] for f in by_offset["items"]] == seen[15:]

        immediate = _all_findings(client, decision="immediate")
        assert immediate and all(f["decision"] == "Immediate" for f in immediate)
        assert _all_findings(client, decision="I") == immediate
        first_due = min(f["due"] for f in everything if f["due"])
        assert _all_findings(client, due_before=first_due) == []
        assert _all_findings(client, asset="devices") == [
            f for f in everything if f["asset"]["name"] == "devices"
        ]
        bad = client.get("/api/findings", params={"decision": "soon"})
        assert bad.status_code == 422 and bad.json()["detail"].startswith("decision: 'soon'")
        assert client.get("/api/findings", params={"cursor": "nonsense"}).status_code == 422
        assert client.get("/api/findings", params={"limit": 0}).status_code == 422


def test_the_plan_is_the_command_lines_plan(
    center: Center, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    organisation_id, _, token = center.organisation("hospital")
    with center.client(token) as client:
        upload(client, SBOM, asset="patient-portal")
        upload(client, APPLIANCES, asset="devices")
        served = client.get("/api/plan")
        assert served.status_code == 200
        plan = served.json()
    (tmp_path / "patient-portal").mkdir()
    (tmp_path / "devices").mkdir()
    shutil.copy(SBOM, tmp_path / "patient-portal")
    shutil.copy(APPLIANCES, tmp_path / "devices")
    monkeypatch.chdir(tmp_path)
    result = center.aicc(
        "plan",
        "--format",
        "json",
        "--no-reachability",
        "--sector",
        "hospital",
        "devices/appliances.csv",
        "patient-portal/sbom.cdx.json",
    )
    assert result.exit_code == 0, result.stderr
    assert plan == json.loads(result.stdout)
    assert plan["profile"] == "hospital" and plan["summary"]["actions"] > 0
    with center.client(center.center_token("read-only")) as client:
        for_center = client.get("/api/plan", params={"organization": organisation_id}).json()
        assert for_center == plan
        needs_one = client.get("/api/plan")
        assert needs_one.status_code == 422
        assert needs_one.json()["detail"].startswith("organization: ")


def test_uploads_over_the_limit_are_refused(center: Center, tmp_path: Path) -> None:
    _, _, token = center.organisation()
    limit = int(0.25 * 1024 * 1024)
    over = tmp_path / "requirements.txt"
    over.write_text("flask==2.2.2\n" + "# padding\n" * (limit // 10 + 1))
    with center.client(token) as client:
        refused = upload(client, over, asset="big")
        assert refused.status_code == 413
        assert refused.json()["detail"] == (
            f"file: requirements.txt is over the upload limit of {limit} bytes (AICC_MAX_UPLOAD_MB)"
        )
        huge = tmp_path / "huge" / "requirements.txt"
        huge.parent.mkdir()
        huge.write_text("# padding\n" * (limit // 2))  # 5x the limit: stopped as it arrives
        stopped = upload(client, huge, asset="big")
        assert stopped.status_code == 413
        assert "over the upload limit" in stopped.json()["detail"]
        assert client.get("/api/assets").json() == []


def test_the_portfolio_shows_the_center_who_is_affected(center: Center) -> None:
    first, first_name, first_token = center.organisation("hospital")
    second, second_name, second_token = center.organisation("bank")
    for token in (first_token, second_token):
        with center.client(token) as client:
            assert upload(client, APPLIANCES, asset="devices").status_code == 201
    with center.client(center.center_token("read-only")) as client:
        view = client.get("/api/portfolio/vulnerabilities/CVE-2024-3400")
        assert view.status_code == 200
        mine = [o for o in view.json()["organizations"] if o["id"] in (first, second)]
        assert [o["name"] for o in mine] == sorted([first_name, second_name])
        for organisation in mine:
            [asset] = organisation["assets"]
            [finding] = asset["findings"]
            assert asset["name"] == "devices"
            assert finding["component"]["name"] == "Main firewall"
            assert finding["state"] == "in_triage" and finding["decision"] == "Immediate"
    with center.client(first_token) as client:
        assert client.get("/api/portfolio/vulnerabilities/CVE-2024-3400").status_code == 403


def test_aliases_reach_the_same_findings_in_the_portfolio(center: Center) -> None:
    organisation_id, _, token = center.organisation()
    with center.client(token) as client:
        upload(client, SBOM, asset="portal")
    with center.client(center.center_token()) as client:
        by_cve = client.get("/api/portfolio/vulnerabilities/CVE-2023-49083").json()
        by_ghsa = client.get("/api/portfolio/vulnerabilities/GHSA-jfhm-5ghh-2f97").json()
    assert "CVE-2023-49083" in by_ghsa["ids"]
    ours = [o for o in by_ghsa["organizations"] if o["id"] == organisation_id]
    assert ours == [o for o in by_cve["organizations"] if o["id"] == organisation_id] != []


def test_the_openapi_document_lists_the_routes(center: Center) -> None:
    document = httpx.get(f"{center.url}/openapi.json").json()
    assert set(document["paths"]) >= {
        "/api/inventories",
        "/api/inventories/{inventory_id}",
        "/api/findings",
        "/api/findings/{finding_id}",
        "/api/findings/{finding_id}/audit",
        "/api/plan",
        "/api/organizations",
        "/api/assets",
        "/api/portfolio/vulnerabilities/{vulnerability_id}",
    }
    assert "HTTPBearer" in document["components"]["securitySchemes"]


def test_a_body_without_a_length_is_stopped_at_the_limit(center: Center) -> None:
    _, _, token = center.organisation()
    boundary = "aicc-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="asset"\r\n\r\nbig\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="requirements.txt"'
        "\r\nContent-Type: text/plain\r\n\r\n"
    ).encode()

    def chunks() -> Iterator[bytes]:  # chunked: no Content-Length to refuse it by
        yield head
        for _ in range(400):  # 400 x 8 KiB: 3.2 MB, past the limit and the form's allowance
            yield b"# padding\n" * 819
        yield f"\r\n--{boundary}--\r\n".encode()

    with center.client(token) as client:
        stopped = client.post(
            "/api/inventories",
            content=chunks(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert stopped.status_code == 413
        assert stopped.json()["detail"].startswith("the request body is over the upload limit")
        assert client.get("/api/assets").json() == []


GO_SERVICE = FIXTURES / "go" / "service"
DPKG_STATUS = FIXTURES / "os" / "dpkg-status"
DEBIAN_12 = b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'


def _upload_files(
    client: httpx.Client, parts: list[tuple[str, bytes]], *, asset: str
) -> httpx.Response:
    """POST /api/inventories with the ``file`` field repeated, one per part (name, bytes)."""
    files = [("file", (name, content, "application/octet-stream")) for name, content in parts]
    return client.post("/api/inventories", data={"asset": asset}, files=files)


def test_a_go_mod_sent_with_its_go_sum_is_read_with_it(center: Center) -> None:
    _, _, token = center.organisation()
    go_mod = (GO_SERVICE / "go.mod").read_bytes()
    go_sum = (GO_SERVICE / "go.sum").read_bytes()
    with center.client(token) as client:
        alone = upload(client, GO_SERVICE / "go.mod", asset="intake")
        assert alone.status_code == 201, alone.text
        [only] = alone.json()["files"]
        assert only["read"] and only["why"].startswith("the inventory (go.mod); no go.sum came")

        both = _upload_files(
            client,
            [("go.mod", go_mod), ("go.sum", go_sum), ("NOTES.md", b"# ops\n")],
            asset="intake",
        )
        assert both.status_code == 201, both.text
        body = both.json()
        assert (body["version"], body["filename"], body["format"]) == (2, "go.mod", "go.mod")
        assert [(f["name"], f["read"], f["why"]) for f in body["files"]] == [
            ("go.mod", True, "the inventory (go.mod)"),
            ("go.sum", True, "read with go.mod: confirms its module versions"),
            ("NOTES.md", False, "not an inventory aicc reads, and the inventory does not use it"),
        ]
        assert body["findings"]["total"] == alone.json()["findings"]["total"] > 0
        stored = client.get(f"/api/inventories/{body['id']}").json()
        assert [f["name"] for f in stored["files"]] == ["go.mod", "go.sum", "NOTES.md"]
        assert stored["size"] == len(go_mod) + len(go_sum) + len(b"# ops\n")

        # the diff and the plan read the stored files again, go.sum beside go.mod
        diff = client.get(f"/api/assets/{body['asset']['id']}/diff")
        assert diff.status_code == 200, diff.text
        # both versions read again: only the go.mod's module replaced by a folder is skipped
        assert {p["source"] for p in diff.json()["skipped"]} == {"intake/go.mod"}
        assert diff.json()["findings"]["new"] == [] and diff.json()["findings"]["gone"] == []
        assert client.get("/api/plan").status_code == 200

        two = _upload_files(
            client, [("go.mod", go_mod), ("requirements.txt", b"flask==2.2.2\n")], asset="intake"
        )
        assert two.status_code == 422, two.text
        assert two.json()["detail"] == (
            "file: an upload is one inventory, and these files are each one: "
            "go.mod (go.mod), requirements.txt (requirements.txt); upload each as an asset of "
            "its own"
        )


def test_a_dpkg_database_is_read_with_the_os_release_sent_beside_it(
    center: Center, tmp_path: Path
) -> None:
    _, _, token = center.organisation()
    status = DPKG_STATUS.read_bytes()
    with center.client(token) as client:
        alone = upload(client, DPKG_STATUS, asset="ehr-host", name="status")
        assert alone.status_code == 201, alone.text
        assert "no os-release came with it" in alone.json()["files"][0]["why"]
        first = client.get(f"/api/inventories/{alone.json()['id']}").json()
        assert {c["ecosystem"] for c in first["components"]} == {"Debian"}

        loose = _upload_files(
            client, [("status", status), ("os-release", DEBIAN_12)], asset="ehr-host"
        )
        assert loose.status_code == 201, loose.text
        body = loose.json()
        assert body["filename"] == "var/lib/dpkg/status" and body["asset"]["kind"] == "host"
        assert [(f["name"], f.get("sent_as"), f["read"]) for f in body["files"]] == [
            ("var/lib/dpkg/status", "status", True),
            ("etc/os-release", "os-release", True),
        ]
        second = client.get(f"/api/inventories/{body['id']}").json()
        assert {c["ecosystem"] for c in second["components"]} == {"Debian:12"}
        assert second["components"][0]["source"] == "ehr-host/var/lib/dpkg/status"

        # an archive of the system's tree, links left out and named
        tree = tmp_path / "tree"
        (tree / "var" / "lib" / "dpkg").mkdir(parents=True)
        (tree / "etc").mkdir()
        (tree / "var" / "lib" / "dpkg" / "status").write_bytes(status)
        (tree / "etc" / "os-release").write_bytes(DEBIAN_12)
        (tree / "etc" / "passwd").symlink_to("/etc/passwd")
        archive = tmp_path / "ehr-host.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(tree, arcname=".")
        packed = upload(client, archive, asset="ehr-host")
        assert packed.status_code == 201, packed.text
        files = {f["name"]: (f["read"], f["why"]) for f in packed.json()["files"]}
        assert files["var/lib/dpkg/status"] == (True, "the inventory (dpkg-status)")
        assert files["etc/os-release"][0] is True
        assert files["./etc/passwd"] == (False, "a link: links are not followed")

        diff = client.get(f"/api/assets/{body['asset']['id']}/diff", params={"from": 1, "to": 3})
        assert diff.status_code == 200, diff.text
        changed = diff.json()["components"]["changed"]
        assert changed == [] and diff.json()["components"]["unchanged"] == 0
        assert len(diff.json()["components"]["added"]) == len(second["components"])

        outside = tmp_path / "outside.tar"
        with tarfile.open(outside, "w") as tar:
            info = tarfile.TarInfo("../../etc/cron.d/evil")
            info.size = len(status)
            tar.addfile(info, io.BytesIO(status))
        refused = upload(client, outside, asset="ehr-host")
        assert refused.status_code == 422
        assert refused.json()["detail"] == (
            "file outside.tar: '../../etc/cron.d/evil' leaves the upload's folder ('..')"
        )
        bomb = tmp_path / "bomb.tar.gz"
        with tarfile.open(bomb, "w:gz") as tar:
            info = tarfile.TarInfo("status")
            info.size = 2 * 1024 * 1024  # 8x the test server's upload limit, in a few kB
            tar.addfile(info, io.BytesIO(bytes(info.size)))
        assert bomb.stat().st_size < 64 * 1024
        too_big = upload(client, bomb, asset="ehr-host")
        assert too_big.status_code == 413, too_big.text
        assert "unpacks to over the upload limit" in too_big.json()["detail"]
        [asset] = client.get("/api/assets").json()
        assert asset["latest_version"] == 3  # nothing refused was kept


def test_asset_settings_are_kept_and_change_the_decisions(center: Center) -> None:
    """Exposure, class and safety-critical flag sent with an upload are kept on the asset for
    the uploads after it, and decide its findings; a bad value changes nothing."""
    _, _, token = center.organisation("hospital")
    _, _, plain_token = center.organisation("hospital")
    fields = ("exposure", "asset_class", "safety_critical")

    def decided(client: httpx.Client) -> dict[str, tuple[str | None, str | None]]:
        return {f["vulnerability"]: (f["decision"], f["due"]) for f in _all_findings(client)}

    with center.client(plain_token) as client:
        assert upload(client, SBOM, asset="portal").status_code == 201
        plain = decided(client)
    with center.client(token) as client:
        made = upload(
            client, SBOM, asset="portal", exposure="open", asset_class="ehr", safety_critical="true"
        )
        assert made.status_code == 201, made.text
        critical_asset = made.json()["asset"]
        assert [critical_asset[f] for f in fields] == ["open", "ehr", True]
        critical = decided(client)
        assert critical.keys() == plain.keys()
        assert critical["CVE-2023-49083"][0] == "Out-of-Cycle"
        assert plain["CVE-2023-49083"][0] == "Scheduled"

        again = upload(client, SBOM, asset="portal")  # no settings: the asset keeps its own
        assert again.status_code == 201, again.text
        assert [again.json()["asset"][f] for f in fields] == ["open", "ehr", True]
        assert decided(client) == critical
        [listed] = client.get("/api/assets").json()
        assert [listed[f] for f in fields] == ["open", "ehr", True]
        assert listed["latest_version"] == 2

        for bad in ({"exposure": "everywhere"}, {"safety_critical": "maybe"}, {"kind": "boat"}):
            refused = upload(client, SBOM, asset="portal", **bad)
            assert refused.status_code == 422, (bad, refused.text)
            assert next(iter(bad)) in refused.text
        [unchanged] = client.get("/api/assets").json()
        assert unchanged == listed  # no version 3, the same settings

        lowered = upload(
            client,
            SBOM,
            asset="portal",
            exposure="small",
            asset_class="office",
            safety_critical="false",
        )
        assert lowered.status_code == 201, lowered.text
        assert [lowered.json()["asset"][f] for f in fields] == ["small", "office", False]
        low = decided(client)
        assert low != critical
        assert low["CVE-2023-49083"][0] not in ("Immediate", "Out-of-Cycle")
