"""`aicc` run in-process against a store holding the sample knowledge base."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from aicc.cli.main import app

Invoke = Callable[..., Result]


def sample_cli(tmp_path: Path, store_url: str, **env: str) -> Invoke:
    """A function running `aicc ARGS` with its own home and the given store (the
    `sample_store_url` fixture's, or one a test filled); `env` adds to its environment."""
    runner = CliRunner()
    full_env = {"AICC_HOME": str(tmp_path / "home"), "AICC_DATABASE_URL": store_url, **env}

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args), env=full_env)

    return invoke


@pytest.fixture
def aicc(tmp_path: Path, sample_store_url: str) -> Invoke:
    """Run `aicc ARGS` against a store holding the sample knowledge base."""
    return sample_cli(tmp_path, sample_store_url)
