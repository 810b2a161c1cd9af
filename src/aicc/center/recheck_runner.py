"""Who runs the re-check's chunks: one small interface, run in-process today.

`RecheckRunner.run(run_id)` plans a run and gets its chunks done. `InProcessRunner` calls
`aicc.center.recheck_chunk.run_chunk` for each chunk in turn (``aicc db sync``/``import`` at their
end, ``aicc center recheck``); `BackgroundRechecks` is the thread ``aicc serve`` starts, which
picks up pending runs (and changes no run has claimed yet) so that no request waits for one. A
Celery runner (issue 15) hands the same ``run_chunk(engine, run_id, chunk)`` calls to workers.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from aicc.center.recheck import (
    Progress,
    fail_run,
    finish_run,
    pending_chunks,
    plan_run,
    start_run,
    unfinished_runs,
)
from aicc.center.recheck_chunk import run_chunk
from aicc.center.recheck_views import get_run
from aicc.store.db import store_reason

log = logging.getLogger(__name__)


class RecheckRunner(ABC):
    """Gets a run's chunks done."""

    @abstractmethod
    def run(self, run_id: str) -> dict[str, Any]:
        """Plan the run, get every chunk done, and return the run as `get_run` shows it: done,
        or failed with the reason (its chunks done so far stay done)."""


class InProcessRunner(RecheckRunner):
    """Every chunk in this process, one after the other; ``on_progress(done, total)``."""

    def __init__(self, engine: Engine, *, on_progress: Progress | None = None):
        self.engine = engine
        self.on_progress = on_progress

    def run(self, run_id: str) -> dict[str, Any]:
        try:
            total = plan_run(self.engine, run_id)
            todo = pending_chunks(self.engine, run_id)
            done = total - len(todo)
            if self.on_progress is not None:
                self.on_progress(done, total)
            for chunk in todo:
                run_chunk(self.engine, run_id, chunk)
                done += 1
                if self.on_progress is not None:
                    self.on_progress(done, total)
            finish_run(self.engine, run_id)
        except Exception as exc:  # kept as the run's state: a later call runs it again
            log.exception("re-check %s failed", run_id)
            fail_run(self.engine, run_id, f"{type(exc).__name__}: {store_reason(exc)}")
        return get_run(self.engine, None, run_id)


def recheck_now(
    engine: Engine,
    runner: RecheckRunner,
    *,
    trigger: str | None = None,
    full: bool = False,
    retry_failed: bool = False,
) -> list[dict[str, Any]]:
    """Finish the runs left unfinished, then run one over the changes no run has claimed (all
    components with ``full``); the runs, oldest first."""
    runs = [runner.run(run_id) for run_id in unfinished_runs(engine, failed=retry_failed)]
    new = start_run(engine, trigger=trigger, full=full)
    if new is not None:
        runs.append(runner.run(new))
    return runs


class BackgroundRechecks:
    """A thread that runs pending re-checks every ``interval`` seconds until `stop`."""

    def __init__(
        self,
        engine: Engine,
        *,
        interval: float = 5.0,
        runner: RecheckRunner | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ):
        self.engine = engine
        self.interval = interval
        self.runner = runner or InProcessRunner(engine)
        self.on_error = on_error
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="aicc-rechecks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                recheck_now(self.engine, self.runner)
            except Exception as exc:  # the store refused (a run failing is kept as failed)
                log.error("re-check failed: %s", exc)
                if self.on_error is not None:
                    self.on_error(exc)
            self._stop.wait(self.interval)
