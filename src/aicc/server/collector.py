"""The cyclic garbage collector in a long-running server.

A full collection walks every object the process holds: the server's own (FastAPI's routes and
models, SQLAlchemy's tables and compiled statements, the templates), hundreds of thousands of
them, made at start and kept to the end. Under load a request makes enough objects that such a
walk came every few seconds and held the event loop for 200-300 ms each time: the p99 of the API
with 50 clients was 390 ms while the p50 was 75 ms, and 110 ms with the collector off (issue 13,
PostgreSQL, 1,000 organisations x 500 components).

So once the server has started, what it holds is moved out of the collector's sight
(`gc.freeze`, as CPython's documentation advises for long-running servers), and the youngest
generation is collected less often; cycles made by requests are still collected.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI

YOUNGEST = 20_000  # new objects between collections of the youngest generation (default 700)


def with_frozen_heap(
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]],
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """``lifespan`` that, once started, freezes what the process holds and collects the
    youngest generation every `YOUNGEST` new objects; both undone at shutdown."""

    @asynccontextmanager
    async def frozen(app: FastAPI) -> AsyncIterator[None]:
        async with lifespan(app):
            before = gc.get_threshold()
            gc.collect()
            gc.freeze()
            gc.set_threshold(max(YOUNGEST, before[0]), *before[1:])
            try:
                yield
            finally:
                gc.set_threshold(*before)
                gc.unfreeze()

    return frozen
