"""kill -9 at a random point of an import leaves a store that one more import makes equal to a
clean import: one transaction per file, and a migration that is all or nothing (issue 17)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func, select

from aicc.feeds.sample import sample_paths
from aicc.store import tables as t
from aicc.store.db import open_store
from aicc.store.importer import import_path
from tests.conftest import _reset_postgres

TABLES = (
    t.advisories,
    t.advisory_aliases,
    t.affected_packages,
    t.kev_entries,
    t.cve_records,
    t.epss_scores,
    t.nvd_cves,
)


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in TABLES
        }


def _import_everything(url: str) -> dict[str, int]:
    engine = open_store(url)
    for path in sample_paths():
        import_path(engine, path)
    counts = _counts(engine)
    engine.dispose()
    return counts


def test_kill_9_at_random_points_then_one_import_equals_a_clean_one(
    store_url: str, tmp_path: Path
) -> None:
    clean = _import_everything(f"sqlite:///{tmp_path / 'clean.db'}")
    assert clean["advisories"] and clean["cve_records"]
    chooser = random.Random(17)
    for trial in range(3):
        url = store_url
        if url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'trial-{trial}.db'}"
        else:
            url = _reset_postgres(url)
        child = subprocess.Popen(
            [sys.executable, "-m", "aicc.cli.main", "db", "import", "--sample", "-q"],
            env={**os.environ, "AICC_HOME": str(tmp_path / "home"), "AICC_DATABASE_URL": url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chooser.uniform(0.3, 2.0))  # start-up, migration or the middle of a file
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        assert _import_everything(url) == clean, f"trial {trial}"
