"""CycloneDX VEX (1.4 and later) read into VexStatements, from a BOM's JSON shape; the XML
form is brought to that shape by `cyclonedx_xml`."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from aicc.core.vex import VexStatement
from aicc.validate.vex._common import Path_, _aliases, _Reader, _unique

# CycloneDX 1.4-1.6 `analysis.state` -> OpenVEX status. The CycloneDX spec defines the states
# ("impactAnalysisState"); the four VEX statuses are CISA's ("Minimum Requirements for VEX",
# April 2023). A false positive never applied to the component, which VEX calls not_affected;
# resolved_with_pedigree is resolved with the fix recorded in the component's pedigree.
CYCLONEDX_STATES = {
    "not_affected": "not_affected",
    "false_positive": "not_affected",
    "exploitable": "affected",
    "in_triage": "under_investigation",
    "resolved": "fixed",
    "resolved_with_pedigree": "fixed",
}

# CycloneDX `analysis.justification` -> OpenVEX justification. OpenVEX and CSAF use the five
# labels of CISA's "Vulnerability Exploitability eXchange (VEX) - Status Justifications" (June
# 2022); CycloneDX ("impactAnalysisJustification") has nine finer ones. Each maps onto the CISA
# label whose definition covers the CycloneDX one:
CYCLONEDX_JUSTIFICATIONS = {
    # "The code has been removed or tree-shaked."
    "code_not_present": "vulnerable_code_not_present",
    # "The vulnerable code is not invoked at runtime."
    "code_not_reachable": "vulnerable_code_not_in_execute_path",
    # "Exploitability requires a configurable option to be set/unset": one the product leaves
    # alone, so an attacker cannot reach the code in the state that exploits it.
    "requires_configuration": "vulnerable_code_cannot_be_controlled_by_adversary",
    # "Exploitability requires a dependency that is not present."
    "requires_dependency": "component_not_present",
    # "Exploitability requires a certain environment which is not present."
    "requires_environment": "vulnerable_code_cannot_be_controlled_by_adversary",
    # Compiler flags, runtime protection, perimeter blocking and mitigating controls are all
    # protections that already stop the attack: CISA's "inline mitigations already exist".
    "protected_by_compiler": "inline_mitigations_already_exist",
    "protected_at_runtime": "inline_mitigations_already_exist",
    "protected_at_perimeter": "inline_mitigations_already_exist",
    "protected_by_mitigating_control": "inline_mitigations_already_exist",
}

_SPEC_VERSION = re.compile(r"1\.(\d+)")
Refs = dict[str, tuple[str, ...]]  # a BOM's bom-refs -> the purl and CPE of each


def _cyclonedx_refs(r: _Reader, doc: dict[str, Any]) -> Refs:
    """Every component's bom-ref -> its purl and CPE (or the bom-ref itself, with neither),
    nested components included."""
    refs: Refs = {}
    stack: list[tuple[Any, Path_]] = []
    metadata = doc.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("component"), dict):
        stack.append(([metadata["component"]], ("metadata", "component")))
    stack.append((doc.get("components"), ("components",)))
    while stack:
        value, path = stack.pop()
        for index, raw in enumerate(r.items(value, path, optional=True)):
            where = path if path[-1] == "component" else (*path, index)
            component = r.obj(raw, where)
            ref = r.text(component.get("bom-ref"), (*where, "bom-ref"))
            ids = [r.product(component.get(k), (*where, k)) for k in ("purl", "cpe")]
            if ref is not None:
                refs[ref] = _unique(i for i in ids if i) or (ref,)
            stack.append((component.get("components"), (*where, "components")))
    return refs


def _cyclonedx_target(r: _Reader, refs: Refs, ref: str, path: Path_) -> tuple[str, ...]:
    """The products one ``affects[].ref`` names: a local bom-ref resolved to its purl and CPE, a
    BOM-link's bom-ref (``urn:cdx:<serial>/<version>#<bom-ref>``), or a purl given directly."""
    if ref in refs:
        return refs[ref]
    if ref.startswith("urn:cdx:"):
        fragment = unquote(ref.partition("#")[2]).strip()
        if not fragment:
            r.fail(f"a BOM-link without '#<bom-ref>' names no component: {ref!r}", path)
        if fragment in refs:
            return refs[fragment]
        ref = fragment
    product = r.product(ref, path)
    return (product,) if product else ()


_RESPONSES = {
    "can_not_fix": "cannot fix",
    "will_not_fix": "will not fix",
    "update": "update",
    "rollback": "roll back",
    "workaround_available": "workaround available",
}


