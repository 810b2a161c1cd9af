"""One chunk of a re-check run (`aicc.center.recheck`): the stored components of its
inventories, cut down to the chunk's, matched by the pipeline in one scan per profile, and the
findings upserted, in one transaction with the run's progress.

``run_chunk(engine, run_id, chunk)`` is a plain call with plain arguments, idempotent (a chunk
already done returns what it did and changes nothing), so a runner may hand it to any worker.
The components are rebuilt from the rows the upload stored (`aicc.center.recheck_components`),
the file read again only where a row cannot be rebuilt exactly; the findings are those an
upload of the same file gives. The inventory's rows that name no known product are brought up
to date with the re-matched ones. An inventory uploaded again since the run was planned is left
to that upload (*superseded*); one that cannot be read again, or whose organisation's profile
cannot be used, is a problem of the run with the reason.

A re-decide chunk (`aicc.center.recheck_plan.redecide_chunks`: the findings a KEV or EPSS change
names) matches nothing: each finding is rebuilt from its stored record, in its component
rebuilt as a re-match rebuilds it, and decided again by the pipeline (`aicc.pipeline.redecide`:
KEV and EPSS read again, evidence, decisions) from its first sighting; it is written as a
re-match writes it, so the record is the one a re-match gives, and a finding closed since the
run was planned is left closed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, func, literal_column, select, text

from aicc.center.clocks import redated
from aicc.center.errors import NotFound
from aicc.center.findings import (
    ScannedFinding,
    component_identity,
    store_findings,
)
from aicc.center.inventories import asset_settings, scanned_findings
from aicc.center.notifications import notify_joined_kev, notify_new_kev_findings
from aicc.center.own_profiles import load_center_profile
from aicc.center.recheck import run_row
from aicc.center.recheck_components import Rooted, rerooted, root_index, stored_components
from aicc.center.recheck_plan import is_redecide
from aicc.center.workspace import workspace
from aicc.core.components import Inventory
from aicc.core.findings import Finding
from aicc.core.results import FindingRecord, ScanResult
from aicc.core.times import utcnow
from aicc.prioritize.decisions import decide_records
from aicc.prioritize.profiles import Profile, ProfileError, load_profile
from aicc.report.model import component_dict, finding_from_dict
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.store.center_tables import assets, findings, inventories, organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.recheck_tables import (
    is_newly_exploited,
    recheck_chunks,
    recheck_findings,
    recheck_runs,
)

MAX_PROBLEMS = 1000  # kept per run; a last entry counts those left out
_LEFT_OUT = "left out"  # the location of that last entry
COUNTERS = ("new", "closed", "again", "redecided", "new_exploited")
# When one finding changed twice in one chunk, the change the run records for it.
_FIRST = {"new": 0, "closed": 1, "again": 2, "redecided": 3}


@dataclass
class _Rematched:
    """One inventory of a chunk, re-matched and ready to be stored."""

    inventory_id: str
    asset_id: str = ""
    organisation_id: str = ""
    label: str = ""
    identities: set[tuple[str, ...]] = field(default_factory=set)
    scanned: list[ScannedFinding] | None = None  # None: nothing to store (see problems)
    problems: list[dict[str, Any]] = field(default_factory=list)
    superseded: bool = False
    places: set[tuple[str, str | None]] = field(default_factory=set)  # rows re-matched
    unmatched: list[dict[str, Any]] = field(default_factory=list)  # those naming no product
    # while it is matched: its components under their own root, its profile, its clocks
    inventory: Inventory | None = None
    rooted: Rooted | None = None
    profile: str = ""
    clocks: dict[str, date] = field(default_factory=dict)
    version: int = 0
    existing: list[Any] = field(default_factory=list)  # its stored findings of those
    stored_unmatched: list[dict[str, Any]] = field(default_factory=list)
    rematch: bool = True  # False: its findings ``existing`` are re-decided, nothing matched


def _inventories(
    conn: Connection, ids: list[str], *, with_components: bool
) -> dict[str, RowMapping]:
    """The chunk's stored inventories with their asset and organisation, in one query per
    batch (neither the file nor, unless a chunk carries no rows, its components)."""
    skipped = {"content"} if with_components else {"content", "components"}
    found: dict[str, RowMapping] = {}
    for batch in in_chunks(ids):
        query = (
            select(
                *(c for c in inventories.c if c.name not in skipped),
                assets.c.name.label("asset_name"),
                assets.c.organisation_id,
                assets.c.exposure,
                assets.c.asset_class,
                assets.c.safety_critical,
                organisations.c.profile,
            )
            .join(assets, assets.c.id == inventories.c.asset_id)
            .join(organisations, organisations.c.id == assets.c.organisation_id)
            .where(inventories.c.id.in_(batch))
        )
        found.update((row["id"], row) for row in conn.execute(query).mappings())
    return found


def _latest_versions(conn: Connection, asset_ids: set[str]) -> dict[str, int]:
    """Each asset's newest inventory version."""
    newest: dict[str, int] = {}
    for batch in in_chunks(asset_ids):
        query = (
            select(inventories.c.asset_id, func.max(inventories.c.version))
            .where(inventories.c.asset_id.in_(batch))
            .group_by(inventories.c.asset_id)
        )
        newest.update((row[0], int(row[1])) for row in conn.execute(query))
    return newest


