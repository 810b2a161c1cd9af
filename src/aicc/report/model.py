"""The scan result as plain data: the one shape every machine-readable format starts from."""

from __future__ import annotations

from typing import Any

from aicc import __version__
from aicc.core.components import Component, Inventory
from aicc.core.evidence import Decision, Evidence, Fact
from aicc.core.findings import CvssScore, Finding
from aicc.core.reachability import Reachability
from aicc.core.results import FindingRecord, ScanResult
from aicc.core.vex import VexStatement

SEVERITY_FLOORS = (("critical", 9.0), ("high", 7.0), ("medium", 4.0), ("low", 0.1))


def severity_of(finding: Finding) -> str:
    """critical / high / medium / low from the highest CVSS score; "unknown" without one."""
    score = finding.max_score
    if score is None:
        return "unknown"
    return next((name for name, floor in SEVERITY_FLOORS if score >= floor), "none")


def component_dict(component: Component) -> dict[str, Any]:
    """A component as JSON: packages by ecosystem and purl, appliances by vendor/product/CPE."""
    data: dict[str, Any] = {"name": component.name, "version": component.version}
    if component.is_package:
        data.update(ecosystem=component.ecosystem, purl=component.purl)
        if component.exposure:
            data["exposure"] = component.exposure
        if component.asset_class or component.safety_critical:
            data.update(
                asset_class=component.asset_class, safety_critical=component.safety_critical
            )
    else:
        data.update(
            vendor=component.vendor,
            product=component.product,
            cpe=component.cpe,
            exposure=component.exposure or "controlled",
            asset_class=component.asset_class,
            safety_critical=component.safety_critical,
        )
    data.update(source=component.source, location=component.location)
    if component.direct is not None:
        data["direct"] = component.direct
    if component.scope:
        data["scope"] = component.scope
    if component.host:
        data["host"] = component.host
    if component.platform:
        data["platform"] = component.platform
    return data


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as JSON (the documented shape of ``aicc scan --format json``)."""
    return {
        "id": finding.id,
        "aliases": finding.aliases,
        "summary": finding.summary,
        "severity": severity_of(finding),
        "component": component_dict(finding.component),
        "fixed_versions": finding.fixed_versions,
        "kev": finding.kev,
        "epss": finding.epss,
        "cvss": [
            {
                "source": c.source,
                "version": c.version,
                "vector": c.vector,
                "score": c.score,
                "severity": c.severity,
            }
            for c in finding.cvss
        ],
        "advisories": finding.advisories,
        "match": finding.match,
        **_appliance_fields(finding),
    }


def finding_from_dict(data: dict[str, Any], component: Component) -> Finding:
    """The finding ``data`` (`finding_dict`'s shape, as a stored record holds it) describes,
    in ``component`` (the component as the pipeline read it: the dict leaves out some of it)."""
    return Finding(
        id=str(data["id"]),
        aliases=list(data.get("aliases") or []),
        component=component,
        summary=data.get("summary"),
        advisories=list(data.get("advisories") or []),
        fixed_versions=list(data.get("fixed_versions") or []),
        cvss=[
            CvssScore(c["source"], c["version"], c["vector"], c.get("score"), c.get("severity"))
            for c in data.get("cvss") or []
        ],
        kev=data.get("kev"),
        epss=data.get("epss"),
        match=str(data.get("match") or ""),
        identified=data.get("identified"),
        fixed_after=list(data.get("fixed_after") or []),
        platforms=list(data.get("platforms") or []),
        advisory_urls=list(data.get("advisory_urls") or []),
        remediations=list(data.get("remediations") or []),
        data_problems=list(data.get("data_problems") or []),
        version_order=data.get("version_order"),
    )


def _appliance_fields(finding: Finding) -> dict[str, Any]:
    """What an appliance finding adds: how the product was found, a fix after a version,
    the platforms it is limited to, the vendor's advisory, the ranges of its records that
    could not be read and the vendor order its versions compare in (only keys that have a
    value)."""
    fields: dict[str, Any] = {
        "identified": finding.identified,
        "fixed_after": finding.fixed_after,
        "platforms": finding.platforms,
        "advisory_urls": finding.advisory_urls,
        "remediations": finding.remediations,
        "data_problems": finding.data_problems,
        "version_order": finding.version_order,
    }
    return {key: value for key, value in fields.items() if value}


def fact_dict(fact: Fact) -> dict[str, Any]:
    """A fact with its provenance."""
    return {
        "value": fact.value,
        "source": fact.source,
        "derived": fact.derived,
        "detail": fact.detail,
    }


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    """The evidence behind a finding's decisions."""
    return {
        "exploitation": fact_dict(evidence.exploitation),
        "automatable": fact_dict(evidence.automatable),
        "technical_impact": fact_dict(evidence.technical_impact),
        "exposure": fact_dict(evidence.exposure),
        "in_kev": evidence.in_kev,
    }


def decision_dict(decision: Decision) -> dict[str, Any]:
    """One SSVC decision: table, inputs, outcome and due date."""
    return {
        "table": decision.table,
        "outcome": decision.outcome,
        "label": decision.label,
        "inputs": decision.inputs,
        "due": decision.due.isoformat() if decision.due else None,
    }


def vex_dict(statement: VexStatement | None) -> dict[str, Any] | None:
    """The VEX statement that speaks for a finding, with the document it came from."""
    if statement is None:
        return None
    return {
        "status": statement.status,
        "justification": statement.justification,
        "impact_statement": statement.impact_statement,
        "action_statement": statement.action_statement,
        "vulnerability": statement.vulnerability,
        "source": statement.source,
        "format": statement.format,
        "author": statement.author,
        "timestamp": statement.timestamp.isoformat() if statement.timestamp else None,
    }


def reachability_dict(reachability: Reachability | None) -> dict[str, Any] | None:
    """Whether the project's code reaches the vulnerable code, at what level, and where."""
    if reachability is None:
        return None
    return {
        "value": reachability.value,
        "level": reachability.level,
        "detail": reachability.detail,
        "locations": list(reachability.locations),
        "symbols": list(reachability.symbols),
    }


def record_dict(record: FindingRecord) -> dict[str, Any]:
    """A finding with everything the pipeline added to it (evidence and decisions when the
    scan was decided; ``vex`` and ``reachability`` null when they do not apply)."""
    data = finding_dict(record.finding)
    if record.evidence is not None:
        data["evidence"] = evidence_dict(record.evidence)
        data["decisions"] = [decision_dict(d) for d in record.decisions]
    data["vex"] = vex_dict(record.vex)
    data["reachability"] = reachability_dict(record.reachability)
    return data


def unmatched_dicts(result: ScanResult) -> list[dict[str, Any]]:
    """Entries that name no product the knowledge base knows, with reasons and suggestions."""
    return [entry.as_dict() for entry in result.unmatched]


def skipped_dicts(result: ScanResult) -> list[dict[str, Any]]:
    """What the scan could not use, each with where and why."""
    return [problem.as_dict() for problem in result.skipped]


def inventory_dict(inventory: Inventory) -> dict[str, Any]:
    """One file read: its format and component count, and ``notes`` on how it was read (a
    CSV's columns) when there is something to say."""
    data: dict[str, Any] = {
        "source": inventory.source,
        "format": inventory.format,
        "components": len(inventory.components),
    }
    if inventory.notes:
        data["notes"] = list(inventory.notes)
    return data


def result_dict(result: ScanResult) -> dict[str, Any]:
    """The whole scan as JSON.

    Every finding stays listed; ``vex`` says which statement speaks for it (``summary.suppressed``
    counts those that are not_affected or fixed) and ``reachability`` what the source analysis
    found (null when it was not run).
    """
    findings = [record_dict(r) for r in result.records]
    return {
        "tool": {"name": "aicc", "version": __version__},
        "findings": findings,
        "summary": {
            "findings": len(findings),
            "suppressed": sum(1 for r in result.records if r.suppressed),
            "known_exploited": sum(1 for f in result.findings if f.kev),
            "components": len(result.components),
            "affected_components": len({f.component for f in result.findings}),
            "unmatched": len(result.unmatched),
            "by_severity": {
                level: sum(1 for f in findings if f["severity"] == level)
                for level in ("critical", "high", "medium", "low", "unknown")
            },
        },
        "inventories": [inventory_dict(i) for i in result.inventories],
        "unmatched": unmatched_dicts(result),
        "identified": [entry.as_dict() for entry in result.identified],
        "skipped": skipped_dicts(result),
        "warnings": result.warnings,
    }
