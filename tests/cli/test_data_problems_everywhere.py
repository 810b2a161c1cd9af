"""Every output of `aicc scan` names a finding's data problems, the ranges of its records that
could not be read (issue 11, item 5: nothing silent): SARIF in the result's message and
properties, CSV in a column, CycloneDX as a property of the vulnerability; and the row whose
status is not decided, which JSON and the table list as skipped, reaches each of them too.

The records are in tests/match/data_problem_records.py; JSON, the table and the plan are
checked in tests/cli/test_data_problem_outputs.py.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from aicc.core.components import Component, Inventory
from aicc.core.findings import Finding
from aicc.core.results import FindingRecord, ScanResult
from aicc.report.cyclonedx import cyclonedx
from aicc.store.db import open_store
from tests.cli.conftest import Invoke, sample_cli
from tests.cli.test_data_problem_outputs import DEVICES, ON_FINDING, UNDECIDED
from tests.match.data_problem_records import import_data_problem_records

# two rows affected by CVE-2024-90001, whose second range neither can be placed in
TWO_DOORS = DEVICES + "door-east,Contoso Security,DoorWise Controller,6.11.4\n"


@pytest.fixture
def aicc(tmp_path: Path, store_url: str) -> Invoke:
    engine: Engine = open_store(store_url)
    import_data_problem_records(engine, tmp_path / "records")
    engine.dispose()
    return sample_cli(tmp_path, store_url, COLUMNS="400")


@pytest.fixture
def devices(tmp_path: Path) -> Path:
    path = tmp_path / "devices.csv"
    path.write_text(DEVICES)
    return path


def _run(aicc: Invoke, *args: str) -> str:
    result = aicc(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _results(log: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    [run] = log["runs"]
    return {(r["properties"]["component"], r["ruleId"]): r for r in run["results"]}


def test_sarif_names_the_problem_in_the_result_and_the_undecided_row_as_a_notification(
    aicc: Invoke, devices: Path
) -> None:
    log = json.loads(_run(aicc, "scan", str(devices), "--format", "sarif"))
    results = _results(log)
    door = next(r for (c, rule), r in results.items() if rule == "CVE-2024-90001")
    assert door["properties"]["dataProblems"] == [ON_FINDING]
    assert f"Data problem: {ON_FINDING}." in door["message"]["text"]
    helpdesk = next(r for (c, rule), r in results.items() if rule == "CVE-2024-28987")
    assert "dataProblems" not in helpdesk["properties"]
    assert "Data problem" not in helpdesk["message"]["text"]
    assert "a release later than 12.8.3 Hotfix 1" in helpdesk["message"]["text"]
    [invocation] = log["runs"][0]["invocations"]
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["properties"]["reason"] == UNDECIDED
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_csv_has_a_data_problems_column_and_a_row_for_the_undecided_row(
    aicc: Invoke, devices: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO(_run(aicc, "scan", str(devices), "--format", "csv"))))
    findings = {(r["component"], r["id"]): r for r in rows if r["status"] == "finding"}
    assert set(findings) == {("door-main", "CVE-2024-90001"), ("helpdesk", "CVE-2024-28987")}
    assert findings[("door-main", "CVE-2024-90001")]["data_problems"] == ON_FINDING
    helpdesk = findings[("helpdesk", "CVE-2024-28987")]
    assert helpdesk["data_problems"] == ""
    assert (helpdesk["fixed_versions"], helpdesk["fixed_after"]) == ("", "12.8.3 Hotfix 1")
    [skipped] = [r for r in rows if r["status"] == "skipped"]
    assert (skipped["location"], skipped["status_reason"]) == ("line 3", f"match: {UNDECIDED}")
    assert skipped["data_problems"] == ""  # the reason names it: the row has no finding


def test_cyclonedx_names_the_problem_on_the_vulnerability_and_the_undecided_row(
    aicc: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "doors.csv"
    path.write_text(TWO_DOORS)
    bom = json.loads(_run(aicc, "scan", str(path), "--format", "cyclonedx"))
    versions = {c["bom-ref"]: c["version"] for c in bom["components"]}
    [door] = [v for v in bom["vulnerabilities"] if v["id"] == "CVE-2024-90001"]
    assert sorted(versions[a["ref"]] for a in door["affects"]) == ["6.11.2", "6.11.4"]
    assert [p for p in door["properties"] if p["name"] == "aicc:data_problem"] == [
        {"name": "aicc:data_problem", "value": ON_FINDING}
    ]
    [helpdesk] = [v for v in bom["vulnerabilities"] if v["id"] == "CVE-2024-28987"]
    assert "properties" not in helpdesk
    assert helpdesk["recommendation"] == "Upgrade to a release later than 12.8.3 Hotfix 1."
    skipped = [p for p in bom["metadata"]["properties"] if p["name"] == "aicc:skipped"]
    assert skipped == [{"name": "aicc:skipped", "value": f"match ({path}: line 3): {UNDECIDED}"}]


def test_cyclonedx_gives_components_whose_records_were_read_in_full_an_entry_of_their_own(
    tmp_path: Path,
) -> None:
    """A data problem speaks for the components its vulnerability entry ``affects``: a row
    whose records were all read is not listed under another row's problem."""
    rows = [
        Component(f"door-{n}", v, "doors.csv", vendor="Contoso Security", product="DoorWise")
        for n, v in (("main", "6.11.2"), ("east", "6.11.4"))
    ]
    findings = [
        Finding("CVE-2024-90001", [], rows[0], data_problems=[ON_FINDING]),
        Finding("CVE-2024-90001", [], rows[1]),
    ]
    result = ScanResult(
        inventories=[Inventory("doors.csv", "appliance-csv", rows)],
        records=[FindingRecord(f) for f in findings],
    )
    entries = {
        tuple(a["ref"] for a in v["affects"]): v for v in cyclonedx(result)["vulnerabilities"]
    }
    assert set(entries) == {("component-0",), ("component-1",)}
    assert entries[("component-0",)]["properties"] == [
        {"name": "aicc:data_problem", "value": ON_FINDING}
    ]
    assert "properties" not in entries[("component-1",)]
    assert len({v["bom-ref"] for v in entries.values()}) == 2
