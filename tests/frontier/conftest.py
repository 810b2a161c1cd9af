"""Fixtures of the frontier tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from aicc.cli.main import app
from aicc.frontier.crypto import new_key
from tests.frontier.program_helpers import Invoke


@pytest.fixture
def frontier(tmp_path: Path, store_url: str) -> Invoke:
    """Run `aicc frontier ARGS` against an empty store, with an encryption key."""
    runner = CliRunner()
    env = {
        "AICC_HOME": str(tmp_path / "home"),
        "AICC_DATABASE_URL": store_url,
        "AICC_FRONTIER_KEY": new_key(),
        "AICC_ACTOR": None,
    }

    def invoke(*args: str, **extra: str) -> Result:
        return runner.invoke(app, ["frontier", *args], env={**env, **extra})

    return invoke
