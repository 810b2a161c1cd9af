"""`aicc serve` re-checks in a background thread what an import left for later: the real
command, on the store of its --home, answers requests while the run is done beside them."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.cli.main import app
from aicc.store.db import open_store
from tests.server.test_serve import AICC, _free_port
from tests.support.recheck_feeds import changes


def test_aicc_serve_runs_the_rechecks_an_import_left(tmp_path: Path) -> None:
    home = tmp_path / "home"
    runner = CliRunner()

    def aicc(*args: str) -> str:
        done = runner.invoke(app, ["--home", str(home), *args])
        assert done.exit_code == 0, done.stderr
        return done.stdout

    aicc("db", "import", "--sample")
    engine = open_store(f"sqlite:///{home / 'aicc.db'}")
    made = create_organisation(engine, name="Mercy Hospital", sector="hospital")
    who = Principal("tok_m", "admin", organisation_id=made["id"], organisation_name="Mercy")
    content = b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n"
    upload_inventory(engine, who, asset="portal", filename="requirements.txt", content=content)
    engine.dispose()
    osv, _kev = changes(tmp_path)
    aicc("db", "import", str(osv), "--no-recheck")
    token = json.loads(aicc("admin", "token", "create", "--center", "CISA", "--role", "analyst"))
    headers = {"Authorization": f"Bearer {token['token']}"}

    port = _free_port()
    server = subprocess.Popen(
        [str(AICC), "--home", str(home), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        runs: list[dict[str, object]] = []
        while not runs or runs[0]["state"] != "done":
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            assert time.monotonic() < deadline, f"no re-check done in 90 s: {runs}"
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/rechecks", headers=headers)
                runs = answer.json()["items"]
            except httpx.TransportError:
                pass  # not listening yet
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert runs[0]["trigger"] == "import"
    assert runs[0]["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 0}
