"""Which stored components a knowledge base change can touch, cut into chunks by component key.

From the changes a run claimed (`aicc.store.changes`): the package keys (ecosystem and name,
as `aicc.match.packages` looks them up) of the changed OSV advisories, withdrawn ones
included; the catalogue spellings (vendor and product keys) the changed CVE records, NVD
entries and CSAF documents name; and every id they carry. A component of an asset's latest
inventory is re-matched when its package key is one of those; an appliance row when the
products it resolves to (`aicc.match.resolve`) share a spelling with them, or when it named no
product and the catalogue changed; and the component of any finding named by a changed id
(an advisory that no longer names its package closes it).

A KEV or EPSS change matches nothing anew: the present findings of the CVEs it names are
re-decided (`redecided_findings`, `redecide_chunks`: their KEV entry and EPSS score read again,
their evidence and decisions made again, `aicc.center.recheck_chunk`), except those whose
component the run re-matches anyway. (KEV also feeds the catalogue: its change still
re-matches the appliance rows that named no product.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, func, select, text

from aicc.center.findings import component_identity
from aicc.core.components import Component
from aicc.core.packages import base_ecosystem, normalize_name, product_key
from aicc.match.resolve import NoProduct, Resolver
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.store.center_tables import findings, inventories
from aicc.store.changes import DECIDING_ONLY

_READ_AT_ONCE = 20  # inventories a plan holds as Python objects at a time
CHUNK_COMPONENTS = 2000  # components per chunk: a few seconds of work each
# Findings a chunk may hold, as the advisories naming its components' packages count them: a
# worker holds each with its record, evidence and stored row (about 10 kB). Measured at 1,000
# organisations, one chunk of 2,000 components of tensorflow, tensorflow-cpu and -gpu (over
# 400 advisories each) made 200,000 findings and took its worker to 2 GB; most 2,000-component
# chunks make a few thousand.
CHUNK_FINDINGS = 20_000
# Findings per re-decide chunk: a worker holds each with its record and evidence, as a
# re-match chunk does, but matches nothing.
REDECIDE_FINDINGS = 5000
APPLIANCE_SOURCES = frozenset({"cve", "nvd", "csaf", "kev"})  # they feed the catalogue


@dataclass
class Touched:
    """What the claimed changes name."""

    package_keys: set[tuple[str, str]] = field(default_factory=set)
    product_keys: set[tuple[str, str]] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    catalogue: bool = False  # appliance spellings may have changed
    deciding: set[str] = field(default_factory=set)  # CVEs whose KEV entry or EPSS changed

    @property
    def matching(self) -> bool:
        """Whether anything may match otherwise than before."""
        return bool(self.ids or self.package_keys or self.product_keys or self.catalogue)


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One component of one latest inventory to re-match, under its component key: the row the
    upload stored, carried in the chunk so that the chunk need not read the whole inventory
    (as its JSON, `orjson.Fragment`, while a plan holds hundreds of thousands)."""

    key: str
    inventory_id: str
    position: int  # its place in the inventory
    row: Any


