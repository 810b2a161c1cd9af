"""Write CVE records into the store merged, one row per CVE, from cvelistV5 and Vulnrichment.

A CVE record arrives from cvelistV5 (the CNA's container and the ADP containers CVE Services
holds) and again from Vulnrichment (CISA's ADP container, often ahead). An incoming copy does
not replace the stored record: `aicc.feeds.cve5.plan_merge` picks, container by container,
the newer one; only the containers it takes are rewritten (their metric and affected rows, by
provider), and the record row is rebuilt from the winning CNA container and the CWEs and SSVC
of all containers. So the order the two sources are imported in does not matter, and neither
source can take away a container the other brought.

``cve_sources`` keeps the digest of the last file of each origin merged into a record: a file
seen before is skipped unparsed (`known_digests`), so re-running either import is cheap and
never flips a record between the two sources. A record stored before the merge existed (no
``cve_containers`` rows) is replaced whole by its next copy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, select

from aicc.core.problems import Problem
from aicc.feeds import cve5
from aicc.feeds.records import Item, Record, Unchanged
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.store.records import BATCH, KINDS, ImportCounts, delete_keys

KIND = KINDS["cve"]
# Child tables whose rows belong to one container, by its provider.
PER_PROVIDER = (t.cve_metrics, t.cve_affected, t.cve_containers)


def known_digests(conn: Connection) -> frozenset[str]:
    """The digests of every file merged into the stored CVE records, of either origin."""
    return frozenset(conn.execute(select(t.cve_sources.c.digest)).scalars())


def has_origin(conn: Connection, origin: str) -> bool:
    """Whether any stored CVE record has a file of ``origin`` merged into it."""
    s = t.cve_sources
    return conn.execute(select(s.c.cve_id).where(s.c.origin == origin).limit(1)).first() is not None


def apply_cve_records(
    conn: Connection,
    items: Iterable[Item],
    *,
    on_item: Callable[[], None] | None = None,
) -> ImportCounts:
    """Merge ``items`` into the stored CVE records in batches, inside the caller's transaction.

    Counts: ``added`` (a new CVE), ``updated`` (some container taken), ``older`` (nothing taken
    and something older than what is stored), ``unchanged`` (the rest, and files seen before).
    """
    counts = ImportCounts()
    batch: dict[str, Record] = {}
    for item in items:
        if on_item is not None:
            on_item()
        if isinstance(item, Problem):
            counts.skipped.append(item)
            continue
        if isinstance(item, Unchanged):
            counts.unchanged += 1
            continue
        if item.key in batch:  # the same CVE twice in one file: merge the first one first
            _merge_batch(conn, list(batch.values()), counts)
            batch.clear()
        batch[item.key] = item
        if len(batch) >= BATCH:
            _merge_batch(conn, list(batch.values()), counts)
            batch.clear()
    if batch:
        _merge_batch(conn, list(batch.values()), counts)
    return counts


def _stored(
    conn: Connection, keys: Sequence[str]
) -> tuple[
    dict[str, dict[str, Any]],
    dict[str, dict[str, dict[str, Any]]],
    dict[tuple[str, str], str],
]:
    """For the stored ones of ``keys``: state and date of the record, its containers by
    provider, and the digest of the last file per (CVE, origin)."""
    records: dict[str, dict[str, Any]] = {}
    containers: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    sources: dict[tuple[str, str], str] = {}
    r, c, s = t.cve_records, t.cve_containers, t.cve_sources
    for chunk in in_chunks(keys):
        for row in conn.execute(
            select(r.c.cve_id, r.c.state, r.c.date_updated).where(r.c.cve_id.in_(chunk))
        ):
            records[row.cve_id] = dict(row._mapping)
        for row in conn.execute(select(c).where(c.c.cve_id.in_(chunk))):
            containers[row.cve_id][row.provider] = dict(row._mapping)
        for row in conn.execute(select(s).where(s.c.cve_id.in_(chunk))):
            sources[(row.cve_id, row.origin)] = row.digest
    return records, containers, sources


def _full_rows(conn: Connection, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for chunk in in_chunks(keys):
        for row in conn.execute(select(t.cve_records).where(t.cve_records.c.cve_id.in_(chunk))):
            rows[row.cve_id] = dict(row._mapping)
    return rows


def _later(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return b if a is None else a
    return max(a, b)


def _merge_batch(conn: Connection, batch: list[Record], counts: ImportCounts) -> None:
    records, containers, sources = _stored(conn, [r.key for r in batch])
    whole: list[Record] = []  # inserted as they come (new, stored before the merge, REJECTED)
    replaced: list[str] = []  # stored keys deleted before their whole copy is inserted
    partial: list[tuple[Record, dict[str, dict[str, Any]], cve5.MergePlan]] = []
    for record in batch:
        stored = records.get(record.key)
        mine = containers.get(record.key)
        if stored is None:
            counts.added += 1
            whole.append(record)
            continue
        if not mine:  # stored before records were merged: replaced whole, once
            counts.updated += 1
            replaced.append(record.key)
            whole.append(record)
            continue
        incoming = {row["provider"]: row for row in record.children["cve_containers"]}
        plan = cve5.plan_merge(mine, stored["state"], incoming, record.row["state"])
        if plan.whole:
            counts.updated += 1
            replaced.append(record.key)
            whole.append(record)
        elif plan.changed:
            counts.updated += 1
            partial.append((record, mine, plan))
        elif plan.older:
            counts.older += 1
        else:
            counts.unchanged += 1

    if replaced:
        delete_keys(conn, KIND, replaced)
    _insert_whole(conn, whole)
    _write_partial(conn, partial, records)
    # Every file merged (or kept out) is remembered, so that it is skipped unparsed next time.
    written = {r.key for r in whole}
    stale = [
        {"k": r.key, "o": row["origin"]}
        for r in batch
        if r.key not in written
        for row in r.children["cve_sources"]
        if sources.get((r.key, row["origin"]), r.digest) != r.digest
    ]
    fresh = [
        row
        for r in batch
        if r.key not in written
        for row in r.children["cve_sources"]
        if sources.get((r.key, row["origin"])) != r.digest
    ]
    s = t.cve_sources
    if stale:
        conn.execute(
            delete(s).where(and_(s.c.cve_id == bindparam("k"), s.c.origin == bindparam("o"))),
            stale,
        )
    if fresh:
        conn.execute(s.insert(), fresh)


def _insert_whole(conn: Connection, records: list[Record]) -> None:
    if not records:
        return
    conn.execute(t.cve_records.insert(), [r.row for r in records])
    for table, _fk in KIND.children:
        rows = [row for r in records for row in r.children.get(table.name, ())]
        if rows:
            conn.execute(table.insert(), rows)


def _write_partial(
    conn: Connection,
    partial: list[tuple[Record, dict[str, dict[str, Any]], cve5.MergePlan]],
    records: dict[str, dict[str, Any]],
) -> None:
    """Rewrite the containers each plan takes, and rebuild the record rows."""
    if not partial:
        return
    keep_cna = [record.key for record, _mine, plan in partial if not plan.take_cna]
    full = _full_rows(conn, keep_cna)
    pairs: list[dict[str, str]] = []
    inserts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    updates: list[dict[str, Any]] = []
    for record, mine, plan in partial:
        taken = set(plan.take) | ({cve5.CNA} if plan.take_cna else set())
        pairs += [{"k": record.key, "p": provider} for provider in sorted(taken)]
        for table in PER_PROVIDER:
            inserts[table.name] += [
                row for row in record.children[table.name] if row["provider"] in taken
            ]
        merged = {**mine}
        merged.update(
            {
                row["provider"]: row
                for row in record.children["cve_containers"]
                if row["provider"] in taken
            }
        )
        row = dict(record.row) if plan.take_cna else dict(full[record.key])
        row.update(cve5.merged_fields(list(merged.values())))
        row["date_updated"] = _later(records[record.key]["date_updated"], record.modified)
        row["digest"] = record.digest
        updates.append(row)
    for table in PER_PROVIDER:
        conn.execute(
            delete(table).where(
                and_(table.c.cve_id == bindparam("k"), table.c.provider == bindparam("p"))
            ),
            pairs,
        )
    r = t.cve_records
    columns = [c.name for c in r.c if c.name != "cve_id"]
    conn.execute(
        r.update()
        .where(r.c.cve_id == bindparam("k"))
        .values({name: bindparam(f"v_{name}") for name in columns}),
        [{"k": row["cve_id"], **{f"v_{name}": row[name] for name in columns}} for row in updates],
    )
    for table in PER_PROVIDER:
        if inserts[table.name]:
            conn.execute(table.insert(), inserts[table.name])
