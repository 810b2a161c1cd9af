"""Fetch the live feeds and import them: conditional downloads, resumable, verified first.

``cve`` is two sources merged into one record per CVE (aicc.store.cve_merge): the CVE Program's
cvelistV5 first (`sync_cvelist`: its newest daily baseline on the first run, then the delta
archives published after the cursor), then CISA's Vulnrichment archive, whose ADP containers
are merged into the same records.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson
from sqlalchemy import Engine

from aicc import __version__
from aicc.core.errors import FeedError
from aicc.core.settings import Settings
from aicc.core.times import iso, parse_time, utcnow
from aicc.feeds import cvelist
from aicc.feeds.cve5 import VULNRICHMENT
from aicc.feeds.download import download, get_json, verify_gzip, verify_json, verify_zip
from aicc.store import tables as t
from aicc.store.cve_merge import has_origin
from aicc.store.importer import ImportSummary, import_path
from aicc.store.knowledge import (
    fetch_validators,
    record_import,
    save_fetch_validators,
    sync_state,
)

# "cve" is cvelistV5 then Vulnrichment; "cvelist" and "vulnrichment" fetch one of the two;
# "csaf" the CSAF providers of AICC_CSAF_PROVIDERS (aicc.store.csaf_sync).
SYNC_SOURCES = ("osv", "kev", "epss", "cve", "nvd", "cvelist", "vulnrichment", "csaf")
DEFAULT_SOURCES = ("osv", "kev", "epss", "cve")
CVELIST_PAGE = 100  # releases per page: about four days of hourly and end-of-day releases
GITHUB_API_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
NVD_PAGE = 2000  # the CVE API's largest resultsPerPage
NVD_WINDOW = timedelta(days=120)  # the CVE API's longest lastMod range
# NVD asks for 5 requests per 30 s without a key and 50 with one.
NVD_DELAY = {False: 6.0, True: 0.6}


@dataclass
class SyncResult:
    """One downloaded file (or NVD run): whether it changed and what its import did."""

    source: str
    url: str
    not_modified: bool
    summary: ImportSummary | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "url": self.url,
            "not_modified": self.not_modified,
            "import": self.summary.as_dict() if self.summary else None,
        }


@dataclass
class SyncHooks:
    """Progress callbacks: bytes of a download, then records of its import."""

    on_download: Callable[[str, int, int | None], None] | None = None
    on_start: Callable[[str, int | None], None] | None = None
    on_item: Callable[[], None] | None = None


def make_client(settings: Settings) -> httpx.Client:
    """An HTTP client with AICC's timeout and user agent."""
    return httpx.Client(
        timeout=settings.http_timeout,
        follow_redirects=True,
        headers={"User-Agent": f"aicc/{__version__}"},
    )


def _synced_unchanged(engine: Engine, source: str, url: str) -> None:
    """Nothing was imported: only the sync time moves; the last import (when, from where, its
    counts and details) stays as it was."""
    with engine.begin() as conn:
        if sync_state(conn, source) is None:
            record_import(conn, source=source, location=url, counts={}, synced=True)
        else:
            conn.execute(
                t.sync_state.update()
                .where(t.sync_state.c.source == source)
                .values(last_sync_at=utcnow())
            )


def _sync_file(
    engine: Engine,
    settings: Settings,
    client: httpx.Client,
    *,
    source: str,
    url: str,
    dest: Path,
    verify: Callable[[Path], None],
    hooks: SyncHooks,
    sleep: Callable[[float], None],
    unconditional: bool = False,
) -> SyncResult:
    with engine.connect() as conn:
        etag, last_modified = fetch_validators(conn, url)
    if not dest.exists() or unconditional:  # a 304 would leave nothing (or too little) imported
        etag = last_modified = None

    def progress(done: int, total: int | None) -> None:
        if hooks.on_download is not None:
            hooks.on_download(url, done, total)

    fetched = download(
        client,
        url,
        dest,
        etag=etag,
        last_modified=last_modified,
        verify=verify,
        retries=settings.http_retries,
        on_progress=progress,
        sleep=sleep,
    )
    if fetched.not_modified:
        _synced_unchanged(engine, source, url)
        return SyncResult(source, url, True, None)
    summary = import_path(
        engine,
        dest,
        source=source,
        synced=True,
        location=url,
        on_start=hooks.on_start,
        on_item=hooks.on_item,
        busy_timeout=settings.store_timeout,
    )
    with engine.begin() as conn:
        save_fetch_validators(conn, url, fetched.etag, fetched.last_modified)
    return SyncResult(source, url, False, summary)


