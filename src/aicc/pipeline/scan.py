"""Scan: read inventories, match their components, and add what each finding needs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine

from aicc.core.collector import in_bulk
from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.core.evidence import Evidence, Fact
from aicc.core.findings import Finding
from aicc.core.problems import Problem
from aicc.core.reachability import Reachability
from aicc.core.results import FindingRecord, ScanResult
from aicc.core.times import utcnow
from aicc.core.vex import VexStatement
from aicc.inventory.assets import AssetLookup, apply_asset_settings
from aicc.inventory.registry import find_inventories, read_inventory
from aicc.inventory.tree_os import TreeSystems
from aicc.match.evidence import refresh_kev_and_epss
from aicc.match.scan import match_components
from aicc.prioritize.decisions import decide_records
from aicc.prioritize.profiles import Profile
from aicc.store.knowledge import knowledge_warnings
from aicc.validate.evidence import collect_evidence
from aicc.validate.platforms import platform_statement
from aicc.validate.reachability import analyse_reachability
from aicc.validate.vex import match_vex


def read_inventories(
    paths: Sequence[Path],
    *,
    on_found: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> tuple[list[Inventory], list[Problem]]:
    """Every supported inventory under ``paths``, with its ``aicc-asset.yaml`` settings applied
    and, inside a scanned tree that has an ``os-release``, that system as its platform.

    A file that cannot be read is a skipped entry with the reason; the rest is read.
    ``on_found(n)`` reports how many files will be read; ``on_file(path)`` each one read.
    """
    files, skipped = find_inventories(paths)
    if on_found is not None:
        on_found(len(files))
    inventories: list[Inventory] = []
    assets = AssetLookup()
    trees = TreeSystems(list(paths))  # the os-release of a scanned tree: its platform
    for path, fmt in files:
        try:
            inventory = trees.apply(read_inventory(path, fmt), path)
            settings = assets.settings_for(path)
            if settings is not None:
                inventory = apply_asset_settings(inventory, settings)
        except InventoryError as exc:
            skipped.append(Problem("inventory", exc.path or str(path), exc.location, exc.message))
        else:
            inventories.append(inventory)
            skipped += inventory.skipped
        if on_file is not None:
            on_file(path)
    return inventories, skipped


def scan(
    engine: Engine,
    paths: Sequence[Path],
    *,
    profile: Profile | None = None,
    as_of: date | None = None,
    default_exposure: str = "controlled",
    vex: Sequence[VexStatement] = (),
    reachability: bool = False,
    on_found: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> ScanResult:
    """Scan files and directories: every supported inventory in them, matched in one pass.

    With a sector ``profile``, each record also gets its evidence, its three SSVC decisions
    (dated from ``as_of``, today by default) and its risk, and the records are ordered most
    urgent first. ``vex`` statements are matched to the findings; with ``reachability`` the
    source beside each lockfile is analysed, and a confident "not reachable" lowers the
    finding's exposure to ``small`` (and says so). Files that cannot be read are reported in
    ``skipped`` with the reason; the rest is scanned.
    """
    inventories, skipped = read_inventories(paths, on_found=on_found, on_file=on_file)
    return scan_inventories(
        engine,
        inventories,
        skipped,
        profile=profile,
        as_of=as_of,
        default_exposure=default_exposure,
        vex=vex,
        reachability=reachability,
    )


@in_bulk  # a scan keeps every finding and record it makes: a full collection finds nothing
def scan_inventories(
    engine: Engine,
    inventories: list[Inventory],
    skipped: list[Problem],
    *,
    profile: Profile | None = None,
    as_of: date | None = None,
    default_exposure: str = "controlled",
    vex: Sequence[VexStatement] = (),
    reachability: bool = False,
    freshness: bool = True,
) -> ScanResult:
    """`scan` of inventories already read (``skipped``: what reading them could not use).

    The center's re-check passes an inventory cut down to the components a feed update can
    change (`aicc.center.recheck`), and ``freshness`` False: it runs because the knowledge
    base was just updated, so it skips the warnings about its age.
    """
    result = ScanResult(inventories=inventories, skipped=skipped, vex_applied=bool(vex))
    with engine.connect() as conn:
        findings = match_components(
            conn, result.components, result.skipped, result.unmatched, result.identified
        )
        if freshness:
            result.knowledge_empty, result.warnings = knowledge_warnings(conn)
        result.records = [FindingRecord(f) for f in findings]
        if reachability:
            reached = analyse_reachability(conn, findings, inventories)
            result.records = [
                replace(r, reachability=x) for r, x in zip(result.records, reached, strict=True)
            ]
        if vex:
            statements = match_vex(findings, vex)
            result.records = [
                replace(r, vex=s) for r, s in zip(result.records, statements, strict=True)
            ]
        result.records = [  # a record limited to another OS than the component's
            r if r.vex is not None else replace(r, vex=platform_statement(r.finding))
            for r in result.records
        ]
        if profile is not None:
            result.records = _with_evidence(conn, result.records, default_exposure)
    if profile is not None:
        result.records = decide_records(result.records, profile, found_on=as_of or utcnow().date())
        result.decided = True
    return result


def redecide(
    engine: Engine,
    findings: list[Finding],
    *,
    profile: Profile,
    as_of: date,
    default_exposure: str = "controlled",
) -> list[FindingRecord]:
    """The records `scan_inventories` gives for findings it matched before (without VEX
    documents or reachability), without matching again: each finding's KEV entry and EPSS
    score as the knowledge base has them now, its evidence and its decisions dated from
    ``as_of``, most urgent first. The center re-decides with it the findings a KEV or EPSS
    change names (`aicc.center.recheck_chunk`)."""
    with engine.connect() as conn:
        refresh_kev_and_epss(conn, findings)
        records = [FindingRecord(f, vex=platform_statement(f)) for f in findings]
        records = _with_evidence(conn, records, default_exposure)
    return decide_records(records, profile, found_on=as_of)


def _with_evidence(
    conn: Connection, records: list[FindingRecord], default_exposure: str
) -> list[FindingRecord]:
    """Each record with its evidence; a confident "not reachable" lowers the exposure."""
    evidence = collect_evidence(
        conn, [r.finding for r in records], default_exposure=default_exposure
    )
    return [
        replace(r, evidence=_lowered(e, r.reachability))
        for r, e in zip(records, evidence, strict=True)
    ]


def _lowered(evidence: Evidence, reachability: Reachability | None) -> Evidence:
    """A confident "not reachable" makes the vulnerable code's exposure small, with the reason."""
    if (
        reachability is None
        or not reachability.confident_not_reachable
        or evidence.exposure.value == "small"
    ):
        return evidence
    fact = Fact(
        "small",
        f"reachability analysis ({reachability.level} level)",
        derived=True,
        detail=f"lowered from {evidence.exposure.value}: {reachability.detail}",
    )
    return replace(evidence, exposure=fact)
