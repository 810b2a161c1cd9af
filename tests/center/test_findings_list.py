"""The findings list reads only the parts of each record a listed finding shows
(`aicc.center.findings.LISTED`): what it lists is what the finding itself shows, less its
whole record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from aicc.center import Principal, get_finding, list_findings
from aicc.center.findings import ScannedFinding
from tests.center.test_findings import JINJA, _setup, _store

MERCY = Principal("tok_1", "admin", organisation_id="org_1", organisation_name="Mercy")


def _finding(vulnerability: str, component: dict[str, Any], **record: Any) -> ScannedFinding:
    whole = {"id": vulnerability, "component": component, "evidence": [{"x": "y" * 500}], **record}
    return ScannedFinding(vulnerability, [], whole, False, 1, None)


def test_a_listed_finding_is_the_finding_without_its_record(engine: Engine) -> None:
    _setup(engine)
    requests = {"name": "requests", "version": "2.25.0", "ecosystem": "PyPI", "purl": None}
    scanned = [
        _finding("CVE-2024-1", JINJA, summary="Sandbox escape", severity={"cvss": 8.8}),
        _finding("CVE-2024-2", requests, summary=None),  # JSON null, and no severity at all
        _finding("CVE-2024-3", {}, summary='quotes " and \\ and é', severity="HIGH"),
    ]
    assert _store(engine, 1, scanned)["new"] == 3
    page = list_findings(engine, MERCY, limit=10)
    assert page["total"] == 3 and len(page["items"]) == 3
    for item in page["items"]:
        whole = get_finding(engine, MERCY, item["id"])
        assert "evidence" in whole.pop("record")
        assert item == whole
    shown = {
        i["vulnerability"]: (i["summary"], i["severity"], i["component"]) for i in page["items"]
    }
    assert shown == {
        "CVE-2024-1": ("Sandbox escape", {"cvss": 8.8}, JINJA),
        "CVE-2024-2": (None, None, requests),
        "CVE-2024-3": ('quotes " and \\ and é', "HIGH", {}),
    }
