"""The center's background work on Celery workers (issue 15): re-check runs cut into chunks,
each chunk a task any worker on any machine may take, and the notifications that are due.

``celery -A aicc.workers worker`` (or ``aicc worker``) finds the Celery application here as
``app``; it is made on first use from ``AICC_BROKER_URL`` (`aicc.workers.app`), so importing this
package (the command line does, to choose a runner) needs neither Celery nor a broker.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("app", "celery"):
        from aicc.workers.app import make_app

        made = globals()["app"] = globals()["celery"] = make_app()
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
