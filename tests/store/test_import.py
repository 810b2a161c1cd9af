"""Importing into the store, on SQLite and PostgreSQL: idempotent, newer wins, all or nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, Table, func, select, text

from aicc.core.errors import FeedError, StoreError
from aicc.feeds.sample import SAMPLE, sample_paths
from aicc.store import records
from aicc.store import tables as t
from aicc.store.db import open_store
from aicc.store.importer import import_path
from aicc.store.knowledge import knowledge_status, related_ids

OSV = SAMPLE / "osv"


def _count(engine: Engine, table: Table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _snapshot(engine: Engine, *, bookkeeping: bool = True) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (less the import log unless ``bookkeeping``), to compare."""
    tables = [
        table
        for table in t.metadata.sorted_tables
        if bookkeeping or table.name not in {"sync_state", "fetch_state"}
    ]
    with engine.connect() as conn:
        return {
            table.name: sorted(map(tuple, conn.execute(select(*table.c))), key=repr)
            for table in tables
        }


def test_sample_imports_with_counts_equal_to_the_files(engine: Engine) -> None:
    summaries = [import_path(engine, p) for p in sample_paths()]
    assert [s.source for s in summaries] == ["osv", "cve", "kev"]
    assert summaries[0].counts.added == len(list(OSV.glob("*.json")))
    assert summaries[1].counts.added == len(list((SAMPLE / "cve").rglob("*.json")))
    kev = json.loads((SAMPLE / "known_exploited_vulnerabilities.json").read_text())
    assert summaries[2].counts.added == len(kev["vulnerabilities"])
    with engine.connect() as conn:
        status = knowledge_status(conn)
    assert status["osv"]["records"] == summaries[0].counts.added
    assert status["osv"]["ecosystems"] == {"Go": 6, "PyPI": 26}
    assert status["kev"]["records"] == len(kev["vulnerabilities"])
    assert status["kev"]["catalog_version"] == "2025.08.25"


def test_reimport_changes_nothing(engine: Engine) -> None:
    for path in sample_paths():
        import_path(engine, path)
    before = _snapshot(engine, bookkeeping=False)
    again = [import_path(engine, p) for p in sample_paths()]
    assert all(not s.counts.changed for s in again)
    assert [s.counts.unchanged for s in again] == [32, 22, 19]
    assert _snapshot(engine, bookkeeping=False) == before


