"""The request thread pool's size: ``AICC_SERVER_THREADS``, set when the app's lifespan starts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import anyio.to_thread
import pytest
from fastapi import FastAPI

from aicc.server.threads import THREADS, server_threads, with_threads


def test_the_size_comes_from_the_environment() -> None:
    assert server_threads({}) == THREADS
    assert server_threads({"AICC_SERVER_THREADS": " 3 "}) == 3
    for bad in ("0", "-2", "many", "1001"):
        with pytest.raises(ValueError, match=f"AICC_SERVER_THREADS: '{bad}' is not a number"):
            server_threads({"AICC_SERVER_THREADS": bad})


def test_the_lifespan_sizes_the_pool_before_the_app_starts() -> None:
    seen: list[float] = []

    @asynccontextmanager
    async def inner(_app: FastAPI) -> AsyncIterator[None]:
        seen.append(anyio.to_thread.current_default_thread_limiter().total_tokens)
        yield

    async def main() -> None:
        async with with_threads(3, inner)(FastAPI()):
            seen.append(anyio.to_thread.current_default_thread_limiter().total_tokens)

    anyio.run(main)
    assert seen == [3, 3]
