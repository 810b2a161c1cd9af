"""`aicc worker --beat` also queues the campaigns' due notices (as `aicc serve`'s outbox thread
and `aicc center deliver` do), so a center run by workers alone tells its organisations that a
campaign's deadline is near, and takes the portfolio trend's snapshot of the day: a real worker
with beat on a private Redis, over the store of the campaigns' own tests (two hospitals running
a FortiOS VPN gateway, in KEV).
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from aicc.center import Principal
from aicc.core.times import utcnow
from aicc.store.center_admin_tables import portfolio_snapshots
from aicc.store.notification_tables import notification_events
from tests.center.test_campaigns import (
    _vpn_campaign,
    center,  # noqa: F401  (the fixture: two hospitals and a bank, each with the demo's appliances)
    store_url,  # noqa: F401  (the fixture: a copy of the sample store)
)
from tests.support.celery_workers import Workers, private_redis, worker_env

TIMEOUT = 120


def _told(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        query = select(notification_events.c.organisation_id).where(
            notification_events.c.kind == "campaign_due"
        )
        return sorted(conn.execute(query).scalars())


def _snapshots(engine: Engine) -> set[tuple[date, datetime]]:
    with engine.connect() as conn:
        query = select(portfolio_snapshots.c.day, portfolio_snapshots.c.taken_at)
        return {(row[0], row[1]) for row in conn.execute(query)}


def test_a_worker_with_beat_queues_the_campaign_deadlines_that_are_near(
    engine: Engine,
    store_url: str,  # noqa: F811
    tmp_path: Path,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    _vpn_campaign(engine, due=utcnow().date() + timedelta(days=3))  # within the 7 days' notice
    assert _told(engine) == []
    hospitals = sorted(str(center[k].organisation_id) for k in ("mercy", "st_luke"))
    with private_redis() as redis:
        env = worker_env(
            redis.url,
            store_url,
            tmp_path / "home",
            AICC_DELIVERY_INTERVAL="1",
            AICC_TREND_SNAPSHOT_INTERVAL="1",
        )
        workers = Workers(env, tmp_path)
        try:
            workers.start_with("w1", "--beat")
            deadline = time.monotonic() + TIMEOUT
            while _told(engine) != hospitals:
                assert time.monotonic() < deadline, workers.log("w1")
                time.sleep(0.2)
            while not _snapshots(engine):  # and the day's trend snapshot, nobody looking
                assert time.monotonic() < deadline, workers.log("w1")
                time.sleep(0.2)
            taken = _snapshots(engine)
            time.sleep(2)  # more beats: each notice is still queued once, the snapshot kept
        finally:
            workers.stop_all()
    assert _told(engine) == hospitals
    assert _snapshots(engine) == taken and {day for day, _ in taken} == {utcnow().date()}
