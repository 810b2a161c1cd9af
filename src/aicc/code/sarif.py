"""A source-code scan as SARIF 2.1.0: one rule per rule id with its CWE, one result per finding,
and a ``codeFlows`` thread flow from the source to the sink (SARIF sections 3.36 to 3.38), so code
scanning UIs can walk the path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aicc import __version__
from aicc.core.code_findings import CodeFinding, CodeScan, PathStep
from aicc.report.sarif import SCHEMA

if TYPE_CHECKING:  # the review stage imports Inspect; a static scan does not need it
    from aicc.code.review.verdicts import Verdict

CWE_URI = "https://cwe.mitre.org/data/definitions/{cwe}.html"


def _location(file: str, line: int, code: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(line, 1)}
    if code:
        region["snippet"] = {"text": code}
    return {"physicalLocation": {"artifactLocation": {"uri": file}, "region": region}}


def _step(step: PathStep, index: int, last: int) -> dict[str, Any]:
    role = "source" if index == 0 else "sink" if index == last else "step"
    location = _location(step.file, step.line, step.code)
    location["message"] = {"text": f"{role}: {step.code}"}
    return {
        "location": location,
        "executionOrder": index + 1,
        "kinds": ["taint", role] if role != "step" else ["taint"],
    }


def _result(finding: CodeFinding, rule_index: int, verdict: Verdict | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": finding.message},
        "locations": [_location(finding.file, finding.line)],
        "properties": {"cwe": f"CWE-{finding.cwe}"},
    }
    if finding.suppressed is not None:
        result["suppressions"] = [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": finding.suppressed.reason,
                "location": _location(finding.file, finding.suppressed.line),
            }
        ]
    if verdict is not None:
        result["properties"]["review"] = verdict.to_json()
    if finding.path:
        last = len(finding.path) - 1
        result["codeFlows"] = [
            {
                "threadFlows": [
                    {
                        "locations": [
                            _step(step, index, last) for index, step in enumerate(finding.path)
                        ]
                    }
                ]
            }
        ]
    return result


def code_sarif(scan: CodeScan, verdicts: Sequence[Verdict] | None = None) -> dict[str, Any]:
    """The scan as a SARIF 2.1.0 log (files that could not be read as tool notifications);
    with ``verdicts`` (aligned with the findings), each result's ``properties.review`` holds
    the model's verdict."""
    if verdicts is not None and len(verdicts) != len(scan.findings):
        raise ValueError(f"{len(verdicts)} verdicts for {len(scan.findings)} findings")
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    for position, finding in enumerate(scan.findings):
        if finding.rule not in index:
            index[finding.rule] = len(rules)
            rules.append(
                {
                    "id": finding.rule,
                    "name": finding.rule,
                    "shortDescription": {"text": finding.message},
                    "helpUri": CWE_URI.format(cwe=finding.cwe),
                    "properties": {
                        "cwe": f"CWE-{finding.cwe}",
                        "tags": ["security", f"external/cwe/cwe-{finding.cwe}"],
                    },
                }
            )
        results.append(
            _result(
                finding, index[finding.rule], verdicts[position] if verdicts is not None else None
            )
        )
    notifications = [
        {
            "level": "warning",
            "message": {"text": error.reason},
            "locations": [_location(error.source, error.line or 1)],
        }
        for error in scan.errors
    ] + [
        {
            "level": "warning",
            "message": {"text": warning.reason},
            "locations": [_location(warning.source, warning.line or 1)],
        }
        for warning in scan.warnings
    ]
    if scan.unread:
        notifications.append({"level": "note", "message": {"text": scan.summary()}})
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "aicc-code", "version": __version__, "rules": rules}},
                "results": results,
                "invocations": [
                    {"executionSuccessful": True, "toolExecutionNotifications": notifications}
                ],
                "properties": {"files": scan.files, "analysed": scan.analysed},
            }
        ],
    }