def _problem(inventory_id: str, reason: str, location: str | None = None) -> dict[str, Any]:
    return {"stage": "recheck", "source": inventory_id, "location": location, "reason": reason}


def _redated(
    records: list[FindingRecord],
    scanned: list[ScannedFinding],
    late: list[int],
    clocks: dict[str, date],
    profile: Profile,
) -> list[FindingRecord]:
    """The records ``late`` of existing findings, decided again from their own clock (in
    ``late``'s order: `decide_records` sorts, so each is found again by its finding)."""
    groups: dict[date, list[FindingRecord]] = defaultdict(list)
    for n in late:
        groups[clocks[scanned[n].key]].append(records[n])
    decided: dict[int, FindingRecord] = {}
    for clock, group in groups.items():
        decided.update((id(r.finding), r) for r in decide_records(group, profile, found_on=clock))
    return [decided[id(records[n].finding)] for n in late]


def _profile(
    name: str, loaded: dict[str, Profile | ProfileError], conn: Connection | None = None
) -> Profile:
    """The organisation's profile, read once per chunk (most organisations share a few); an
    organisation's own copy is read from the store (`aicc.center.own_profiles`)."""
    if name not in loaded:
        try:
            loaded[name] = load_center_profile(conn, name) if conn else load_profile(name)
        except ProfileError as exc:
            loaded[name] = exc
    found = loaded[name]
    if isinstance(found, ProfileError):
        raise found
    return found


# The name of a stored finding's component, as migration 0021 indexes it (the expression must
# be the index's own, written out, for the planner to use the index).
_COMPONENT_NAME = {
    "postgresql": "((findings.record -> 'component') ->> 'name')",
    "sqlite": "json_extract(findings.record, '$.component.name')",
}
# What `store_findings` compares, and the first sighting the due dates count from.
_STORED = (
    "id",
    "asset_id",
    "key",
    "vulnerability_id",
    "aliases",
    "record",
    "kev",
    "priority",
    "due",
    "state",
    "present",
    "inventory_id",
    "first_seen",
)


def component_name(dialect: str) -> Any:
    """The name of a stored finding's component, as the index on it writes it."""
    return literal_column(_COMPONENT_NAME[dialect])


