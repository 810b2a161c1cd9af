"""Import feed files into the store: detect, load, diff and write, one transaction per file."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from aicc.core.errors import StoreError
from aicc.core.problems import Problem
from aicc.core.times import utcnow
from aicc.feeds import csaf, cve5, epss, kev, nvd, osv
from aicc.feeds.detect import detect
from aicc.feeds.records import LoadedFeed
from aicc.store.catalogue import rebuild_catalogue
from aicc.store.changes import ChangeLog
from aicc.store.cve_merge import apply_cve_records, known_digests
from aicc.store.db import store_reason
from aicc.store.knowledge import record_import
from aicc.store.locks import DEFAULT_TIMEOUT, writing
from aicc.store.records import KINDS, ImportCounts, apply_records, existing_state


class Loader(Protocol):
    """A feed module's ``load``: open a path, skipping records whose digest is ``known``."""

    def __call__(self, path: Path, known: set[str] | frozenset[str] = ...) -> LoadedFeed: ...


# Imports of these rebuild the product catalogue (aicc.store.catalogue).
CATALOGUE_SOURCES = frozenset({"cve", "nvd", "kev", "csaf"})

LOADERS: dict[str, Loader] = {
    "osv": osv.load,
    "kev": kev.load,
    "epss": epss.load,
    "cve": cve5.load,
    "nvd": nvd.load,
    "csaf": csaf.load,
}

# (done, total) after each record; total is None when unknown.
Progress = Callable[[int, int | None], None]


@dataclass
class ImportSummary:
    """The outcome of importing one path."""

    source: str
    path: str
    counts: ImportCounts
    seconds: float
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def skipped(self) -> list[Problem]:
        return self.counts.skipped

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "path": self.path,
            **self.counts.as_dict(),
            "seconds": round(self.seconds, 3),
            "skipped_records": [skipped.as_dict() for skipped in self.counts.skipped],
        }


def import_path(
    engine: Engine,
    path: Path,
    *,
    source: str | None = None,
    on_start: Callable[[str, int | None], None] | None = None,
    on_item: Callable[[], None] | None = None,
    synced: bool = False,
    location: str | None = None,
    extra_details: dict[str, Any] | None = None,
    cursor: str | None = None,
    busy_timeout: float = DEFAULT_TIMEOUT,
    on_busy: Callable[[], None] | None = None,
) -> ImportSummary:
    """Import one file, folder or zip; all or nothing (a FeedError leaves the store unchanged).

    ``source`` skips detection; ``on_start(source, total)`` and ``on_item()`` report progress.
    Imports take turns: while another one writes, this one waits up to ``busy_timeout``
    seconds (``on_busy()`` is told once) and then raises `StoreBusy`. What the store holds is
    read only once the turn is taken, so a newer record is never replaced by an older one.
    """
    started = time.perf_counter()
    source = source or detect(path)
    kind = KINDS[source]
    try:
        with writing(engine, timeout=busy_timeout, on_wait=on_busy) as conn:
            changes = ChangeLog(conn, source, synced=synced)  # for the re-check (aicc.center)
            if source == "cve":  # merged with what the other CVE source brought
                loaded = LOADERS[source](path, known_digests(conn))
                if on_start is not None:
                    on_start(source, loaded.total)
                counts = apply_cve_records(conn, loaded.items, on_item=on_item)
            else:
                state = existing_state(conn, kind)
                known = frozenset(d for d, _m in state.values())
                loaded = LOADERS[source](path, known)
                if on_start is not None:
                    on_start(source, loaded.total)
                counts = apply_records(
                    conn, kind, loaded.items, state, snapshot=loaded.snapshot, on_item=on_item
                )
            if source in CATALOGUE_SOURCES and counts.changed:
                rebuild_catalogue(conn)
            changes.record(conn, utcnow())
            details = {**loaded.details, **(extra_details or {})}
            record_import(
                conn,
                source=source,
                location=location or str(path),
                counts=counts.as_dict(),
                details=details or None,
                synced=synced,
                cursor=cursor,
            )
    except SQLAlchemyError as exc:
        raise StoreError(
            f"{path}: the store refused the import, nothing was written: {store_reason(exc)}"
        ) from exc
    return ImportSummary(source, str(path), counts, time.perf_counter() - started, details)