def _write_record(folder: Path, record: dict[str, object]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{record['id']}.json").write_text(json.dumps(record))


def test_newer_modified_wins_and_older_is_kept_out(engine: Engine, tmp_path: Path) -> None:
    record = json.loads((OSV / "GO-2022-0969.json").read_text())
    record["modified"] = "2024-01-01T00:00:00Z"
    _write_record(tmp_path / "v1", record)
    import_path(engine, tmp_path / "v1")

    newer = {
        **record,
        "modified": "2024-06-01T00:00:00Z",
        "summary": "updated summary",
        "affected": record["affected"][:1],
    }
    _write_record(tmp_path / "v2", newer)
    summary = import_path(engine, tmp_path / "v2")
    assert (summary.counts.updated, summary.counts.added) == (1, 0)
    assert _count(engine, t.affected_packages) == 1  # the old child rows went with the old record

    older = {**record, "modified": "2023-01-01T00:00:00Z", "summary": "stale"}
    _write_record(tmp_path / "v3", older)
    summary = import_path(engine, tmp_path / "v3")
    assert summary.counts.older == 1
    with engine.connect() as conn:
        stored = conn.execute(select(t.advisories.c.summary)).scalar_one()
    assert stored == "updated summary"


def test_same_modified_different_content_replaces(engine: Engine, tmp_path: Path) -> None:
    """Go's vulndb publishes every record with modified 0001-01-01: content decides."""
    record = json.loads((OSV / "GO-2022-0969.json").read_text())
    _write_record(tmp_path / "a", record)
    import_path(engine, tmp_path / "a")
    _write_record(tmp_path / "b", {**record, "summary": "corrected"})
    assert import_path(engine, tmp_path / "b").counts.updated == 1


def test_withdrawn_advisories_are_kept_and_marked(engine: Engine, tmp_path: Path) -> None:
    record = json.loads((OSV / "PYSEC-2023-74.json").read_text())
    _write_record(tmp_path, {**record, "withdrawn": "2024-05-01T00:00:00Z"})
    import_path(engine, tmp_path)
    with engine.connect() as conn:
        assert knowledge_status(conn)["osv"]["withdrawn"] == 1
        assert conn.execute(select(t.advisories.c.withdrawn)).scalar_one() is not None


def test_a_failing_file_leaves_the_store_exactly_as_it_was(
    engine: Engine, tmp_path: Path, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_path(engine, SAMPLE / "known_exploited_vulnerabilities.json")
    before = _snapshot(engine)
    # A zip whose first members are good and whose last member is corrupt; with a batch of one
    # record the good ones are already written inside the transaction when the corrupt one is read.
    monkeypatch.setattr(records, "BATCH", 1)
    good = (fixtures / "osv.all.zip").read_bytes()
    broken = tmp_path / "broken.zip"
    shutil.copy(fixtures / "osv.all.zip", broken)
    data = bytearray(good)
    last = data.rfind(b"PK\x03\x04")
    data[last + 60 : last + 90] = b"\x00" * 30  # damage the last member's compressed bytes
    broken.write_bytes(bytes(data))
    with pytest.raises(FeedError, match="corrupt zip member") as caught:
        import_path(engine, broken, source="osv")
    assert caught.value.location == "PYSEC-2024-24.json"
    assert _snapshot(engine) == before
    assert _count(engine, t.advisories) == 0


def test_bad_records_are_counted_the_rest_imported(engine: Engine, fixtures: Path) -> None:
    summary = import_path(engine, fixtures / "kev.bad-entry.json")
    assert (summary.counts.added, len(summary.skipped)) == (2, 1)
    assert summary.as_dict()["skipped_records"][0]["location"] == "vulnerabilities[1]"


def test_snapshot_sources_drop_entries_missing_from_a_newer_catalogue(
    engine: Engine, tmp_path: Path
) -> None:
    catalogue = json.loads((SAMPLE / "known_exploited_vulnerabilities.json").read_text())
    (tmp_path / "full.json").write_text(json.dumps(catalogue))
    import_path(engine, tmp_path / "full.json")
    catalogue["vulnerabilities"] = catalogue["vulnerabilities"][1:]
    (tmp_path / "less.json").write_text(json.dumps(catalogue))
    summary = import_path(engine, tmp_path / "less.json")
    assert summary.counts.removed == 1
    assert _count(engine, t.kev_entries) == len(catalogue["vulnerabilities"])


def test_epss_older_file_does_not_replace_newer_scores(
    engine: Engine, fixtures: Path, tmp_path: Path
) -> None:
    import_path(engine, fixtures / "epss.sample.csv")
    older = (fixtures / "epss.sample.csv").read_text().replace("2025-08-25", "2025-08-01")
    older = older.replace("0.94335", "0.5")
    (tmp_path / "older.csv").write_text(older)
    summary = import_path(engine, tmp_path / "older.csv")
    assert (summary.counts.older, summary.counts.removed, summary.counts.updated) == (3, 0, 0)
    with engine.connect() as conn:
        score = conn.execute(
            select(t.epss_scores.c.epss).where(t.epss_scores.c.cve_id == "CVE-2024-3400")
        ).scalar_one()
    assert score == pytest.approx(0.94335)


def test_aliases_are_queryable_both_ways(engine: Engine) -> None:
    import_path(engine, OSV)
    with engine.connect() as conn:
        assert related_ids(conn, "CVE-2022-27664") == ["GHSA-69cg-p879-7622", "GO-2022-0969"]
        assert related_ids(conn, "GO-2022-0969") == ["CVE-2022-27664", "GHSA-69cg-p879-7622"]
        assert related_ids(conn, "GHSA-69cg-p879-7622") == ["CVE-2022-27664", "GO-2022-0969"]
        assert related_ids(conn, "CVE-0000-0000") == []


def test_nvd_pages_import(engine: Engine, fixtures: Path) -> None:
    summary = import_path(engine, fixtures / "nvd.page.json")
    assert summary.source == "nvd" and summary.counts.added == 2
    assert _count(engine, t.nvd_cpe_matches) == 4


def test_a_store_from_a_newer_version_is_refused_clearly(store_url: str) -> None:
    engine = open_store(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(store_url)


def test_a_database_error_becomes_a_store_error_naming_the_file(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE kev_entries"))
    with pytest.raises(
        StoreError, match=r"known_exploited_vulnerabilities\.json: the store refused"
    ):
        import_path(engine, SAMPLE / "known_exploited_vulnerabilities.json")


def test_a_record_too_deep_to_store_is_skipped_not_fatal(engine: Engine, tmp_path: Path) -> None:
    record = json.loads((OSV / "PYSEC-2023-74.json").read_text())
    deep: object = []
    for _ in range(300):
        deep = [deep]
    _write_record(tmp_path, {**record, "id": "PYSEC-DEEP", "database_specific": {"x": deep}})
    _write_record(tmp_path, record)
    summary = import_path(engine, tmp_path)
    assert summary.counts.added == 1
    assert [s.location for s in summary.skipped] == ["PYSEC-DEEP.json"]


def test_head_revision_constant_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from aicc.store.db import HEAD_REVISION, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_upgrading_to_0002_rereads_cve_records_on_the_next_import(tmp_path: Path) -> None:
    """A store imported before 0002 gets the new columns filled by importing the same files."""
    from alembic import command
    from alembic.config import Config

    from aicc.store import tables as t
    from aicc.store.db import MIGRATIONS, create_engine_for, open_store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine_for(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with old.begin() as conn:  # a record as 0001 stored it: no workarounds column yet
        conn.exec_driver_sql(
            "INSERT INTO cve_records (cve_id, state, digest) VALUES ('CVE-2024-3400', "
            "'PUBLISHED', 'stale-but-unchanged')"
        )
    old.dispose()
    engine = open_store(url)
    with engine.connect() as conn:
        assert conn.execute(select(t.cve_records.c.digest)).scalar_one() == ""
    import_path(engine, SAMPLE / "cve" / "2024" / "3xxx" / "CVE-2024-3400.json")
    with engine.connect() as conn:
        workarounds = conn.execute(select(t.cve_records.c.workarounds)).scalar_one()
    assert workarounds and workarounds[0].startswith("Recommended Mitigation")
