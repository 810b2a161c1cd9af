"""The Celery application of the center's workers, configured from the environment.

``AICC_BROKER_URL`` names the broker (``redis://``, ``rediss://``, ``redis+socket://``,
``amqp://``); ``AICC_DATABASE_URL`` (or ``AICC_HOME``'s SQLite file) the store every worker
writes, as for the other commands. A task's message is acknowledged only once the task has run
(``acks_late``) and put back when its worker dies (``reject_on_worker_lost``); a worker takes
one message at a time (``worker_prefetch_multiplier=1``), so a killed worker strands at most the
chunks it was running, and the tasks' writes are idempotent, so running one twice does no harm.

On Redis a message taken by a worker that vanished whole (SIGKILL, a lost machine) comes back
after the visibility timeout, ``AICC_BROKER_VISIBILITY_TIMEOUT`` seconds (default 600: longer
than any chunk takes, or a slow chunk would run twice); RabbitMQ puts it back as soon as the
worker's connection drops.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from celery import Celery

from aicc.core.errors import ConfigError

QUEUE = "aicc"  # the one queue the center's tasks go to unless a worker names others
SCHEMES = ("redis", "rediss", "redis+socket", "amqp", "amqps", "pyamqp")
DELIVERY_INTERVAL = 60.0  # seconds between two sends of the notifications that are due
SNAPSHOT_INTERVAL = 600.0  # seconds between two asks for the day's trend snapshot (one a day)


def broker_url(env: Mapping[str, str] | None = None) -> str:
    """The broker ``AICC_BROKER_URL`` names; ConfigError when it is unset or not a broker."""
    env = os.environ if env is None else env
    url = env.get("AICC_BROKER_URL", "").strip()
    if not url:
        raise ConfigError(
            "AICC_BROKER_URL is not set: the workers need a broker, e.g. redis://localhost:6379/0"
        )
    scheme = urlsplit(url).scheme
    if scheme not in SCHEMES:
        raise ConfigError(
            f"AICC_BROKER_URL: {scheme or url!r} is not a broker AICC uses "
            f"({', '.join(s + '://' for s in SCHEMES)})"
        )
    return url


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number of seconds: {raw!r}") from exc
    if value <= 0:
        raise ConfigError(f"{name} must be a positive number of seconds: {raw!r}")
    return value


def make_app(env: Mapping[str, str] | None = None) -> Celery:
    """The Celery application for the broker ``env`` names (see the module's docstring)."""
    env = os.environ if env is None else env
    url = broker_url(env)
    visibility = _seconds(env, "AICC_BROKER_VISIBILITY_TIMEOUT", 600.0)
    app = Celery("aicc", broker=url, include=["aicc.workers.tasks"])
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,  # results live in the store: the run and its chunks
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": visibility,
            # Redis: look for messages of vanished workers every tenth of the timeout (at most
            # every 10 s), not kombu's default of every 100 s
            "unacked_restore_interval": max(1, min(10, round(visibility / 10))),
            "unacked_restore_throttle": 1,
        },
        worker_hijack_root_logger=False,
        beat_schedule={
            "deliver-due-notifications": {
                "task": "aicc.delivery.deliver_due",
                "schedule": _seconds(env, "AICC_DELIVERY_INTERVAL", DELIVERY_INTERVAL),
            },
            # the trend's daily snapshot: asked for often, taken on the first beat of a day
            "portfolio-daily-snapshot": {
                "task": "aicc.portfolio.daily_snapshot",
                "schedule": _seconds(env, "AICC_TREND_SNAPSHOT_INTERVAL", SNAPSHOT_INTERVAL),
            },
        },
    )
    return app