def _stored_findings(
    conn: Connection, identities: dict[str, set[tuple[str, ...]]]
) -> dict[str, list[RowMapping]]:
    """Asset -> its stored findings (present or not) of the chunk's components
    (``identities``: asset -> component identities), read by the index on the component's
    name: a chunk reads the findings of its own components, not every finding of every asset
    it touches."""
    names = {identity[1] for wanted in identities.values() for identity in wanted}
    name = component_name(conn.dialect.name)
    columns = [findings.c[c] for c in _STORED]
    found: dict[str, list[RowMapping]] = defaultdict(list)
    if conn.dialect.name == "postgresql":
        # The index is always the way for a few hundred names; without statistics on its
        # expression (a store whose autovacuum is off was never analysed) PostgreSQL guessed
        # each batch would match a fifth of the table and read all of it: 3.7 s a batch at
        # 430,000 findings. For this read's transaction only.
        conn.execute(text("SET LOCAL enable_seqscan = off"))
    for batch in in_chunks(names):
        for row in conn.execute(select(*columns).where(name.in_(batch))).mappings():
            wanted = identities.get(row["asset_id"])
            if wanted and component_identity(row["record"].get("component") or {}) in wanted:
                found[row["asset_id"]].append(row)
    return found


def _read_again(conn: Connection, row: RowMapping, done: _Rematched, rooted: Rooted) -> None:
    """The inventory's chunk components read from its stored file (when the stored rows
    cannot be rebuilt exactly, `aicc.center.recheck_components`)."""
    from aicc.pipeline import read_inventories

    content = conn.execute(
        select(inventories.c.content).where(inventories.c.id == done.inventory_id)
    ).scalar_one()
    with workspace() as work:
        path = work.add(
            row["asset_name"], row["filename"], content, asset_settings(row), row["files"]
        )
        read, skipped = read_inventories([path])
        if not read:
            reasons = "; ".join(p.reason for p in skipped) or "nothing could be read"
            done.problems.append(_problem(done.inventory_id, f"the stored file: {reasons}"))
            return
        selected = [
            c
            for c in read[0].components
            if component_identity(work.relative(component_dict(c))) in done.identities
        ]
        done.inventory = rerooted(replace(read[0], components=selected), work, rooted)


def _load(
    conn: Connection,
    run: RowMapping,
    item: dict[str, Any],
    index: int,
    row: RowMapping | None,
    newest: dict[str, int],
    profiles: dict[str, Profile | ProfileError],
) -> _Rematched:
    """One stored inventory of the chunk (``row``: its stored row, None when it is gone), its
    chunk components ready to be matched."""
    inventory_id = str(item["inventory"])
    rows = item.get("rows")  # the stored components the run carries (else their identities)
    identities = (
        {component_identity(c) for c in rows}
        if rows is not None
        else {tuple(c) for c in item["components"]}
    )
    done = _Rematched(inventory_id, identities=identities)
    rooted = Rooted(index)
    if row is None:
        done.problems.append(_problem(inventory_id, "the inventory is no longer stored"))
        return done
    if newest.get(row["asset_id"]) != row["version"]:
        done.superseded = True  # a newer upload was matched against the newer knowledge
        return done
    done.asset_id, done.organisation_id = row["asset_id"], row["organisation_id"]
    done.version = row["version"]
    done.stored_unmatched = list(row["unmatched"])
    done.label = f"re-check {run['id']} of inventory {row['version']} of {row['asset_name']}"
    done.label += f" ({row['filename']})"
    try:
        _profile(row["profile"], profiles, conn)
    except ProfileError as exc:
        done.problems.append(_problem(inventory_id, f"the organization's profile: {exc}"))
        return done
    done.profile, done.rooted = row["profile"], rooted
    components = stored_components(
        rows if rows is not None else row["components"],
        done.identities,
        fmt=row["format"],
        asset=row["asset_name"],
        settings=asset_settings(row),
        rooted=rooted,
    )
    if components is None:
        _read_again(conn, row, done, rooted)
    else:
        source = f"{rooted.prefix}{row['asset_name']}/{row['filename']}"
        done.inventory = Inventory(source, row["format"], components)
    if done.inventory is not None:
        done.places = {(rooted.relative(c.source), c.location) for c in done.inventory.components}
    return done