def _cyclonedx_entry(
    r: _Reader,
    refs: Refs,
    entry: dict[str, Any],
    path: Path_,
    issued: datetime | None,
    author: str | None,
) -> VexStatement | None:
    """The statement of one ``vulnerabilities`` entry; None for one without an analysis state,
    which lists a finding (as a scanner's report does) rather than saying anything about it."""
    analysis = entry.get("analysis")
    if analysis is None or analysis == "":  # "": an empty <analysis/> element
        return None
    analysis = r.obj(analysis, (*path, "analysis"))
    status = r.label(
        analysis.get("state"), (*path, "analysis", "state"), CYCLONEDX_STATES, "analysis state"
    )
    if status is None:
        return None
    name = r.required(entry.get("id"), (*path, "id"), "vulnerability id")
    references = r.items(entry.get("references"), (*path, "references"), optional=True)
    aliases = [
        r.required(
            r.obj(ref, (*path, "references", i)).get("id"),
            (*path, "references", i, "id"),
            "reference id",
        )
        for i, ref in enumerate(references)
    ]
    products: list[str] = []
    for i, raw in enumerate(r.items(entry.get("affects"), (*path, "affects"), optional=True)):
        where = (*path, "affects", i, "ref")
        ref = r.required(r.obj(raw, where[:-1]).get("ref"), where, "ref")
        products += _cyclonedx_target(r, refs, ref, where)
    if not products:
        r.fail("names no affected component", (*path, "affects"))
    detail = r.text(analysis.get("detail"), (*path, "analysis", "detail"))
    responses = [
        r.label(x, (*path, "analysis", "response", i), _RESPONSES, "response")
        for i, x in enumerate(
            r.items(analysis.get("response"), (*path, "analysis", "response"), optional=True)
        )
    ]
    # `detail` explains the state: why not affected, or what to do about the others; the
    # responses say what is done only for a product that is affected.
    action = (
        r.text(entry.get("recommendation"), (*path, "recommendation"))
        or r.text(entry.get("workaround"), (*path, "workaround"))
        or (
            None
            if status == "not_affected"
            else detail or "; ".join(x for x in responses if x) or None
        )
    )
    moment = (
        r.time(analysis.get("lastUpdated"), (*path, "analysis", "lastUpdated"))
        or r.time(analysis.get("firstIssued"), (*path, "analysis", "firstIssued"))
        or issued
    )
    return VexStatement(
        vulnerability=name,
        aliases=_aliases(name, aliases),
        products=_unique(products),
        status=status,
        source=r.source,
        location=r.render(path),
        justification=r.label(
            analysis.get("justification"),
            (*path, "analysis", "justification"),
            CYCLONEDX_JUSTIFICATIONS,
            "justification",
        ),
        impact_statement=detail if status == "not_affected" else None,
        action_statement=action,
        timestamp=moment,
        author=author,
        format="cyclonedx",
    )


def _cyclonedx_author(metadata: dict[str, Any]) -> str | None:
    """The first author's name, else the manufacturer's or supplier's."""
    authors = metadata.get("authors")
    candidates = [
        authors[0] if isinstance(authors, list) and authors else None,
        metadata.get("manufacturer"),
        metadata.get("manufacture"),
        metadata.get("supplier"),
    ]
    for candidate in candidates:
        if isinstance(candidate, dict) and isinstance(candidate.get("name"), str):
            name: str = candidate["name"].strip()
            if name:
                return name
    return None


def _cyclonedx(r: _Reader, doc: dict[str, Any], spec: Any) -> list[VexStatement]:
    match = _SPEC_VERSION.fullmatch(spec) if isinstance(spec, str) else None
    if match is None or int(match.group(1)) < 4:
        r.fail(
            f"unsupported CycloneDX specVersion {spec!r}: VEX needs 1.4 or later", ("specVersion",)
        )
    metadata = r.obj(doc.get("metadata") or {}, ("metadata",))
    issued = r.time(metadata.get("timestamp"), ("metadata", "timestamp"))
    author = _cyclonedx_author(metadata)
    refs = _cyclonedx_refs(r, doc)
    if doc.get("vulnerabilities") is None:
        r.fail("a BOM without 'vulnerabilities' holds no VEX statements", ("vulnerabilities",))
    statements = []
    for i, raw in enumerate(r.items(doc["vulnerabilities"], ("vulnerabilities",))):
        path: Path_ = ("vulnerabilities", i)
        statement = _cyclonedx_entry(r, refs, r.obj(raw, path), path, issued, author)
        if statement is not None:
            statements.append(statement)
    return statements
