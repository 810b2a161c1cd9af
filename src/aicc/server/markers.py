"""The store's change marker for the server's requests, read off the event loop and shared.

Every API request reads the portfolio marker (`aicc.center.portfolio_cache`) before its token
and kept answers are looked up. On PostgreSQL that read is a round trip, and made on the event
loop it held the loop idle while it waited: with 50 clients one process served about 230
requests a second with 40% of the CPU idle (issue 13). Here requests wait for the read without
holding the loop, and requests that arrive while a read is under way share the next one:

- a read runs in its own thread, one at a time, so the loop serves other requests meanwhile;
- a request that arrives while a read runs waits for the read that starts after it ends, never
  for the one already under way: the marker a request gets was read after it arrived, so an
  answer kept under it is never older than the last write committed before the request (the
  promise of `aicc.center.portfolio_cache`);
- every request waiting for a read gets its marker, or its error.

On SQLite the read is a function call in the process, cheaper than a thread's hand-off: it is
made where it is asked.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine

from aicc.center.portfolio_cache import portfolio_marker
from aicc.store.db import reading


def read_marker(engine: Engine) -> str | None:
    """The portfolio marker, read now on a connection of its own."""
    with reading(engine) as conn:
        return portfolio_marker(conn)


class MarkerReads:
    """Shared reads of one store's marker for the requests of one event loop (see the module)."""

    def __init__(self, engine: Engine, *, inline: bool | None = None) -> None:
        """``inline``: read where asked (default: on SQLite only)."""
        self._engine = engine
        self._inline = engine.dialect.name == "sqlite" if inline is None else inline
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aicc-marker")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._next: asyncio.Future[str | None] | None = None  # the read that starts next
        self._running = False

    async def read(self) -> str | None:
        """The marker, read after this call began."""
        if self._inline:
            return read_marker(self._engine)
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # another loop serves the app now (tests start several)
            self._loop, self._next, self._running = loop, None, False
        if self._next is None:
            self._next = loop.create_future()
        waiting = self._next
        if not self._running:
            self._start()
        return await asyncio.shield(waiting)  # a cancelled request leaves the read to others

    def _start(self) -> None:
        batch, self._next = self._next, None
        assert batch is not None
        self._running = True
        loop = asyncio.get_running_loop()
        done = loop.run_in_executor(self._thread, read_marker, self._engine)
        done.add_done_callback(lambda read: self._finish(batch, read))

    def _finish(self, batch: asyncio.Future[str | None], read: asyncio.Future[str | None]) -> None:
        self._running = False
        if batch.done():  # its loop is closing
            return
        if read.cancelled():
            batch.cancel()
        elif (error := read.exception()) is not None:
            batch.set_exception(error)
        else:
            batch.set_result(read.result())
        if self._next is not None:  # asked while this read ran: a read of their own
            self._start()
