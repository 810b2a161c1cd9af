"""A range the matcher cannot read is a data problem, named where the user looks, never a guess
(issue 11, item 5): on the finding when the record's other ranges (or another source) make the
row affected, else beside the scan in ``skipped`` with the row, the CVE, the range's text and
the vendor's advisory. Fix versions are ordered in the product's vendor order.

The records are in tests/match/data_problem_records.py; each expectation was worked out by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Problem, Unmatched
from aicc.match.appliances import fix_targets
from aicc.match.scan import match_components
from tests.match.appliance_records import import_appliance_records
from tests.match.data_problem_records import (
    CONTOSO_ADVISORY,
    UNREAD,
    import_data_problem_records,
)


@pytest.fixture
def conn(engine: Engine, tmp_path: Path) -> Iterator[Connection]:
    import_data_problem_records(engine, tmp_path)
    import_appliance_records(engine, tmp_path)
    with engine.connect() as connection:
        yield connection


def _scan(
    conn: Connection, vendor: str, product: str, version: str
) -> tuple[list[Finding], list[Problem]]:
    row = Component(
        product, version, "devices.csv", vendor=vendor, product=product, location="line 2"
    )
    skipped: list[Problem] = []
    unmatched: list[Unmatched] = []
    findings = match_components(conn, [row], skipped, unmatched)
    assert unmatched == []
    return findings, skipped


def test_an_unreadable_range_beside_the_matching_one_is_a_data_problem_on_the_finding(
    conn: Connection,
) -> None:
    findings, skipped = _scan(conn, "Contoso Security", "DoorWise Controller", "6.11.2")
    [finding] = findings
    assert finding.id == "CVE-2024-90001" and finding.fixed_versions == ["6.11.5"]
    assert finding.data_problems == [
        f"CVE-2024-90001: range {UNREAD!r} in the record could not be read; check the vendor "
        f"advisory {CONTOSO_ADVISORY}"
    ]
    assert skipped == []  # said once, where the finding is


def test_a_row_only_an_unreadable_range_could_place_is_named_with_the_cve(
    conn: Connection,
) -> None:
    findings, skipped = _scan(conn, "Contoso Security", "DoorWise Controller", "6.10.8")
    assert findings == []
    [problem] = skipped
    assert (problem.stage, problem.source, problem.location) == ("match", "devices.csv", "line 2")
    assert problem.reason == (
        f"Contoso Security DoorWise Controller 6.10.8: CVE-2024-90001: range {UNREAD!r} in the "
        "record could not be read, so whether it is affected is not decided; check the vendor "
        f"advisory {CONTOSO_ADVISORY}"
    )


def test_another_source_decides_and_the_unreadable_range_is_still_named(
    conn: Connection,
) -> None:
    # the CNA says "n/a"; CISA's ADP says before 2.0
    findings, skipped = _scan(conn, "Contoso Security", "GateKeeper", "1.5")
    [finding] = findings
    assert "from the CISA-ADP ADP container" in finding.match
    assert finding.data_problems == [
        "CVE-2024-90002: range 'n/a' in the record could not be read; check the vendor's advisory"
    ]
    assert skipped == []
    findings, skipped = _scan(conn, "Contoso Security", "GateKeeper", "2.1")
    assert findings == []
    [problem] = skipped
    assert (
        "CVE-2024-90002: range 'n/a' in the record could not be read, so it is found not "
        "affected only by the ranges that could be read" in problem.reason
    )


def test_a_hotfix_range_in_words_gives_a_finding_with_a_release_after_it(
    conn: Connection,
) -> None:
    findings, skipped = _scan(conn, "SolarWinds", "Web Help Desk", "12.8.3 HF1")
    [finding] = findings
    assert finding.id == "CVE-2024-28987"
    assert finding.fixed_versions == [] and finding.fixed_after == ["12.8.3 Hotfix 1"]
    assert finding.data_problems == [] and skipped == []
    assert _scan(conn, "SolarWinds", "Web Help Desk", "12.8.3 Hotfix 2") == ([], [])


def test_findings_carry_the_order_of_their_vendors_numbering(conn: Connection) -> None:
    findings, _skipped = _scan(conn, "Microsoft", "Exchange Server 2019", "15.02.1258.016")
    assert findings and {f.version_order for f in findings} == {"vendor:exchange"}
    findings, _skipped = _scan(conn, "Contoso Security", "DoorWise Controller", "6.11.2")
    assert findings[0].version_order is None  # the generic vendor order


def test_fix_targets_are_listed_in_the_vendors_order() -> None:
    # two records' fixes of one Exchange CU: by date, Nov24SU comes first, then Apr25HU
    entries = [
        {"version": "2019 CU14", "lessThan": "2019 CU14 Apr25HU"},
        {"version": "2019 CU14", "lessThan": "2019 CU14 Nov24SU"},
    ]
    installed = "2019 CU14 Mar24SU"
    assert fix_targets(installed, entries, "vendor:exchange") == (
        ["2019 CU14 Nov24SU", "2019 CU14 Apr25HU"],
        [],
    )
    # the generic order reads "Apr" below "Mar": it takes Apr25HU for an older update
    assert fix_targets(installed, entries)[0] == ["2019 CU14 Nov24SU"]
    # VMware: 8.0 U1 is 8.0.1, below the bound; the generic order puts "8.0 U1" below 8.0.0
    vmware = [{"version": "8.0", "lessThan": "8.0.1"}]
    assert fix_targets("8.0 U1", vmware, "vendor:vmware") == ([], [])
    assert fix_targets("8.0 U1", vmware) == (["8.0.1"], [])
