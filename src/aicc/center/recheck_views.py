"""What the API, the pages and ``aicc center rechecks`` show of the re-check runs: the runs
(the center's roles only; a center caller limited to sectors or regions sees each run counted
within its organisations) and what the latest run did to the caller's findings.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, func, select

from aicc.center.access import Principal, granted, require_center, scope
from aicc.center.errors import InvalidInput
from aicc.center.findings import (
    PRIORITY_LABELS,
)
from aicc.center.recheck import run_row
from aicc.store.center_tables import assets, findings, inventories
from aicc.store.recheck_tables import (
    is_newly_exploited,
    newly_exploited,
    recheck_chunks,
    recheck_findings,
    recheck_runs,
)


def run_dict(row: RowMapping) -> dict[str, Any]:
    """A run as the API and ``aicc center rechecks --format json`` show it."""

    def moment(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": row["id"],
        "trigger": row["trigger"],
        "full": row["full_recheck"],
        "state": row["state"],
        "reason": row["reason"],
        "created_at": moment(row["created_at"]),
        "started_at": moment(row["started_at"]),
        "finished_at": moment(row["finished_at"]),
        "changes": row["changes"],
        "progress": {"chunks_done": row["chunks_done"], "chunks_total": row["chunks_total"]},
        "inventories": row["inventories"],
        "components": row["components"],
        "findings": {
            "new": row["findings_new"],
            "closed": row["findings_closed"],
            "again": row["findings_again"],
            "redecided": row["findings_redecided"],
        },
        "new_exploited": row["new_exploited"],
        "problems": row["problems"],
        "scope": "all",  # "grant": counted within a limited center caller's organisations
    }


def _center_only(principal: Principal) -> None:
    require_center(principal, "the list of re-checks")


def get_run(engine: Engine, principal: Principal | None, run_id: str) -> dict[str, Any]:
    """One run (``principal`` None: the command line, which holds the store itself)."""
    if principal is not None:
        _center_only(principal)
    rf = recheck_findings
    with engine.connect() as conn:
        run = run_dict(run_row(conn, run_id))
        query = (
            select(rf.c.vulnerability_id)
            .join(findings, findings.c.id == rf.c.finding_id)
            .where(rf.c.run_id == run_id, newly_exploited())
            .distinct()
            .order_by(rf.c.vulnerability_id)
        )
        if principal is not None:
            query = query.where(granted(principal, findings.c.organisation_id))
            run = _within_grant(conn, principal, run)
        run["new_exploited_vulnerabilities"] = list(conn.execute(query).scalars())
    return run


def _limited(principal: Principal | None) -> bool:
    return principal is not None and (
        principal.sectors is not None or principal.regions is not None
    )


def _within_grant(conn: Connection, principal: Principal, run: dict[str, Any]) -> dict[str, Any]:
    """A run as a center caller limited to sectors or regions sees it: what it did to the
    organisations of its grant only (``scope``: "grant")."""
    if not _limited(principal):
        return run
    rf = recheck_findings
    counted = dict.fromkeys(("new", "closed", "again", "redecided"), 0)
    exploited = 0
    for change, kev, joined, n in conn.execute(
        select(rf.c.change, rf.c.kev, rf.c.joined_kev, func.count())
        .join(findings, findings.c.id == rf.c.finding_id)
        .where(rf.c.run_id == run["id"], granted(principal, findings.c.organisation_id))
        .group_by(rf.c.change, rf.c.kev, rf.c.joined_kev)
    ):
        counted[change] += n
        exploited += n if is_newly_exploited(change, kev, joined) else 0
    mine = set(
        conn.execute(
            select(inventories.c.id)
            .join(assets, assets.c.id == inventories.c.asset_id)
            .where(granted(principal, assets.c.organisation_id))
        ).scalars()
    )
    work = [
        item
        for chunk in conn.execute(
            select(recheck_chunks.c.work).where(recheck_chunks.c.run_id == run["id"])
        ).scalars()
        for item in chunk
        if item["inventory"] in mine and "findings" not in item  # not a re-decided one's
    ]
    return run | {
        "scope": "grant",
        "inventories": len({item["inventory"] for item in work}),
        "components": sum(
            len(item.get("names", item.get("rows", item.get("components", ())))) for item in work
        ),
        "findings": counted,
        "new_exploited": exploited,
        "problems": [p for p in run["problems"] if p["source"] in mine],
    }


def list_runs(
    engine: Engine, principal: Principal | None, *, limit: int = 50
) -> list[dict[str, Any]]:
    """The latest runs, newest first."""
    if principal is not None:
        _center_only(principal)
    if not 1 <= limit <= 500:
        raise InvalidInput(f"limit: {limit} is not between 1 and 500")
    with engine.connect() as conn:
        rows = conn.execute(
            select(recheck_runs)
            .order_by(recheck_runs.c.created_at.desc(), recheck_runs.c.id.desc())
            .limit(limit)
        ).mappings()
        runs = [run_dict(row) for row in rows]
        if principal is not None and _limited(principal):
            runs = [_within_grant(conn, principal, run) for run in runs]
        return runs


def rechecked_findings(
    engine: Engine, principal: Principal, *, organisation: str | None = None
) -> dict[str, Any]:
    """What the latest finished re-check changed in the caller's findings (a center caller:
    in every organisation's, or the one it names): each finding with its change (new, closed,
    again, redecided) and the reason. ``run`` is None before the first re-check."""
    rf, r = recheck_findings, recheck_runs
    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        latest = (
            conn.execute(
                select(r.c.id, r.c.trigger, r.c.finished_at)
                .where(r.c.state == "done")
                .order_by(r.c.finished_at.desc(), r.c.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
        if latest is None:
            return {"run": None, "items": []}
        query = (
            select(
                findings,
                assets.c.name.label("asset_name"),
                rf.c.change,
                rf.c.reason.label("change_reason"),
            )
            .join(rf, rf.c.finding_id == findings.c.id)
            .join(assets, assets.c.id == findings.c.asset_id)
            .where(rf.c.run_id == latest["id"])
            .order_by(findings.c.organisation_id, findings.c.priority, findings.c.id)
        )
        query = query.where(granted(principal, findings.c.organisation_id))
        if organisation_id is not None:
            query = query.where(findings.c.organisation_id == organisation_id)
        rows = list(conn.execute(query).mappings())
    return {
        "run": {
            "id": latest["id"],
            "trigger": latest["trigger"],
            "finished_at": latest["finished_at"].isoformat(),
        },
        "items": [
            {
                "id": row["id"],
                "organization": row["organisation_id"],
                "asset": {"id": row["asset_id"], "name": row["asset_name"]},
                "vulnerability": row["vulnerability_id"],
                "aliases": row["aliases"],
                "component": row["record"].get("component"),
                "kev": row["kev"],
                "decision": PRIORITY_LABELS.get(row["priority"]),
                "due": row["due"].isoformat() if row["due"] else None,
                "state": row["state"],
                "present": row["present"],
                "change": row["change"],
                "reason": row["change_reason"],
            }
            for row in rows
        ],
    }