def _rematch(engine: Engine, run: RowMapping, work: list[dict[str, Any]]) -> list[_Rematched]:
    """Every inventory of a chunk, matched in one pipeline scan per profile (each component
    key of the chunk looked up once for all the organisations that run it), each one's
    findings, unmatched rows and problems told apart again by its root."""
    from aicc.pipeline import scan_inventories

    profiles: dict[str, Profile | ProfileError] = {}
    with engine.connect() as conn:
        rows = _inventories(
            conn,
            [str(item["inventory"]) for item in work],
            with_components=any("rows" not in item for item in work),
        )
        newest = _latest_versions(conn, {row["asset_id"] for row in rows.values()})
        loaded = [
            _load(conn, run, item, n, rows.get(str(item["inventory"])), newest, profiles)
            for n, item in enumerate(work)
        ]
        wanted: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for done in loaded:
            if done.inventory is not None:
                wanted[done.asset_id] |= done.identities
        stored = _stored_findings(conn, wanted)
    for done in loaded:
        done.existing = stored.get(done.asset_id, [])
        done.clocks = {r["key"]: r["first_seen"].date() for r in done.existing}
    groups: dict[str, list[_Rematched]] = defaultdict(list)
    for done in loaded:
        if done.inventory is not None:
            groups[done.profile].append(done)
    day = run["created_at"].date()
    for name, group in groups.items():
        profile = _profile(name, profiles)
        inventories_ = [d.inventory for d in group if d.inventory is not None]
        result = scan_inventories(
            engine, inventories_, [], profile=profile, as_of=day, freshness=False
        )
        split = _split(result)
        owned: set[int] = set()
        for done in group:
            owned |= _take(done, split, result, profile, day)
        # what names no inventory of the chunk is the run's to report, not lost
        group[0].problems += [
            _problem(group[0].inventory_id, str(p))
            for n, p in enumerate(result.skipped)
            if n not in owned
        ]
    return loaded


def _component_of(row: RowMapping) -> dict[str, Any]:
    """A stored finding's component, as its record holds it."""
    return dict(row["record"].get("component") or {})


def _findings_by_id(conn: Connection, ids: list[str]) -> dict[str, RowMapping]:
    """The stored findings ``ids`` (those still stored), with what `store_findings` compares."""
    columns = [findings.c[c] for c in _STORED]
    found: dict[str, RowMapping] = {}
    for batch in in_chunks(ids):
        query = select(*columns).where(findings.c.id.in_(batch))
        found.update((row["id"], row) for row in conn.execute(query).mappings())
    return found


