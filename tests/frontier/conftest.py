"""Fixtures of the frontier tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from aicc.cli.main import app
from aicc.frontier.crypto import KEY_VARIABLE, new_key
from tests.frontier.program_helpers import Invoke


@pytest.fixture(autouse=True)
def program_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """A program key in the environment: every audit entry is keyed with it (the CLI fixture
    below gives each command its own)."""
    key = new_key()
    monkeypatch.setenv(KEY_VARIABLE, key)
    return key


@pytest.fixture
def frontier(tmp_path: Path, store_url: str) -> Invoke:
    """Run `aicc frontier ARGS` against an empty store, with an encryption key."""
    runner = CliRunner()
    env = {
        "AICC_HOME": str(tmp_path / "home"),
        "AICC_DATABASE_URL": store_url,
        "AICC_FRONTIER_KEY": new_key(),
        "AICC_ACTOR": "admin:ada",  # the CLI has no default actor: the tests say who acts
    }

    def invoke(*args: str, **extra: str) -> Result:
        return runner.invoke(app, ["frontier", *args], env={**env, **extra})

    return invoke
