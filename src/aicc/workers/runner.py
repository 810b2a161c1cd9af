"""`CeleryRunner`: a re-check run handed to the Celery workers, and `runner_for`, which picks it
when ``AICC_BROKER_URL`` is set (else the in-process runner), so that ``aicc db sync``/``import``,
``aicc center recheck`` and ``aicc serve`` use the workers with no other change.

The runner sends one task that plans the run and fans its chunks out (`aicc.workers.tasks`), then
follows the run in the store until it is done or failed. A run that makes no progress for
``resend_after`` seconds (a broker restarted without its queue, a message lost) gets its planning
task sent again, which sends the chunks still pending: the chunks are idempotent, so a resend
costs at most a duplicate chunk, never a duplicate finding. A store that stops answering (a
PostgreSQL restart) is waited for, up to ``store_patience`` seconds, as the workers' retries do.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, RowMapping
from sqlalchemy.exc import InterfaceError, OperationalError

from aicc.center.recheck import Progress, fail_run, run_row
from aicc.center.recheck_plan import CHUNK_COMPONENTS
from aicc.center.recheck_runner import InProcessRunner, RecheckRunner
from aicc.center.recheck_views import get_run
from aicc.store.db import store_reason
from aicc.store.locks import CENTER_LOCK, writing
from aicc.store.recheck_tables import recheck_runs

log = logging.getLogger(__name__)

PLAN_TASK = "aicc.recheck.plan"


class CeleryRunner(RecheckRunner):
    """A run's chunks done by the workers listening on the broker of ``app``."""

    def __init__(
        self,
        engine: Engine,
        app: Any,
        *,
        on_progress: Progress | None = None,
        chunk_size: int = CHUNK_COMPONENTS,
        poll: float = 1.0,
        resend_after: float = 300.0,
        store_patience: float = 600.0,
    ):
        self.engine = engine
        self.app = app
        self.on_progress = on_progress
        self.chunk_size = chunk_size
        self.poll = poll
        self.resend_after = resend_after
        self.store_patience = store_patience
        self._unanswered: float | None = None  # since when the store has not answered

    def run(self, run_id: str) -> dict[str, Any]:
        _reopen(self.engine, run_id)
        try:
            self._send(run_id)
        except Exception as exc:  # the broker refused: the run waits, failed, for a retry
            log.exception("re-check %s could not be sent to the workers", run_id)
            fail_run(self.engine, run_id, f"the broker: {type(exc).__name__}: {exc}")
            return get_run(self.engine, None, run_id)
        seen: tuple[int, int | None] | None = None
        moved = time.monotonic()
        while True:
            run = self._read(run_id)
            if run is None:  # the store did not answer: the workers retry too
                time.sleep(self.poll)
                continue
            if run["state"] in ("done", "failed"):
                return get_run(self.engine, None, run_id)
            now = (run["chunks_done"], run["chunks_total"])
            if now != seen:
                seen, moved = now, time.monotonic()
                if self.on_progress is not None and run["chunks_total"] is not None:
                    self.on_progress(run["chunks_done"], run["chunks_total"])
            elif time.monotonic() - moved > self.resend_after:
                log.warning(
                    "re-check %s made no progress for %.0f s: its pending chunks are sent again",
                    run_id,
                    self.resend_after,
                )
                self._send(run_id)
                moved = time.monotonic()
            time.sleep(self.poll)

    def _read(self, run_id: str) -> RowMapping | None:
        """The run's row; None while the store does not answer (a restart), for up to
        ``store_patience`` seconds in a row, after which the error is raised."""
        try:
            with self.engine.connect() as conn:
                row = run_row(conn, run_id)
        except (OperationalError, InterfaceError) as exc:
            now = time.monotonic()
            self._unanswered = self._unanswered or now
            if now - self._unanswered > self.store_patience:
                raise
            log.warning("re-check %s: the store did not answer (%s)", run_id, store_reason(exc))
            return None
        self._unanswered = None
        return row

    def _send(self, run_id: str) -> None:
        self.app.send_task(PLAN_TASK, args=(run_id, self.chunk_size))


def _reopen(engine: Engine, run_id: str) -> None:
    """A failed run handed to the workers again is running again (its done chunks stay done)."""
    r = recheck_runs
    with writing(engine, lock=CENTER_LOCK) as conn:
        run_row(conn, run_id)  # NotFound for a run that does not exist
        conn.execute(
            r.update()
            .where(r.c.id == run_id, r.c.state == "failed")
            .values(state="running", reason=None, finished_at=None)
        )


def runner_for(
    engine: Engine,
    *,
    on_progress: Progress | None = None,
    env: Mapping[str, str] | None = None,
) -> RecheckRunner:
    """`CeleryRunner` when ``AICC_BROKER_URL`` is set in ``env`` (the process's by default),
    else `InProcessRunner`."""
    env = os.environ if env is None else env
    if not env.get("AICC_BROKER_URL"):
        return InProcessRunner(engine, on_progress=on_progress)
    from aicc.core.extras import require_extra

    require_extra("worker", "AICC_BROKER_URL (re-checks on Celery workers)")
    from aicc.workers.app import make_app

    return CeleryRunner(engine, make_app(env), on_progress=on_progress)