def _redecide(engine: Engine, run: RowMapping, work: list[dict[str, Any]]) -> list[_Rematched]:
    """A re-decide chunk's findings, each decided again (see the module's docstring) and ready
    to be stored as a re-matched one is, in one pipeline call per profile."""
    from aicc.pipeline import redecide

    profiles: dict[str, Profile | ProfileError] = {}
    with engine.connect() as conn:
        rows = _inventories(conn, [str(item["inventory"]) for item in work], with_components=False)
        newest = _latest_versions(conn, {row["asset_id"] for row in rows.values()})
        stored = _findings_by_id(conn, [str(f) for item in work for f in item["findings"]])
        loaded: list[_Rematched] = []
        for n, item in enumerate(work):
            inventory_id = str(item["inventory"])
            # still open and still this inventory's (else an upload since decided it)
            own = [stored[f] for f in item["findings"] if f in stored]
            own = [r for r in own if r["present"] and r["inventory_id"] == inventory_id]
            components = {component_identity(c): c for c in map(_component_of, own)}
            planned = {"inventory": inventory_id, "rows": list(components.values())}
            done = _load(conn, run, planned, n, rows.get(inventory_id), newest, profiles)
            done.rematch, done.existing = False, own
            loaded.append(done)
    day = run["created_at"].date()
    groups: dict[str, list[_Rematched]] = defaultdict(list)
    for done in loaded:
        if done.inventory is not None:
            groups[done.profile].append(done)
    for name, group in groups.items():
        found: list[Finding] = []
        owner: dict[int, _Rematched] = {}  # id(finding) -> its inventory
        starts: dict[int, date] = {}  # id(finding) -> its first sighting
        for done in group:
            assert done.inventory is not None
            read = {component_identity(component_dict(c)): c for c in done.inventory.components}
            kept = []
            for row in done.existing:
                component = read.get(component_identity(_component_of(row)))
                if component is None:  # the stored file, read again, lacks it: left as it is
                    why = f"{row['vulnerability_id']} not re-decided: its component was not read"
                    done.problems.append(_problem(done.inventory_id, why))
                    continue
                finding = finding_from_dict(row["record"], component)
                found.append(finding)
                owner[id(finding)] = done
                starts[id(finding)] = row["first_seen"].date()
                kept.append(row)
            done.existing, done.scanned, done.inventory = kept, [], None
        if not found:
            continue
        profile = _profile(name, profiles)
        records = redecide(engine, found, profile=profile, as_of=day)
        records = redated(records, [starts[id(r.finding)] for r in records], profile, day)
        mine: dict[int, list[FindingRecord]] = defaultdict(list)
        for record in records:
            mine[id(owner[id(record.finding)])].append(record)
        for done in group:
            assert done.rooted is not None
            own_result = ScanResult(records=mine.get(id(done), []))
            done.scanned = scanned_findings(own_result, done.rooted.relative)
    return loaded


@dataclass
class _Split:
    """A chunk's scan, cut by inventory root: the indexes of each one's records, unmatched
    rows and problems."""

    records: dict[int | None, list[FindingRecord]] = field(default_factory=dict)
    unmatched: dict[int | None, list[int]] = field(default_factory=dict)
    skipped: dict[int | None, list[int]] = field(default_factory=dict)


def _split(result: ScanResult) -> _Split:
    split = _Split(defaultdict(list), defaultdict(list), defaultdict(list))
    for record in result.records:
        split.records[root_index(record.finding.component.source)].append(record)
    for n, unmatched in enumerate(result.unmatched):
        split.unmatched[root_index(unmatched.source)].append(n)
    for n, problem in enumerate(result.skipped):
        split.skipped[root_index(problem.source)].append(n)
    return split


def _take(
    done: _Rematched, split: _Split, result: ScanResult, profile: Profile, day: date
) -> set[int]:
    """``done``'s part of a chunk's scan (records, unmatched, problems); the problems taken."""
    rooted = done.rooted
    assert rooted is not None
    index = int(rooted.root.name)
    own = ScanResult(records=list(split.records.get(index, ())))
    scanned = scanned_findings(own, rooted.relative)
    late = [n for n, item in enumerate(scanned) if done.clocks.get(item.key, day) != day]
    if late:  # an existing finding is decided again from its own first sighting
        again = ScanResult(records=_redated(own.records, scanned, late, done.clocks, profile))
        for n, item in zip(late, scanned_findings(again, rooted.relative), strict=True):
            scanned[n] = item
    done.scanned = scanned
    done.unmatched = rooted.relative(
        [result.unmatched[n].as_dict() for n in split.unmatched.get(index, ())]
    )
    taken = set(split.skipped.get(index, ()))
    done.problems += [
        _problem(done.inventory_id, p["reason"], p["location"])
        for p in rooted.relative([result.skipped[n].as_dict() for n in sorted(taken)])
    ]
    done.inventory = None  # matched: its components are no longer needed
    return taken


