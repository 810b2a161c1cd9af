"""`aicc explain`: one finding's evidence and each decision's path through its official table.

It works on the JSON of a plan (or a scan with decisions), so what it explains is exactly what
the plan recorded, not a recomputation.
"""

from __future__ import annotations

from typing import Any

from aicc.prioritize.ssvc import SsvcError, table

# Which evidence fact each decision point's value came from (unversioned decision point ids).
_FACT_OF = {
    "ssvc:E": "exploitation",
    "ssvc:EXP": "exposure",
    "ssvc:A": "automatable",
    "ssvc:TI": "technical_impact",
    "cisa:PE": "exposure",
}
_TABLE_TITLES = {
    "ssvc:DT_DP": "CERT/CC deployer patch priority",
    "cisa:DT_CO": "CISA coordinator decision",
    "cisa:DT_BOD2604": "CISA BOD 26-04 remediation timeline",
}


def find(report: dict[str, Any], vuln_id: str) -> list[dict[str, Any]]:
    """Every finding of a plan or scan report whose id or alias is ``vuln_id``."""
    wanted = vuln_id.strip().upper()
    candidates = [fix for action in report.get("actions", []) for fix in action["fixes"]]
    candidates += report.get("suppressed", []) + report.get("findings", [])
    return [
        f
        for f in candidates
        if wanted in {str(i).upper() for i in (f.get("id"), *f.get("aliases", []))}
    ]


def _component(component: dict[str, Any]) -> str:
    if component.get("ecosystem"):
        name = f"{component['name']} {component.get('version')} ({component['ecosystem']})"
    else:
        label = " ".join(p for p in (component.get("vendor"), component.get("product")) if p)
        name = f"{label or component['name']} {component.get('version')}"
    where = component.get("source") or ""
    if component.get("location"):
        where += f" {component['location']}"
    return f"{name}, in {where}" if where else name


def _fact(name: str, fact: dict[str, Any]) -> list[str]:
    derived = " (derived)" if fact.get("derived") else ""
    lines = [f"  {name}: {fact['value']}{derived} — {fact['source']}"]
    if fact.get("detail"):
        lines.append(f"      {fact['detail']}")
    return lines


def _decision(
    decision: dict[str, Any], evidence: dict[str, Any], profile: str, asset: str
) -> list[str]:
    table_id = decision["table"]
    namespace_key = table_id.rsplit(":", 1)[0]
    title = _TABLE_TITLES.get(namespace_key, table_id)
    lines = [f"  {title} ({table_id})"]
    try:
        decision_table = table(table_id)
    except SsvcError:
        decision_table = None
    for point_id, key in decision["inputs"].items():
        point = (
            next((p for p in decision_table.inputs if p.id == point_id), None)
            if decision_table
            else None
        )
        label = point.label if point else point_id
        value = point.value(key).name if point else key
        unversioned = point_id.rsplit(":", 1)[0]
        if unversioned in _FACT_OF and _FACT_OF[unversioned] in evidence:
            source = evidence[_FACT_OF[unversioned]]["source"]
        elif unversioned == "cisa:KEV":
            source = "CISA KEV" if evidence.get("in_kev") else "not in the CISA KEV catalogue"
        else:  # human / mission impact: the sector profile for the asset
            source = f"sector profile {profile}, {asset}"
        lines.append(f"    {label} = {value}   [{source}]")
    due = f", due {decision['due']}" if decision.get("due") else ""
    outcome = decision_table.outcome.label if decision_table else "outcome"
    lines.append(f"    → {outcome} = {decision['label']}{due}")
    return lines


def explain_text(finding: dict[str, Any], profile: str) -> str:
    """The finding, its evidence with sources, and each decision's inputs and outcome."""
    component = finding["component"]
    lines = [f"{finding['id']} in {_component(component)}"]
    if finding.get("aliases"):
        lines.append(f"  also known as {', '.join(finding['aliases'])}")
    if finding.get("summary"):
        lines.append(f"  {finding['summary']}")
    if finding.get("identified"):
        lines.append(f"  {finding['identified']}")
    if finding.get("match"):
        lines.append(f"  matched: {finding['match']}")
    fixed = finding.get("fixed_versions") or []
    after = finding.get("fixed_after") or []
    if fixed:
        lines.append(f"  fixed in: {', '.join(fixed)}")
    elif after:
        lines.append(f"  fixed in: a release later than {' or '.join(after)}")
    else:
        lines.append("  fixed in: no fixed version in the knowledge base")
    if finding.get("platforms"):
        lines.append(f"  applies only on: {', '.join(finding['platforms'])}")
    for url in finding.get("advisory_urls") or []:
        lines.append(f"  vendor advisory: {url}")
    for text in finding.get("remediations") or []:
        lines.append(f"  the advisory says: {text}")
    for text in finding.get("data_problems") or []:
        lines.append(f"  data problem: {text}")
    evidence = finding.get("evidence")
    if evidence:
        lines += ["", "Evidence"]
        for key, name in (
            ("exploitation", "Exploitation"),
            ("automatable", "Automatable"),
            ("technical_impact", "Technical impact"),
            ("exposure", "Exposure"),
        ):
            lines += _fact(name, evidence[key])
    epss = finding.get("epss")
    if epss:
        lines.append(
            f"  EPSS: {float(epss['score']):.1%} chance of exploitation in 30 days "
            f"(percentile {float(epss['percentile']):.0%}, {epss.get('date')})"
        )
    for score in finding.get("cvss", []):
        lines.append(
            f"  CVSS {score['version']} {score['score']} from {score['source']}: {score['vector']}"
        )
    reach = finding.get("reachability")
    if reach:
        lines.append(
            f"  Reachability: {reach['value']} ({reach['level']} level) — {reach['detail']}"
        )
    vex = finding.get("vex")
    if vex:
        reason = vex.get("justification") or vex.get("impact_statement") or ""
        lines.append(f"  VEX: {vex['status']}{f' ({reason})' if reason else ''} — {vex['source']}")
    if finding.get("risk") is not None:
        lines.append(
            f"  Risk score: {finding['risk']:.2f} (100 x likelihood x impact x "
            "exposure; the README's section on the patch plan gives the rule)"
        )
    decisions = finding.get("decisions") or []
    if decisions and evidence:
        asset = component.get("asset_class") or "no asset class"
        if component.get("safety_critical"):
            asset += ", safety-critical"
        lines += ["", "Decisions (official SSVC tables)"]
        for decision in decisions:
            lines += _decision(decision, evidence, profile, asset)
    return "\n".join(lines)
