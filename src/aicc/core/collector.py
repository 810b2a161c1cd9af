"""Python's cyclic garbage collector paused around work that makes many objects and no cycles.

Each collection of the oldest generation walks every object the process keeps: during a code
scan (millions of trees, facts and summaries) or while the product catalogue is read and
indexed (tens of thousands of small objects, beside a scan's findings) that walk is most of
the collector's cost and finds nothing. Memory is still freed as each object's last reference
goes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_T = TypeVar("_T")


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cyclic collector paused for the block, then as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def in_bulk(build: Callable[_P, _T]) -> Callable[_P, _T]:
    """``build`` run with the cyclic collector paused (`no_cycle_collection`)."""

    @wraps(build)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with no_cycle_collection():
            return build(*args, **kwargs)

    return paused
