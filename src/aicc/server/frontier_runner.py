"""Frontier evaluations in the background of the server, so that no request waits for one.

An evaluation runs Inspect for minutes to hours, so ``POST .../evaluations`` answers as soon as
the run's ``running`` record is committed, with its id, and the run goes on in a thread; its
record becomes ``finished`` or ``failed`` (with the reason) as `run_evaluation` stores it. A
check that fails before the record (a refused role, bad settings, a withdrawn submission) is
the request's own error. One run at a time per server: Inspect runs one evaluation per process.
A server stopped mid-run leaves the record ``running``; the next run marks it failed
(`aicc.frontier.evaluations.recover_crashed`). The re-checks' runner (`aicc.center.recheck_runner`)
plans chunks of a re-check run, which an evaluation does not have, so this is its own small
runner behind the same idea.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from aicc.center.errors import Conflict

log = logging.getLogger(__name__)

Run = Callable[[Callable[[str], None]], object]  # a run, given the callback of its start


class EvaluationRunner:
    """Starts one evaluation at a time in a daemon thread."""

    def __init__(self) -> None:
        self._busy = threading.Lock()
        self.current: threading.Thread | None = None

    def start(self, run: Run) -> str:
        """Start ``run`` and return the evaluation's id once its record is committed; an error
        raised before that is raised here, and the thread ends."""
        if not self._busy.acquire(blocking=False):
            raise Conflict(
                "an evaluation is already running on this server; start this one when it "
                "has finished (its state is in GET .../evaluations)"
            )
        started = threading.Event()
        outcome: dict[str, object] = {}

        def began(evaluation_id: str) -> None:
            outcome["id"] = evaluation_id
            started.set()

        def work() -> None:
            try:
                run(began)
            except BaseException as exc:  # recorded as failed by run_evaluation when it began
                if started.is_set():
                    log.warning("frontier evaluation %s failed: %s", outcome.get("id"), exc)
                else:
                    outcome["error"] = exc
            finally:
                self._busy.release()
                started.set()

        self.current = threading.Thread(target=work, name="frontier-evaluation", daemon=True)
        self.current.start()
        started.wait()
        if "id" in outcome:
            return str(outcome["id"])
        error = outcome.get("error")
        assert isinstance(error, BaseException)
        raise error