def _closing(conn: Connection, run_id: str) -> Callable[[RowMapping], str]:
    """Why a finding closes: its advisory was withdrawn, or the data no longer lists it."""

    def reason(row: RowMapping) -> str:
        record = row["record"]
        ids = {row["vulnerability_id"], *row["aliases"], *(record.get("advisories") or [])}
        adv = t.advisories
        withdrawn = conn.execute(
            select(adv.c.id, adv.c.withdrawn)
            .where(adv.c.id.in_(sorted(ids)), adv.c.withdrawn.is_not(None))
            .order_by(adv.c.id)
        ).first()
        if withdrawn is not None:
            when = withdrawn.withdrawn.date().isoformat()
            return f"closed by re-check {run_id}: {withdrawn.id} was withdrawn on {when}"
        component = record.get("component") or {}
        parts = [component.get(k) for k in ("name", "version")]
        if not component.get("ecosystem"):  # an appliance row: its product, then the row's name
            parts = [component.get(k) for k in ("vendor", "product", "version")]
            parts.append(f"({component.get('name')})" if component.get("name") else None)
        name = " ".join(str(x) for x in parts if x)
        return (
            f"closed by re-check {run_id}: the knowledge base no longer lists {name} as "
            f"affected by {row['vulnerability_id']}"
        )

    return reason


