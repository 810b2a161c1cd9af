"""CycloneDX with vulnerabilities: the scanned SBOM annotated, or a new BOM of what was scanned.

A single CycloneDX JSON input of spec 1.4 or later is returned as it was, plus a
``vulnerabilities`` list whose ``affects`` point at its own ``bom-ref``s; any other input becomes
a CycloneDX 1.5 BOM listing the scanned components. A VEX statement that speaks for a finding
becomes the vulnerability's ``analysis``, so the document is itself a VEX.

An entry the scan could not identify (`Unmatched`) is named with properties, which every spec
from 1.3 allows: ``aicc:unmatched`` (the reason) and ``aicc:unmatched:suggestion`` on the
component in a new BOM, and one ``aicc:unmatched`` in ``metadata.properties`` per entry
("row (where): reason") in either case, so that a reader of an annotated SBOM sees them too.
What could not be read or matched (``skipped``) is one ``aicc:skipped`` each in
``metadata.properties``. A range of a finding's records that could not be read (a data problem,
`Finding.data_problems`) is an ``aicc:data_problem`` property of its vulnerability, whose
``affects`` then lists only the components with that problem.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import orjson

from aicc import __version__
from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Problem, Unmatched
from aicc.core.results import ScanResult
from aicc.core.times import iso, utcnow
from aicc.core.vex import VexStatement
from aicc.report.vex import _CYCLONEDX_JUSTIFICATIONS, _CYCLONEDX_STATES

_METHOD = {"2.0": "CVSSv2", "3.0": "CVSSv3", "3.1": "CVSSv31", "4.0": "CVSSv4"}
_SEVERITY = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE"}
# the findings one vulnerability entry speaks for: its id, VEX statement and data problems
_Group = tuple[str, VexStatement | None, tuple[str, ...]]


def _source(vuln_id: str) -> dict[str, str]:
    if vuln_id.startswith("CVE-"):
        return {"name": "NVD", "url": f"https://nvd.nist.gov/vuln/detail/{vuln_id}"}
    return {"name": "OSV", "url": f"https://osv.dev/vulnerability/{vuln_id}"}


def _annotatable(result: ScanResult) -> dict[str, Any] | None:
    """The input document, when the scan read exactly one CycloneDX JSON of spec 1.4+."""
    if len(result.inventories) != 1 or result.inventories[0].format != "cyclonedx-json":
        return None
    document: dict[str, Any] = orjson.loads(Path(result.inventories[0].source).read_bytes())
    version = str(document.get("specVersion", "0"))
    return document if tuple(map(int, version.split(".")[:2])) >= (1, 4) else None


def _component_entry(component: Component, ref: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "type": "library" if component.is_package else "application",
        "bom-ref": ref,
        "name": component.product or component.name,
    }
    if component.vendor:
        entry["publisher"] = component.vendor
    if component.version:
        entry["version"] = component.version
    if component.purl:
        entry["purl"] = component.purl
    if component.cpe:
        entry["cpe"] = component.cpe
    return entry


def _analysis(statement: VexStatement) -> dict[str, Any]:
    """A VEX statement as CycloneDX ``analysis`` (the mapping `aicc vex -f cyclonedx` writes)."""
    analysis: dict[str, Any] = {"state": _CYCLONEDX_STATES[statement.status]}
    if statement.justification in _CYCLONEDX_JUSTIFICATIONS:
        analysis["justification"] = _CYCLONEDX_JUSTIFICATIONS[statement.justification]
    detail = "\n".join(t for t in (statement.impact_statement, statement.action_statement) if t)
    if detail:
        analysis["detail"] = detail
    return analysis


def _vulnerability(
    finding: Finding, refs: list[str], statement: VexStatement | None = None, ref: str | None = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "bom-ref": ref or f"vulnerability:{finding.id}",
        "id": finding.id,
        "source": _source(finding.id),
    }
    if finding.aliases:
        entry["references"] = [{"id": alias, "source": _source(alias)} for alias in finding.aliases]
    ratings = []
    for score in finding.cvss:
        rating: dict[str, Any] = {
            "source": {"name": score.source},
            "method": _METHOD.get(score.version, "other"),
            "vector": score.vector,
        }
        if score.score is not None:
            rating["score"] = score.score
        if score.severity and score.severity.upper() in _SEVERITY:
            rating["severity"] = score.severity.lower()
        ratings.append(rating)
    if ratings:
        entry["ratings"] = ratings
    if finding.summary:
        entry["description"] = finding.summary
    if finding.fixed_versions:
        entry["recommendation"] = f"Upgrade to {finding.fixed_versions[0]} or later."
    elif finding.fixed_after:
        entry["recommendation"] = f"Upgrade to a release later than {finding.fixed_after[0]}."
    properties = []
    if finding.kev:
        properties += [
            {"name": "aicc:kev:date_added", "value": str(finding.kev["date_added"])},
            {"name": "aicc:kev:due_date", "value": str(finding.kev["due_date"])},
        ]
    if finding.epss:
        properties.append({"name": "aicc:epss", "value": str(finding.epss["score"])})
    if statement is not None:
        entry["analysis"] = _analysis(statement)
        properties.append({"name": "aicc:vex:source", "value": statement.source})
    properties += [{"name": "aicc:data_problem", "value": text} for text in finding.data_problems]
    if properties:
        entry["properties"] = properties
    entry["affects"] = [{"ref": ref} for ref in refs]
    return entry


def _unmatched_text(entry: Unmatched) -> str:
    where = f"{entry.source}: {entry.location}" if entry.location else entry.source
    hint = f"; did you mean {' or '.join(entry.suggestions)}?" if entry.suggestions else ""
    return f"{entry.component} ({where}): not identified, {entry.reason}{hint}"


def _name_unmatched(
    document: dict[str, Any], result: ScanResult, entries: dict[Component, dict[str, Any]]
) -> None:
    """Each unmatched entry as properties: on its component (when this BOM lists it) and in
    the document's metadata."""
    if not result.unmatched:
        return
    rows = {(c.source, c.location): entry for c, entry in entries.items() if not c.is_package}
    for item in result.unmatched:
        entry = rows.get((item.source, item.location))
        if entry is not None:
            properties = entry.setdefault("properties", [])
            properties.append({"name": "aicc:unmatched", "value": item.reason})
            properties += [
                {"name": "aicc:unmatched:suggestion", "value": s} for s in item.suggestions
            ]
    metadata = document.setdefault("metadata", {})
    metadata.setdefault("properties", []).extend(
        {"name": "aicc:unmatched", "value": _unmatched_text(item)} for item in result.unmatched
    )


