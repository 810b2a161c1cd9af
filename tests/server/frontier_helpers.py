"""A center serving the frontier program for the server's frontier tests: a real uvicorn
server over a real store (SQLite, and PostgreSQL when configured), two labs and a partner
registered by the center, an organisation outside the program, and tokens of each kind of
caller; people logged in through the login page for the page tests."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from typer.testing import CliRunner

from aicc.cli.main import app as cli_app
from aicc.core.settings import Settings
from aicc.frontier.crypto import KEY_VARIABLE, new_key
from aicc.server.app import create_app
from tests.server.conftest import _own_database, serve

SUBMITTED = "2026-04-01"  # the window of a 2026-06-01 release opens on 2026-05-02
DURING = "2026-05-10"
PASSWORD = "correct horse battery staple"


@dataclass
class Program:
    """A center serving the frontier program, and tokens of each kind of caller."""

    url: str
    env: dict[str, str]
    tokens: dict[str, str]

    def aicc(self, *args: str) -> Any:
        result = CliRunner().invoke(cli_app, list(args), env=self.env)
        assert result.exit_code == 0, result.output
        return result

    def client(self, who: str) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120)


def _token(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(cli_app, ["admin", "token", "create", *args], env=env)
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["token"])


@contextmanager
def serve_program(
    backend: str, home: Path, postgres_url: str | None, suffix: str
) -> Iterator[Program]:
    """Two labs and a partner registered by the center, each an organisation (sector other)
    under the same name, and an organisation outside the program (General Hospital); the
    PostgreSQL store is a database of its own named with ``suffix``."""
    if backend == "sqlite":
        url = f"sqlite:///{home / 'aicc.db'}"
    else:
        assert postgres_url is not None
        url = _own_database(postgres_url, suffix)
    env = {
        "AICC_HOME": str(home),
        "AICC_DATABASE_URL": url,
        KEY_VARIABLE: new_key(),
        "AICC_ACTOR": "admin:ada",
    }
    runner = CliRunner()
    for args in (
        ["frontier", "developer", "add", "Lab A"],
        ["frontier", "developer", "add", "Lab B"],
        ["frontier", "partners", "add", "Red Team"],
    ):
        done = runner.invoke(cli_app, args, env=env)
        assert done.exit_code == 0, done.output
    tokens = {}
    for name in ("Lab A", "Lab B", "Red Team", "General Hospital"):
        sector = "hospital" if name == "General Hospital" else "other"
        made = runner.invoke(cli_app, ["admin", "org", "create", name, "--sector", sector], env=env)
        assert made.exit_code == 0, made.output
        tokens[name] = _token(env, "--org", name, "--role", "member")
    for role in ("analyst", "admin", "read-only"):
        tokens[role] = _token(env, "--center", "CISA", "--role", role)
    app = create_app(Settings.from_env(env), env)
    try:
        with serve(app) as base_url:
            yield Program(base_url, env, tokens)
    finally:
        app.state.center.engine.dispose()


def submit(program: Program, lab: str, model: str, release: str = "2026-06-01") -> str:
    """A lab's submission through the API (on SUBMITTED); its id."""
    with program.client(lab) as client:
        made = client.post(
            "/api/frontier/submissions",
            params={"as_of": SUBMITTED},
            json={
                "model": model,
                "version": "1.0",
                "release_date": release,
                "inspect_model": "mockllm/model",
                "declarations": {"cyber_capability_level": {"framework": "RSP", "level": "ASL-2"}},
            },
        )
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["submission"]["developer"] == lab and body["state"] == "scheduled"
    return str(body["submission"]["id"])


def audit_entries(program: Program) -> list[dict[str, Any]]:
    """The program's audit log, as `aicc frontier audit list --format json` shows it."""
    return list(json.loads(program.aicc("frontier", "audit", "list", "--format", "json").stdout))


def finished(client: httpx.Client, ref: str, evaluation_id: str) -> dict[str, Any]:
    """The evaluation once it is no longer running (within two minutes)."""
    deadline = time.monotonic() + 120
    while True:
        listed = client.get(f"/api/frontier/submissions/{ref}/evaluations")
        assert listed.status_code == 200, listed.text
        (found,) = [e for e in listed.json() if e["id"] == evaluation_id]
        if found["state"] != "running":
            assert found["state"] == "finished", found["error"]
            return dict(found)
        assert time.monotonic() < deadline, "the evaluation is still running"
        time.sleep(0.2)


def new_person(program: Program, org: str | None = None, center: str | None = None) -> str:
    """A new person of organisation ``org``, or of the center as ``center`` (a role: analyst,
    admin, read-only), with the password PASSWORD; their e-mail address."""
    email = f"frontier-{uuid.uuid4().hex[:8]}@example.org"
    where = ["--org", org, "--role", "member"] if org else ["--center", "CISA", "--role", center]
    made = CliRunner().invoke(
        cli_app,
        ["admin", "user", "create", email, *[w for w in where if w is not None]],
        env=program.env,
        input=PASSWORD,
    )
    assert made.exit_code == 0, made.output
    return email


@contextmanager
def logged_in(
    program: Program, org: str | None = None, center: str | None = None
) -> Iterator[httpx.Client]:
    """A browser-like client logged in through the login page as a `new_person`."""
    email = new_person(program, org, center)
    with httpx.Client(base_url=program.url, timeout=60) as client:
        form = client.get("/login")
        done = client.post(
            "/login", data={"email": email, "password": PASSWORD, "csrf": csrf_of(form.text)}
        )
        assert done.status_code == 303, done.text
        yield client


def csrf_of(html: str) -> str:
    """The CSRF token a page's form carries."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the form carries no CSRF token"
    return found.group(1)
