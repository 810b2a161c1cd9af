"""Split many keys into lists short enough for one ``IN (...)`` each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

# Well under every driver's parameter limit (SQLite's default is 32,766; psycopg's 65,535).
IN_CHUNK = 500


def in_chunks(values: Iterable[str], size: int = IN_CHUNK) -> Iterator[list[str]]:
    """The distinct ``values``, sorted, in lists of at most ``size``."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]