def sync_cvelist(
    engine: Engine,
    settings: Settings,
    client: httpx.Client,
    *,
    hooks: SyncHooks,
    sleep: Callable[[float], None],
) -> list[SyncResult]:
    """Bring the CVE records up to cvelistV5's newest release, from the cursor of source
    ``cve`` (`aicc.feeds.cvelist.plan`).

    The releases list is fetched conditionally (its ETag kept once a run has finished): a 304
    means no new release. Each archive is downloaded (resuming a cut) into the cache, imported
    in one transaction that also moves the cursor, then deleted; a failed run goes on from the
    last archive imported.
    """
    url = f"{settings.cvelist_url.rstrip('/')}?per_page={CVELIST_PAGE}"
    folder = settings.cache_dir / "cvelist"
    listing = folder / "releases.json"
    with engine.connect() as conn:
        state = sync_state(conn, "cve") or {}
        etag, last_modified = fetch_validators(conn, url)
    cursor = _cursor(state.get("cursor"), url)
    if cursor is None or not listing.exists():
        etag = last_modified = None
    headers = dict(GITHUB_API_HEADERS)
    if settings.github_token:
        headers["Authorization"] = f"Bearer {settings.github_token}"

    def progress(link: str) -> Callable[[int, int | None], None]:
        def report(done: int, total: int | None) -> None:
            if hooks.on_download is not None:
                hooks.on_download(link, done, total)

        return report

    try:
        fetched = download(
            client,
            url,
            listing,
            etag=etag,
            last_modified=last_modified,
            verify=verify_json,
            headers=headers,
            retries=settings.http_retries,
            on_progress=progress(url),
            sleep=sleep,
        )
    except FeedError as exc:
        if "HTTP 403" in exc.message and not settings.github_token:
            exc.message += " (GitHub's rate limit? set AICC_GITHUB_TOKEN for a higher one)"
        raise
    if fetched.not_modified:
        _synced_unchanged(engine, "cve", url)
        return [SyncResult("cve", url, True, None)]
    assets = cvelist.parse_releases(orjson.loads(listing.read_bytes()), url)
    steps = cvelist.plan(assets, cursor)
    results: list[SyncResult] = []
    for asset in steps:
        dest = folder / asset.name
        if not dest.exists():  # else a complete, verified copy a failed import left behind
            download(
                client,
                asset.url,
                dest,
                verify=verify_zip,
                retries=settings.http_retries,
                on_progress=progress(asset.url),
                sleep=sleep,
            )
        try:
            summary = import_path(
                engine,
                dest,
                source="cve",
                synced=True,
                location=asset.url,
                cursor=iso(asset.until),
                extra_details={"cvelist": asset.name},
                on_start=hooks.on_start,
                on_item=hooks.on_item,
                busy_timeout=settings.store_timeout,
            )
        except FeedError:  # the archive is bad (a busy store keeps it for the next run)
            dest.unlink(missing_ok=True)
            raise
        dest.unlink(missing_ok=True)
        results.append(SyncResult("cve", asset.url, False, summary))
    with engine.begin() as conn:
        save_fetch_validators(conn, url, fetched.etag, fetched.last_modified)
    for stale in folder.iterdir():  # parts of archives no longer wanted
        if stale.name != listing.name and stale.is_file():
            stale.unlink(missing_ok=True)
    if not steps:
        _synced_unchanged(engine, "cve", url)
        results.append(SyncResult("cve", url, True, None))
    return results


def _cursor(value: Any, url: str) -> datetime | None:
    if not value:
        return None
    try:
        return parse_time(str(value))
    except ValueError as exc:
        raise FeedError(f"the stored cursor {value!r} is not a time", path=url) from exc


def _nvd_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")