def run_chunk(
    engine: Engine, run_id: str, chunk: int, *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """Re-match one chunk of a planned run and store what it finds, once (see the module's
    docstring); the chunk's counts. Called again for a chunk already done, it changes nothing
    and returns the same counts."""
    rc = recheck_chunks
    where = (rc.c.run_id == run_id) & (rc.c.seq == chunk)
    with engine.connect() as conn:
        run = run_row(conn, run_id)
        row = conn.execute(select(rc).where(where)).mappings().first()
    if row is None:
        raise NotFound(f"re-check {run_id!r}: no chunk {chunk}")
    if row["done_at"] is not None:
        return dict(row["counts"])
    work = row["work"]
    prepared = _redecide(engine, run, work) if is_redecide(work) else _rematch(engine, run, work)
    now = utcnow()
    counts = {"inventories": 0, "components": 0, "superseded": 0, **dict.fromkeys(COUNTERS, 0)}
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        again = conn.execute(select(rc.c.done_at, rc.c.counts).where(where)).first()
        if again is not None and again.done_at is not None:
            return dict(again.counts)
        _refresh(conn, prepared)
        log: list[dict[str, Any]] = []
        problems: list[dict[str, Any]] = []
        for done in prepared:
            problems += done.problems
            if done.superseded:
                counts["superseded"] += 1
            if done.scanned is None:
                continue
            if done.rematch:
                counts["inventories"] += 1
                counts["components"] += len(done.identities)
            before = len(log)
            store_findings(
                conn,
                organisation_id=done.organisation_id,
                asset_id=done.asset_id,
                inventory_id=done.inventory_id,
                inventory_label=done.label,
                scanned=done.scanned,
                actor=f"re-check {run_id}",
                now=now,
                only=done.identities,
                gone_reason=_closing(conn, run_id),
                log=log,
                existing=done.existing,
            )
            if done.rematch:
                _update_unmatched(conn, done)
            # a new exploited finding is news for the organisation, as after an upload; so
            # is one it had whose vulnerability joined KEV
            if any(e["change"] == "new" and e["kev"] for e in log[before:]):
                notify_new_kev_findings(
                    conn,
                    organisation_id=done.organisation_id,
                    inventory_id=done.inventory_id,
                    now=now,
                )
            notify_joined_kev(
                conn,
                organisation_id=done.organisation_id,
                finding_ids={e["finding_id"] for e in log[before:] if e["joined_kev"]},
                now=now,
            )
        changed = _record_changes(conn, run_id, log)
        for change in changed:
            counts[change["change"]] += 1
            if is_newly_exploited(change["change"], change["kev"], change["joined_kev"]):
                counts["new_exploited"] += 1
        done_work = kept_work(row["work"])
        conn.execute(rc.update().where(where).values(done_at=now, counts=counts, work=done_work))
        _add_progress(conn, run_id, counts, problems)
    return counts


def kept_work(work: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a done chunk keeps of its work: each inventory and the names of its components
    re-matched (what the run's views count), not the stored rows it carried (about 100 MB for
    a full run of 500,000 components, read by no one once the chunk is done); a re-decide
    chunk's work as it is (its findings' ids)."""
    if is_redecide(work):
        return work
    return [
        {
            "inventory": item["inventory"],
            "names": [
                str(c.get("name") or "") if isinstance(c, dict) else str(c[1])
                for c in item.get("rows", item.get("components", ()))
            ],
        }
        for item in work
    ]


def _refresh(conn: Connection, prepared: list[_Rematched]) -> None:
    """What may have changed since the chunk read the store, read again under the write lock:
    an inventory uploaded again meanwhile is left to its upload (*superseded*), and the
    findings read keep the state and presence they have now (triage goes on meanwhile)."""
    live = [d for d in prepared if d.scanned is not None]
    newest = _latest_versions(conn, {d.asset_id for d in live})
    for done in live:
        if newest.get(done.asset_id) != done.version:
            done.scanned, done.superseded = None, True
    ids = [r["id"] for d in prepared if d.scanned is not None for r in d.existing]
    now: dict[str, tuple[str, bool]] = {}
    for batch in in_chunks(ids):
        query = select(findings.c.id, findings.c.state, findings.c.present)
        now.update(
            (row[0], (row[1], row[2]))
            for row in conn.execute(query.where(findings.c.id.in_(batch)))
        )
    for done in prepared:
        if done.scanned is not None:
            done.existing = [
                {**r, "state": now[r["id"]][0], "present": now[r["id"]][1]}
                for r in done.existing
                if r["id"] in now
            ]
        if done.scanned is not None and not done.rematch:
            # a finding closed (or deleted) meanwhile is not re-decided, nor opened again
            done.existing = [r for r in done.existing if r["present"]]
            keys = {r["key"] for r in done.existing}
            done.scanned = [item for item in done.scanned if item.key in keys]


def _update_unmatched(conn: Connection, done: _Rematched) -> None:
    """The inventory's rows that name no known product, as the re-matched rows now stand (a
    row a new advisory names is no longer one to fix)."""
    stored = done.stored_unmatched
    kept = [u for u in stored if (u.get("source"), u.get("location")) not in done.places]
    now = kept + done.unmatched
    if now != stored:
        conn.execute(
            inventories.update().where(inventories.c.id == done.inventory_id).values(unmatched=now)
        )


def _record_changes(
    conn: Connection, run_id: str, log: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One row of ``recheck_findings`` per finding the chunk changed (the first change)."""
    chosen: dict[str, dict[str, Any]] = {}
    for entry in sorted(log, key=lambda e: _FIRST[e["change"]]):
        chosen.setdefault(entry["finding_id"], entry)
    rows = [{"run_id": run_id, **entry} for entry in chosen.values()]
    if rows:
        conn.execute(recheck_findings.insert(), rows)
    return rows


def _add_progress(
    conn: Connection, run_id: str, counts: dict[str, int], problems: list[dict[str, Any]]
) -> None:
    r = recheck_runs
    stored = list(conn.execute(select(r.c.problems).where(r.c.id == run_id)).scalar_one())
    left_out = 0
    if stored and stored[-1].get("location") == _LEFT_OUT:
        left_out = int(stored.pop()["reason"].split()[0])
    kept = stored + problems
    left_out += max(0, len(kept) - MAX_PROBLEMS)
    kept = kept[:MAX_PROBLEMS]
    if left_out:
        kept.append(_problem(run_id, f"{left_out} more problems not kept", _LEFT_OUT))
    conn.execute(
        r.update()
        .where(r.c.id == run_id)
        .values(
            chunks_done=r.c.chunks_done + 1,
            findings_new=r.c.findings_new + counts["new"],
            findings_closed=r.c.findings_closed + counts["closed"],
            findings_again=r.c.findings_again + counts["again"],
            findings_redecided=r.c.findings_redecided + counts["redecided"],
            new_exploited=r.c.new_exploited + counts["new_exploited"],
            problems=kept,
        )
    )
