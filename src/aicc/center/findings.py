"""Findings of an organisation's assets: kept across uploads, triaged, with an audit trail.

A finding is one vulnerability in one component of one asset, stored with the record the
pipeline gave it (evidence, decisions, as ``aicc scan --format json`` shows it) and an analysis
state. Its key is the vulnerability's id and the component's identity (ecosystem, name, version,
purl; vendor, product and host for appliances), not the file it came from, so the next upload of
the asset finds the same row: the state and the history stay. When the knowledge base later gives
the finding another id (a GHSA that gets its CVE), the row is found by its aliases.

- new in an upload: state ``in_triage``;
- still there: the record is refreshed; a ``resolved`` one is reopened (the inventory says the
  vulnerable component is still there);
- gone from the asset's latest inventory: ``present`` false, kept with its state and history;
  back later: ``present`` again.

Every change of state or presence is an event of ``finding_events`` (append-only).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Engine,
    RowMapping,
    Select,
    bindparam,
    case,
    func,
    or_,
    select,
    tuple_,
)

from aicc.center import rechecked
from aicc.center import suppressed as suppression
from aicc.center.access import Principal, granted, require_triage, scope
from aicc.center.errors import InvalidInput, NotFound
from aicc.center.names import new_id
from aicc.center.portfolio_cache import Views
from aicc.core.results import DEPLOYER_RANK
from aicc.core.times import utcnow
from aicc.core.vex import JUSTIFICATIONS
from aicc.store.center_tables import STATES, assets, finding_events, findings
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.recheck_tables import FINDING_CHANGES

# The deployer decision's outcomes as the filter takes them (the table's keys or labels).
DECISIONS = {"immediate": 0, "out-of-cycle": 1, "scheduled": 2, "defer": 3}
PRIORITY_LABELS = {0: "Immediate", 1: "Out-of-Cycle", 2: "Scheduled", 3: "Defer"}
NO_DUE = date(9999, 12, 31)  # sorts findings without a due date last
MAX_LIMIT = 500
# What a listed finding shows of its record. The list reads only these from the store's JSON:
# parsing each whole record (about 1.8 kB) was most of the time of a page of 50.
LISTED = ("summary", "severity", "component")
MAX_REASON = 4000
_IDENTITY = ("ecosystem", "name", "version", "purl", "vendor", "product", "host")
# What a re-check compares before it writes a finding again.
_REWRITTEN = ("key", "vulnerability_id", "aliases", "record", "inventory_id")
_DECIDED = ("kev", "priority", "due")  # a change of these is a re-decision


@dataclass(frozen=True)
class ScannedFinding:
    """One record of a scan, ready to be stored: its JSON and the columns filters use."""

    vulnerability_id: str
    aliases: list[str]
    record: dict[str, Any]  # the pipeline's record (`aicc.report.model.record_dict`)
    kev: bool
    priority: int  # the deployer decision's rank: 0 Immediate .. 3 Defer, 4 undecided
    due: date | None

    @cached_property  # a re-check compares thousands: each worked out once
    def identity(self) -> tuple[str, ...]:
        return component_identity(self.record.get("component") or {})

    @cached_property
    def key(self) -> str:
        text = "\x1f".join((self.vulnerability_id, *self.identity))
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def ids(self) -> set[str]:
        return {self.vulnerability_id, *self.aliases}


def component_identity(component: dict[str, Any]) -> tuple[str, ...]:
    """What makes a component the same one in the next upload (not its file or place)."""
    return tuple(str(component.get(field) or "") for field in _IDENTITY)


def store_findings(
    conn: Connection,
    *,
    organisation_id: str,
    asset_id: str,
    inventory_id: str,
    inventory_label: str,
    scanned: Sequence[ScannedFinding],
    actor: str,
    now: datetime,
    only: Collection[tuple[str, ...]] | None = None,
    gone_reason: Callable[[RowMapping], str] | None = None,
    log: list[dict[str, Any]] | None = None,
    existing: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, int]:
    """Bring the asset's findings to what its new inventory shows (see the module's docstring),
    inside the caller's transaction; returns the counts (total, new, again, reopened, gone).

    A re-check (`aicc.center.recheck`) passes ``only``: the identities of the components it
    re-matched. Then the other findings are left as they are, a row whose values did not change
    is not written, ``resolved`` is not reopened (the inventory is the one the analyst saw),
    ``gone_reason(row)`` says why a finding closes, and each change is appended to ``log``
    (``finding_id``, ``change``: new, again, closed or redecided, ``vulnerability_id``, ``kev``,
    ``joined_kev``: re-decided because its vulnerability joined KEV, ``reason``). A re-check
    that read the asset's findings of those components already (in
    one query for a whole chunk, `aicc.center.recheck_chunk`) passes them as ``existing``.
    """
    stored: Sequence[Any] = _asset_findings(conn, asset_id) if existing is None else existing
    rows: list[Any] = [
        row
        for row in stored
        if only is None or component_identity(row["record"].get("component") or {}) in only
    ]
    by_key = {row["key"]: row for row in rows}
    by_identity: dict[tuple[str, ...], list[Any]] = {}
    for known in rows:
        identity = component_identity(known["record"].get("component") or {})
        by_identity.setdefault(identity, []).append(known)
    counts = {"total": 0, "new": 0, "again": 0, "reopened": 0, "gone": 0}
    seen: set[str] = set()  # ids of the stored findings the upload holds
    handled: set[str] = set()  # keys of the upload's findings
    new_rows: list[dict[str, Any]] = []
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}  # columns set -> rows
    events: list[dict[str, Any]] = []

    def logged(
        finding_id: str,
        change: str,
        vulnerability_id: str,
        kev: bool,
        why: str,
        joined_kev: bool = False,
    ) -> None:
        if log is not None:
            log.append(
                {
                    "finding_id": finding_id,
                    "change": change,
                    "vulnerability_id": vulnerability_id,
                    "kev": kev,
                    "joined_kev": joined_kev,
                    "reason": why,
                }
            )

    def event(finding_id: str, from_state: str | None, to_state: str, reason: str) -> None:
        events.append(
            {
                "finding_id": finding_id,
                "actor": actor,
                "at": now,
                "from_state": from_state,
                "to_state": to_state,
                "justification": None,
                "reason": reason,
            }
        )

    for item in scanned:
        if item.key in handled:
            continue  # the same finding twice in one file: once is enough
        handled.add(item.key)
        row = by_key.get(item.key) or next(
            (
                r
                for r in by_identity.get(item.identity, [])
                if r["id"] not in seen and item.ids & {r["vulnerability_id"], *r["aliases"]}
            ),
            None,
        )
        if row is not None and row["id"] in seen:
            continue  # found by its aliases, and already by its own key
        counts["total"] += 1
        values = {
            "key": item.key,
            "vulnerability_id": item.vulnerability_id,
            "aliases": item.aliases,
            "record": item.record,
            "kev": item.kev,
            "priority": item.priority,
            "due": item.due,
            "last_seen": now,
            "present": True,
            "inventory_id": inventory_id,
        }
        if row is None:
            finding_id = new_id("fnd")
            new_rows.append(
                values
                | {
                    "id": finding_id,
                    "organisation_id": organisation_id,
                    "asset_id": asset_id,
                    "state": "in_triage",
                    "justification": None,
                    "first_seen": now,
                }
            )
            found = f"found in {inventory_label}"
            event(finding_id, None, "in_triage", found)
            logged(finding_id, "new", item.vulnerability_id, item.kev, found)
            counts["new"] += 1
            continue
        seen.add(row["id"])
        state = row["state"]
        if not row["present"]:
            event(row["id"], state, state, f"found again in {inventory_label}")
            logged(row["id"], "again", item.vulnerability_id, item.kev, inventory_label)
            counts["again"] += 1
        elif only is not None:
            decided = (item.kev, item.priority, item.due) != tuple(row[k] for k in _DECIDED)
            if decided:
                joined = item.kev and not row["kev"]  # its vulnerability joined KEV
                why = inventory_label
                if joined:
                    why += f": {item.vulnerability_id} joined CISA's KEV catalogue"
                logged(row["id"], "redecided", item.vulnerability_id, item.kev, why, joined)
            if not decided and all(row[k] == values[k] for k in _REWRITTEN):
                continue  # a re-check that changes nothing writes nothing
        if only is not None:
            del values["last_seen"]  # seen by an upload, not by a re-check
        elif state == "resolved":
            values |= {"state": "in_triage", "justification": None}
            event(row["id"], state, "in_triage", f"reopened: {inventory_label} still lists it")
            counts["reopened"] += 1
        updates.setdefault(tuple(sorted(values)), []).append({"_id": row["id"], **values})
    if new_rows:
        conn.execute(findings.insert(), new_rows)
    gone = [row for row in rows if row["id"] not in seen and row["present"]]
    for row in gone:
        updates.setdefault(("present",), []).append({"_id": row["id"], "present": False})
        why = gone_reason(row) if gone_reason is not None else f"not in {inventory_label}"
        event(row["id"], row["state"], row["state"], why)
        logged(row["id"], "closed", row["vulnerability_id"], row["kev"], why)
        counts["gone"] += 1
    for batch in updates.values():  # one statement for the rows that set the same columns
        conn.execute(findings.update().where(findings.c.id == bindparam("_id")), batch)
    if events:
        conn.execute(finding_events.insert(), events)
    return counts


def _asset_findings(conn: Connection, asset_id: str) -> list[RowMapping]:
    """What `store_findings` compares of each stored finding of the asset."""
    query = select(
        findings.c.id,
        findings.c.key,
        findings.c.vulnerability_id,
        findings.c.aliases,
        findings.c.record,
        findings.c.kev,
        findings.c.priority,
        findings.c.due,
        findings.c.state,
        findings.c.present,
        findings.c.inventory_id,
    ).where(findings.c.asset_id == asset_id)
    return list(conn.execute(query).mappings())


def finding_dict(row: RowMapping, *, full: bool = False) -> dict[str, Any]:
    """A finding as the API shows it; ``full`` adds the pipeline's whole record.

    A row of the list has no ``record``, only the parts of it in `LISTED` (``record_<key>``).
    """
    record = row["record"] if "record" in row else {k: row[f"record_{k}"] for k in LISTED}
    data: dict[str, Any] = {
        "id": row["id"],
        "organization": row["organisation_id"],
        "asset": {"id": row["asset_id"], "name": row["asset_name"]},
        "vulnerability": row["vulnerability_id"],
        "aliases": row["aliases"],
        "summary": record.get("summary"),
        "severity": record.get("severity"),
        "component": record.get("component"),
        "kev": row["kev"],
        "decision": PRIORITY_LABELS.get(row["priority"]),
        "due": row["due"].isoformat() if row["due"] else None,
        "state": row["state"],
        "justification": row["justification"],
        "present": row["present"],
        "first_seen": row["first_seen"].isoformat(),
        "last_seen": row["last_seen"].isoformat(),
        "inventory": row["inventory_id"],
        "suppressed": suppression.is_active(row, utcnow().date()),
        "suppression": suppression.suppression_dict(row, utcnow().date()),
        "recheck": rechecked.mark(row),
    }
    if full:
        data["record"] = record
    return data


def _visible(principal: Principal, *, whole_record: bool = True) -> Select[Any]:
    """The findings the caller may see, with their asset's name and what the latest re-check
    did to them; without ``whole_record``, only the parts of their records in `LISTED`."""
    columns: list[Any] = [findings]
    if not whole_record:
        columns = [c for c in findings.c if c.name != "record"]
        columns += [findings.c.record[key].label(f"record_{key}") for key in LISTED]
    query = select(*columns, assets.c.name.label("asset_name")).join(
        assets, assets.c.id == findings.c.asset_id
    )
    return rechecked.joined(query.where(granted(principal, findings.c.organisation_id)))


def _one(conn: Connection, principal: Principal, finding_id: str) -> RowMapping:
    query = suppression.joined(_visible(principal)).where(findings.c.id == finding_id)
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFound(f"finding {finding_id!r}: not found")
    return row


def get_finding(engine: Engine, principal: Principal, finding_id: str) -> dict[str, Any]:
    """One finding with its whole record; NotFound when the caller may not see it."""
    with engine.connect() as conn:
        return finding_dict(_one(conn, principal, finding_id), full=True)


def decision_rank(value: str) -> int:
    """The rank of a deployer outcome given by label (``immediate``) or key (``I``)."""
    text = value.strip().lower()
    if text.upper() in DEPLOYER_RANK:
        return DEPLOYER_RANK[text.upper()]
    if text in DECISIONS:
        return DECISIONS[text]
    raise InvalidInput(f"decision: {value!r} is not one of {', '.join(DECISIONS)} (or I, O, S, D)")


def _cursor(row: RowMapping) -> str:
    due = row["due"] or NO_DUE
    raw = orjson.dumps([row["priority"], due.isoformat(), row["id"]])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _after(cursor: str) -> tuple[int, date, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        priority, due, finding_id = orjson.loads(raw)
        return int(priority), date.fromisoformat(due), str(finding_id)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"cursor: {cursor!r} is not a cursor this server gave") from exc


PAGES_KEPT = 512  # findings pages kept per store (about 50 kB each at 50 findings)
_PAGES = Views(kept=PAGES_KEPT)


def list_findings_json(
    engine: Engine,
    principal: Principal,
    *,
    organisation: str | None = None,
    asset: str | None = None,
    states: Sequence[str] = (),
    kev: bool | None = None,
    decision: str | None = None,
    due_before: date | None = None,
    present: bool | None = True,
    suppressed: bool | None = False,
    recheck: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
    offset: int | None = None,
    marker: str | None = None,
) -> bytes:
    """`list_findings` as JSON, kept like the portfolio views (`aicc.center.portfolio_cache`)
    while the portfolio marker is the same, for each caller's reach (its organisation, or a
    center caller's sectors and regions), filters, page and day: every table a page reads
    (findings, assets, organisations, suppressions, re-checks; migrations 0019 and 0024)
    replaces the marker when written, whoever writes, so a page is never older than the last
    write committed before it was asked for. ``marker``: the portfolio marker the caller read
    after it was asked (the server reads it once per request; read here when not given)."""
    filters: dict[str, Any] = {
        "organisation": organisation,
        "asset": asset,
        "states": tuple(states),
        "kev": kev,
        "decision": decision,
        "due_before": due_before,
        "present": present,
        "suppressed": suppressed,
        "recheck": recheck,
        "limit": limit,
        "cursor": cursor,
        "offset": offset,
    }
    _check_filters(states=states, recheck=recheck, limit=limit, cursor=cursor, offset=offset)
    reach = (principal.is_center, principal.organisation_id, principal.sectors, principal.regions)
    key = ("findings", reach, tuple(filters.items()), utcnow().date())
    return _PAGES(engine, key, lambda: list_findings(engine, principal, **filters), marker=marker)


def _check_filters(
    *,
    states: Sequence[str],
    recheck: str | None,
    limit: int,
    cursor: str | None,
    offset: int | None,
) -> None:
    """InvalidInput for a list's parameter that cannot be used."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit: {limit} is not between 1 and {MAX_LIMIT}")
    if cursor is not None and offset is not None:
        raise InvalidInput("cursor, offset: give one of the two")
    if offset is not None and offset < 0:
        raise InvalidInput(f"offset: {offset} is negative")
    for state in states:
        if state not in STATES:
            raise InvalidInput(f"state: {state!r} is not one of {', '.join(STATES)}")
    if recheck is not None and recheck not in FINDING_CHANGES:
        raise InvalidInput(f"recheck: {recheck!r} is not one of {', '.join(FINDING_CHANGES)}")