def sync_nvd(
    engine: Engine,
    settings: Settings,
    client: httpx.Client,
    *,
    hooks: SyncHooks,
    sleep: Callable[[float], None],
    now: datetime | None = None,
) -> SyncResult:
    """Page through the CVE API 2.0 from the last sync's cursor (everything on the first run).

    Pages are saved under the cache and imported in one transaction; the cursor only moves
    forward once that import has committed.
    """
    now = now or utcnow()
    if now.tzinfo is not None:  # the store (and the cursor) keep naive UTC
        now = now.astimezone(UTC).replace(tzinfo=None)
    with engine.connect() as conn:
        state = sync_state(conn, "nvd") or {}
    start = parse_time(state["cursor"]) if state.get("cursor") else None
    headers = {"apiKey": settings.nvd_api_key} if settings.nvd_api_key else {}
    delay = NVD_DELAY[bool(settings.nvd_api_key)]
    folder = settings.cache_dir / "nvd" / now.strftime("%Y%m%dT%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FeedError(f"cannot create folder: {exc.strerror or exc}", path=str(folder)) from exc
    windows: list[tuple[datetime | None, datetime | None]] = []
    while start is not None and start < now:
        end = min(start + NVD_WINDOW, now)
        windows.append((start, end))
        start = end
    if not windows and not state.get("cursor"):
        windows.append((None, None))
    try:
        pages = 0
        fetched = 0
        for window_start, window_end in windows:
            index = 0
            while True:
                params: dict[str, str | int] = {"resultsPerPage": NVD_PAGE, "startIndex": index}
                if window_start is not None and window_end is not None:
                    params["lastModStartDate"] = _nvd_time(window_start)
                    params["lastModEndDate"] = _nvd_time(window_end)
                if pages:
                    sleep(delay)
                page = get_json(
                    client,
                    settings.nvd_url,
                    params=params,
                    headers=headers,
                    retries=settings.http_retries,
                    sleep=sleep,
                )
                vulnerabilities = page.get("vulnerabilities") if isinstance(page, dict) else None
                if not isinstance(vulnerabilities, list):
                    raise FeedError(
                        "not a CVE API 2.0 page (no 'vulnerabilities' list)",
                        path=settings.nvd_url,
                        location=f"startIndex={index}",
                    )
                (folder / f"page-{pages:05d}.json").write_bytes(orjson.dumps(page))
                pages += 1
                fetched += len(vulnerabilities)
                if hooks.on_download is not None:
                    hooks.on_download(settings.nvd_url, fetched, int(page.get("totalResults") or 0))
                index += len(vulnerabilities)
                if not vulnerabilities or index >= int(page.get("totalResults") or 0):
                    break
        summary = None
        if pages:
            summary = import_path(
                engine,
                folder,
                source="nvd",
                synced=True,
                location=settings.nvd_url,
                busy_timeout=settings.store_timeout,
                cursor=now.isoformat() + "Z",
                on_start=hooks.on_start,
                on_item=hooks.on_item,
            )
    finally:  # a failed run leaves no pages behind; its cursor did not move
        shutil.rmtree(folder, ignore_errors=True)
    return SyncResult("nvd", settings.nvd_url, not windows, summary)


def sync(
    engine: Engine,
    settings: Settings,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    ecosystems: Sequence[str] | None = None,
    client: httpx.Client | None = None,
    hooks: SyncHooks | None = None,
    sleep: Callable[[float], None] = time.sleep,
    now: datetime | None = None,
) -> list[SyncResult]:
    """Fetch and import each source in turn; the first failure raises FeedError.

    Sources already synced in this call stay imported: each file is its own transaction.
    """
    unknown = [s for s in sources if s not in SYNC_SOURCES]
    if unknown:
        raise FeedError(
            f"unknown source(s) {', '.join(unknown)}; choose from {', '.join(SYNC_SOURCES)}"
        )
    hooks = hooks or SyncHooks()
    owned = client is None
    http = client or make_client(settings)
    cache = settings.cache_dir
    results: list[SyncResult] = []
    try:
        for source in sources:
            if source == "osv":
                for ecosystem in ecosystems or settings.osv_ecosystems:
                    url = f"{settings.osv_url.rstrip('/')}/{ecosystem}/all.zip"
                    results.append(
                        _sync_file(
                            engine,
                            settings,
                            http,
                            source="osv",
                            url=url,
                            dest=cache / "osv" / f"{ecosystem}-all.zip",
                            verify=verify_zip,
                            hooks=hooks,
                            sleep=sleep,
                        )
                    )
            elif source == "kev":
                results.append(
                    _sync_file(
                        engine,
                        settings,
                        http,
                        source="kev",
                        url=settings.kev_url,
                        dest=cache / "known_exploited_vulnerabilities.json",
                        verify=verify_json,
                        hooks=hooks,
                        sleep=sleep,
                    )
                )
            elif source == "epss":
                results.append(
                    _sync_file(
                        engine,
                        settings,
                        http,
                        source="epss",
                        url=settings.epss_url,
                        dest=cache / "epss_scores-current.csv.gz",
                        verify=verify_gzip,
                        hooks=hooks,
                        sleep=sleep,
                    )
                )
            elif source in {"cve", "cvelist", "vulnrichment"}:
                if source != "vulnrichment":
                    results += sync_cvelist(engine, settings, http, hooks=hooks, sleep=sleep)
                if source == "cvelist":
                    continue
                with engine.connect() as conn:
                    merged = has_origin(conn, VULNRICHMENT)
                results.append(
                    _sync_file(
                        engine,
                        settings,
                        http,
                        source="cve",
                        url=settings.cve_url,
                        dest=cache / "vulnrichment.zip",
                        verify=verify_zip,
                        hooks=hooks,
                        sleep=sleep,
                        # Until Vulnrichment is merged once, its last download is imported
                        # again, whatever the server says of it (a store of older AICC).
                        unconditional=not merged,
                    )
                )
            elif source == "csaf":
                from aicc.store.csaf_sync import sync_csaf  # it imports this module

                results += sync_csaf(engine, settings, http, hooks=hooks, sleep=sleep)
            else:
                results.append(sync_nvd(engine, settings, http, hooks=hooks, sleep=sleep, now=now))
    finally:
        if owned:
            http.close()
    return results
