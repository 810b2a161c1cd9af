"""SARIF 2.1.0: one rule per vulnerability, one result per affected component, for code scanning."""

from __future__ import annotations

from typing import Any

from aicc import __version__
from aicc.core.findings import Finding
from aicc.core.reachability import Reachability
from aicc.core.results import ScanResult
from aicc.core.vex import VexStatement
from aicc.report.model import severity_of
from aicc.report.text import component_label, exploited, fix_text

_LEVEL = {
    "critical": "error",
    "high": "error",
    "medium": "warning",
    "low": "note",
    "unknown": "warning",
}

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _help_uri(finding: Finding) -> str:
    if finding.id.startswith("CVE-"):
        return f"https://www.cve.org/CVERecord?id={finding.id}"
    return f"https://osv.dev/vulnerability/{finding.id}"


def _rule(finding: Finding) -> dict[str, Any]:
    properties: dict[str, Any] = {"tags": ["security", "vulnerability"]}
    if finding.max_score is not None:
        # GitHub code scanning reads this to rank alerts
        properties["security-severity"] = f"{finding.max_score:.1f}"
    if finding.kev:
        properties["tags"].append("known-exploited")
    return {
        "id": finding.id,
        "name": finding.id.replace("-", ""),
        "shortDescription": {"text": finding.summary or finding.id},
        "helpUri": _help_uri(finding),
        "properties": properties,
    }


def _line(location: str | None) -> int | None:
    if location and location.startswith("line "):
        number = location.removeprefix("line ").split()[0]
        return int(number) if number.isdigit() and int(number) > 0 else None
    return None


def _suppression(statement: VexStatement) -> dict[str, Any]:
    """A VEX statement as an external, accepted suppression (SARIF 2.1.0 §3.35): code scanning
    then shows the result as dismissed rather than dropping it."""
    reason = statement.justification or statement.impact_statement
    return {
        "kind": "external",
        "status": "accepted",
        "justification": f"{statement.status}{f': {reason}' if reason else ''} "
        f"({statement.source})",
    }


def _result(
    finding: Finding,
    rule_index: int,
    statement: VexStatement | None = None,
    reachability: Reachability | None = None,
) -> dict[str, Any]:
    component = finding.component
    physical: dict[str, Any] = {"artifactLocation": {"uri": component.source}}
    line = _line(component.location)
    if line is not None:
        physical["region"] = {"startLine": line}
    message = (
        f"{component_label(component)} is affected by {finding.id}"
        f"{' (' + ', '.join(finding.aliases) + ')' if finding.aliases else ''}. "
        f"Exploited: {exploited(finding)}. Fixed in: {fix_text(finding)}."
    )
    result: dict[str, Any] = {
        "ruleId": finding.id,
        "ruleIndex": rule_index,
        "level": _LEVEL[severity_of(finding)],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
        "properties": {
            "component": component.purl or component.cpe or component.name,
            "fixedVersions": finding.fixed_versions,
        },
    }
    if component.location and line is None:
        physical_logical = {"fullyQualifiedName": component.location}
        result["locations"][0]["logicalLocations"] = [physical_logical]
    if statement is not None:
        result["properties"]["vex"] = {
            "status": statement.status,
            "justification": statement.justification,
            "source": statement.source,
        }
        if statement.suppresses:
            result["suppressions"] = [_suppression(statement)]
    if reachability is not None:
        # the symbols looked for can run to hundreds per result: the JSON report has them
        result["properties"]["reachability"] = {
            "value": reachability.value,
            "level": reachability.level,
            "detail": reachability.detail,
            "locations": list(reachability.locations),
        }
    return result


def sarif(result: ScanResult) -> dict[str, Any]:
    """The scan as a SARIF 2.1.0 log; a finding a VEX statement suppresses keeps its result,
    with a ``suppressions`` entry naming the statement."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    for record in result.records:
        finding, statement, reachability = record.finding, record.vex, record.reachability
        if finding.id not in index:
            index[finding.id] = len(rules)
            rules.append(_rule(finding))
        results.append(_result(finding, index[finding.id], statement, reachability))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "aicc", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }
