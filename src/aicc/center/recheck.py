"""Re-check the center's stored inventories after the knowledge base changed: the runs.

An import writes what it changed to ``knowledge_changes`` in its own transaction
(`aicc.store.changes`). A run claims the changes no run has claimed (`start_run`), works out
which components of the assets' latest inventories they can touch (`aicc.center.recheck_plan`)
and cuts them into chunks by component key (`plan_run`); each chunk is re-matched
(`aicc.center.recheck_chunk.run_chunk`) with the upload's own code: the stored file read again
by `aicc.pipeline`, cut down to the chunk's components, matched, validated and decided under
the organisation's profile, and the findings upserted by `aicc.center.findings.store_findings`.
The findings a KEV or EPSS change names are not matched again: chunks of their own re-decide
them (their KEV entry and EPSS score read again, their evidence and decisions made again) and
write them the same way.

- ``run_chunk(engine, run_id, chunk)`` is a plain call, idempotent: a chunk is written once, in
  one transaction with its progress; called again it returns what it did. A runner may hand
  chunks to any worker (`aicc.center.recheck_runner`). What the API and the command line show
  of the runs is `aicc.center.recheck_views`.
- Findings keep their analysis state and audit trail; a finding that no longer matches (its
  advisory withdrawn, its range changed) is closed (``present`` false) with the reason in its
  trail, and found again later with its history; a new finding whose CVE is in KEV is a *new
  exploited* finding of the run.
- Due dates: a new finding's clock starts on the run's day; an existing one keeps the clock of
  the upload that found it (its first sighting or the inventory's upload, the later), so a
  re-check that learns nothing new changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import Connection, Engine, RowMapping, func, select

from aicc.center.errors import InvalidInput, NotFound
from aicc.center.names import new_id
from aicc.center.recheck_notices import notify_recheck_finished, reach_run_organisations
from aicc.center.recheck_plan import (
    CHUNK_COMPONENTS,
    CHUNK_FINDINGS,
    advisory_counts,
    chunks,
    plan_work,
    redecide_chunks,
    redecided_findings,
    touched,
)
from aicc.core.times import utcnow
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.recheck_tables import (
    TRIGGERS,
    knowledge_changes,
    recheck_chunks,
    recheck_runs,
)

Progress = Callable[[int, int], None]  # (chunks done, chunks in all)
_INSERTED = 16  # chunks written per statement: a full run's chunks hold every stored row


def start_run(
    engine: Engine,
    *,
    trigger: str | None = None,
    full: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> str | None:
    """A new pending run over the changes no run has claimed yet (all components with
    ``full``); None when there is nothing to re-check.

    ``trigger`` defaults to ``sync`` when a claimed change came from ``aicc db sync``, else
    ``import``.
    """
    if trigger is not None and trigger not in TRIGGERS:
        raise InvalidInput(f"trigger: {trigger!r} is not one of {', '.join(TRIGGERS)}")
    if not full and not unclaimed_changes(engine):  # read first: the server asks every few s
        return None
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        kc = knowledge_changes
        unclaimed = conn.execute(
            select(kc.c.source, kc.c.change, kc.c.synced, func.count())
            .where(kc.c.run_id.is_(None))
            .group_by(kc.c.source, kc.c.change, kc.c.synced)
        ).all()
        if not unclaimed and not full:
            return None
        counted: dict[str, dict[str, int]] = defaultdict(dict)
        for source, change, _synced, n in unclaimed:
            counted[source][change] = counted[source].get(change, 0) + n
        synced = any(row[2] for row in unclaimed)
        run_id = new_id("rck")
        conn.execute(
            recheck_runs.insert().values(
                id=run_id,
                trigger=trigger or ("sync" if synced else "import"),
                full_recheck=full,
                state="pending",
                created_at=utcnow(),
                changes=dict(counted),
                chunks_done=0,
                inventories=0,
                components=0,
                findings_new=0,
                findings_closed=0,
                findings_again=0,
                findings_redecided=0,
                new_exploited=0,
                problems=[],
            )
        )
        conn.execute(kc.update().where(kc.c.run_id.is_(None)).values(run_id=run_id))
    return run_id


def run_row(conn: Connection, run_id: str) -> RowMapping:
    """The run's row; NotFound when there is none."""
    row = conn.execute(select(recheck_runs).where(recheck_runs.c.id == run_id)).mappings().first()
    if row is None:
        raise NotFound(f"re-check {run_id!r}: not found")
    return row


