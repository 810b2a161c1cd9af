"""The server's shared, off-loop reads of the store's marker (`aicc.server.markers`, issue 13).

Requests that arrive together share one read, the event loop is free while it runs, and a
request never gets a marker read before it arrived: a write committed before a request is seen
by it, which is what keeps the server's kept answers fresh.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from aicc.center import create_organisation
from aicc.server import markers
from aicc.server.app import create_app
from aicc.server.collector import YOUNGEST
from aicc.server.markers import MarkerReads, read_marker


def _counting(
    monkeypatch: pytest.MonkeyPatch, pause: float = 0.0
) -> list[tuple[float, str | None]]:
    """Patch the module's read so that each one is recorded (its start) and takes ``pause``
    after it read the marker (its answer is as old as its start)."""
    reads: list[tuple[float, str | None]] = []

    def slow(engine: Engine) -> str | None:
        started = time.monotonic()
        found = read_marker(engine)
        time.sleep(pause)
        reads.append((started, found))
        return found

    monkeypatch.setattr(markers, "read_marker", slow)
    return reads


def test_requests_arriving_together_share_a_read(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _counting(monkeypatch, pause=0.05)
    shared = MarkerReads(engine, inline=False)

    async def fifty() -> list[str | None]:
        return await asyncio.gather(*(shared.read() for _ in range(50)))

    got = asyncio.run(fifty())
    assert len(set(got)) == 1 and got[0] == read_marker(engine)
    assert len(reads) <= 2  # the first caller's read, then one for all who came during it


def test_a_request_never_gets_a_marker_read_before_it_arrived(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _counting(monkeypatch, pause=0.2)
    shared = MarkerReads(engine, inline=False)

    async def scenario() -> tuple[str | None, str | None, float]:
        early = asyncio.ensure_future(shared.read())
        await asyncio.sleep(0.05)  # the early read is under way, and has read nothing yet...
        await asyncio.to_thread(create_organisation, engine, name="Written", sector="bank")
        arrived = time.monotonic()  # ... when a write commits and then a request arrives
        late = await shared.read()
        return await early, late, arrived

    early, late, arrived = asyncio.run(scenario())
    assert late == read_marker(engine) != early  # it sees the write
    assert [started >= arrived for started, _ in reads] == [False, True]


def test_the_event_loop_is_free_while_a_read_runs(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _counting(monkeypatch, pause=0.3)
    shared = MarkerReads(engine, inline=False)

    async def scenario() -> int:
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticking = asyncio.ensure_future(tick())
        await shared.read()
        ticking.cancel()
        return ticks

    assert asyncio.run(scenario()) >= 10  # a read held on the loop would allow none


def test_a_failed_read_fails_every_request_waiting_and_the_next_read_is_made(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures = iter([True])
    real = read_marker

    def flaky(engine: Engine) -> str | None:
        time.sleep(0.05)
        if next(failures, False):
            raise ConnectionError("the database went away")
        return real(engine)

    monkeypatch.setattr(markers, "read_marker", flaky)
    shared = MarkerReads(engine, inline=False)

    async def scenario() -> list[str | BaseException | None]:
        return await asyncio.gather(*(shared.read() for _ in range(5)), return_exceptions=True)

    first = asyncio.run(scenario())
    assert isinstance(first[0], ConnectionError)  # the read under way, for the first caller
    assert asyncio.run(scenario()) == [real(engine)] * 5  # a new loop: read again, and it works


def test_on_sqlite_the_read_is_made_where_asked(store_url: str, engine: Engine) -> None:
    shared = MarkerReads(engine)
    threads: list[str] = []
    original: Callable[[Engine], str | None] = read_marker

    def where(engine: Engine) -> str | None:
        threads.append(threading.current_thread().name)
        return original(engine)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markers, "read_marker", where)
        asyncio.run(shared.read())
    expected = "MainThread" if store_url.startswith("sqlite") else "aicc-marker"
    assert threads and threads[0].startswith(expected)


def test_the_running_server_freezes_what_it_holds_and_collects_less_often(
    store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """A full collection walked every object the server holds and stopped the loop for
    200-300 ms under load (`aicc.server.collector`)."""
    monkeypatch.setenv("AICC_DATABASE_URL", store_url)
    monkeypatch.setenv("AICC_HOME", str(tmp_path))
    before = gc.get_threshold()
    app = create_app()
    with TestClient(app):
        assert gc.get_freeze_count() > 10_000
        assert gc.get_threshold()[0] == max(YOUNGEST, before[0])
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before
