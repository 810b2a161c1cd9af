"""The pure parts of the findings work: when a suppression hides a finding, which pipeline
records a plan leaves out for a suppressed finding, and how two component lists differ."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from aicc.center.diffs import component_changes
from aicc.center.suppressed import is_active, suppression_dict
from aicc.center.suppressions import without_suppressed
from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.results import FindingRecord

DAY = date(2026, 12, 7)


def _row(expires: date | None, lifted: datetime | None = None) -> dict[str, Any]:
    return {
        "suppression_reason": "behind the WAF",
        "suppression_expires_on": expires,
        "suppression_at": datetime(2026, 12, 1, 9, 0),
        "suppression_by": "Mercy admin (token tok_1)",
        "suppression_lifted_at": lifted,
        "suppression_lifted_by": "Mercy admin (token tok_1)" if lifted else None,
    }


@pytest.mark.parametrize(
    ("expires", "lifted", "hidden"),
    [
        (date(2026, 12, 8), None, True),  # back tomorrow: hidden today
        (DAY, None, False),  # back today, by itself
        (date(2026, 12, 1), None, False),  # expired last week
        (date(2027, 1, 1), datetime(2026, 12, 5), False),  # lifted early
        (None, None, False),  # never suppressed
    ],
)
def test_a_suppression_hides_until_its_day(
    expires: date | None, lifted: datetime | None, hidden: bool
) -> None:
    row: Any = _row(expires, lifted)
    assert is_active(row, DAY) is hidden
    shown = suppression_dict(row, DAY)
    assert (shown is None) is (expires is None)
    if shown is not None:
        assert expires is not None
        assert shown["active"] is hidden and shown["expires_on"] == expires.isoformat()


def _record(vulnerability: str, aliases: list[str], name: str, version: str, source: Path) -> Any:
    component = Component(
        name=name,
        version=version,
        ecosystem="PyPI",
        purl=f"pkg:pypi/{name}@{version}",
        source=str(source),
    )
    finding = Finding(id=vulnerability, aliases=aliases, component=component)
    return FindingRecord(finding=finding)


def test_a_plan_leaves_out_the_records_of_suppressed_findings_only(tmp_path: Path) -> None:
    portal, lab = tmp_path / "portal", tmp_path / "lab"
    jinja = {"name": "jinja2", "version": "3.1.2", "ecosystem": "PyPI"}
    hidden: Any = [
        {  # stored under its GHSA; the knowledge base now calls it by its CVE
            "id": "fnd_1",
            "asset_id": "ast_portal",
            "vulnerability_id": "GHSA-h5c8-rqwp-cp95",
            "aliases": [],
            "component": jinja | {"purl": "pkg:pypi/jinja2@3.1.2"},
        }
    ]
    records = [
        _record("CVE-2024-22195", ["GHSA-h5c8-rqwp-cp95"], "jinja2", "3.1.2", portal / "sbom.json"),
        _record("CVE-2024-22195", ["GHSA-h5c8-rqwp-cp95"], "jinja2", "3.1.2", lab / "req.txt"),
        _record("CVE-2024-34064", [], "jinja2", "3.1.2", portal / "sbom.json"),
        _record("CVE-2024-22195", ["GHSA-h5c8-rqwp-cp95"], "jinja2", "3.1.3", portal / "sbom.json"),
    ]
    kept, left_out = without_suppressed(records, hidden, {portal: "ast_portal", lab: "ast_lab"})
    assert left_out == ["fnd_1"]
    assert kept == records[1:]  # another asset, another vulnerability, another version


def _c(name: str, version: str, **more: str) -> dict[str, Any]:
    return {"name": name, "version": version, "ecosystem": "npm", **more}


def test_two_component_lists_differ_by_software_whatever_its_version() -> None:
    before = [
        _c("lodash", "4.17.20"),
        _c("lodash", "4.17.21", source="b/package-lock.json"),  # two copies of one package
        _c("express", "4.18.2"),
        _c("left-pad", "1.3.0"),
        {"vendor": "Fortinet", "product": "FortiOS", "name": "FortiOS", "version": "7.2.4"},
    ]
    after = [
        _c("lodash", "4.17.21"),
        _c("Express", "4.18.2"),  # the same package, however its name is spelled
        _c("axios", "1.6.0"),
        {"vendor": "Fortinet", "product": "FortiOS", "name": "FortiOS", "version": "7.2.8"},
    ]
    changes = component_changes(before, after)
    assert changes["added"] == [_c("axios", "1.6.0")]
    assert changes["removed"] == [_c("left-pad", "1.3.0")]
    assert changes["changed"] == [
        {
            "name": "FortiOS",
            "vendor": "Fortinet",
            "product": "FortiOS",
            "from": ["7.2.4"],
            "to": ["7.2.8"],
        },
        {"name": "lodash", "ecosystem": "npm", "from": ["4.17.20", "4.17.21"], "to": ["4.17.21"]},
    ]
    assert changes["unchanged"] == 1
    assert component_changes(after, after)["changed"] == []
