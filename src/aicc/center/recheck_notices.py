"""What organisations hear when a re-check run ends: ``recheck_finished``, one event per
organisation for which the run found new findings or findings newly known exploited, with its
counts, queued in the transaction
that marks the run done (`aicc.center.recheck.finish_run`, whoever ran the chunks: the
in-process runner, the server's thread or a Celery worker). A run that found nothing new for an
organisation tells it nothing; a run is finished once, so it is told once.

The counts are the run's own record (``recheck_findings``: the first change of each finding):
``new_findings``, ``new_exploited`` (new and in KEV, or ``joined_kev``: found before and now in
KEV; each also told as a ``new_kev_finding``), ``found_again`` and ``closed``.

The organisations whose inventories the run re-matched are also matched against the published
advisories that do not reach them yet (`aicc.center.advisories.reach`), as an upload is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from aicc.center.advisories.reach import reach_organisation
from aicc.center.notifications import make_event, notify
from aicc.store.center_tables import assets, findings, inventories
from aicc.store.recheck_tables import (
    is_newly_exploited,
    recheck_chunks,
    recheck_findings,
    recheck_runs,
)

_COUNTED = {"new": "new_findings", "again": "found_again", "closed": "closed"}


def run_counts_by_organisation(conn: Connection, run_id: str) -> dict[str, dict[str, Any]]:
    """organisation id → what the run changed of its findings."""
    rf = recheck_findings
    rows = conn.execute(
        select(findings.c.organisation_id, rf.c.change, rf.c.kev, rf.c.joined_kev, func.count())
        .join(findings, findings.c.id == rf.c.finding_id)
        .where(rf.c.run_id == run_id)
        .group_by(findings.c.organisation_id, rf.c.change, rf.c.kev, rf.c.joined_kev)
    ).all()
    by_organisation: dict[str, dict[str, Any]] = {}
    for organisation_id, change, kev, joined, count in rows:
        counts = by_organisation.setdefault(
            organisation_id,
            {"new_exploited": 0, "joined_kev": 0, **dict.fromkeys(_COUNTED.values(), 0)},
        )
        if change in _COUNTED:
            counts[_COUNTED[change]] += count
        if is_newly_exploited(change, kev, joined):
            counts["new_exploited"] += count
        if joined:
            counts["joined_kev"] += count
    return by_organisation


def notify_recheck_finished(conn: Connection, run_id: str, *, now: datetime) -> list[str]:
    """Queue ``recheck_finished`` for each organisation the run found new findings or newly
    exploited ones for, in the caller's transaction; the organisations told."""
    trigger = conn.execute(
        select(recheck_runs.c.trigger).where(recheck_runs.c.id == run_id)
    ).scalar_one()
    told = []
    for organisation_id, counts in sorted(run_counts_by_organisation(conn, run_id).items()):
        if counts["new_findings"] == 0 and counts["new_exploited"] == 0:
            continue
        event = make_event(
            "recheck_finished", organisation_id, run_id=run_id, trigger=trigger, **counts
        )
        notify(conn, event, now=now)
        told.append(organisation_id)
    return told


def reach_run_organisations(conn: Connection, run_id: str, *, now: datetime) -> list[str]:
    """Match the organisations whose inventories the run re-matched against the published
    advisories that do not reach them yet, in the caller's transaction; the advisories joined,
    as ``organisation:advisory``."""
    ids = {
        item["inventory"]
        for work in conn.execute(
            select(recheck_chunks.c.work).where(recheck_chunks.c.run_id == run_id)
        ).scalars()
        for item in work
    }
    if not ids:
        return []
    organisation_ids = conn.execute(
        select(assets.c.organisation_id)
        .distinct()
        .join(inventories, inventories.c.asset_id == assets.c.id)
        .where(inventories.c.id.in_(sorted(ids)))
        .order_by(assets.c.organisation_id)
    ).scalars()
    joined = []
    for organisation_id in list(organisation_ids):
        reached = reach_organisation(
            conn,
            organisation_id,
            now=now,
            actor=f"re-check {run_id}",
            why="A re-check matched an inventory stored before: one more organization reached.",
        )
        joined += [f"{organisation_id}:{a['advisory']}" for a in reached["joined"]]
    return joined