def list_findings(
    engine: Engine,
    principal: Principal,
    *,
    organisation: str | None = None,
    asset: str | None = None,
    states: Sequence[str] = (),
    kev: bool | None = None,
    decision: str | None = None,
    due_before: date | None = None,
    present: bool | None = True,
    suppressed: bool | None = False,
    recheck: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
    offset: int | None = None,
) -> dict[str, Any]:
    """A page of the findings the caller may see, most urgent first (deployer decision, then
    due date), with ``next_cursor`` for the next page and ``total`` across all pages.

    ``present`` True (default) lists what the latest inventories hold, False what is gone, None
    both. ``suppressed`` False (default) leaves out the findings suppressed today
    (`aicc.center.suppressions`), True lists only those, None both; the answer's ``suppressed``
    counts those that match the other filters. ``recheck`` (new, closed, again, redecided)
    lists what the latest re-check changed so (`aicc.center.recheck`). InvalidInput names the
    parameter that cannot be used.
    """
    _check_filters(states=states, recheck=recheck, limit=limit, cursor=cursor, offset=offset)
    due_key = func.coalesce(findings.c.due, NO_DUE)
    with engine.connect() as conn:
        query = suppression.joined(_visible(principal, whole_record=False))
        organisation_id = scope(conn, principal, organisation)
        if organisation_id is not None:
            query = query.where(findings.c.organisation_id == organisation_id)
        if asset is not None:
            query = query.where(or_(assets.c.id == asset, assets.c.name == asset))
        if states:
            query = query.where(findings.c.state.in_(states))
        if kev is not None:
            query = query.where(findings.c.kev == kev)
        if decision is not None:
            query = query.where(findings.c.priority == decision_rank(decision))
        if due_before is not None:
            query = query.where(findings.c.due < due_before)
        if present is not None:
            query = query.where(findings.c.present == present)
        if recheck is not None:
            query = query.where(rechecked.change_column() == recheck)
        hidden = suppression.active(utcnow().date())
        # one count of the matching findings and of those suppressed today among them
        counts = query.with_only_columns(func.count(), func.sum(case((hidden, 1), else_=0)))
        matching, hidden_count = conn.execute(counts).one()
        suppressed_count = int(hidden_count or 0)
        total = {None: matching, True: suppressed_count, False: matching - suppressed_count}[
            suppressed
        ]
        if suppressed is not None:
            query = query.where(hidden if suppressed else ~hidden)
        if cursor is not None:
            query = query.where(
                tuple_(findings.c.priority, due_key, findings.c.id) > tuple_(*_after(cursor))
            )
        query = query.order_by(findings.c.priority, due_key, findings.c.id).limit(limit + 1)
        if offset:
            query = query.offset(offset)
        rows = list(conn.execute(query).mappings())
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [finding_dict(r) for r in rows],
        "total": total,
        "suppressed": suppressed_count,
        "next_cursor": _cursor(rows[-1]) if more else None,
    }


