"""Match components against the knowledge base: packages by OSV, appliances by CVE/NVD."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Identification, Problem, Unmatched
from aicc.match.appliances import match_appliances
from aicc.match.evidence import build_findings
from aicc.match.packages import match_packages


def urgency(finding: Finding) -> tuple[int, float, float]:
    """Sort key, most urgent first: known exploited, then EPSS, then CVSS."""
    epss = float(finding.epss["score"]) if finding.epss else 0.0
    return (0 if finding.kev else 1, -epss, -(finding.max_score or 0.0))


def match_components(
    conn: Connection,
    components: Sequence[Component],
    skipped: list[Problem],
    unmatched: list[Unmatched],
    identified: list[Identification] | None = None,
) -> list[Finding]:
    """Match components against the knowledge base; the findings, most urgent first.

    What cannot be matched (a version the ecosystem cannot read, ...) is added to ``skipped``;
    an appliance naming no product the knowledge base knows, to ``unmatched``; how each other
    appliance was identified, to ``identified`` when given.
    """
    package_hits = match_packages(conn, components, skipped)
    appliance_hits = match_appliances(conn, components, skipped, unmatched, identified)
    findings = build_findings(conn, package_hits, appliance_hits)
    findings.sort(key=urgency)
    return findings
