"""A real center: the server started with uvicorn on a free port of 127.0.0.1, over a store
holding the sample knowledge base, on SQLite and (when configured) PostgreSQL.

One store and one server per module and backend (importing the sample takes seconds); each test
makes its own organisations, under names no other test uses, so tests never see each other's
data. The PostgreSQL store is a database of its own beside the worker's test database: tests of
other modules on the same worker reset that one's schema between their tests.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from aicc.cli.main import app as cli_app
from aicc.core.settings import Settings
from aicc.server.app import create_app
from tests.conftest import BACKENDS, _reset_postgres, sample_copy

UPLOAD_LIMIT_MB = "0.25"  # small, so that the tests can pass it


def _own_database(url: str, suffix: str) -> str:
    """A database named after ``url``'s with ``suffix``, made when missing, schema emptied."""
    base = url.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"{base.rsplit('/', 1)[1]}_{suffix}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists.first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return _reset_postgres(f"{base.rsplit('/', 1)[0]}/{name}")


@dataclass
class Center:
    """A running center: its URL, the store it serves, and `aicc` run against that store."""

    url: str
    env: dict[str, str]

    def aicc(self, *args: str, input: str | None = None) -> Result:
        """`aicc ARGS` (in-process) against the center's store, ``input`` on its stdin."""
        return CliRunner().invoke(cli_app, list(args), env=self.env, input=input)

    def admin_json(self, *args: str) -> Any:
        result = self.aicc("admin", *args)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    def organisation(self, sector: str = "hospital", role: str = "admin") -> tuple[str, str, str]:
        """A new organisation and a token of it: (id, name, token)."""
        name = f"{sector.title()} {uuid.uuid4().hex[:8]}"
        made = self.admin_json("org", "create", name, "--sector", sector, "--region", "Iowa")
        token = self.admin_json("token", "create", "--org", name, "--role", role)["token"]
        return made["id"], name, token

    def center_token(self, role: str = "analyst", agency: str = "CISA") -> str:
        return str(self.admin_json("token", "create", "--center", agency, "--role", role)["token"])

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free port of 127.0.0.1 in a thread; yields its URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="module", params=BACKENDS)
def center(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
    sample_template: dict[str, str],
) -> Iterator[Center]:
    """A center serving a store with the sample knowledge base imported (a copy of the
    session's sample store, so each module has its own)."""
    home = tmp_path_factory.mktemp("center")
    url = sample_copy(
        sample_template, request.param, folder=home, postgres_url=postgres_url, suffix="center"
    )
    env = {"AICC_HOME": str(home), "AICC_DATABASE_URL": url, "AICC_MAX_UPLOAD_MB": UPLOAD_LIMIT_MB}
    app = create_app(Settings.from_env(env), env)
    try:
        with serve(app) as base_url:
            yield Center(base_url, env)
    finally:
        app.state.center.engine.dispose()


def upload(
    client: httpx.Client, path: Path, *, asset: str, name: str | None = None, **form: str
) -> httpx.Response:
    """POST /api/inventories with the file at ``path`` (under ``name``) for ``asset``."""
    files = {"file": (name or path.name, path.read_bytes(), "application/octet-stream")}
    return client.post("/api/inventories", data={"asset": asset, **form}, files=files)
