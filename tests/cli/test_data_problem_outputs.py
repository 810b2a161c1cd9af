"""`aicc scan` and `aicc plan` name each range of a record they could not read for a row, as a
data problem where the user looks (issue 11, item 5): under the finding when the row is
affected by the record's other ranges, else beside the scan (``skipped``) with the row, the
CVE, the range's text and the vendor's advisory. Table, JSON and plan (text, JSON, Markdown).

The records are in tests/match/data_problem_records.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.appliance_cli import appliance_cli, devices_csv
from tests.cli.conftest import Invoke
from tests.match.data_problem_records import (
    CONTOSO_ADVISORY,
    UNREAD,
    import_data_problem_records,
)

DEVICES = """name,vendor,product,version
door-main,Contoso Security,DoorWise Controller,6.11.2
door-annex,Contoso Security,DoorWise Controller,6.10.8
helpdesk,SolarWinds,Web Help Desk,12.8.3 HF1
"""
ON_FINDING = (
    f"CVE-2024-90001: range {UNREAD!r} in the record could not be read; check the vendor "
    f"advisory {CONTOSO_ADVISORY}"
)
UNDECIDED = (
    f"Contoso Security DoorWise Controller 6.10.8: CVE-2024-90001: range {UNREAD!r} in the "
    "record could not be read, so whether it is affected is not decided; check the vendor "
    f"advisory {CONTOSO_ADVISORY}"
)


aicc = appliance_cli(import_data_problem_records, env={"COLUMNS": "400"})
devices = devices_csv(DEVICES)


def _run(aicc: Invoke, *args: str) -> str:
    result = aicc(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_scan_json_puts_the_problem_on_the_finding_and_the_undecided_row_in_skipped(
    aicc: Invoke, devices: Path
) -> None:
    report = json.loads(_run(aicc, "scan", str(devices), "--format", "json"))
    findings = {(f["component"]["name"], f["id"]): f for f in report["findings"]}
    assert set(findings) == {("door-main", "CVE-2024-90001"), ("helpdesk", "CVE-2024-28987")}
    assert findings[("door-main", "CVE-2024-90001")]["data_problems"] == [ON_FINDING]
    helpdesk = findings[("helpdesk", "CVE-2024-28987")]
    assert "data_problems" not in helpdesk  # its range in words was read
    assert helpdesk["fixed_after"] == ["12.8.3 Hotfix 1"]
    [problem] = report["skipped"]
    assert problem == {
        "stage": "match",
        "source": str(devices),
        "location": "line 3",
        "reason": UNDECIDED,
    }
    assert report["unmatched"] == []  # identified: its product is known


def test_scan_table_shows_the_problem_under_its_finding_and_the_row_below(
    aicc: Invoke, devices: Path
) -> None:
    table = _flat(_run(aicc, "scan", str(devices)))
    assert f"data problem: {ON_FINDING}" in table
    assert table.index("CVE-2024-90001") < table.index("data problem:")
    assert "1 entry skipped" in table and UNDECIDED in table
    assert "fix: a release later than 12.8.3 Hotfix 1" in table


def test_plan_names_the_problem_on_the_action_and_lists_the_undecided_row(
    aicc: Invoke, devices: Path
) -> None:
    plan = json.loads(_run(aicc, "plan", str(devices), "--format", "json"))
    actions = {a["component"]["name"]: a for a in plan["actions"]}
    assert actions["door-main"]["data_problems"] == [ON_FINDING]
    assert actions["door-main"]["target_version"] == "6.11.5"
    assert actions["helpdesk"]["data_problems"] == []
    assert actions["helpdesk"]["target_version"] == "a release later than 12.8.3 Hotfix 1"
    assert [p["reason"] for p in plan["skipped"]] == [UNDECIDED]
    text = _flat(_run(aicc, "plan", str(devices)))
    assert f"Data problem: {ON_FINDING}" in text and UNDECIDED in text
    markdown = _run(aicc, "plan", str(devices), "--format", "markdown")
    assert f"Data problem: {ON_FINDING}" in _flat(markdown)
