"""Reading the center's advisories, as each caller may.

The center's roles see every advisory, drafts too, with its audience (a caller limited to
sectors and regions: the organisations of those) and its audit trail. An organisation sees a
published advisory when it is in its audience, or when the advisory is TLP:CLEAR (public);
anything else, a draft or a TLP:GREEN, AMBER or RED advisory of another audience, reads
exactly as an advisory that does not exist, title and all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    RowMapping,
    and_,
    exists,
    func,
    or_,
    select,
)

from aicc.center.access import Principal, granted, require_center, scope
from aicc.center.errors import NotFound
from aicc.store.advisory_tables import (
    center_advisories,
    center_advisory_audience,
    center_advisory_events,
)
from aicc.store.center_tables import organisations

ca, aa = center_advisories, center_advisory_audience


def visible(principal: Principal) -> ColumnElement[bool]:
    """The condition on ``center_advisories`` that keeps what the caller may read."""
    if principal.is_center:
        return ca.c.id.isnot(None)
    in_audience = exists().where(
        aa.c.advisory_id == ca.c.id, aa.c.organisation_id == principal.organisation_id
    )
    return and_(ca.c.status == "final", or_(ca.c.tlp == "CLEAR", in_audience))


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def summary_dict(row: RowMapping) -> dict[str, Any]:
    """An advisory as a list shows it."""
    return {
        "id": row["id"],
        "tracking_id": row["tracking_id"],
        "title": row["title"],
        "tlp": row["tlp"],
        "status": row["status"],
        "version": row["version"],
        "published_at": _time(row["published_at"]),
        "released_at": _time(row["released_at"]),
        "cves": list(row["form"].get("cves", [])),
    }


def _own_matches(conn: Connection, principal: Principal, ids: list[str]) -> dict[str, Any]:
    if principal.is_center or not ids:
        return {}
    rows = conn.execute(
        select(aa.c.advisory_id, aa.c.matched).where(
            aa.c.organisation_id == principal.organisation_id, aa.c.advisory_id.in_(ids)
        )
    )
    return {advisory_id: matched for advisory_id, matched in rows}


def list_advisories(
    engine: Engine, principal: Principal, *, concerning: bool = False
) -> list[dict[str, Any]]:
    """The advisories the caller may read, latest release first (drafts, for the center,
    first of all). An organisation's each say whether they concern it (``concerns_you``) and
    by which of its components; ``concerning`` keeps only those."""
    query = (
        select(ca)
        .where(visible(principal))
        .order_by(ca.c.released_at.is_(None).desc(), ca.c.released_at.desc(), ca.c.id)
    )
    with engine.connect() as conn:
        rows = list(conn.execute(query).mappings())
        mine = _own_matches(conn, principal, [r["id"] for r in rows])
        counts: dict[str, int] = {}
        if principal.is_center:
            query = (
                select(aa.c.advisory_id, func.count())
                .where(granted(principal, aa.c.organisation_id))
                .group_by(aa.c.advisory_id)
            )
            counts = {advisory_id: int(n) for advisory_id, n in conn.execute(query)}
    items = []
    for row in rows:
        item = summary_dict(row)
        if principal.is_center:
            item["audience"] = counts.get(row["id"], 0)
        else:
            item["concerns_you"] = row["id"] in mine
            item["matched"] = mine.get(row["id"], [])
            if concerning and not item["concerns_you"]:
                continue
        items.append(item)
    return items


def _visible_row(conn: Connection, principal: Principal, advisory_id: str) -> RowMapping:
    found = (
        conn.execute(select(ca).where(ca.c.id == advisory_id, visible(principal)))
        .mappings()
        .first()
    )
    if found is None:
        raise NotFound(f"advisory {advisory_id!r}: not found")
    return found


def get_advisory(engine: Engine, principal: Principal, advisory_id: str) -> dict[str, Any]:
    """One advisory: its fields and CSAF document; for the center its audience (each
    organisation and what of theirs matched), for an organisation what of its own did."""
    with engine.connect() as conn:
        row = _visible_row(conn, principal, advisory_id)
        item = {**summary_dict(row), "form": row["form"], "document": row["document"]}
        if principal.is_center:
            query = (
                select(
                    aa.c.organisation_id,
                    organisations.c.name,
                    aa.c.matched,
                    aa.c.version,
                    aa.c.added_at,
                )
                .join(organisations, organisations.c.id == aa.c.organisation_id)
                .where(aa.c.advisory_id == advisory_id, granted(principal, aa.c.organisation_id))
                .order_by(organisations.c.name)
            )
            item["created_by"] = row["created_by"]
            item["audience"] = [
                {
                    "organization": r["organisation_id"],
                    "name": r["name"],
                    "matched": r["matched"],
                    "since_version": r["version"],
                    "added_at": r["added_at"].isoformat(),
                }
                for r in conn.execute(query).mappings()
            ]
        else:
            mine = _own_matches(conn, principal, [advisory_id])
            item["concerns_you"] = advisory_id in mine
            item["matched"] = mine.get(advisory_id, [])
    return item


def advisory_document(engine: Engine, principal: Principal, advisory_id: str) -> dict[str, Any]:
    """The advisory's CSAF 2.0 document, current version."""
    with engine.connect() as conn:
        document: dict[str, Any] = _visible_row(conn, principal, advisory_id)["document"]
    return document


def advisory_audit(engine: Engine, principal: Principal, advisory_id: str) -> dict[str, Any]:
    """Center roles: who created, changed and published each version of the advisory, when,
    the SHA-256 of each document and how many organisations it reached."""
    require_center(principal, "an advisory's audit trail")
    ev = center_advisory_events
    with engine.connect() as conn:
        row = _visible_row(conn, principal, advisory_id)
        events = conn.execute(
            select(ev).where(ev.c.advisory_id == advisory_id).order_by(ev.c.id)
        ).mappings()
        return {
            "id": advisory_id,
            "tracking_id": row["tracking_id"],
            "events": [
                {
                    "actor": e["actor"],
                    "at": e["at"].isoformat(),
                    "action": e["action"],
                    "version": e["version"],
                    "status": e["status"],
                    "sha256": e["digest"],
                    "audience": e["audience"],
                    "summary": e["summary"],
                }
                for e in events
            ],
        }


def organisation_advisories(
    engine: Engine, principal: Principal, organisation: str | None = None
) -> list[dict[str, Any]]:
    """The published advisories that concern one organisation (the caller's own; a center
    caller names one by id or name), latest first, each with the components that matched."""
    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        if organisation_id is None:
            return []
        query = (
            select(ca, aa.c.matched)
            .join(aa, aa.c.advisory_id == ca.c.id)
            .where(aa.c.organisation_id == organisation_id, ca.c.status == "final")
            .order_by(ca.c.released_at.desc(), ca.c.id)
        )
        return [
            {**summary_dict(row), "concerns_you": True, "matched": row["matched"]}
            for row in conn.execute(query).mappings()
        ]
