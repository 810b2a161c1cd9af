"""Open the knowledge base: SQLite by default, PostgreSQL when the URL says so; migrate on open."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from aicc.core.errors import StoreError
from aicc.core.extras import require_extra
from aicc.store.locks import MIGRATION_LOCK, writing

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration; a test checks it against Alembic's head. A store already there is
# opened without loading Alembic at all, which saves a CLI call a fifth of a second.
HEAD_REVISION = "0026"


def store_reason(exc: BaseException) -> str:
    """What the database said, on one line: the driver's message without SQLAlchemy's SQL and
    link, its continuation lines ("server closed the connection unexpectedly / This probably
    means...", as psycopg reports a restarted server) joined."""
    return " ".join(str(getattr(exc, "orig", None) or exc).split())


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _sqlite_pragmas(busy_ms: int) -> Callable[[Any, ConnectionPoolEntry], None]:
    def on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")  # how long a writer waits for another
        cursor.close()

    return on_connect


IDLE_PING_S = 1.0  # a pooled connection unused this long is tested before it is handed out
_CHECKED_IN = "aicc_checked_in"


def _stamp_checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    record.info[_CHECKED_IN] = time.monotonic()


def _ping_if_idle(engine: Engine) -> Callable[[Any, ConnectionPoolEntry, Any], None]:
    """Test a pooled connection that sat unused for `IDLE_PING_S` (the database may have
    restarted meanwhile); one that fails is replaced by the pool (`DisconnectionError`).

    SQLAlchemy's ``pool_pre_ping`` tests every checkout: a round trip that was a third of a
    cached API answer's cost under load (issue 13). A connection handed back a moment ago is
    used as it is; if the database went away in that moment, the statement fails, SQLAlchemy
    sees the disconnect and invalidates the whole pool, and the next checkout connects anew."""

    def on_checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        last = record.info.get(_CHECKED_IN)
        if last is not None and time.monotonic() - last < IDLE_PING_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)  # outside any transaction
        except Exception as error:  # any failure: the connection is not usable
            raise exc.DisconnectionError(store_reason(error)) from error

    return on_checkout


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for a few reads where each statement may see its own snapshot (what
    PostgreSQL's READ COMMITTED gives inside a transaction anyway): on PostgreSQL it runs in
    autocommit, which spares the BEGIN and the ROLLBACK round trips around them."""
    if engine.dialect.name != "postgresql":
        with engine.connect() as conn:
            yield conn
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        yield conn


def current_revision(engine: Engine) -> str | None:
    """The store's schema revision, or None for a store that was never migrated."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there)."""
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        # two first runs at once: the second waits, then finds the schema made and does nothing
        with writing(engine, lock=MIGRATION_LOCK) as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:  # a revision we do not know: migrated by a newer AICC
        raise StoreError(f"the store's schema is newer than this AICC: {exc}") from exc


def create_engine_for(url: str, *, busy_timeout: float = 30.0) -> Engine:
    """An engine for ``url`` with the settings AICC relies on (WAL and foreign keys on SQLite;
    a statement waits up to ``busy_timeout`` seconds for another writer)."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("postgresql+psycopg"):
        require_extra("postgres", "A PostgreSQL store")
        # A connection lost inside a batch insert (the server restarted) makes psycopg log
        # "error ignored terminating <psycopg.Pipeline>" beside the error it raises, and
        # SQLAlchemy's pool "Exception during reset or similar" with a traceback when it gives
        # the dead connection back; with no handler, logging printed them on stderr before
        # AICC's one error line (an application that configures logging still gets them).
        logging.getLogger("psycopg").addHandler(logging.NullHandler())
        logging.getLogger("sqlalchemy.pool").addHandler(logging.NullHandler())
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        json_serializer=_json_dumps,
        json_deserializer=orjson.loads,
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(max(int(busy_timeout * 1000), 1)))
    else:
        # a pooled PostgreSQL connection may have died with a server restart: one left idle is
        # tested before use, so a long-running process (the server, a worker) reconnects
        event.listen(engine.pool, "checkin", _stamp_checkin)
        event.listen(engine.pool, "checkout", _ping_if_idle(engine))
    return engine


def open_store(url: str, *, upgrade: bool = True, busy_timeout: float = 30.0) -> Engine:
    """Open (and by default migrate) the store at ``url``; raise `StoreError` if it cannot be.
    A statement waits up to ``busy_timeout`` seconds for another writer (SQLite)."""
    try:
        engine = create_engine_for(url, busy_timeout=busy_timeout)
        if upgrade:
            migrate(engine)
    except (SQLAlchemyError, StoreError) as exc:
        raise StoreError(f"cannot open the store at {_redact(url)}: {store_reason(exc)}") from exc
    return engine


def _redact(url: str) -> str:
    """Hide a password in a database URL before it is printed."""
    head, sep, tail = url.partition("@")
    if not sep or "://" not in head:
        return url
    scheme, _, creds = head.partition("://")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{tail}" if ":" in creds else url
