"""The workers' tasks: plan a re-check run and fan its chunks out, re-match one chunk, send the
notifications that are due.

The run finishes without a chord: after each chunk its task asks the store whether every chunk of
the run is done (`aicc.center.recheck.finish_run`, idempotent). The store is the one record of
what is done, so a worker killed anywhere loses nothing: killed before its chunk committed, the
message comes back and the chunk runs again; killed after, the chunk is found done and only the
check runs. A chord's counter lives in the result backend instead, counts a task redelivered
after a kill twice or not at all, and a lost callback leaves the run unfinished for good.

Store errors (a restarted PostgreSQL, a busy SQLite) are retried with exponential backoff; a
chunk that still fails, or fails for another reason, fails its run with the reason (its chunks
done so far stay done; ``aicc center recheck --retry-failed`` runs the rest).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Task, shared_task
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from aicc.center.recheck import fail_run, finish_run, pending_chunks, plan_run
from aicc.center.recheck_chunk import run_chunk
from aicc.center.recheck_plan import CHUNK_COMPONENTS
from aicc.core.errors import StoreError
from aicc.core.settings import Settings
from aicc.store.db import open_store, store_reason

log = logging.getLogger(__name__)

# What a restarted or busy store raises: tried again later, not a failure of the run.
RETRIED = (OperationalError, DBAPIError, StoreError)
MAX_RETRIES = 12  # with backoff up to 60 s: about ten minutes of a store that does not answer
_stores: dict[int, Engine] = {}  # one engine per worker process (a forked child makes its own)


def store() -> Engine:
    """This process's store, as ``AICC_DATABASE_URL`` (or ``AICC_HOME``) names it."""
    pid = os.getpid()
    if pid not in _stores:
        _stores[pid] = open_store(Settings.from_env().database_url)
    return _stores[pid]


class RecheckTask(Task):  # type: ignore[misc]
    """A re-check task: retried on store errors; a final failure fails the run, with the reason."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = RETRIED
    retry_backoff = 2
    retry_backoff_max = 60
    retry_jitter = True
    max_retries = MAX_RETRIES

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        run_id = args[0] if args else kwargs.get("run_id")
        where = f"chunk {args[1]}" if self.name == "aicc.recheck.chunk" else "planning"
        reason = f"{where} on a worker: {type(exc).__name__}: {store_reason(exc)}"
        try:
            fail_run(store(), str(run_id), reason)
        except Exception:  # the store is still down: the run stays running, `aicc worker status`
            log.exception("re-check %s: %s, and it could not be marked failed", run_id, reason)


@shared_task(name="aicc.recheck.plan", base=RecheckTask)  # type: ignore[untyped-decorator]
def plan(run_id: str, chunk_size: int = CHUNK_COMPONENTS) -> int:
    """Plan the run (once) and send a task for each chunk not yet done; how many were sent.
    Sent again (a lost message, a stalled run), it sends the chunks still pending."""
    engine = store()
    plan_run(engine, run_id, chunk_size=chunk_size)
    todo = pending_chunks(engine, run_id)
    for seq in todo:
        chunk.delay(run_id, seq)
    finish_run(engine, run_id)  # a run with nothing to re-match is done now
    return len(todo)


@shared_task(name="aicc.recheck.chunk", base=RecheckTask)  # type: ignore[untyped-decorator]
def chunk(run_id: str, seq: int) -> dict[str, int]:
    """Re-match one chunk (idempotent), then finish the run if it was the last."""
    engine = store()
    counts = run_chunk(engine, run_id, seq)
    finish_run(engine, run_id)
    return counts


@shared_task(name="aicc.delivery.deliver_due", acks_late=True)  # type: ignore[untyped-decorator]
def deliver_due() -> dict[str, Any]:
    """Queue the campaigns' due and overdue notices not sent yet, then send the notifications
    that are due (beat runs it every ``AICC_DELIVERY_INTERVAL`` s), as ``aicc serve``'s outbox
    thread and ``aicc center deliver`` do."""
    from aicc.center.campaign_notices import check_campaign_deadlines
    from aicc.center.delivery import deliver_due as send

    engine = store()
    campaigns = check_campaign_deadlines(engine)  # idempotent: each notice is queued once
    report = send(engine)
    for problem in report["problems"]:
        log.warning("notification not delivered: %s", problem)
    return report | {"campaign_notices": len(campaigns["queued"])}


@shared_task(name="aicc.portfolio.daily_snapshot", acks_late=True)  # type: ignore[untyped-decorator]
def daily_snapshot() -> bool:
    """Take the day's portfolio snapshot for the trend when the day has none yet (beat asks
    every ``AICC_TREND_SNAPSHOT_INTERVAL`` s; idempotent per day), as ``aicc serve``'s outbox
    thread does; whether one was taken."""
    from aicc.center.portfolio_trends import daily_snapshot as snapshot

    return snapshot(store())
