"""Records that name the releases that fix a flaw, one by one, beside a defaultStatus.

Cut from CVE-2024-8191 (Ivanti Endpoint Manager; Vulnrichment, CC0): Ivanti's CNA lists
"2022 SU6" and "2024 September Security Update" unaffected with defaultStatus "affected";
CISA's ADP turned the points into "unaffected below 2022_su6". The CNA's record decides: a
release below the first one named fixed is affected, told to move to it; one above is not
called affected by the default.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Problem
from tests.match.appliance_records import match_row, record

CNA = {
    "vendor": "Ivanti",
    "product": "Endpoint Manager",
    "defaultStatus": "affected",
    "versions": [
        {"status": "unaffected", "version": "2022 SU6", "versionType": "custom"},
        {
            "status": "unaffected",
            "version": "2024 September Security Update",
            "versionType": "custom",
        },
    ],
}
ADP = {
    "vendor": "ivanti",
    "product": "endpoint_manager",
    "defaultStatus": "affected",
    "versions": [
        {"status": "unaffected", "version": "0", "lessThan": "2022_su6", "versionType": "custom"},
        {
            "status": "unaffected",
            "version": "2024",
            "lessThan": "2024_september_security_update",
            "versionType": "custom",
        },
    ],
}


def _scan(engine: Engine, tmp_path: Path, version: str) -> tuple[list[Finding], list[Problem]]:
    row = Component("EPM", version, "devices.csv", vendor="Ivanti", product="Endpoint Manager")
    return match_row(engine, tmp_path, [record("CVE-2024-8191", [CNA], [ADP])], row)


def test_below_the_first_release_named_fixed_it_is_affected_and_told_to_move_to_it(
    engine: Engine, tmp_path: Path
) -> None:
    [finding], skipped = _scan(engine, tmp_path, "2022 SU5")
    assert finding.match.endswith("from the CNA record")  # not the ADP's "unaffected"
    assert finding.fixed_versions == ["2022 SU6"]
    assert finding.data_problems == [] and skipped == []  # the release named in words is read


def test_the_releases_named_fixed_are_not_affected(engine: Engine, tmp_path: Path) -> None:
    for version in ("2022 SU6", "2024 September Security Update"):
        assert _scan(engine, tmp_path, version)[0] == []
