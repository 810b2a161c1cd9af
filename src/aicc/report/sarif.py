"""SARIF 2.1.0: one rule per vulnerability, one result per affected component, for code scanning.

A range of a finding's records that could not be read (a data problem, `Finding.data_problems`)
is named in its result's message ("Data problem: ...") and in its ``dataProblems`` property.

What the scan could not identify (an appliance naming no known product, or whose version its
product's records cannot place) and what it could not read are not results: each is a tool
execution notification of the run's invocation (SARIF 2.1.0 §3.20.21), level "warning", with the
row, its location and the reason, so that nothing is dropped from the log.
"""

from __future__ import annotations

from typing import Any

from aicc import __version__
from aicc.core.findings import Finding
from aicc.core.problems import Problem, Unmatched
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
    message += "".join(f" Data problem: {problem}." for problem in finding.data_problems)
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
    if finding.data_problems:
        result["properties"]["dataProblems"] = list(finding.data_problems)
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


# The kinds of notification, as the driver's notification descriptors (§3.19.24).
_NOTIFICATIONS = [
    {
        "id": "unmatched",
        "shortDescription": {
            "text": "An inventory entry was not identified: nothing was checked for it."
        },
    },
    {
        "id": "skipped",
        "shortDescription": {"text": "Part of an input could not be read or matched."},
    },
]


def _where(source: str, location: str | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": source}}
    line = _line(location)
    if line is not None:
        physical["region"] = {"startLine": line}
    where: dict[str, Any] = {"physicalLocation": physical}
    if location and line is None:
        where["logicalLocations"] = [{"fullyQualifiedName": location}]
    return where


def _unmatched(entry: Unmatched) -> dict[str, Any]:
    hint = f" Did you mean {' or '.join(entry.suggestions)}?" if entry.suggestions else ""
    return {
        "level": "warning",
        "message": {
            "text": f"{entry.component} was not identified, so nothing was checked for it: "
            f"{entry.reason}.{hint}"
        },
        "locations": [_where(entry.source, entry.location)],
        "descriptor": {"id": "unmatched", "index": 0},
        "properties": {
            "component": entry.component,
            "reason": entry.reason,
            "suggestions": list(entry.suggestions),
        },
    }


def _skipped(problem: Problem) -> dict[str, Any]:
    return {
        "level": "warning",
        "message": {"text": f"Not used ({problem.stage}): {problem.reason}"},
        "locations": [_where(problem.source, problem.location)],
        "descriptor": {"id": "skipped", "index": 1},
        "properties": {"stage": problem.stage, "reason": problem.reason},
    }


def sarif(result: ScanResult) -> dict[str, Any]:
    """The scan as a SARIF 2.1.0 log; a finding a VEX statement suppresses keeps its result,
    with a ``suppressions`` entry naming the statement; unidentified and unread entries are
    the invocation's notifications."""
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
                "tool": {
                    "driver": {
                        "name": "aicc",
                        "version": __version__,
                        "rules": rules,
                        "notifications": _NOTIFICATIONS,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            *(_unmatched(entry) for entry in result.unmatched),
                            *(_skipped(problem) for problem in result.skipped),
                        ],
                    }
                ],
                "results": results,
            }
        ],
    }
