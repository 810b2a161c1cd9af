"""Concurrent calls of one costly read share a run that started after each of them asked
(`aicc.center.coalesce`), as the portfolio summary's callers do."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from aicc.center import Principal, summary
from aicc.center.coalesce import Coalescer
from aicc.store.center_tables import findings
from tests.center.test_findings import JINJA, _scanned, _setup, _store

CENTER = Principal("tok_c", "analyst", agency="CISA")


def test_callers_during_a_run_share_the_next_run_never_the_one_started_before_them() -> None:
    coalescer: Coalescer[int] = Coalescer()
    started, release = threading.Event(), threading.Event()
    runs: list[int] = []

    def compute() -> int:
        runs.append(len(runs) + 1)
        if len(runs) == 1:
            started.set()
            assert release.wait(10)
        return len(runs)

    with ThreadPoolExecutor(12) as pool:
        first = pool.submit(coalescer, "k", compute)
        assert started.wait(10)
        followers = [pool.submit(coalescer, "k", compute) for _ in range(10)]
        time.sleep(0.5)  # they wait for the run going on to end
        other = pool.submit(coalescer, "other key", lambda: 99).result(10)
        release.set()
        answers = [f.result(10) for f in followers]
    assert first.result() == 1
    assert other == 99  # another key does not wait
    assert min(answers) >= 2  # nobody got the answer of a read started before it asked
    assert len(runs) <= 3  # ten followers: one run, or two if some were slow to ask


def test_an_error_reaches_every_caller_of_the_batch_and_the_next_call_runs_again() -> None:
    coalescer: Coalescer[int] = Coalescer()

    def broken() -> int:
        time.sleep(0.2)
        raise ValueError("the store went away")

    with ThreadPoolExecutor(4) as pool:
        calls = [pool.submit(coalescer, "k", broken) for _ in range(4)]
        for call in calls:
            with pytest.raises(ValueError, match="the store went away"):
                call.result(10)
    assert coalescer("k", lambda: 7) == 7


def test_concurrent_summaries_agree_and_each_sees_the_writes_before_it(engine: Engine) -> None:
    _setup(engine)
    _store(engine, 1, [_scanned(f"CVE-2024-{n}", [], JINJA) for n in range(1, 4)])
    alone = summary(engine, CENTER)
    assert alone["totals"]["open_findings"] == 3
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda _: summary(engine, CENTER), range(16)))
    assert all(found == alone for found in together)
    together[0]["totals"]["open_findings"] = -1  # each caller has its own copy
    assert together[1]["totals"]["open_findings"] == 3
    with engine.begin() as conn:
        conn.execute(
            findings.update()
            .where(findings.c.vulnerability_id == "CVE-2024-1")
            .values(state="resolved")
        )
    assert summary(engine, CENTER)["totals"]["open_findings"] == 2
