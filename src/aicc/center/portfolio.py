"""The center's view across organisations: who is affected by one vulnerability, and the
portfolio's exposure by sector and region (open, KEV and overdue findings)."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
from sqlalchemy import Engine, case, func, select

from aicc.center.access import Principal, granted, require_center
from aicc.center.errors import InvalidInput
from aicc.center.findings import PRIORITY_LABELS
from aicc.center.portfolio_cache import Views
from aicc.core.times import utcnow
from aicc.store.center_tables import assets, findings, organisations
from aicc.store.db import reading
from aicc.store.knowledge import related_ids


def affected_by(
    engine: Engine, principal: Principal, vulnerability_id: str, *, present: bool = True
) -> dict[str, Any]:
    """Every organisation and asset with a finding of ``vulnerability_id`` or any of its aliases
    (as the knowledge base relates them), with each finding's state, decision and due date.

    ``present`` False also lists findings gone from the latest inventories. Forbidden for an
    organisation's token.
    """
    answer: dict[str, Any] = orjson.loads(
        affected_by_json(engine, principal, vulnerability_id, present=present)
    )
    return answer


def affected_by_json(
    engine: Engine,
    principal: Principal,
    vulnerability_id: str,
    *,
    present: bool = True,
    marker: str | None = None,
) -> bytes:
    """`affected_by` as JSON: computed once per change of the portfolio and of the aliases
    (`aicc.center.portfolio_cache`), for each set of grants; ``marker``: the portfolio marker
    the caller read for this request (read here when not given)."""
    wanted = _wanted(principal, vulnerability_id)
    with reading(engine) as conn:  # the aliases are read each time: imports change them
        ids = sorted({wanted, *related_ids(conn, wanted)})
        key = ("vulnerability", wanted, tuple(ids), present, principal.sectors, principal.regions)
        return _VIEWS(
            engine,
            key,
            lambda: _affected_by(engine, principal, wanted, ids, present),
            conn,
            marker,
        )


def _wanted(principal: Principal, vulnerability_id: str) -> str:
    require_center(principal, "the portfolio")
    wanted = vulnerability_id.strip()
    if not wanted:
        raise InvalidInput("id: name a vulnerability (CVE-..., GHSA-...)")
    return wanted


_VIEWS = Views()


def _affected_by(
    engine: Engine, principal: Principal, wanted: str, ids: list[str], present: bool
) -> dict[str, Any]:
    with engine.connect() as conn:
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
            .where(granted(principal, findings.c.organisation_id))
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


OPEN_STATES = ("in_triage", "exploitable")  # a finding not yet decided away or fixed
MOST_OVERDUE = 10  # the organisations the summary lists, most overdue findings first


def summary(engine: Engine, principal: Principal, as_of: date | None = None) -> dict[str, Any]:
    """The portfolio by sector and by region: organisations, assets, open findings (in triage or
    exploitable, in the latest inventories), open KEV findings and open findings overdue (due
    before ``as_of``, default today); and the organisations with the most overdue findings.

    Center roles only: an organisation's token gets `Forbidden`, as for the other portfolio view
    (the route is the same for everyone, so refusing it says nothing of another organisation).
    """
    answer: dict[str, Any] = orjson.loads(summary_json(engine, principal, as_of))
    return answer


def summary_json(
    engine: Engine, principal: Principal, as_of: date | None = None, *, marker: str | None = None
) -> bytes:
    """`summary` as JSON: it reads every open finding, so it is computed once per change of the
    portfolio for each set of grants and day (`aicc.center.portfolio_cache`); callers asking
    at once while it is computed share that run. ``marker``: as for `affected_by_json`."""
    key = _summary_key(principal, as_of)
    return _VIEWS(engine, key, lambda: _summary(engine, principal, key[-1]), marker=marker)


def _summary_key(principal: Principal, as_of: date | None) -> tuple[Any, ...]:
    require_center(principal, "the portfolio summary")
    return ("summary", principal.sectors, principal.regions, as_of or utcnow().date())


def _summary(engine: Engine, principal: Principal, today: date) -> dict[str, Any]:
    overdue = findings.c.due < today
    with engine.connect() as conn:
        orgs = list(
            conn.execute(
                select(
                    organisations.c.id,
                    organisations.c.name,
                    organisations.c.sector,
                    organisations.c.region,
                ).where(granted(principal, organisations.c.id))
            ).mappings()
        )
        asset_counts: dict[str, int] = dict(
            conn.execute(
                select(assets.c.organisation_id, func.count()).group_by(assets.c.organisation_id)
            ).all()
        )
        counted = conn.execute(
            select(
                findings.c.organisation_id,
                func.count(),
                func.sum(case((findings.c.kev.is_(True), 1), else_=0)),
                func.sum(case((overdue, 1), else_=0)),
                func.min(case((overdue, findings.c.due), else_=None)),
            )
            .where(findings.c.present.is_(True), findings.c.state.in_(OPEN_STATES))
            .group_by(findings.c.organisation_id)
        ).all()
    open_counts = {
        row[0]: (int(row[1]), int(row[2] or 0), int(row[3] or 0), row[4]) for row in counted
    }
    sectors: dict[str, dict[str, Any]] = {}
    regions: dict[str | None, dict[str, Any]] = {}
    most_overdue = []
    totals = _zero()
    for org in orgs:
        open_, kev, late, oldest = open_counts.get(org["id"], (0, 0, 0, None))
        numbers = {
            "organizations": 1,
            "assets": int(asset_counts.get(org["id"], 0)),
            "open_findings": open_,
            "kev_findings": kev,
            "overdue_findings": late,
        }
        for into in (
            totals,
            sectors.setdefault(org["sector"], {"sector": org["sector"]} | _zero()),
            regions.setdefault(org["region"], {"region": org["region"]} | _zero()),
        ):
            for key, value in numbers.items():
                into[key] += value
        if late:
            most_overdue.append(
                {
                    "id": org["id"],
                    "name": org["name"],
                    "sector": org["sector"],
                    "region": org["region"],
                    "overdue_findings": late,
                    "oldest_due": _as_date(oldest).isoformat(),
                }
            )
    most_overdue.sort(key=lambda o: (-o["overdue_findings"], o["oldest_due"], o["name"]))
    return {
        "as_of": today.isoformat(),
        "totals": totals,
        "sectors": [sectors[name] for name in sorted(sectors)],
        "regions": [regions[name] for name in sorted(regions, key=lambda r: (r is None, r or ""))],
        "most_overdue": most_overdue[:MOST_OVERDUE],
    }


def _zero() -> dict[str, Any]:
    return dict.fromkeys(
        ("organizations", "assets", "open_findings", "kev_findings", "overdue_findings"), 0
    )


def _as_date(value: Any) -> date:
    """A date as the store gives it back (SQLite may hand an aggregate back as text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
