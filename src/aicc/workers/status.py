"""What ``aicc worker status`` shows: the re-check runs in progress, from the store, and the
workers that answer on the broker, with the tasks each is running."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from aicc.center.recheck import unfinished_runs
from aicc.center.recheck_views import get_run


def worker_status(engine: Engine, app: Any, *, timeout: float = 2.0) -> dict[str, Any]:
    """The runs pending or running (oldest first) and the workers that answered within
    ``timeout`` seconds: ``{"runs": [...], "workers": [{"name", "active"}], "broker": url}``."""
    runs = [get_run(engine, None, run_id) for run_id in unfinished_runs(engine)]
    inspect = app.control.inspect(timeout=timeout)
    answered = inspect.ping() or {}
    active = inspect.active() or {} if answered else {}
    workers = [{"name": name, "active": len(active.get(name) or [])} for name in sorted(answered)]
    return {
        "runs": runs,
        "workers": workers,
        "broker": app.connection_for_write().as_uri(),  # the password masked
    }
