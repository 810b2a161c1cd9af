"""A lost PostgreSQL connection is one clear error line, never a library's traceback: psycopg
and SQLAlchemy's pool log what they ignore while giving a dead connection back ("error ignored
terminating <psycopg.Pipeline>", "Exception during reset or similar"), and with no logging
configured Python printed those records, tracebacks and all, on stderr (a PostgreSQL-restart
test caught the pool's one in CI)."""

from __future__ import annotations

import subprocess
import sys

LOG_AS_A_DEAD_CONNECTION_WOULD = """
import logging
from aicc.store.db import create_engine_for
create_engine_for("postgresql://nobody@127.0.0.1:1/none")  # no connection is made
for name in ("sqlalchemy.pool.impl.QueuePool", "psycopg"):
    try:
        raise ConnectionError("terminating connection due to administrator command")
    except ConnectionError:
        logging.getLogger(name).error("Exception during reset or similar", exc_info=True)
logging.getLogger("aicc.test").error("an application's own record still shows")
"""


def test_the_store_libraries_log_nothing_on_stderr_by_themselves() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOG_AS_A_DEAD_CONNECTION_WOULD],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "an application's own record still shows\n"
