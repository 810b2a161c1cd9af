"""Write feed records into the store: diff against what is there, then batched deletes and inserts.

The rule for a record already present: same digest -> unchanged; an older ``modified`` -> kept
as is (newer wins); otherwise the new version replaces the old one with all its child rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Connection, Table, delete, select

from aicc.core.problems import Problem
from aicc.feeds.records import Item, Record, Unchanged
from aicc.store import tables as t
from aicc.store.batching import in_chunks

BATCH = 1000


@dataclass(frozen=True)
class RecordKind:
    """How one source's records are laid out: parent table, key, ``modified`` and children."""

    parent: Table
    key: str
    modified: str | None
    children: tuple[tuple[Table, str], ...] = ()

    @property
    def key_column(self) -> Column[Any]:
        return self.parent.c[self.key]


KINDS: dict[str, RecordKind] = {
    "osv": RecordKind(
        t.advisories,
        "id",
        "modified",
        ((t.advisory_aliases, "advisory_id"), (t.affected_packages, "advisory_id")),
    ),
    # CVE records are merged container by container (aicc.store.cve_merge), not replaced.
    "cve": RecordKind(
        t.cve_records,
        "cve_id",
        "date_updated",
        (
            (t.cve_metrics, "cve_id"),
            (t.cve_affected, "cve_id"),
            (t.cve_containers, "cve_id"),
            (t.cve_sources, "cve_id"),
        ),
    ),
    "kev": RecordKind(t.kev_entries, "cve_id", None),
    "epss": RecordKind(t.epss_scores, "cve_id", "score_date"),
    "nvd": RecordKind(t.nvd_cves, "cve_id", "last_modified", ((t.nvd_cpe_matches, "cve_id"),)),
    "csaf": RecordKind(
        t.csaf_documents, "id", "current_release_date", ((t.csaf_affected, "document_id"),)
    ),
}

State = dict[str, tuple[str, datetime | None]]


@dataclass
class ImportCounts:
    """What an import did, record by record."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    removed: int = 0
    skipped: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "older": self.older,
            "removed": self.removed,
            "skipped": len(self.skipped),
        }


def existing_state(conn: Connection, kind: RecordKind) -> State:
    """Key -> (digest, modified) of every stored record of this kind."""
    modified = kind.parent.c[kind.modified] if kind.modified else None
    columns = [kind.key_column, kind.parent.c.digest] + ([modified] if modified is not None else [])
    return {
        row[0]: (row[1], row[2] if modified is not None else None)
        for row in conn.execute(select(*columns))
    }


def delete_keys(conn: Connection, kind: RecordKind, keys: Sequence[str]) -> None:
    for chunk in in_chunks(keys):
        for table, fk in kind.children:
            conn.execute(delete(table).where(table.c[fk].in_(chunk)))
        conn.execute(delete(kind.parent).where(kind.key_column.in_(chunk)))


def _write(conn: Connection, kind: RecordKind, batch: list[Record], replaced: list[str]) -> None:
    if replaced:
        delete_keys(conn, kind, replaced)
    conn.execute(kind.parent.insert(), [r.row for r in batch])
    for table, _fk in kind.children:
        rows = [row for r in batch for row in r.children.get(table.name, ())]
        if rows:
            conn.execute(table.insert(), rows)


def apply_records(
    conn: Connection,
    kind: RecordKind,
    items: Iterable[Item],
    state: State,
    *,
    snapshot: bool = False,
    on_item: Callable[[], None] | None = None,
) -> ImportCounts:
    """Write ``items`` in batches inside the caller's transaction and count what happened.

    ``state`` is `existing_state` from before the import; it is updated as records are written.
    With ``snapshot`` (a whole catalogue), stored keys absent from ``items`` are removed, unless
    the file held records older than the stored ones.
    """
    counts = ImportCounts()
    before = set(state) if snapshot else set()
    seen: set[str] = set()
    unchanged_digests: set[str] = set()
    batch: list[Record] = []
    batch_keys: set[str] = set()
    replaced: list[str] = []

    def flush() -> None:
        if batch:
            _write(conn, kind, batch, replaced)
        batch.clear()
        batch_keys.clear()
        replaced.clear()

    for item in items:
        if on_item is not None:
            on_item()
        if isinstance(item, Problem):
            counts.skipped.append(item)
            continue
        if isinstance(item, Unchanged):
            counts.unchanged += 1
            if snapshot:
                unchanged_digests.add(item.digest)
            continue
        seen.add(item.key)
        previous = state.get(item.key)
        if previous is not None and previous[0] == item.digest:
            counts.unchanged += 1
            continue
        if (
            previous is not None
            and item.modified is not None
            and previous[1] is not None
            and item.modified < previous[1]
        ):
            counts.older += 1
            continue
        if item.key in batch_keys:
            flush()
        if previous is None:
            counts.added += 1
        else:
            counts.updated += 1
            replaced.append(item.key)
        batch.append(item)
        batch_keys.add(item.key)
        state[item.key] = (item.digest, item.modified)
        if len(batch) >= BATCH:
            flush()
    flush()
    if snapshot and not counts.older:
        if unchanged_digests:
            seen.update(k for k, (d, _m) in state.items() if d in unchanged_digests)
        gone = sorted(before - seen)
        delete_keys(conn, kind, gone)
        for key in gone:
            state.pop(key, None)
        counts.removed = len(gone)
    return counts
