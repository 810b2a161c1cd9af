"""Read the knowledge base: per-source status, sync state and alias lookups."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, or_, select

from aicc.core.times import iso, parse_time, utcnow
from aicc.store import tables as t

# A source whose newest data is older than this is reported as stale.
STALE_AFTER = {
    "osv": timedelta(days=14),
    "kev": timedelta(days=14),
    "epss": timedelta(days=3),
    "cve": timedelta(days=14),
    "nvd": timedelta(days=14),
}
SOURCES = tuple(STALE_AFTER)


def record_import(
    conn: Connection,
    *,
    source: str,
    location: str,
    counts: dict[str, Any],
    details: dict[str, Any] | None = None,
    synced: bool = False,
    cursor: str | None = None,
) -> None:
    """Remember the last import (and sync) of ``source``: when, from where, what it did."""
    now = utcnow()
    values: dict[str, Any] = {"last_import_at": now, "location": location, "counts": counts}
    if details:
        values["details"] = details
    if synced:
        values["last_sync_at"] = now
    if cursor is not None:
        values["cursor"] = cursor
    exists = conn.execute(select(t.sync_state.c.source).where(t.sync_state.c.source == source))
    if exists.first() is None:
        conn.execute(t.sync_state.insert().values(source=source, **values))
    else:
        conn.execute(t.sync_state.update().where(t.sync_state.c.source == source).values(**values))


def sync_state(conn: Connection, source: str) -> dict[str, Any] | None:
    """The stored sync state of ``source``, or None if it was never imported."""
    row = conn.execute(select(t.sync_state).where(t.sync_state.c.source == source)).first()
    return None if row is None else dict(row._mapping)


def fetch_validators(conn: Connection, url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified the last download of ``url`` came with."""
    row = conn.execute(
        select(t.fetch_state.c.etag, t.fetch_state.c.last_modified).where(
            t.fetch_state.c.url == url
        )
    ).first()
    return (None, None) if row is None else (row[0], row[1])


def save_fetch_validators(
    conn: Connection, url: str, etag: str | None, last_modified: str | None
) -> None:
    """Store the validators of a completed download for the next conditional request."""
    conn.execute(t.fetch_state.delete().where(t.fetch_state.c.url == url))
    conn.execute(
        t.fetch_state.insert().values(
            url=url, etag=etag, last_modified=last_modified, fetched_at=utcnow()
        )
    )


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _newest(conn: Connection, column: Any) -> Any:
    return conn.execute(select(func.max(column))).scalar_one()


def _as_time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_time(str(value))


def _freshness(conn: Connection, now: datetime) -> dict[str, dict[str, Any]]:
    """Per source: record count, newest record, last import and sync, staleness warnings."""
    columns = {
        "osv": t.advisories.c.modified,
        "kev": t.kev_entries.c.date_added,
        "cve": t.cve_records.c.date_updated,
        "epss": t.epss_scores.c.score_date,
        "nvd": t.nvd_cves.c.last_modified,
    }
    status: dict[str, dict[str, Any]] = {}
    for source, column in columns.items():
        entry: dict[str, Any] = {"records": _count(conn, column.table)}
        state = sync_state(conn, source) or {}
        details = state.get("details") or {}
        newest = _as_time(_newest(conn, column))
        if source == "kev" and details.get("date_released"):
            newest = _as_time(details["date_released"])
        entry["newest"] = iso(newest)
        entry["last_import"] = iso(state.get("last_import_at"))
        entry["last_sync"] = iso(state.get("last_sync_at"))
        entry["location"] = state.get("location")
        entry.update({k: v for k, v in details.items() if k not in entry})
        entry["warnings"] = _warnings(source, entry["records"], newest, now)
        status[source] = entry
    return status


def knowledge_status(conn: Connection, now: datetime | None = None) -> dict[str, Any]:
    """Per source: record counts, newest record, last import and sync, and staleness warnings;
    for OSV also the withdrawn advisories and the advisories per ecosystem; for CSAF the
    documents of each provider."""
    status = _freshness(conn, now or utcnow())
    ecosystems = {
        name: int(n)
        for name, n in conn.execute(
            select(
                t.affected_packages.c.ecosystem_base,
                func.count(func.distinct(t.affected_packages.c.advisory_id)),
            )
            .group_by(t.affected_packages.c.ecosystem_base)
            .order_by(t.affected_packages.c.ecosystem_base)
        )
    }
    withdrawn = conn.execute(
        select(func.count()).select_from(t.advisories).where(t.advisories.c.withdrawn.is_not(None))
    ).scalar_one()
    status["csaf"] = _csaf_status(conn)
    osv = status["osv"]
    status["osv"] = {
        "records": osv.pop("records"),
        "withdrawn": int(withdrawn),
        "ecosystems": ecosystems,
        **osv,
    }
    return status