def touched(conn: Connection, changes: Iterable[tuple[str, str]]) -> Touched:
    """What ``changes`` (source, key) name in the knowledge base as it is now."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for source, key in changes:
        by_source[source].add(key)
    found = Touched(catalogue=bool(APPLIANCE_SOURCES & set(by_source)))
    found.ids.update(
        key
        for source, keys in by_source.items()
        if source != "csaf" and source not in DECIDING_ONLY
        for key in keys
    )
    found.deciding.update(key for source in DECIDING_ONLY for key in by_source.get(source, ()))
    ap, aliases = t.affected_packages, t.advisory_aliases
    for chunk in in_chunks(by_source.get("osv", ())):
        found.package_keys.update(
            (row[0], row[1])
            for row in conn.execute(
                select(ap.c.ecosystem_base, ap.c.normalized_name).where(ap.c.advisory_id.in_(chunk))
            )
        )
        found.ids.update(
            conn.execute(select(aliases.c.alias).where(aliases.c.advisory_id.in_(chunk))).scalars()
        )
    cves = sorted(by_source.get("cve", set()) | by_source.get("nvd", set()))
    for table in (t.cve_affected, t.nvd_cpe_matches):
        for chunk in in_chunks(cves):
            found.product_keys.update(
                (row[0], row[1])
                for row in conn.execute(
                    select(table.c.vendor_key, table.c.product_key).where(table.c.cve_id.in_(chunk))
                )
                if row[0] and row[1]
            )
    csaf = t.csaf_affected
    for chunk in in_chunks(by_source.get("csaf", ())):
        for row in conn.execute(
            select(csaf.c.vendor_key, csaf.c.product_key, csaf.c.vuln_id, csaf.c.cve_id).where(
                csaf.c.document_id.in_(chunk)
            )
        ):
            found.product_keys.add((row.vendor_key, row.product_key))
            found.ids.update(x for x in (row.vuln_id, row.cve_id) if x)
    return found


def latest_inventories(conn: Connection) -> Iterator[Any]:
    """The latest inventory of every asset: id, asset and components, read a few at a time
    (a portfolio's components do not fit a worker's memory all at once as Python objects)."""
    latest = (
        select(inventories.c.asset_id, func.max(inventories.c.version).label("version"))
        .group_by(inventories.c.asset_id)
        .subquery()
    )
    query = select(inventories.c.id, inventories.c.asset_id, inventories.c.components).join(
        latest,
        (latest.c.asset_id == inventories.c.asset_id) & (latest.c.version == inventories.c.version),
    )
    yield from conn.execution_options(yield_per=_READ_AT_ONCE).execute(
        query.order_by(inventories.c.id)
    )


def component_key(component: dict[str, Any]) -> str:
    """The key chunks are ordered by: the package as the matcher looks it up, else the product."""
    ecosystem = component.get("ecosystem")
    if ecosystem:
        base = base_ecosystem(str(ecosystem))
        return f"pkg:{base}/{normalize_name(base, str(component.get('name') or ''))}"
    vendor = product_key(str(component.get("vendor") or ""))
    return f"product:{vendor}/{product_key(str(component.get('product') or component['name']))}"


def _appliance(component: dict[str, Any]) -> Component:
    """The row as the resolver reads it (name, vendor, product, CPE, version)."""
    return Component(
        name=str(component.get("name") or ""),
        version=component.get("version"),
        source=str(component.get("source") or ""),
        vendor=component.get("vendor"),
        product=component.get("product"),
        cpe=component.get("cpe"),
    )


def _linked_ids(conn: Connection, ids: set[str]) -> set[str]:
    """``ids`` and every id a finding naming one of them can carry as its own: a finding's
    id and aliases are the advisories that matched it and their aliases
    (`aicc.match.evidence`), so the advisories having one of ``ids`` as an alias, their
    aliases, and again (advisories grouped by an alias they share)."""
    al = t.advisory_aliases
    linked, new = set(ids), set(ids)
    for _ in range(2):
        found: set[str] = set()
        for chunk in in_chunks(sorted(new)):
            alias = al.c.relation == "alias"
            found.update(
                conn.execute(select(al.c.advisory_id).where(alias, al.c.alias.in_(chunk))).scalars()
            )
            found.update(
                conn.execute(select(al.c.alias).where(alias, al.c.advisory_id.in_(chunk))).scalars()
            )
        new = found - linked
        linked |= new
        if not new:
            break
    return linked


def _present_named(conn: Connection, ids: set[str]) -> Iterator[Any]:
    """The present findings ``ids`` name: id, asset, inventory and component of each.

    A finding is named by its id or one of its aliases; both are among the advisories linked
    to ``ids`` in the knowledge base (`_linked_ids`), so the rows are found by their id
    (indexed) and only their components read: reading every present finding's aliases cost an
    incremental run 3-5 s at 500,000 findings.
    """
    if not ids:
        return
    linked = _linked_ids(conn, ids)
    present = findings.c.present.is_(True)
    f = findings.c
    columns = (
        f.id,
        f.asset_id,
        f.inventory_id,
        f.vulnerability_id,
        f.aliases,
        f.record["component"].label("component"),
    )
    for chunk in in_chunks(sorted(linked)):
        query = select(*columns).where(present, f.vulnerability_id.in_(chunk))
        for row in conn.execute(query):
            if row.vulnerability_id in ids or not ids.isdisjoint(row.aliases or ()):
                yield row


def _named_findings(conn: Connection, ids: set[str]) -> dict[str, set[tuple[str, ...]]]:
    """Asset -> identities of the components whose present findings ``ids`` name."""
    named: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for row in _present_named(conn, ids):
        named[row.asset_id].add(component_identity(row.component or {}))
    return named


Redecided = dict[str, dict[tuple[str, ...], list[str]]]  # inventory -> identity -> finding ids


def redecided_findings(conn: Connection, ids: set[str]) -> Redecided:
    """The present findings ``ids`` (CVEs whose KEV entry or EPSS score changed) name, by
    inventory and component, to be re-decided."""
    found: Redecided = defaultdict(lambda: defaultdict(list))
    for row in _present_named(conn, ids):
        found[row.inventory_id][component_identity(row.component or {})].append(row.id)
    return found


def redecide_chunks(
    redecided: Redecided, size: int = REDECIDE_FINDINGS
) -> list[list[dict[str, Any]]]:
    """``redecided`` cut into chunks of at most ``size`` findings, each as
    ``[{"inventory": id, "findings": [finding id, ...]}, ...]``, in inventory order (a chunk
    need not hold all of an inventory's: it writes only the findings it names)."""
    cut: list[list[dict[str, Any]]] = []
    current: dict[str, list[str]] = {}
    held = 0
    for inventory_id in sorted(redecided):
        for identity in sorted(redecided[inventory_id]):
            for finding_id in sorted(redecided[inventory_id][identity]):
                if held == size:
                    cut.append([{"inventory": k, "findings": v} for k, v in current.items()])
                    current, held = {}, 0
                current.setdefault(inventory_id, []).append(finding_id)
                held += 1
    if current:
        cut.append([{"inventory": k, "findings": v} for k, v in current.items()])
    return cut


def is_redecide(work: list[dict[str, Any]]) -> bool:
    """Whether a chunk's work re-decides findings (else it re-matches components)."""
    return bool(work) and "findings" in work[0]


# A component's name with ASCII capitals lowered and the separators PEP 503 folds taken out: two
# names one ecosystem takes for one package (`normalize_name`) are the same once squashed, so
# the store can pick the candidates of a plan in its own process (PostgreSQL's translate, not
# lower(), which follows the database's locale).
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SQUASH = str.maketrans(_UPPER, _UPPER.lower(), "-_.")
_CANDIDATES = text(
    """
    SELECT i.id, i.asset_id, e.n - 1 AS position, e.value AS component
    FROM inventories AS i
    JOIN (SELECT asset_id, max(version) AS version FROM inventories GROUP BY asset_id) AS l
      ON l.asset_id = i.asset_id AND l.version = i.version
    CROSS JOIN LATERAL jsonb_array_elements(i.components) WITH ORDINALITY AS e(value, n)
    WHERE translate(coalesce(e.value ->> 'name', ''), :upper || '-_.', :lower) = ANY(:names)
       OR octet_length(e.value ->> 'name') <> char_length(e.value ->> 'name')
       OR (:appliances AND coalesce(e.value ->> 'ecosystem', '') = '')
    ORDER BY i.id, e.n
    """
)


def _squashed(name: str) -> str:
    return name.translate(_SQUASH)


def _components(
    conn: Connection, found: Touched | None, named: dict[str, set[tuple[str, ...]]]
) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    """(inventory, asset, place, stored row) of the latest inventories' components that
    ``found`` may name (every one when it is None). On PostgreSQL the store picks them by
    their squashed name (a superset, `plan_work` decides): an incremental plan read every
    inventory of the portfolio into Python, 5-8 s at 500,000 components."""
    if found is None or conn.dialect.name != "postgresql":
        for row in latest_inventories(conn):
            for position, component in enumerate(row.components):
                yield row.id, row.asset_id, position, component
        return
    names = {_squashed(name) for _base, name in found.package_keys}
    names.update(_squashed(identity[1]) for wanted in named.values() for identity in wanted)
    query = _CANDIDATES.bindparams(
        upper=_UPPER, lower=_UPPER.lower(), names=sorted(names), appliances=found.catalogue
    )
    for row in conn.execution_options(yield_per=1000).execute(query):
        yield row.id, row.asset_id, row.position, row.component


def plan_work(
    conn: Connection, found: Touched | None, *, redecided: Redecided | None = None
) -> list[WorkItem]:
    """The components to re-match, in component key order; ``found`` None: every component.
    The findings of ``redecided`` whose component is re-matched are taken out of it: the
    re-match decides them."""
    if found is not None and not found.matching:
        return []  # a run of KEV and EPSS changes only (EPSS never feeds the catalogue)
    named = _named_findings(conn, found.ids) if found is not None else {}
    wanted_names = {asset: {identity[1] for identity in wanted} for asset, wanted in named.items()}
    resolver: Resolver | None = None
    items: list[WorkItem] = []
    keys: dict[str, str] = {}  # one string per key: thousands of organisations share them
    for inventory_id, asset_id, position, component in _components(conn, found, named):
        chosen = found is None or (
            str(component.get("name") or "") in wanted_names.get(asset_id, ())
            and component_identity(component) in named[asset_id]
        )
        if not chosen and component.get("ecosystem"):
            base = base_ecosystem(str(component["ecosystem"]))
            name = normalize_name(base, str(component.get("name") or ""))
            chosen = (base, name) in found.package_keys  # type: ignore[union-attr]
        elif not chosen and found is not None and found.catalogue:
            resolver = resolver or Resolver(conn)
            resolution = resolver.resolve(_appliance(component))
            chosen = isinstance(resolution, NoProduct) or not found.product_keys.isdisjoint(
                resolution.spellings
            )
        if chosen:
            if redecided and inventory_id in redecided:
                redecided[inventory_id].pop(component_identity(component), None)
            key = component_key(component)
            # as text: a bytes from orjson.dumps keeps a 4 kB buffer, a str its own length
            carried = orjson.Fragment(orjson.dumps(component).decode())
            items.append(WorkItem(keys.setdefault(key, key), inventory_id, position, carried))
    items.sort(key=lambda i: (i.key, i.inventory_id, i.position))
    return items


def advisory_counts(conn: Connection, items: Sequence[WorkItem]) -> dict[str, int]:
    """Component key -> how many advisories name that package: the findings one of its
    components can make at most (appliance rows are not counted: one each)."""
    bases = sorted({i.key[4:].split("/", 1)[0] for i in items if i.key.startswith("pkg:")})
    ap = t.affected_packages
    counts: dict[str, int] = {}
    for batch in in_chunks(bases):
        query = (
            select(
                ap.c.ecosystem_base, ap.c.normalized_name, func.count(ap.c.advisory_id.distinct())
            )
            .where(ap.c.ecosystem_base.in_(batch))
            .group_by(ap.c.ecosystem_base, ap.c.normalized_name)
        )
        counts.update((f"pkg:{row[0]}/{row[1]}", int(row[2])) for row in conn.execute(query))
    return counts


def chunks(
    items: Sequence[WorkItem],
    size: int = CHUNK_COMPONENTS,
    *,
    weights: Mapping[str, int] | None = None,
    budget: int = CHUNK_FINDINGS,
) -> list[list[dict[str, Any]]]:
    """``items`` cut into chunks of at most ``size`` components and at most ``budget``
    findings as ``weights`` (component key -> advisories naming it, `advisory_counts`) count
    them, each as stored: ``[{"inventory": id, "rows": [stored component, ...]}, ...]``, each
    inventory's rows in their order in the file (the order a scan reports unmatched rows and
    problems in). A chunk ends where a component key does (unless one key alone is more than
    a chunk holds), so that each key is matched in one chunk. (A chunk planned before rows
    were carried holds ``"components": [identity, ...]`` instead; `aicc.center.recheck_chunk`
    reads both.)"""
    weights = weights or {}
    cut: list[list[dict[str, Any]]] = []
    start = 0
    while start < len(items):
        end, load = start, 0
        limit = min(start + size, len(items))
        while end < limit:
            load += weights.get(items[end].key, 0)
            if load > budget and end > start:
                break
            end += 1
        if end < len(items):
            edge = end
            while edge > start and items[edge - 1].key == items[edge].key:
                edge -= 1
            end = edge if edge > start else end
        grouped: dict[str, list[WorkItem]] = defaultdict(list)
        for item in items[start:end]:
            grouped[item.inventory_id].append(item)
        cut.append(
            [
                {"inventory": k, "rows": [i.row for i in sorted(v, key=lambda i: i.position)]}
                for k, v in sorted(grouped.items())
            ]
        )
        start = end
    return cut
