"""The thread of ``aicc serve`` that drains the notification outbox.

It calls `aicc.center.delivery.deliver_due` every ``AICC_NOTIFY_INTERVAL`` seconds (5 by default;
0 turns the thread off, for a center whose Celery workers call it instead), beside the requests
and never in one: a request only writes the outbox rows. Before that, at its first round and
then every ``campaign_every`` seconds (an hour), it queues the campaigns' due and overdue
notices (`aicc.center.campaign_notices.check_campaign_deadlines`, idempotent), and takes the
day's portfolio snapshot for the trend once a day (`aicc.center.portfolio_trends.daily_snapshot`,
idempotent per day, also when nobody looks at the trend). A round that
fails (the store is down) is logged with its reason and the next one tries again. It starts
and stops with the app's lifespan, so it runs in ``aicc serve`` (uvicorn runs the lifespan) and
not where an app is built without one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine

from aicc.center.campaign_notices import check_campaign_deadlines
from aicc.center.delivery import DeliverySettings, deliver_due
from aicc.center.portfolio_trends import daily_snapshot
from aicc.core.times import utcnow

log = logging.getLogger("aicc.notifications")


class OutboxWorker:
    """A daemon thread running `deliver_due` in rounds until `stop`."""

    def __init__(
        self, engine: Engine, settings: DeliverySettings, *, campaign_every: float = 3600.0
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.campaign_every = campaign_every
        self.rounds = 0
        self.last_report: dict[str, Any] | None = None
        self.last_campaign_check: dict[str, Any] | None = None
        self._campaigns_checked_at: float | None = None
        self.snapshot_day: date | None = None  # the last day whose snapshot is known taken
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="aicc-outbox", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the round under way, then end."""
        self._stop.set()
        self._thread.join(timeout)

    def _check_campaigns(self) -> None:
        """The campaigns' due and overdue notices, when ``campaign_every`` has passed."""
        started = time.monotonic()
        last = self._campaigns_checked_at
        if last is not None and started - last < self.campaign_every:
            return
        try:
            self.last_campaign_check = check_campaign_deadlines(self.engine)
        except Exception:  # tried again next round
            log.exception("campaign deadline check failed; trying again")
        else:
            self._campaigns_checked_at = started

    def _snapshot_trend(self) -> None:
        """The day's portfolio snapshot, asked of the store once a day (and after a failure)."""
        today = utcnow().date()
        if self.snapshot_day == today:
            return
        try:
            daily_snapshot(self.engine)
        except Exception:  # tried again next round
            log.exception("portfolio trend snapshot failed; trying again")
        else:
            self.snapshot_day = today

    def _run(self) -> None:
        while not self._stop.is_set():
            self._check_campaigns()
            self._snapshot_trend()
            try:
                report = deliver_due(self.engine, self.settings)
            except Exception:  # the thread must outlive a bad round
                log.exception("notification delivery round failed; trying again")
            else:
                self.last_report = report
                for problem in report["problems"]:
                    log.warning("notification %s failed: %s", problem["source"], problem["reason"])
            self.rounds += 1
            self._stop.wait(self.settings.interval)


@asynccontextmanager
async def outbox_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the worker with the app (unless the interval is 0), stop it at shutdown."""
    settings: DeliverySettings = app.state.delivery
    worker = None
    if settings.interval > 0:
        worker = OutboxWorker(app.state.center.engine, settings)
        worker.start()
    app.state.outbox_worker = worker
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()