def _csaf_status(conn: Connection) -> dict[str, Any]:
    """Vendors' CSAF advisories: documents, the newest release, the last import and sync, and
    per provider (publisher namespace) its publisher, documents and newest release. No data is
    no warning: CSAF providers are optional (AICC_CSAF_PROVIDERS)."""
    d = t.csaf_documents
    state = sync_state(conn, "csaf") or {}
    providers = [
        {
            "namespace": namespace,
            "publisher": publisher,
            "documents": int(documents),
            "newest": iso(_as_time(newest)),
        }
        for namespace, publisher, documents, newest in conn.execute(
            select(
                d.c.publisher_namespace,
                func.max(d.c.publisher),
                func.count(),
                func.max(d.c.current_release_date),
            )
            .group_by(d.c.publisher_namespace)
            .order_by(d.c.publisher_namespace)
        )
    ]
    return {
        "records": sum(p["documents"] for p in providers),
        "newest": max((p["newest"] for p in providers if p["newest"]), default=None),
        "last_import": iso(state.get("last_import_at")),
        "last_sync": iso(state.get("last_sync_at")),
        "location": state.get("location"),
        "providers": providers,
        "warnings": [],
    }


def _warnings(source: str, records: int, newest: datetime | None, now: datetime) -> list[str]:
    if not records:
        return ["empty"]
    if newest is not None and now - newest > STALE_AFTER[source]:
        age = (now - newest).days
        return [f"stale: newest data is {age} days old (over {STALE_AFTER[source].days})"]
    return []


# related_ids' statements, built once: the portfolio's view of a vulnerability reads the
# aliases on every request, and building these cost more than running them
_NAMED = (  # the advisories that have ``vuln_id`` as id or alias; one round trip
    select(t.advisory_aliases.c.advisory_id)
    .where(t.advisory_aliases.c.alias == bindparam("vuln_id"))
    .union(select(t.advisories.c.id).where(t.advisories.c.id == bindparam("vuln_id")))
)
_ALIASES = select(t.advisory_aliases.c.advisory_id, t.advisory_aliases.c.alias).where(
    or_(
        t.advisory_aliases.c.advisory_id.in_(bindparam("ids", expanding=True)),
        t.advisory_aliases.c.alias.in_(bindparam("same_ids", expanding=True)),
    ),
    t.advisory_aliases.c.relation == "alias",
)


def related_ids(conn: Connection, vuln_id: str) -> list[str]:
    """Every id that names the same vulnerability as ``vuln_id``: CVE <-> GHSA/PYSEC/GO, both ways.

    Follows aliases one step out and back: the advisories that have ``vuln_id`` as id or alias,
    then all their aliases. Two statements, each on an index whatever the table statistics (one
    statement joining the first's answer made PostgreSQL read the whole table without them).
    """
    ids = sorted(set(conn.execute(_NAMED, {"vuln_id": vuln_id}).scalars()))
    if not ids:
        return []
    found = set(ids)
    for advisory_id, alias in conn.execute(_ALIASES, {"ids": ids, "same_ids": ids}):
        found.update((advisory_id, alias))
    found.discard(vuln_id)
    return sorted(found)


def knowledge_warnings(conn: Connection) -> tuple[bool, list[str]]:
    """Whether the knowledge base is empty, and what a reader of the results must know about
    the data (empty or stale sources).

    An empty knowledge base finds nothing, which must never read as "no vulnerabilities".
    """
    status = _freshness(conn, utcnow())
    if not status["osv"]["records"] and not status["cve"]["records"]:
        return True, [EMPTY_KNOWLEDGE]
    return False, [
        f"{source}: {warning}"
        for source in ("osv", "cve", "kev", "epss")
        for warning in status[source]["warnings"]
    ]


EMPTY_KNOWLEDGE = (
    "the knowledge base is empty, so nothing could be found: run 'aicc db sync' "
    "(or 'aicc db import --sample' for the demo data)"
)
