"""`aicc worker` and the commands that hand re-checks to it (issue 15): with AICC_BROKER_URL
set, `aicc center recheck` sends the run to a real worker on a private Redis and prints it done;
`aicc worker status` shows the runs in progress and the workers seen; `aicc worker --beat`
sends the notifications that are due; a broker restarted
without its queue mid-run loses nothing (the runner sends the pending chunks again); a missing
or wrong broker URL is one clear error.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from aicc.center.notifications import make_event, notify
from aicc.center.recheck import run_row, start_run
from aicc.center.recheck_runner import InProcessRunner
from aicc.cli.main import app
from aicc.store.db import open_store
from aicc.workers.app import make_app
from aicc.workers.runner import CeleryRunner
from tests.center.notify_support import add_organisation, add_subscription, webhook_receiver
from tests.support.celery_workers import (
    AICC,
    Workers,
    build_portfolio,
    changes_of,
    findings_of,
    private_redis,
    second_store_url,
    worker_env,
)

TIMEOUT = 300
KEV = {"finding_id": "fnd_1", "vulnerability_id": "CVE-2024-3400", "asset": "edge-firewall"}


def _aicc(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AICC, *args], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def test_a_recheck_goes_to_the_worker_and_status_shows_it(
    engine: Engine, store_url: str, tmp_path: Path
) -> None:
    build_portfolio(engine, tmp_path, organisations_count=2)
    waiting = start_run(engine, trigger="manual")  # claims the update: pending, no runner yet
    assert waiting is not None
    with private_redis() as redis:
        env = worker_env(redis.url, store_url, tmp_path / "home")
        workers = Workers(env, tmp_path)
        try:
            shown = _aicc(env, "worker", "status", "--format", "json")
            assert shown.returncode == 0, shown.stderr
            status = json.loads(shown.stdout)
            assert status["workers"] == []
            [run] = status["runs"]
            assert (run["id"], run["state"], run["progress"]["chunks_total"]) == (
                waiting,
                "pending",
                None,
            )
            assert "no worker answered" in _aicc(env, "worker", "status").stdout

            workers.start("w1")
            done = _aicc(env, "center", "recheck", "--format", "json")
            assert done.returncode == 0, done.stderr + workers.log("w1")
            [run] = json.loads(done.stdout)["rechecks"]
            assert run["id"] == waiting and run["state"] == "done"
            assert run["findings"]["new"] == 1 and run["findings"]["redecided"] == 4
            # the new finding in KEV, and the four found before whose CVE joined KEV
            assert run["new_exploited"] == 5
            assert "aicc.recheck.chunk[" in workers.log("w1")  # the worker did it

            status = json.loads(_aicc(env, "worker", "status", "--format", "json").stdout)
            assert status["runs"] == []
            assert [w["name"] for w in status["workers"]] == [f"w1@{socket.gethostname()}"]
        finally:
            workers.stop_all()


def test_a_broker_restarted_mid_run_without_its_queue_loses_nothing(
    engine: Engine, store_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="aicc.workers.runner")
    clean = open_store(second_store_url(store_url, tmp_path))
    try:
        build_portfolio(clean, tmp_path / "clean", organisations_count=4)
        clean_id = start_run(clean, trigger="manual", full=True)
        assert clean_id is not None
        expected = InProcessRunner(clean).run(clean_id)
        expected_findings, expected_changes = findings_of(clean), changes_of(clean)
    finally:
        clean.dispose()

    build_portfolio(engine, tmp_path / "restarted", organisations_count=4)
    run_id = start_run(engine, trigger="manual", full=True)
    assert run_id is not None
    with private_redis() as redis:
        env = worker_env(redis.url, store_url, tmp_path / "home")
        workers = Workers(env, tmp_path)
        workers.start("w1")
        runner = CeleryRunner(engine, make_app(env), chunk_size=3, poll=0.2, resend_after=5)
        result: dict[str, Any] = {}
        thread = threading.Thread(target=lambda: result.update(run=runner.run(run_id)))
        try:
            thread.start()
            deadline = time.monotonic() + TIMEOUT
            while _done(engine, run_id) < 2:
                assert time.monotonic() < deadline, workers.log("w1")
                time.sleep(0.05)
            redis.stop()  # no persistence: the queued chunks are gone
            time.sleep(1)
            redis.start()
            thread.join(TIMEOUT)
            assert not thread.is_alive(), workers.log("w1")
        finally:
            workers.stop_all()
    run = result["run"]
    assert run["state"] == "done", run
    assert "its pending chunks are sent again" in caplog.text
    assert run["findings"] == expected["findings"]
    assert findings_of(engine) == expected_findings
    assert changes_of(engine) == expected_changes


def _done(engine: Engine, run_id: str) -> int:
    with engine.connect() as conn:
        return int(run_row(conn, run_id)["chunks_done"])


def test_a_missing_or_wrong_broker_is_one_clear_error(tmp_path: Path) -> None:
    runner = CliRunner()
    home = {"AICC_HOME": str(tmp_path)}
    missing = runner.invoke(app, ["worker", "status"], env=home | {"AICC_BROKER_URL": ""})
    assert missing.exit_code == 2
    assert "AICC_BROKER_URL is not set" in missing.output
    wrong = runner.invoke(app, ["worker"], env=home | {"AICC_BROKER_URL": "ftp://host/x"})
    assert wrong.exit_code == 2
    assert "AICC_BROKER_URL: 'ftp' is not a broker AICC uses" in wrong.output
    slow = runner.invoke(
        app,
        ["worker", "status"],
        env=home | {"AICC_BROKER_URL": "redis://x", "AICC_BROKER_VISIBILITY_TIMEOUT": "soon"},
    )
    assert slow.exit_code == 2
    assert "AICC_BROKER_VISIBILITY_TIMEOUT must be a number of seconds: 'soon'" in slow.output


def test_a_worker_with_beat_sends_the_notifications_that_are_due(
    store_url: str, tmp_path: Path
) -> None:
    engine = open_store(store_url)
    add_organisation(engine, "org_mercy", "Mercy")
    with webhook_receiver() as receiver, private_redis() as redis:
        add_subscription(engine, "sub_hook", "org_mercy", target=receiver.url)
        notify(engine, make_event("new_kev_finding", "org_mercy", **KEV))
        env = worker_env(
            redis.url,
            store_url,
            tmp_path / "home",
            AICC_DELIVERY_INTERVAL="1",
            AICC_WEBHOOK_DENY="10.0.0.0/8",  # the receiver is on 127.0.0.1
        )
        workers = Workers(env, tmp_path)
        try:
            workers.start_with("w1", "--beat")
            deadline = time.monotonic() + 120
            while not receiver.accepted:
                assert time.monotonic() < deadline, workers.log("w1")
                time.sleep(0.2)
        finally:
            workers.stop_all()
    engine.dispose()
    assert len(receiver.accepted) == 1


def test_a_chunk_that_fails_fails_its_run_with_the_reason_and_a_retry_finishes_it(
    engine: Engine, store_url: str, tmp_path: Path
) -> None:
    build_portfolio(engine, tmp_path, organisations_count=2)
    run_id = start_run(engine, trigger="manual")
    assert run_id is not None
    with private_redis() as redis:
        env = worker_env(redis.url, store_url, tmp_path / "home")
        workers = Workers(env, tmp_path)
        workers.start("w1")
        try:
            celery = make_app(env)
            celery.send_task("aicc.recheck.chunk", args=(run_id, 999))  # no such chunk
            deadline = time.monotonic() + TIMEOUT
            while (failed := _state(engine, run_id))[0] != "failed":
                assert time.monotonic() < deadline, workers.log("w1")
                time.sleep(0.1)
            assert failed[1] == (
                f"chunk 999 on a worker: NotFound: re-check {run_id!r}: no chunk 999"
            )
            run = CeleryRunner(engine, celery, poll=0.2).run(run_id)  # as --retry-failed does
        finally:
            workers.stop_all()
    assert run["state"] == "done" and run["reason"] is None
    assert run["findings"]["new"] == 1


def _state(engine: Engine, run_id: str) -> tuple[str, str | None]:
    with engine.connect() as conn:
        row = run_row(conn, run_id)
    return str(row["state"]), row["reason"]
