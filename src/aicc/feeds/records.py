"""What a feed loader yields: records ready for the store, or a skipped record as a value
(a `Problem`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aicc.core.problems import Problem


def digest(data: bytes) -> str:
    """A short content hash of a record's bytes as published."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Record:
    """One feed record as rows: the parent row plus child rows per child table name."""

    key: str
    digest: str
    modified: datetime | None
    row: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A record whose bytes hash to a digest the store already holds; it was not even parsed."""

    digest: str


Item = Record | Problem | Unchanged  # a record that cannot be used is a Problem


@dataclass
class LoadedFeed:
    """A feed file opened for import: which source, how many items to expect, and the items."""

    source: str
    path: str
    total: int | None
    items: Iterator[Item]
    details: dict[str, Any] = field(default_factory=dict)  # e.g. EPSS model and score date
    snapshot: bool = False  # the file is the whole catalogue: keys absent from it are removed


class RecordError(ValueError):
    """A record breaks its schema; ``location`` is a JSON path such as ``affected[0].ranges``."""

    def __init__(self, location: str, problem: str):
        self.location = location
        self.problem = problem
        super().__init__(f"{location}: {problem}" if location else problem)
