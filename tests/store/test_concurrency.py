"""Imports at the same time: no lost update, no race on a fresh store, a busy store that says so
and waits (issue 17). On SQLite and, when configured, PostgreSQL.

Each import runs on its own engine (its own connections), as two `aicc db import` processes
would; an ``on_start`` hook that sleeps holds the first one inside its transaction long enough
for the second to try.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from aicc.store import tables as t
from aicc.store.db import open_store
from aicc.store.importer import ImportSummary, import_path
from aicc.store.locks import StoreBusy, writing
from aicc.store.records import ImportCounts


def _advisory(folder: Path, name: str, modified: str, summary: str) -> Path:
    path = folder / name / "GHSA-aaaa-bbbb-cccc.json"
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "schema_version": "1.6.0",
                "id": "GHSA-aaaa-bbbb-cccc",
                "modified": modified,
                "summary": summary,
                "affected": [
                    {
                        "package": {"ecosystem": "PyPI", "name": "flask"},
                        "ranges": [
                            {
                                "type": "ECOSYSTEM",
                                "events": [{"introduced": "0"}, {"fixed": "2.3.2"}],
                            }
                        ],
                    }
                ],
            }
        )
    )
    return path


def _together(*jobs: Any) -> list[Any]:
    """Run the jobs in threads started at once; their results (or exceptions) in order."""
    results: list[Any] = [None] * len(jobs)

    def run(index: int) -> None:
        try:
            results[index] = jobs[index]()
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def _stored_summary(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(select(t.advisories.c.summary)).scalar_one())


@pytest.mark.parametrize("older_first", [True, False])
def test_two_imports_at_once_keep_the_newer_record(
    store_url: str, tmp_path: Path, older_first: bool
) -> None:
    older = _advisory(tmp_path, "old", "2024-01-01T00:00:00Z", "the older text")
    newer = _advisory(tmp_path, "new", "2024-06-01T00:00:00Z", "the newer text")
    open_store(store_url).dispose()  # the schema first: that race has a test of its own

    def slow_import(path: Path) -> ImportSummary:
        engine = open_store(store_url)
        try:
            return import_path(engine, path, on_start=lambda *_: time.sleep(0.5))
        finally:
            engine.dispose()

    first, second = (older, newer) if older_first else (newer, older)
    results = _together(lambda: slow_import(first), lambda: slow_import(second))
    assert all(isinstance(r, ImportSummary) for r in results), results
    engine = open_store(store_url)
    assert _stored_summary(engine) == "the newer text"
    engine.dispose()
    counts: dict[str, ImportCounts] = {r.path: r.counts for r in results}
    by_file = {path: (c.added, c.updated, c.older) for path, c in counts.items()}
    # whichever wrote first added it; the newer one then replaced it, or the older one was
    # kept out: never both "added", never the older one replacing the newer
    assert sorted(by_file.values()) in (
        [(0, 1, 0), (1, 0, 0)],  # older first, newer updated
        [(0, 0, 1), (1, 0, 0)],  # newer first, older kept out
    )
    if by_file[str(older)] == (0, 1, 0):
        pytest.fail("the older record replaced the newer one")


def test_two_first_imports_into_a_fresh_store_both_succeed(store_url: str, tmp_path: Path) -> None:
    """Two processes that each open (and so create) the store and import into it."""
    files = [
        _advisory(tmp_path, "a", "2024-01-01T00:00:00Z", "a"),
        _advisory(tmp_path, "b", "2024-06-01T00:00:00Z", "b"),
    ]

    def first_run(path: Path) -> ImportSummary:
        engine = open_store(store_url)
        try:
            return import_path(engine, path)
        finally:
            engine.dispose()

    results = _together(*(lambda p=p: first_run(p) for p in files))
    assert all(isinstance(r, ImportSummary) for r in results), results
    engine = open_store(store_url)
    assert _stored_summary(engine) == "b"
    engine.dispose()


def test_a_busy_store_says_so_waits_and_gives_up_at_the_timeout(
    store_url: str, tmp_path: Path
) -> None:
    path = _advisory(tmp_path, "a", "2024-01-01T00:00:00Z", "a")
    holder = open_store(store_url)
    told: list[str] = []
    with writing(holder):  # another import holds the store
        started = time.monotonic()
        other = open_store(store_url)
        with pytest.raises(StoreBusy, match="store busy: another import held it for over 1 s"):
            import_path(other, path, busy_timeout=1.0, on_busy=lambda: told.append("waiting"))
        waited = time.monotonic() - started
    assert told == ["waiting"]  # told once, not on every retry
    assert waited >= 1.0
    # once the other import is done, the same call goes through
    assert import_path(other, path, busy_timeout=1.0).counts.added == 1
    other.dispose()
    holder.dispose()


def test_a_scan_reads_while_an_import_writes(store_url: str, tmp_path: Path) -> None:
    """Readers do not wait for the write lock (SQLite's WAL, PostgreSQL's MVCC)."""
    path = _advisory(tmp_path, "a", "2024-01-01T00:00:00Z", "a")
    engine = open_store(store_url)
    import_path(engine, path)
    with writing(engine):
        started = time.monotonic()
        reader = open_store(store_url)
        assert _stored_summary(reader) == "a"
        assert time.monotonic() - started < 5
        reader.dispose()
    engine.dispose()
