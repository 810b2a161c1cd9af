"""The outbox thread of ``aicc serve``: a round that fails (a store that cannot be used yet) is
logged with its reason, and the thread goes on and delivers once the store is back."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from aicc.center.delivery import DeliverySettings
from aicc.core.times import utcnow
from aicc.server.outbox_worker import OutboxWorker
from aicc.store.db import open_store


def test_the_thread_outlives_a_failing_round_and_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'aicc.db'}"
    engine = create_engine(url)  # a store not migrated yet: no outbox table
    worker = OutboxWorker(engine, DeliverySettings(interval=0.05))
    with caplog.at_level(logging.ERROR, logger="aicc.notifications"):
        worker.start()
        deadline = time.monotonic() + 30
        while worker.rounds < 3:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert worker.last_report is None
        assert "notification delivery round failed; trying again" in caplog.text
        assert "no such table: notification_deliveries" in caplog.text
        open_store(url).dispose()  # migrated now
        while worker.last_report is None or worker.snapshot_day is None:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        worker.stop()
    assert worker.last_report == {"sent": 0, "retrying": 0, "failed": 0, "problems": []}
    assert "portfolio trend snapshot failed; trying again" in caplog.text
    assert worker.snapshot_day == utcnow().date()  # the day's trend snapshot, once the store is
    rounds = worker.rounds
    time.sleep(0.2)
    assert worker.rounds == rounds  # stopped
    engine.dispose()
