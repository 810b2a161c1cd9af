"""The fixtures of the appliance CLI tests: `aicc` run in-process against a store holding the
appliance records (tests/match/appliance_records.py) or other records a test imports, and the
appliance list it scans.

Each is a fixture factory: a test module names its fixtures by assigning them, e.g.
``aicc = appliance_cli()`` and ``devices = devices_csv(DEVICES)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from sqlalchemy import Engine

from aicc.store.db import open_store
from aicc.store.importer import import_path
from tests.cli.conftest import Invoke, sample_cli
from tests.match.appliance_records import import_appliance_records

RecordsImport = Callable[[Engine, Path], None]


def appliance_cli(
    records: RecordsImport = import_appliance_records,
    *,
    files: Sequence[Path] = (),
    env: Mapping[str, str] | None = None,
) -> object:
    """A fixture running `aicc ARGS` with its own home against a migrated store (each backend)
    into which `records` imported its records, written in the test's ``records`` folder, then
    `files` were imported in order; `env` adds to the command's environment."""

    @pytest.fixture
    def aicc(tmp_path: Path, store_url: str) -> Invoke:
        engine = open_store(store_url)
        records(engine, tmp_path / "records")
        for path in files:
            import_path(engine, path)
        engine.dispose()
        return sample_cli(tmp_path, store_url, **(env or {}))

    return aicc


def devices_csv(text: str) -> object:
    """A fixture writing `text` to ``devices.csv`` in the test's folder and giving its path."""

    @pytest.fixture
    def devices(tmp_path: Path) -> Path:
        path = tmp_path / "devices.csv"
        path.write_text(text)
        return path

    return devices
