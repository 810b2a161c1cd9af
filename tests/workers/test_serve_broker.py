"""`aicc serve` on PostgreSQL with a Redis broker (issue 13): the server started with
AICC_DATABASE_URL and AICC_BROKER_URL=redis://127.0.0.1:PORT/N hands the re-check an import
left to a real `aicc worker` process, and the API shows the run done with what it found.

The Redis is a private ``redis-server`` on a free TCP port of 127.0.0.1 (the URL has the shape
of the machine's own, redis://127.0.0.1:6379/N, without sharing its queues with other tests).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.cli.main import app
from aicc.store.db import open_store
from tests.conftest import copy_postgres
from tests.server.test_serve import _free_port
from tests.support.celery_workers import AICC, PrivateRedis, Workers, worker_env
from tests.support.recheck_feeds import changes

DEADLINE = 60  # seconds for the server and the worker to finish the re-check


class TcpRedis(PrivateRedis):
    """The private ``redis-server`` listening on a free TCP port of 127.0.0.1, not a socket."""

    def __init__(self) -> None:
        super().__init__()
        self.port = _free_port()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/3"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the private redis-server did not start") from None
                time.sleep(0.05)


def _runs(port: int, headers: dict[str, str]) -> list[dict[str, Any]]:
    try:
        answer = httpx.get(f"http://127.0.0.1:{port}/api/rechecks", headers=headers, timeout=10)
    except httpx.TransportError:
        return []  # not listening yet
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def test_aicc_serve_hands_a_recheck_to_a_celery_worker(
    tmp_path: Path, postgres_url: str | None, sample_template: dict[str, str]
) -> None:
    if postgres_url is None:
        pytest.skip("AICC_TEST_DATABASE_URL is not set: this test needs PostgreSQL")
    url = copy_postgres(sample_template["postgresql"], f"{postgres_url}_servebroker")
    home = tmp_path / "home"
    engine = open_store(url)
    made = create_organisation(engine, name="Mercy Hospital", sector="hospital")
    who = Principal("tok_m", "admin", organisation_id=made["id"], organisation_name="Mercy")
    content = b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n"
    upload_inventory(engine, who, asset="portal", filename="requirements.txt", content=content)
    engine.dispose()

    redis = TcpRedis()
    redis.start()
    env = worker_env(redis.url, url, home)
    runner = CliRunner()

    def aicc(*args: str) -> str:
        done = runner.invoke(app, list(args), env=env)
        assert done.exit_code == 0, done.stderr
        return done.stdout

    osv, _kev = changes(tmp_path)
    aicc("db", "import", str(osv), "--no-recheck")  # leaves a re-check for the server
    token = json.loads(aicc("admin", "token", "create", "--center", "CISA", "--role", "analyst"))
    headers = {"Authorization": f"Bearer {token['token']}"}
    assert env["AICC_BROKER_URL"].startswith("redis://127.0.0.1:")

    workers = Workers(env, tmp_path)
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [AICC, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        runs = _runs(port, headers)
        deadline = time.monotonic() + 20
        while not runs:  # the server is up and has claimed the run: no worker takes it yet
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server did not answer in 20 s"
            time.sleep(0.2)
            runs = _runs(port, headers)
        time.sleep(2)
        assert _runs(port, headers)[0]["state"] in ("pending", "running")  # waits for a worker

        workers.start("w1")
        deadline = time.monotonic() + DEADLINE
        while runs[0]["state"] != "done":
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert runs[0]["state"] != "failed", runs[0]
            assert time.monotonic() < deadline, f"no re-check done in {DEADLINE} s: {runs}"
            time.sleep(0.3)
            runs = _runs(port, headers)
        latest = httpx.get(
            f"http://127.0.0.1:{port}/api/findings/rechecked/latest", headers=headers, timeout=10
        ).json()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
        server.wait(timeout=30)
        workers.stop_all()
        redis.close()
    worked = workers.log("w1")
    assert runs[0]["trigger"] == "import"
    assert runs[0]["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 0}
    assert runs[0]["progress"]["chunks_done"] == runs[0]["progress"]["chunks_total"] >= 1
    assert "aicc.recheck.chunk" in worked and "succeeded" in worked, worked
    assert latest["run"]["id"] == runs[0]["id"]
    assert sorted(f["change"] for f in latest["items"]) == ["closed", "closed", "new"]
