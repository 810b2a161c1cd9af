"""PostgreSQL stopped and started again in the middle of a re-check on a real worker (issue 15):
the chunk that meets the stopped server is retried with backoff, the runner waits for the store,
and the run completes with exactly the findings of a clean run. The server is a private cluster
(`tests.store.test_postgres_restart`), never the shared one.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from aicc.center.recheck import run_row, start_run
from aicc.center.recheck_runner import InProcessRunner
from aicc.store.db import open_store
from aicc.workers.app import make_app
from aicc.workers.runner import CeleryRunner
from tests.store.test_postgres_restart import PrivatePostgres, private_postgres
from tests.support.celery_workers import (
    Workers,
    build_portfolio,
    changes_of,
    findings_of,
    private_redis,
    worker_env,
)

__all__ = ["private_postgres"]  # the fixture, used here by name
TIMEOUT = 300


def test_postgresql_restarted_mid_run_loses_nothing(
    private_postgres: PrivatePostgres, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="aicc.workers.runner")
    clean = open_store(private_postgres.fresh_database("recheck_clean"))
    try:
        build_portfolio(clean, tmp_path / "clean", organisations_count=4)
        clean_id = start_run(clean, trigger="manual", full=True)
        assert clean_id is not None
        expected = InProcessRunner(clean).run(clean_id)
        expected_findings, expected_changes = findings_of(clean), changes_of(clean)
    finally:
        clean.dispose()

    url = private_postgres.fresh_database("recheck_restarted")
    engine = open_store(url)
    build_portfolio(engine, tmp_path / "restarted", organisations_count=4)
    run_id = start_run(engine, trigger="manual", full=True)
    assert run_id is not None
    with private_redis() as redis:
        workers = Workers(worker_env(redis.url, url, tmp_path / "home"), tmp_path)
        workers.start("w1")
        runner = CeleryRunner(
            engine, make_app(workers.env), chunk_size=3, poll=0.2, resend_after=3600
        )
        result: dict[str, Any] = {}
        thread = threading.Thread(target=lambda: result.update(run=runner.run(run_id)))
        try:
            thread.start()
            deadline = time.monotonic() + TIMEOUT
            while True:
                with engine.connect() as conn:
                    if run_row(conn, run_id)["chunks_done"] >= 2:
                        break
                assert time.monotonic() < deadline, workers.log("w1")
                time.sleep(0.05)
            private_postgres.stop()
            # Kept stopped until a chunk met the stopped server and the runner's own poll did
            # too: a restart quick enough to fall between two polls left the runner unaware.
            while (
                "Retry in" not in workers.log("w1") or "the store did not answer" not in caplog.text
            ):
                assert time.monotonic() < deadline, workers.log("w1")
                time.sleep(0.1)
            private_postgres.start()
            thread.join(TIMEOUT)
            assert not thread.is_alive(), workers.log("w1")
        finally:
            workers.stop_all()
            engine.dispose()
    run = result["run"]
    assert run["state"] == "done", run
    assert "the store did not answer" in caplog.text  # the runner waited for it too
    engine = open_store(url)
    try:
        assert run["findings"] == expected["findings"]
        assert findings_of(engine) == expected_findings
        assert changes_of(engine) == expected_changes
    finally:
        engine.dispose()