def change_state(
    engine: Engine,
    principal: Principal,
    finding_id: str,
    *,
    state: str,
    reason: str,
    justification: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Set a finding's analysis state, with the reason, as one audited change.

    ``not_affected`` needs a VEX ``justification`` (`aicc.core.vex.JUSTIFICATIONS`), and only it
    takes one. NotFound when the caller may not see the finding, Forbidden when its role may not
    change it, InvalidInput for a bad state, reason or justification; nothing is changed then.
    """
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _one(conn, principal, finding_id)
        require_triage(principal)
        if state not in STATES:
            raise InvalidInput(f"state: {state!r} is not one of {', '.join(STATES)}")
        reason = (reason or "").strip()
        if not reason:
            raise InvalidInput("reason: say why the state changes")
        if len(reason) > MAX_REASON:
            raise InvalidInput(f"reason: longer than {MAX_REASON} characters")
        if state == "not_affected":
            if justification not in JUSTIFICATIONS:
                given = "none was given" if not justification else f"{justification!r} is not one"
                raise InvalidInput(
                    f"justification: not_affected needs a VEX justification ({given}): "
                    f"{', '.join(JUSTIFICATIONS)}"
                )
        elif justification:
            raise InvalidInput(f"justification: only not_affected takes one, not {state}")
        now = utcnow()
        conn.execute(
            findings.update()
            .where(findings.c.id == row["id"])
            .values(state=state, justification=justification)
        )
        conn.execute(
            finding_events.insert().values(
                finding_id=row["id"],
                actor=principal.actor,
                at=now,
                from_state=row["state"],
                to_state=state,
                justification=justification,
                reason=reason,
            )
        )
        return finding_dict(_one(conn, principal, finding_id), full=True)


def finding_audit(engine: Engine, principal: Principal, finding_id: str) -> dict[str, Any]:
    """Every event of a finding, oldest first: who, when, from which state to which, why."""
    with engine.connect() as conn:
        row = _one(conn, principal, finding_id)
        events = conn.execute(
            select(finding_events)
            .where(finding_events.c.finding_id == row["id"])
            .order_by(finding_events.c.at, finding_events.c.id)
        ).mappings()
        return {
            "finding": row["id"],
            "vulnerability": row["vulnerability_id"],
            "state": row["state"],
            "events": [
                {
                    "at": e["at"].isoformat(),
                    "actor": e["actor"],
                    "from_state": e["from_state"],
                    "to_state": e["to_state"],
                    "justification": e["justification"],
                    "reason": e["reason"],
                }
                for e in events
            ],
        }
