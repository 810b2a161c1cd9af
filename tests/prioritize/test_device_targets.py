"""A device's target is the highest release its findings need, in its vendor's numbering
(issue 11, item 5): Exchange updates by date, VMware updates as the releases they are, PAN-OS
hotfixes above their maintenance release. Each case is one the generic order gets wrong, or a
check that the vendor order keeps what it already got right."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from aicc.core.components import Component
from aicc.core.evidence import Evidence, Fact
from aicc.core.findings import CvssScore, Finding
from aicc.core.results import FindingRecord, ScanResult
from aicc.prioritize import load_profile
from aicc.prioritize.decisions import decide_records
from aicc.prioritize.plan import build_plan
from aicc.versions._vendor import vendor_key

AS_OF = date(2026, 11, 26)


def _target(
    engine: Engine,
    vendor: str,
    product: str,
    version: str,
    fixes: list[list[str]],
    order: str | None = None,
) -> str | None:
    device = Component(product, version, "devices.csv", vendor=vendor, product=product)
    findings = [
        Finding(
            id=f"CVE-2024-{1000 + n}",
            aliases=[],
            component=device,
            fixed_versions=fixed,
            cvss=[CvssScore("cna", "3.1", "CVSS:3.1/AV:N", 9.8, None)],
            version_order=order,
        )
        for n, fixed in enumerate(fixes)
    ]
    evidence = Evidence(
        Fact("active", "test"), Fact("yes", "test"), Fact("total", "test"), Fact("open", "test")
    )
    profile = load_profile("default")
    records = decide_records(
        [FindingRecord(f, evidence) for f in findings], profile, found_on=AS_OF
    )
    with engine.connect() as conn:
        plan = build_plan(
            conn, ScanResult(records=records, decided=True), profile="default", as_of=AS_OF
        )
    [action] = plan.actions
    assert action.kind == "firmware"
    return action.target_version


@pytest.mark.parametrize("order", ["vendor:exchange", None])  # from the match, or the row
def test_exchange_updates_compare_by_date(engine: Engine, order: str | None) -> None:
    fixes = [["2019 CU14 Apr25HU"], ["2019 CU14 Nov24SU"]]
    target = _target(engine, "Microsoft", "Exchange Server 2019", "2019 CU14 Mar24SU", fixes, order)
    assert target == "2019 CU14 Apr25HU"
    # the generic order would take November 2024's update for the later one
    assert vendor_key("2019 CU14 Nov24SU") > vendor_key("2019 CU14 Apr25HU")


def test_a_vmware_update_is_the_release_it_names(engine: Engine) -> None:
    # "8.0 U2" is 8.0.2: above 8.0.1, which the generic order puts above it
    target = _target(engine, "VMware", "vCenter Server", "8.0", [["8.0.1"], ["8.0 U2"]])
    assert target == "8.0 U2"
    assert vendor_key("8.0.1") > vendor_key("8.0 U2")


def test_a_pan_os_hotfix_is_above_its_maintenance_release(engine: Engine) -> None:
    fixes = [["10.2.9"], ["10.2.9-h1"], ["10.2.8-h3"]]
    target = _target(engine, "Palo Alto Networks", "PAN-OS", "10.2.7", fixes)
    assert target == "10.2.9-h1"


@pytest.mark.parametrize(
    "fixes",
    [
        [["2022_su6"], ["2022 SU6"], ["2022 SU6"]],
        [["2022 SU6"], ["2022_su6"], ["2022 SU6"]],
        [["2022 SU6"], ["2022 SU6"], ["2022_su6"]],
    ],
)
def test_of_two_spellings_of_one_release_the_one_more_findings_name(
    engine: Engine, fixes: list[list[str]]
) -> None:
    # Ivanti's records write "2022 SU6", CISA's ADP "2022_su6": one release, one name
    assert _target(engine, "Ivanti", "Endpoint Manager", "2022 SU5", fixes) == "2022 SU6"
