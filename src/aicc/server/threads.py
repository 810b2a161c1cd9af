"""How many requests run at once: the routes are plain functions run in a pool of threads.

They are CPU work under one interpreter lock and short reads of the store, so more threads than
a few only make them wait longer for the lock (and open more store connections than the pool
keeps, each one made and closed again). ``AICC_SERVER_THREADS`` (default `THREADS`) sets the
pool's size for the process; with ``aicc serve --workers N`` each process has its own.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

THREADS = 8


def server_threads(env: Mapping[str, str] | None = None) -> int:
    """The size of the request thread pool from ``AICC_SERVER_THREADS``; ValueError names a
    bad value."""
    raw = (os.environ if env is None else env).get("AICC_SERVER_THREADS", "").strip()
    if not raw:
        return THREADS
    if not raw.isdigit() or not 1 <= int(raw) <= 1000:
        raise ValueError(f"AICC_SERVER_THREADS: {raw!r} is not a number of threads (1-1000)")
    return int(raw)


def with_threads(
    threads: int, lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]]
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """``lifespan`` that first sizes the event loop's thread pool to ``threads``."""

    @asynccontextmanager
    async def sized(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        async with lifespan(app):
            yield

    return sized
