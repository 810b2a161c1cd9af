"""The server's background runner of frontier evaluations: one at a time, the id once the run
has begun, an error before that raised to the request."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from aicc.center.errors import Conflict
from aicc.server.frontier_runner import EvaluationRunner


def test_the_id_comes_back_while_the_run_goes_on_and_one_runs_at_a_time() -> None:
    runner = EvaluationRunner()
    release = threading.Event()
    finished = threading.Event()

    def slow(began: Callable[[str], None]) -> None:
        began("eval-1")
        release.wait(30)
        finished.set()

    assert runner.start(slow) == "eval-1" and not finished.is_set()
    with pytest.raises(Conflict, match="an evaluation is already running"):
        runner.start(slow)
    release.set()
    assert runner.current is not None
    runner.current.join(30)
    assert finished.is_set()

    def fails_later(began: Callable[[str], None]) -> None:
        began("eval-2")
        raise RuntimeError("Inspect stopped")  # run_evaluation records it as failed

    assert runner.start(fails_later) == "eval-2"
    runner.current.join(30)


def test_an_error_before_the_run_begins_is_the_callers() -> None:
    runner = EvaluationRunner()

    def refused(began: Callable[[str], None]) -> None:
        raise ValueError("the submission was withdrawn")

    with pytest.raises(ValueError, match="withdrawn"):
        runner.start(refused)
    # and the runner is free again
    assert runner.start(lambda began: began("eval-3")) == "eval-3"
