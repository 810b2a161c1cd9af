"""``aicc db sync csaf``: the CSAF 2.0 advisories of the providers in ``AICC_CSAF_PROVIDERS``.

Per provider: its ``provider-metadata.json``, then each public ROLIE feed it lists
(`aicc.feeds.rolie`), then each document of those feeds, downloaded conditionally (ETag /
Last-Modified, kept per URL) into ``<cache>/csaf/<provider>/`` and checked against the hash the
feed links to; the folder is then imported in one transaction, as ``aicc db import`` of a folder
of CSAF documents would. A document whose hash does not match is not imported; it, a feed that
is not public, and a document that could not be fetched are each a problem of the import's
summary, with the URL and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine

from aicc.core.errors import FeedError
from aicc.core.problems import Problem
from aicc.core.settings import Settings
from aicc.feeds.download import download, get_json, verify_json
from aicc.feeds.rolie import Entry, check_hash, feed_entries, provider_feeds
from aicc.store.importer import import_path
from aicc.store.knowledge import fetch_validators, save_fetch_validators
from aicc.store.sync import SyncHooks, SyncResult

_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]+")


def _folder_name(url: str) -> str:
    parts = urlsplit(url)
    return _UNSAFE.sub("_", f"{parts.hostname or 'provider'}{parts.path.rsplit('/', 1)[0]}")


def _file_name(entry: Entry, taken: set[str]) -> str:
    base = _UNSAFE.sub("_", urlsplit(entry.url).path.rsplit("/", 1)[-1]) or "document"
    name = base if base.endswith(".json") else base + ".json"
    while name in taken:
        name = "_" + name
    taken.add(name)
    return name


def _fetch(
    client: httpx.Client,
    settings: Settings,
    engine: Engine,
    entry: Entry,
    dest: Path,
    sleep: Callable[[float], None],
) -> tuple[str | None, str | None, str | None]:
    """Download one document (conditionally); (etag, last modified, problem)."""
    with engine.connect() as conn:
        etag, modified = fetch_validators(conn, entry.url)
    if not dest.exists():
        etag = modified = None
    try:
        fetched = download(
            client,
            entry.url,
            dest,
            etag=etag,
            last_modified=modified,
            verify=verify_json,
            retries=settings.http_retries,
            sleep=sleep,
        )
    except FeedError as exc:
        return None, None, exc.message
    if entry.hash_url is None:
        return fetched.etag, fetched.last_modified, None
    try:
        answer = client.get(entry.hash_url)
        answer.raise_for_status()
    except httpx.HTTPError as exc:
        dest.unlink(missing_ok=True)
        return None, None, f"its hash {entry.hash_url} could not be fetched: {exc}"
    wrong = check_hash(dest.read_bytes(), answer.text, entry.hash_url)
    if wrong is not None:
        dest.unlink(missing_ok=True)
        return None, None, f"not imported: {wrong}"
    return fetched.etag, fetched.last_modified, None


def sync_provider(
    engine: Engine,
    settings: Settings,
    client: httpx.Client,
    provider: str,
    *,
    hooks: SyncHooks,
    sleep: Callable[[float], None],
) -> SyncResult:
    """Fetch one provider's public advisories and import them (see the module docstring)."""
    metadata = get_json(client, provider, retries=settings.http_retries, sleep=sleep)
    feeds, problems = provider_feeds(metadata, provider)
    folder = settings.cache_dir / "csaf" / _folder_name(provider)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FeedError(f"cannot create folder: {exc.strerror or exc}", path=str(folder)) from exc
    taken: set[str] = set()
    validators: dict[str, tuple[str | None, str | None]] = {}
    for feed in feeds:
        body = get_json(client, feed.url, retries=settings.http_retries, sleep=sleep)
        entries, found = feed_entries(body, feed.url)
        problems += found
        for entry in entries:
            dest = folder / _file_name(entry, taken)
            etag, modified, problem = _fetch(client, settings, engine, entry, dest, sleep)
            if problem is not None:
                problems.append(Problem("feeds", entry.url, entry.id, problem))
                continue
            if entry.hash_url is None:
                problems.append(
                    Problem("feeds", entry.url, entry.id, "imported unchecked: no hash is linked")
                )
            validators[entry.url] = (etag, modified)
            if hooks.on_download is not None:
                hooks.on_download(provider, len(validators), None)
    for stale in folder.iterdir():  # documents the feeds no longer list
        if stale.is_file() and stale.name not in taken:
            stale.unlink(missing_ok=True)
    if not any(folder.glob("*.json")):
        said = "; ".join(str(p) for p in problems[:5]) or "its feeds list no document"
        raise FeedError(f"no CSAF document could be fetched: {said}", path=provider)
    summary = import_path(
        engine,
        folder,
        source="csaf",
        synced=True,
        location=provider,
        on_start=hooks.on_start,
        on_item=hooks.on_item,
        busy_timeout=settings.store_timeout,
    )
    summary.counts.skipped.extend(problems)
    with engine.begin() as conn:
        for url, (etag, modified) in validators.items():
            save_fetch_validators(conn, url, etag, modified)
    return SyncResult("csaf", provider, False, summary)


def sync_csaf(
    engine: Engine,
    settings: Settings,
    client: httpx.Client,
    *,
    hooks: SyncHooks,
    sleep: Callable[[float], None],
) -> list[SyncResult]:
    """Every provider of ``AICC_CSAF_PROVIDERS`` in turn; FeedError when none is set."""
    if not settings.csaf_providers:
        raise FeedError(
            "no CSAF provider to sync: set AICC_CSAF_PROVIDERS to the URLs of their "
            "provider-metadata.json"
        )
    return [
        sync_provider(engine, settings, client, provider, hooks=hooks, sleep=sleep)
        for provider in settings.csaf_providers
    ]
