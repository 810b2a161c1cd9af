"""Re-checks on real Celery workers (issue 15): `aicc worker` processes on a private Redis
take a run's chunks from the broker and write the store (SQLite, and PostgreSQL when
configured); a worker SIGKILLed mid-run loses nothing and duplicates nothing: the run completes
with exactly the findings, the per-finding changes and the audit events of a clean in-process
run over an identical store.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from aicc.center.recheck import run_row, start_run
from aicc.center.recheck_runner import InProcessRunner
from aicc.store.db import open_store
from aicc.store.recheck_tables import recheck_chunks
from aicc.workers.app import make_app
from aicc.workers.runner import CeleryRunner
from tests.support.celery_workers import (
    Workers,
    build_portfolio,
    changes_of,
    findings_of,
    private_redis,
    second_store_url,
    worker_env,
)

RUN_TIMEOUT = 300  # seconds a run may take on this loaded machine before the test fails


def _follow(runner: CeleryRunner, run_id: str) -> tuple[threading.Thread, dict[str, Any]]:
    done: dict[str, Any] = {}

    def follow() -> None:
        done["run"] = runner.run(run_id)

    thread = threading.Thread(target=follow, daemon=True)
    thread.start()
    return thread, done


def _kill_mid_chunk(
    workers: Workers, runner: CeleryRunner, engine: Engine, run_id: str, deadline: float
) -> str:
    """SIGKILL the worker "doomed" while it runs a chunk not yet written; the task's id.

    The worker is frozen (SIGSTOP) first and the store asked whether its chunk is done: killed
    only when it is not, so the kill always lands mid-chunk; else it goes on and we try again.
    """
    node = f"doomed@{socket.gethostname()}"
    while time.monotonic() < deadline:
        # `limit=1`: the answer as soon as the one worker replies (without it, each question
        # waited its whole timeout, a second in which a short run could end unobserved)
        inspect = runner.app.control.inspect(destination=[node], timeout=1, limit=1)
        active = inspect.active() or {}
        for task in active.get(node, []):
            if task["name"] != "aicc.recheck.chunk":
                continue
            workers.pause("doomed")
            if not _chunk_done(engine, run_id, task["args"][1]):
                workers.kill("doomed")
                return str(task["id"])
            workers.pause("doomed", resume=True)
        time.sleep(0.05)
    raise AssertionError("the worker was never caught in the middle of a chunk")


def _chunk_done(engine: Engine, run_id: str, seq: int) -> bool:
    rc = recheck_chunks
    with engine.connect() as conn:
        done = conn.execute(
            select(rc.c.done_at).where(rc.c.run_id == run_id, rc.c.seq == seq)
        ).scalar_one()
    return done is not None


def _progress(engine: Engine, run_id: str) -> tuple[int, int | None]:
    with engine.connect() as conn:
        run = run_row(conn, run_id)
    return int(run["chunks_done"]), run["chunks_total"]


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    engine: Engine, store_url: str, tmp_path: Path
) -> None:
    clean = open_store(second_store_url(store_url, tmp_path))
    try:
        build_portfolio(clean, tmp_path / "clean")
        clean_id = start_run(clean, trigger="manual", full=True)
        assert clean_id is not None
        expected = InProcessRunner(clean).run(clean_id)
        assert expected["state"] == "done"
        expected_findings, expected_changes = findings_of(clean), changes_of(clean)
    finally:
        clean.dispose()
    assert expected["findings"]["new"] > 0 and expected["findings"]["closed"] > 0

    build_portfolio(engine, tmp_path / "killed")
    run_id = start_run(engine, trigger="manual", full=True)
    assert run_id is not None
    with private_redis() as redis:
        env = worker_env(
            redis.url, store_url, tmp_path / "home", AICC_BROKER_VISIBILITY_TIMEOUT="10"
        )
        workers = Workers(env, tmp_path)
        workers.start("doomed")
        # small chunks, so the run is still going when a worker dies; no resend by the runner,
        # so only the broker's redelivery can bring the dead worker's chunk back
        runner = CeleryRunner(engine, make_app(env), chunk_size=2, poll=0.2, resend_after=3600)
        try:
            thread, result = _follow(runner, run_id)
            deadline = time.monotonic() + RUN_TIMEOUT
            while _progress(engine, run_id)[0] < 2:
                assert time.monotonic() < deadline, workers.log("doomed")
                time.sleep(0.1)
            # alone, the doomed worker is always in a chunk until the run ends (with the
            # survivor beside it, a loaded machine could finish the run before one was caught)
            running = _kill_mid_chunk(workers, runner, engine, run_id, deadline)
            done, total = _progress(engine, run_id)
            assert total is not None and done < total, "the run ended before the kill"
            workers.start("survivor")
            thread.join(RUN_TIMEOUT)
            assert not thread.is_alive(), workers.log("survivor")
        finally:
            workers.stop_all()
    # the chunk the killed worker was running came back from the broker to the survivor
    assert f"aicc.recheck.chunk[{running}] received" in workers.log("survivor")
    run = result["run"]
    assert run["state"] == "done", run
    assert run["progress"]["chunks_done"] == run["progress"]["chunks_total"] > 8
    for key in ("findings", "new_exploited", "inventories", "components"):
        assert run[key] == expected[key], key
    assert findings_of(engine) == expected_findings
    assert changes_of(engine) == expected_changes
