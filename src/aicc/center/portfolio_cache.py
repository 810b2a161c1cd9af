"""The portfolio views, computed once per change of the portfolio and kept as JSON.

The summary and the view of one vulnerability read thousands of findings, and are the same for
every caller with the same grants. `Views` keeps each answer (its JSON bytes) beside the store's
portfolio marker (``store_changes``, migration 0019: triggers replace it on every insert, update
or delete of organisations, assets and findings, whoever writes) and gives it back while the
marker is the same. A caller reads the marker after it asked, and an answer is computed after
reading the marker it is kept under: so an answer is never older than the last write committed
before its caller asked. Callers that miss at the same time share one computation that started
after each of them asked (`aicc.center.coalesce`). A store without the marker row is read every
time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any
from weakref import WeakKeyDictionary

import orjson
from sqlalchemy import Connection, Engine, select

from aicc.center.coalesce import Coalescer
from aicc.store.center_tables import store_changes
from aicc.store.db import reading

KEPT = 256  # answers kept per store, the least recently used dropped first


_MARKER = select(store_changes.c.marker).where(store_changes.c.name == "portfolio")


def portfolio_marker(conn: Connection) -> str | None:
    """The portfolio's change marker (None: the store has no marker row). The statement is
    built once: building it cost more than running it (0.07 of 0.13 ms, every request)."""
    found = conn.execute(_MARKER).scalar()
    return None if found is None else str(found)


def dumps(value: Any) -> bytes:
    """An answer as the API sends it (dates as ISO text)."""
    return orjson.dumps(value, default=str)


class Views:
    """Answers kept per store and key under the portfolio marker (see the module)."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept_max = kept
        self._lock = threading.Lock()
        self._kept: WeakKeyDictionary[Engine, OrderedDict[Hashable, tuple[str, bytes]]]
        self._kept = WeakKeyDictionary()
        self._runs: Coalescer[bytes] = Coalescer()

    def __call__(
        self,
        engine: Engine,
        key: Hashable,
        compute: Callable[[], Any],
        conn: Connection | None = None,
        marker: str | None = None,
    ) -> bytes:
        """The JSON of ``compute()``, kept for ``key`` while the portfolio is unchanged;
        ``marker``, when given, is the marker the caller read after it was asked (the server
        reads it once per request); else ``conn``, when given, reads it (a connection the
        caller holds already)."""
        if marker is None:
            marker = self._marker(engine, conn)
        if marker is not None:
            kept = self._lookup(engine, key, marker)
            if kept is not None:
                return kept

        def run() -> bytes:  # started after each caller of its batch read its marker
            now = self._marker(engine, None)
            if now is None:
                return dumps(compute())
            kept = self._lookup(engine, key, now)  # a batch before this one may have kept it
            if kept is not None:
                return kept
            value = dumps(compute())
            self._keep(engine, key, now, value)
            return value

        return self._runs((id(engine), key), run)

    def clear(self) -> None:
        """Forget every kept answer (they would be computed again anyway after a write)."""
        with self._lock:
            self._kept.clear()

    @staticmethod
    def _marker(engine: Engine, conn: Connection | None) -> str | None:
        if conn is not None:
            return portfolio_marker(conn)
        with reading(engine) as own:
            return portfolio_marker(own)

    def _lookup(self, engine: Engine, key: Hashable, marker: str) -> bytes | None:
        with self._lock:
            kept = self._kept.get(engine)
            found = None if kept is None else kept.get(key)
            if kept is None or found is None or found[0] != marker:
                return None
            kept.move_to_end(key)
            return found[1]

    def _keep(self, engine: Engine, key: Hashable, marker: str, value: bytes) -> None:
        with self._lock:
            kept = self._kept.setdefault(engine, OrderedDict())
            kept[key] = (marker, value)
            kept.move_to_end(key)
            while len(kept) > self._kept_max:
                kept.popitem(last=False)
