"""Migration 0006 on a store that already holds CVE and KEV data: the catalogue is built from
it, and the next import reads every CVE record again to fill in the platforms."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select

from aicc.store import tables as t
from aicc.store.catalogue import catalogue_size
from aicc.store.db import MIGRATIONS, migrate
from aicc.store.importer import import_path
from tests.match.appliance_records import import_appliance_records


def _alembic(engine: Engine, *, down_to: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, down_to)


def test_upgrading_a_filled_store_builds_the_catalogue(engine: Engine, tmp_path: Path) -> None:
    import_appliance_records(engine, tmp_path)
    _alembic(engine, down_to="0005")
    migrate(engine)
    with engine.connect() as conn:
        assert catalogue_size(conn) > 0
        digests = set(conn.execute(select(t.cve_records.c.digest)).scalars())
    assert digests == {""}  # every record is read again at the next import
    summary = import_path(engine, tmp_path / "cves", source="cve")
    assert summary.counts.updated == summary.counts.added + summary.counts.updated > 0
    with engine.connect() as conn:
        platforms = (
            conn.execute(
                select(t.cve_affected.c.platforms).where(t.cve_affected.c.cve_id == "CVE-2024-4577")
            )
            .scalars()
            .all()
        )
    assert ["Windows"] in platforms