def _skipped_text(problem: Problem) -> str:
    where = f"{problem.source}: {problem.location}" if problem.location else problem.source
    return f"{problem.stage} ({where}): {problem.reason}"


def _name_skipped(document: dict[str, Any], result: ScanResult) -> None:
    """Each part of the input not used as an ``aicc:skipped`` property of the metadata."""
    if result.skipped:
        metadata = document.setdefault("metadata", {})
        metadata.setdefault("properties", []).extend(
            {"name": "aicc:skipped", "value": _skipped_text(p)} for p in result.skipped
        )


def cyclonedx(result: ScanResult) -> dict[str, Any]:
    """The scan as a CycloneDX document with a ``vulnerabilities`` list."""
    document = _annotatable(result)
    refs: dict[Component, str] = {}
    entries: dict[Component, dict[str, Any]] = {}
    if document is not None:
        for component in result.components:
            if component.bom_ref:
                refs[component] = component.bom_ref
    else:
        document = {
            "bomFormat": "CycloneDX",
            "specVersion": "1.5",
            "serialNumber": f"urn:uuid:{uuid.uuid4()}",
            "version": 1,
            "metadata": {
                "timestamp": iso(utcnow()),
                "tools": {
                    "components": [{"type": "application", "name": "aicc", "version": __version__}]
                },
            },
            "components": [],
        }
        for index, component in enumerate(result.components):
            refs[component] = f"component-{index}"
            entries[component] = _component_entry(component, refs[component])
            document["components"].append(entries[component])
    _name_unmatched(document, result, entries)
    _name_skipped(document, result)
    # one entry per vulnerability, statement and data problems: an analysis (or a data
    # problem) speaks for every component it affects, so components the VEX documents judge
    # differently, or whose records could not all be read, need entries of their own
    groups: dict[_Group, tuple[Finding, list[str]]] = {}
    for record in result.records:
        finding, statement = record.finding, record.vex
        ref = refs.get(finding.component)
        if ref is None:
            continue
        key = (finding.id, statement, tuple(finding.data_problems))
        _first, affected = groups.setdefault(key, (finding, []))
        if ref not in affected:
            affected.append(ref)
    seen: dict[str, int] = {}
    vulnerabilities = []
    for (vuln_id, statement, _problems), (finding, affected) in groups.items():
        seen[vuln_id] = seen.get(vuln_id, 0) + 1
        ref = f"vulnerability:{vuln_id}" + (f":{seen[vuln_id]}" if seen[vuln_id] > 1 else "")
        vulnerabilities.append(_vulnerability(finding, affected, statement, ref))
    document["vulnerabilities"] = vulnerabilities
    return document
