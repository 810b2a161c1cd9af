"""Concurrent calls of one costly read, answered by one run that started after each of them.

The portfolio summary counts every open finding of the portfolio: a read that costs the same
whoever asks. Fifty center users asking at once would run it fifty times side by side. Here
callers with the same key form a batch: the first one runs the read for all of them, once the
previous run of that key is over; calls that come while it runs form the next batch. So every
answer comes from a read that started after its caller asked (a caller sees its own writes,
nothing is cached across time), and at most one read of a key runs at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class _Batch:
    """The callers waiting for one run: its answer, or what it raised."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class Coalescer(Generic[T]):
    """Runs ``compute`` once per batch of concurrent callers of a key (see the module)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[Hashable, _Batch] = {}  # the batch callers of a key join now
        self._running: dict[Hashable, threading.Lock] = {}  # one run of a key at a time

    def __call__(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            batch = self._open.get(key)
            leader = batch is None
            if batch is None:
                batch = self._open[key] = _Batch()
            running = self._running.setdefault(key, threading.Lock())
        if leader:
            with running:
                with self._lock:  # the batch closes: later callers wait for the next run
                    del self._open[key]
                try:
                    batch.value = compute()
                except BaseException as exc:  # every caller of the batch gets it
                    batch.error = exc
                finally:
                    batch.done.set()
        else:
            batch.done.wait()
        if batch.error is not None:
            raise batch.error
        value: T = batch.value
        return value
