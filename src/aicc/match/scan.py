"""The detection pipeline: read inventories, match their components, return findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine

from aicc.core.components import Component, Inventory, SkippedEntry
from aicc.core.errors import InventoryError
from aicc.core.evidence import Decision, Evidence, Fact
from aicc.core.findings import Finding
from aicc.core.reachability import Reachability
from aicc.core.times import utcnow
from aicc.core.vex import VexStatement
from aicc.inventory.assets import AssetLookup, apply_asset_settings
from aicc.inventory.registry import find_inventories, read_inventory
from aicc.match.appliances import match_appliances
from aicc.match.evidence import build_findings
from aicc.match.packages import match_packages
from aicc.prioritize.decisions import decide
from aicc.prioritize.profiles import Profile
from aicc.store.knowledge import knowledge_status
from aicc.validate.evidence import collect_evidence
from aicc.validate.reachability import analyse_reachability
from aicc.validate.vex import match_vex


@dataclass
class ScanResult:
    """What a scan read, what it found, and what it could not use."""

    inventories: list[Inventory] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the knowledge base it used
    # aligned with ``findings`` when the scan was asked to decide (a sector profile was given)
    evidence: list[Evidence] = field(default_factory=list)
    decisions: list[list[Decision]] = field(default_factory=list)
    # aligned with ``findings`` when VEX documents were given / reachability was analysed
    vex: list[VexStatement | None] = field(default_factory=list)
    reachability: list[Reachability] = field(default_factory=list)

    @property
    def components(self) -> list[Component]:
        return [c for inventory in self.inventories for c in inventory.components]


def urgency(finding: Finding) -> tuple[int, float, float]:
    """Sort key, most urgent first: known exploited, then EPSS, then CVSS."""
    epss = float(finding.epss["score"]) if finding.epss else 0.0
    return (0 if finding.kev else 1, -epss, -(finding.max_score or 0.0))


def match_components(conn: Connection, components: Sequence[Component],
                     skipped: list[SkippedEntry] | None = None) -> list[Finding]:
    """Match components against the knowledge base; the findings, most urgent first."""
    skipped = skipped if skipped is not None else []
    package_hits = match_packages(conn, components, skipped)
    appliance_hits = match_appliances(conn, components, skipped)
    findings = build_findings(conn, package_hits, appliance_hits)
    findings.sort(key=urgency)
    return findings


def scan(engine: Engine, paths: Sequence[Path], *,
         profile: Profile | None = None, as_of: date | None = None,
         default_exposure: str = "controlled",
         vex: Sequence[VexStatement] = (),
         reachability: bool = False,
         on_found: Callable[[int], None] | None = None,
         on_file: Callable[[Path], None] | None = None) -> ScanResult:
    """Scan files and directories: every supported inventory in them, matched in one pass.

    With a sector ``profile``, each finding also gets its evidence and its three SSVC decisions,
    dated from ``as_of`` (today by default). ``vex`` statements are matched to the findings
    (``result.vex``); with ``reachability`` the source beside each lockfile is analysed, and a
    confident "not reachable" lowers the finding's exposure to ``small`` (and says so).
    ``on_found(n)`` reports how many files will be read; ``on_file(path)`` each one read.
    Files that cannot be read are reported in ``skipped`` with the reason; the rest is scanned.
    """
    result = ScanResult()
    files, skipped_files = find_inventories(paths)
    result.skipped += skipped_files
    if on_found is not None:
        on_found(len(files))
    assets = AssetLookup()
    for path, fmt in files:
        try:
            inventory = read_inventory(path, fmt)
            settings = assets.settings_for(path)
            if settings is not None:
                inventory = apply_asset_settings(inventory, settings)
        except InventoryError as exc:
            result.skipped.append(SkippedEntry(exc.path or str(path), exc.location, exc.message))
        else:
            result.inventories.append(inventory)
            result.skipped += inventory.skipped
        if on_file is not None:
            on_file(path)
    with engine.connect() as conn:
        result.findings = match_components(conn, result.components, result.skipped)
        result.warnings = knowledge_warnings(conn)
        if reachability:
            result.reachability = analyse_reachability(conn, result.findings,
                                                       result.inventories)
        if vex:
            result.vex = match_vex(result.findings, vex)
        if profile is not None:
            result.evidence = collect_evidence(conn, result.findings,
                                               default_exposure=default_exposure)
            if result.reachability:
                result.evidence = [_lowered(e, r) for e, r in
                                   zip(result.evidence, result.reachability, strict=True)]
    if profile is not None:
        found_on = as_of or utcnow().date()
        # decisions depend only on five values: thousands of findings share a few dozen answers
        answers: dict[tuple[str, str, str, str, bool, str | None, bool], list[Decision]] = {}
        for finding, item in zip(result.findings, result.evidence, strict=True):
            asset, critical = finding.component.asset_class, finding.component.safety_critical
            key = (item.exploitation.value, item.automatable.value,
                   item.technical_impact.value, item.exposure.value, item.in_kev, asset, critical)
            if key not in answers:
                answers[key] = decide(item, profile, found_on=found_on, asset_class=asset,
                                      safety_critical=critical)
            result.decisions.append(answers[key])
        _order_by_decision(result)
    return result


def _lowered(evidence: Evidence, reachability: Reachability) -> Evidence:
    """A confident "not reachable" makes the vulnerable code's exposure small, with the reason."""
    if not reachability.confident_not_reachable or evidence.exposure.value == "small":
        return evidence
    fact = Fact("small", f"reachability analysis ({reachability.level} level)", derived=True,
                detail=f"lowered from {evidence.exposure.value}: {reachability.detail}")
    return replace(evidence, exposure=fact)


# Deployer outcomes, most urgent first (ssvc:DSOI: Immediate, Out-of-Cycle, Scheduled, Defer).
_DEPLOYER_RANK = {"I": 0, "O": 1, "S": 2, "D": 3}


def _order_by_decision(result: ScanResult) -> None:
    """Most urgent first by the decisions: deployer priority, then the earliest due date, then
    the evidence order of `urgency` (known exploited, EPSS, CVSS)."""
    def key(index: int) -> tuple[object, ...]:
        ranks = [_DEPLOYER_RANK.get(d.outcome, 4) for d in result.decisions[index]
                 if d.table == "ssvc:DT_DP:1.0.0"]
        dues = [d.due for d in result.decisions[index] if d.due is not None]
        return (min(ranks, default=4), min(dues, default=date.max),
                *urgency(result.findings[index]))

    order = sorted(range(len(result.findings)), key=key)
    result.findings = [result.findings[i] for i in order]
    result.evidence = [result.evidence[i] for i in order]
    result.decisions = [result.decisions[i] for i in order]
    if result.vex:
        result.vex = [result.vex[i] for i in order]
    if result.reachability:
        result.reachability = [result.reachability[i] for i in order]


def knowledge_warnings(conn: Connection) -> list[str]:
    """What a reader of the results must know about the data: empty or stale sources.

    An empty knowledge base finds nothing, which must never read as "no vulnerabilities".
    """
    status = knowledge_status(conn)
    if not status["osv"]["records"] and not status["cve"]["records"]:
        return ["the knowledge base is empty, so nothing could be found: run 'aicc db sync' "
                "(or 'aicc db import --sample' for the demo data)"]
    return [f"{source}: {warning}" for source in ("osv", "cve", "kev", "epss")
            for warning in status[source]["warnings"]]
