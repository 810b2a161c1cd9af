"""What an import changed in the knowledge base, written to ``knowledge_changes`` in the same
transaction as the import, for the center's re-check (``aicc.center.recheck``).

Every source keeps a content hash per record (``digest``), so what changed is the difference
between the keys and hashes before and after the import: added, updated (a withdrawal is an
update of an OSV advisory) or removed (KEV and EPSS are whole catalogues). Nothing is recorded
while the center holds no inventory: an upload is matched against the knowledge base of its
day. KEV and EPSS changes only re-decide findings, so only those of CVEs some stored finding
names are kept (a daily EPSS file changes most of its quarter-million scores).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Column, Connection, select

from aicc.store import tables as t
from aicc.store.center_tables import findings, inventories
from aicc.store.recheck_tables import knowledge_changes

# source -> the key column of its parent table (the table holds the record's ``digest``)
KEYS: dict[str, Column[str]] = {
    "osv": t.advisories.c.id,
    "cve": t.cve_records.c.cve_id,
    "nvd": t.nvd_cves.c.cve_id,
    "csaf": t.csaf_documents.c.id,
    "kev": t.kev_entries.c.cve_id,
    "epss": t.epss_scores.c.cve_id,
}
BATCH = 1000
DECIDING_ONLY = frozenset({"kev", "epss"})  # change evidence, never what matches


def _digests(conn: Connection, source: str) -> dict[str, str]:
    key = KEYS[source]
    digest = key.table.c.digest
    return {row[0]: row[1] for row in conn.execute(select(key, digest))}


def named_by_findings(conn: Connection) -> set[str]:
    """Every id (vulnerability and aliases) of the stored findings."""
    named: set[str] = set()
    for vulnerability_id, aliases in conn.execute(
        select(findings.c.vulnerability_id, findings.c.aliases)
    ):
        named.add(vulnerability_id)
        named.update(aliases or ())
    return named


class ChangeLog:
    """The keys and hashes of one source before an import; `record` writes the difference."""

    def __init__(self, conn: Connection, source: str, *, synced: bool = False):
        self.source = source
        self.synced = synced
        self.active = (
            source in KEYS and conn.execute(select(inventories.c.id).limit(1)).first() is not None
        )
        self.before = _digests(conn, source) if self.active else {}

    def record(self, conn: Connection, now: datetime) -> dict[str, int]:
        """Write what changed since `__init__` (inside the import's transaction); the counts."""
        if not self.active:
            return {}
        after = _digests(conn, self.source)
        changes: list[tuple[str, str]] = [
            (key, "added" if key not in self.before else "updated")
            for key, digest in after.items()
            if self.before.get(key) != digest
        ]
        changes += [(key, "removed") for key in self.before if key not in after]
        if self.source in DECIDING_ONLY and changes:
            named = named_by_findings(conn)
            changes = [(key, change) for key, change in changes if key in named]
        self._write(conn, changes, now)
        counts: dict[str, int] = {}
        for _key, change in changes:
            counts[change] = counts.get(change, 0) + 1
        return counts

    def _write(self, conn: Connection, changes: Iterable[tuple[str, str]], now: datetime) -> None:
        rows = [
            {
                "recorded_at": now,
                "source": self.source,
                "key": key,
                "change": change,
                "synced": self.synced,
            }
            for key, change in sorted(changes)
        ]
        for start in range(0, len(rows), BATCH):
            conn.execute(knowledge_changes.insert(), rows[start : start + BATCH])
