"""The center's view across organisations: who is affected by one vulnerability."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from aicc.center.access import Principal, require_center
from aicc.center.errors import InvalidInput
from aicc.center.findings import PRIORITY_LABELS
from aicc.store.center_tables import assets, findings, organisations
from aicc.store.knowledge import related_ids


def affected_by(
    engine: Engine, principal: Principal, vulnerability_id: str, *, present: bool = True
) -> dict[str, Any]:
    """Every organisation and asset with a finding of ``vulnerability_id`` or any of its aliases
    (as the knowledge base relates them), with each finding's state, decision and due date.

    ``present`` False also lists findings gone from the latest inventories. Forbidden for an
    organisation's token.
    """
    require_center(principal, "the portfolio")
    wanted = vulnerability_id.strip()
    if not wanted:
        raise InvalidInput("id: name a vulnerability (CVE-..., GHSA-...)")
    with engine.connect() as conn:
        ids = sorted({wanted, *related_ids(conn, wanted)})
        query = (
            select(
                findings.c.id,
                findings.c.vulnerability_id,
                findings.c.state,
                findings.c.priority,
                findings.c.due,
                findings.c.kev,
                findings.c.present,
                findings.c.record["component"].label("component"),
                assets.c.id.label("asset_id"),
                assets.c.name.label("asset_name"),
                organisations.c.id.label("organisation_id"),
                organisations.c.name.label("organisation_name"),
                organisations.c.sector,
                organisations.c.region,
            )
            .join(assets, assets.c.id == findings.c.asset_id)
            .join(organisations, organisations.c.id == findings.c.organisation_id)
            .where(findings.c.vulnerability_id.in_(ids))
            .order_by(organisations.c.name, assets.c.name, findings.c.id)
        )
        if present:
            query = query.where(findings.c.present.is_(True))
        rows = list(conn.execute(query).mappings())
    by_organisation: dict[str, dict[str, Any]] = {}
    for row in rows:
        organisation = by_organisation.setdefault(
            row["organisation_id"],
            {
                "id": row["organisation_id"],
                "name": row["organisation_name"],
                "sector": row["sector"],
                "region": row["region"],
                "assets": {},
            },
        )
        asset = organisation["assets"].setdefault(
            row["asset_id"], {"id": row["asset_id"], "name": row["asset_name"], "findings": []}
        )
        asset["findings"].append(
            {
                "id": row["id"],
                "vulnerability": row["vulnerability_id"],
                "component": row["component"],
                "kev": row["kev"],
                "decision": PRIORITY_LABELS.get(row["priority"]),
                "due": row["due"].isoformat() if row["due"] else None,
                "state": row["state"],
                "present": row["present"],
            }
        )
    listed = [
        organisation | {"assets": list(organisation["assets"].values())}
        for organisation in by_organisation.values()
    ]
    return {
        "vulnerability": wanted,
        "ids": ids,
        "organizations": listed,
        "summary": {
            "organizations": len(listed),
            "assets": sum(len(o["assets"]) for o in listed),
            "findings": len(rows),
        },
    }
