"""What changed between two uploads of an asset's inventory.

Components are compared as each upload was read (the stored component lists): a piece of
software is the same one in both when its ecosystem and name (for an appliance: vendor and
product; and the host) are, whatever its version; it is ``added``, ``removed``, or ``changed``
when its versions differ. Findings are compared by scanning both files again with today's
knowledge base, so that the difference is the inventory's alone and not the feeds' since: a
finding is ``new`` in the later upload or ``gone`` from it, with the stored finding's id and
state where the asset has one. What either scan could not read is listed in ``skipped``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, scope
from aicc.center.errors import InvalidInput, NotFound
from aicc.center.findings import ScannedFinding
from aicc.center.inventories import asset_dict
from aicc.center.workspace import AssetSettings, workspace
from aicc.report.model import record_dict
from aicc.store.center_tables import assets, findings, inventories

_SHOWN = ("name", "version", "ecosystem", "purl", "vendor", "product", "cpe", "host")


def _asset(conn: Connection, principal: Principal, asset_id: str) -> RowMapping:
    """The asset, or NotFound (the same for another organisation's, whoever asks)."""
    row = conn.execute(select(assets).where(assets.c.id == asset_id)).mappings().first()
    if row is not None:
        try:
            scope(conn, principal, row["organisation_id"])
        except NotFound:
            row = None
    if row is None:
        raise NotFound(f"asset {asset_id!r}: not found")
    return row


def _software(component: dict[str, Any]) -> tuple[str, ...]:
    """What makes a component the same software in two uploads, its version aside."""
    return tuple(
        str(component.get(key) or "").lower()
        for key in ("ecosystem", "name", "vendor", "product", "host")
    )


def _shown(component: dict[str, Any]) -> dict[str, Any]:
    return {key: component[key] for key in _SHOWN if component.get(key)}


def component_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """Components added, removed and changed in version between two component lists."""
    versions: dict[str, dict[tuple[str, ...], set[str]]] = {"before": {}, "after": {}}
    first: dict[tuple[str, ...], dict[str, Any]] = {}
    for side, listed in (("before", before), ("after", after)):
        for component in listed:
            key = _software(component)
            versions[side].setdefault(key, set()).add(str(component.get("version") or ""))
            first.setdefault(key, component)
    old, new = versions["before"], versions["after"]
    changed = [
        {k: v for k, v in _shown(first[key]).items() if k not in ("version", "purl", "cpe")}
        | {"from": sorted(old[key]), "to": sorted(new[key])}
        for key in sorted(old.keys() & new.keys())
        if old[key] != new[key]
    ]
    return {
        "added": [_shown(c) for c in after if _software(c) in new.keys() - old.keys()],
        "removed": [_shown(c) for c in before if _software(c) in old.keys() - new.keys()],
        "changed": changed,
        "unchanged": sum(1 for key in old.keys() & new.keys() if old[key] == new[key]),
    }


def _scan_findings(
    engine: Engine, asset: str, inventory: RowMapping
) -> tuple[dict[str, ScannedFinding], list[dict[str, Any]]]:
    """The findings of one stored inventory with today's knowledge base, by key; what the
    scan could not read."""
    from aicc.pipeline import scan

    with workspace() as work:
        path = work.add(
            asset, inventory["filename"], inventory["content"], AssetSettings(), inventory["files"]
        )
        result = scan(engine, [path])
        skipped = work.relative([p.as_dict() for p in result.skipped])
        scanned = [
            ScannedFinding(
                vulnerability_id=r.finding.id,
                aliases=list(r.finding.aliases),
                record=work.relative(record_dict(r)),
                kev=r.finding.kev is not None,
                priority=r.deployer_rank,
                due=r.due,
            )
            for r in result.records
        ]
    return {item.key: item for item in scanned}, skipped


def _version(inventory: RowMapping) -> dict[str, Any]:
    return {
        "id": inventory["id"],
        "version": inventory["version"],
        "uploaded_at": inventory["uploaded_at"].isoformat(),
        "uploaded_by": inventory["uploaded_by"],
        "filename": inventory["filename"],
    }


def asset_versions(engine: Engine, principal: Principal, asset_id: str) -> dict[str, Any]:
    """An asset with its uploads, latest first; NotFound when the caller may not see it."""
    with engine.connect() as conn:
        asset = _asset(conn, principal, asset_id)
        rows = conn.execute(
            select(inventories)
            .where(inventories.c.asset_id == asset["id"])
            .order_by(inventories.c.version.desc())
        ).mappings()
        versions = [
            _version(row) | {"format": row["format"], "components": len(row["components"])}
            for row in rows
        ]
    return asset_dict(asset) | {"versions": versions}


def inventory_diff(
    engine: Engine,
    principal: Principal,
    asset_id: str,
    *,
    from_version: int | None = None,
    to_version: int | None = None,
) -> dict[str, Any]:
    """What changed from one upload of an asset to another (see the module's docstring): by
    default from the one before the latest to the latest; ``from`` is null when the asset has
    one upload (everything is added). NotFound for an asset the caller may not see;
    InvalidInput naming ``from`` or ``to`` for a version the asset does not have."""
    with engine.connect() as conn:
        asset = _asset(conn, principal, asset_id)
        listed = {
            row["version"]: row
            for row in conn.execute(
                select(inventories).where(inventories.c.asset_id == asset["id"])
            ).mappings()
        }
        stored = {
            row["key"]: row
            for row in conn.execute(
                select(findings.c.id, findings.c.key, findings.c.state, findings.c.present).where(
                    findings.c.asset_id == asset["id"]
                )
            ).mappings()
        }
    have = f"it has {', '.join(str(v) for v in sorted(listed))}" if listed else "it has none"
    if not listed:
        raise InvalidInput(f"asset {asset['name']!r}: no inventory uploaded yet")
    to_version = max(listed) if to_version is None else to_version
    if to_version not in listed:
        raise InvalidInput(f"to: the asset has no version {to_version} ({have})")
    if from_version is None:
        earlier = [v for v in listed if v < to_version]
        from_version = max(earlier) if earlier else None
    elif from_version not in listed:
        raise InvalidInput(f"from: the asset has no version {from_version} ({have})")
    if from_version == to_version:
        raise InvalidInput(f"from, to: both are version {to_version}; name two versions")
    before = listed[from_version] if from_version is not None else None
    after = listed[to_version]
    old, skipped = _scan_findings(engine, asset["name"], before) if before else ({}, [])
    new, skipped_after = _scan_findings(engine, asset["name"], after)

    def finding(item: ScannedFinding) -> dict[str, Any]:
        row = stored.get(item.key)
        return {
            "vulnerability": item.vulnerability_id,
            "aliases": item.aliases,
            "component": _shown(item.record.get("component") or {}),
            "finding": row["id"] if row is not None else None,
            "state": row["state"] if row is not None else None,
        }

    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key in sorted(new.keys() - old.keys(), key=lambda k: new[k].vulnerability_id):
        grouped["new"].append(finding(new[key]))
    for key in sorted(old.keys() - new.keys(), key=lambda k: old[k].vulnerability_id):
        grouped["gone"].append(finding(old[key]))
    return {
        "asset": {"id": asset["id"], "name": asset["name"]},
        "from": _version(before) if before is not None else None,
        "to": _version(after),
        "components": component_changes(
            before["components"] if before is not None else [], after["components"]
        ),
        "findings": {"new": grouped["new"], "gone": grouped["gone"]},
        "skipped": skipped + skipped_after,
    }
