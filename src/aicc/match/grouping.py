"""Merge advisories that name the same flaw (a PYSEC, a GHSA and a CVE) into one finding id."""

from __future__ import annotations

from collections.abc import Iterable


class AliasGroups:
    """Union-find over vulnerability ids: ids connected by an alias end up in one group."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self._parent.setdefault(item, item)
        if parent != item:
            parent = self._parent[item] = self.find(parent)
        return parent

    def union(self, ids: Iterable[str]) -> None:
        """Put every id in ``ids`` into one group."""
        first: str | None = None
        for item in ids:
            root = self.find(item)
            if first is None:
                first = root
            elif root != first:
                self._parent[root] = first

    def groups(self, ids: Iterable[str]) -> list[list[str]]:
        """The groups that ``ids`` fall into, each sorted; groups in order of first appearance."""
        found: dict[str, list[str]] = {}
        for item in ids:
            found.setdefault(self.find(item), []).append(item)
        return [sorted(set(members)) for members in found.values()]


def primary_id(ids: Iterable[str]) -> str:
    """The id a finding is shown under: a CVE if any, else a GHSA, else the first id."""
    ordered = sorted(set(ids))
    for prefix in ("CVE-", "GHSA-"):
        for item in ordered:
            if item.startswith(prefix):
                return item
    return ordered[0]
