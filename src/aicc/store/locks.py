"""Writers take turns: one import (or one schema migration) writes the store at a time.

Two imports of the same advisory at once must not let the older copy replace the newer one,
and two first runs must not race on creating the schema. So a writer takes the store's write
lock *before* it reads what the store holds: ``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped
advisory lock on PostgreSQL. A busy store is retried until ``timeout`` (``AICC_STORE_TIMEOUT``),
telling ``on_wait`` once, then refused with `StoreBusy`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from aicc.core.errors import StoreError

IMPORT_LOCK = 0x41494343_01  # "AICC" and a number: one advisory lock per kind of writer
MIGRATION_LOCK = 0x41494343_02
CENTER_LOCK = 0x41494343_03  # the center's writes (aicc.center): uploads, triage, tokens
DEFAULT_TIMEOUT = 300.0  # seconds a writer waits for another before it gives up
_ATTEMPT_MS = 250  # SQLite: how long one attempt waits inside SQLite before we retry
_PAUSE = 0.25


class StoreBusy(StoreError):
    """Another writer held the store for longer than the timeout."""


@contextmanager
def writing(
    engine: Engine,
    *,
    lock: int = IMPORT_LOCK,
    timeout: float = DEFAULT_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[Connection]:
    """A connection in a transaction that holds the store's write lock; committed when the block
    ends, rolled back when it raises."""
    deadline = time.monotonic() + timeout
    told = False
    while True:
        connection = engine.connect()
        try:
            if _try_lock(connection, lock):
                break
        except BaseException:
            connection.close()
            raise
        connection.rollback()
        connection.close()
        if time.monotonic() >= deadline:
            raise StoreBusy(
                f"store busy: another import held it for over {timeout:g} s "
                "(AICC_STORE_TIMEOUT sets how long to wait); nothing was written"
            )
        if on_wait is not None and not told:
            on_wait()
            told = True
        time.sleep(_PAUSE)
    try:
        yield connection
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


def _try_lock(connection: Connection, lock: int) -> bool:
    if connection.dialect.name == "postgresql":
        taken = connection.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": lock})
        return bool(taken.scalar())
    if connection.dialect.name != "sqlite":  # pragma: no cover - the two stores AICC supports
        connection.begin()
        return True
    # pysqlite starts a deferred transaction by itself; an explicit BEGIN IMMEDIATE takes the
    # write lock now, before anything is read.
    usual = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    connection.exec_driver_sql(f"PRAGMA busy_timeout={_ATTEMPT_MS}")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            return False
        raise
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(usual or 30000)}")
    return True
