"""The hot routes send JSON they build themselves (the findings list, the portfolio summary and
the vulnerability view): what they send is what their response models describe, and with
``aicc serve --workers 2`` a write made by another process is seen by every worker at once."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from pydantic import BaseModel
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.server import schemas
from tests.server.conftest import Center, upload
from tests.server.test_api import APPLIANCES, SBOM

AICC = Path(sys.executable).with_name("aicc")


def _as_described(model: type[BaseModel], answer: httpx.Response) -> dict[str, Any]:
    """The answer's JSON, checked to be exactly what its response model makes of it."""
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    body: dict[str, Any] = answer.json()
    assert model.model_validate(body).model_dump(mode="json") == body
    return body


def test_the_hot_routes_send_what_their_models_describe(center: Center) -> None:
    _, name, token = center.organisation()
    with center.client(token) as client:
        assert upload(client, SBOM, asset="portal").status_code == 201
        assert upload(client, APPLIANCES, asset="devices").status_code == 201
        first = _as_described(schemas.FindingPage, client.get("/api/findings", params={"limit": 3}))
        assert len(first["items"]) == 3 and first["next_cursor"]
        following = client.get("/api/findings", params={"limit": 3, "cursor": first["next_cursor"]})
        assert _as_described(schemas.FindingPage, following)["items"][0] != first["items"][0]
        openapi = client.get("/openapi.json").json()
    with center.client(center.center_token("read-only")) as client:
        found = client.get("/api/portfolio/vulnerabilities/CVE-2023-49083")
        view = _as_described(schemas.Portfolio, found)
        assert name in {o["name"] for o in view["organizations"]}
        _as_described(schemas.PortfolioExposure, client.get("/api/portfolio/summary"))
    for path, model in (
        ("/api/findings", "FindingPage"),
        ("/api/portfolio/summary", "PortfolioExposure"),
        ("/api/portfolio/vulnerabilities/{vulnerability_id}", "Portfolio"),
    ):
        described = openapi["paths"][path]["get"]["responses"]["200"]["content"]
        assert described["application/json"]["schema"] == {"$ref": f"#/components/schemas/{model}"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _admin(home: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--home", str(home), "admin", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.lstrip().startswith("{") else result.stdout


def test_two_workers_see_a_write_of_another_process_at_once(tmp_path: Path) -> None:
    _admin(tmp_path, "org", "create", "Mercy", "--sector", "hospital", "--region", "Iowa")
    token = _admin(tmp_path, "token", "create", "--center", "CISA", "--role", "read-only")
    port = _free_port()
    server = subprocess.Popen(
        [str(AICC), "-q", "--home", str(tmp_path), "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "aicc serve --workers 2 did not answer in 60 s"
            time.sleep(0.1)
        headers = {"Authorization": f"Bearer {token['token']}"}

        def organisations() -> set[int]:
            """The count each of 20 new connections is told (the workers take turns)."""
            counts = set()
            for _ in range(20):
                with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
                    answer = client.get("/api/portfolio/summary")
                    assert answer.status_code == 200, answer.text
                    counts.add(answer.json()["totals"]["organizations"])
            return counts

        assert organisations() == {1}
        _admin(tmp_path, "org", "create", "First", "--sector", "bank", "--region", "Ohio")
        assert organisations() == {2}
        # a token narrowed after it is made: every worker's kept views hold it from now on
        _admin(tmp_path, "token", "grant", token["id"], "--sector", "bank")
        assert organisations() == {1}
    finally:
        server.terminate()
        server.wait(timeout=30)