def plan_run(
    engine: Engine,
    run_id: str,
    *,
    chunk_size: int = CHUNK_COMPONENTS,
    budget: int = CHUNK_FINDINGS,
    timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Work out the run's components and store its chunks of at most ``chunk_size``
    components and ``budget`` findings (`aicc.center.recheck_plan.chunks`), once; the number
    of chunks."""
    with engine.connect() as conn:
        run = run_row(conn, run_id)
        if run["chunks_total"] is not None:
            return int(run["chunks_total"])
        found, redecided = None, None
        if not run["full_recheck"]:
            kc = knowledge_changes
            claimed = conn.execute(select(kc.c.source, kc.c.key).where(kc.c.run_id == run_id))
            found = touched(conn, [(row[0], row[1]) for row in claimed])
            redecided = redecided_findings(conn, found.deciding)
        items = plan_work(conn, found, redecided=redecided)
        weights = advisory_counts(conn, items)
    cut = chunks(items, chunk_size, weights=weights, budget=budget)
    cut += redecide_chunks(redecided or {})  # after plan_work took the re-matched ones out
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        run = run_row(conn, run_id)
        if run["chunks_total"] is not None:  # another runner planned it meanwhile
            return int(run["chunks_total"])
        for start in range(0, len(cut), _INSERTED):  # a few at a time: each carries its rows
            conn.execute(
                recheck_chunks.insert(),
                [
                    {"run_id": run_id, "seq": n, "work": cut[n]}
                    for n in range(start, min(start + _INSERTED, len(cut)))
                ],
            )
        conn.execute(
            recheck_runs.update()
            .where(recheck_runs.c.id == run_id)
            .values(
                state="running",
                started_at=utcnow(),
                chunks_total=len(cut),
                inventories=len({i.inventory_id for i in items}),
                components=len(items),
            )
        )
    return len(cut)


def finish_run(engine: Engine, run_id: str, *, timeout: float = DEFAULT_TIMEOUT) -> bool:
    """Mark the run done once every chunk is, and queue ``recheck_finished`` for each
    organisation it found new findings for (`aicc.center.recheck_notices`); whether it is done."""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        run = run_row(conn, run_id)
        if run["state"] == "done":
            return True
        if run["chunks_total"] is None or run["chunks_done"] < run["chunks_total"]:
            return False
        now = utcnow()
        conn.execute(
            recheck_runs.update()
            .where(recheck_runs.c.id == run_id)
            .values(state="done", finished_at=now, reason=None)
        )
        notify_recheck_finished(conn, run_id, now=now)  # told with the run's end, once
        reach_run_organisations(conn, run_id, now=now)  # and advisories that now concern them
    return True


def fail_run(engine: Engine, run_id: str, reason: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Mark the run failed with the reason (its chunks done so far stay done)."""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(
            recheck_runs.update()
            .where(recheck_runs.c.id == run_id)
            .values(state="failed", finished_at=utcnow(), reason=reason)
        )


def unfinished_runs(engine: Engine, *, failed: bool = False) -> list[str]:
    """Runs still to do (pending, or running when a process stopped), oldest first; with
    ``failed``, failed ones too."""
    states = ["pending", "running", *(["failed"] if failed else [])]
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(recheck_runs.c.id)
                .where(recheck_runs.c.state.in_(states))
                .order_by(recheck_runs.c.created_at, recheck_runs.c.id)
            ).scalars()
        )


def unclaimed_changes(engine: Engine) -> int:
    """How many logged knowledge base changes no run has claimed yet."""
    kc = knowledge_changes
    with engine.connect() as conn:
        query = select(func.count()).select_from(kc).where(kc.c.run_id.is_(None))
        return int(conn.execute(query).scalar_one())


def pending_chunks(engine: Engine, run_id: str) -> list[int]:
    """The chunks of a planned run not yet done."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(recheck_chunks.c.seq)
                .where(recheck_chunks.c.run_id == run_id, recheck_chunks.c.done_at.is_(None))
                .order_by(recheck_chunks.c.seq)
            ).scalars()
        )
