"""Download feed files robustly: conditional GETs, resumable parts, retries and verification.

A download streams into ``dest + ".part"``; the sidecar ``dest + ".part.json"`` records the URL
and the validator (ETag or Last-Modified) of that partial file so a later attempt, or a later
run, can continue it with ``Range``/``If-Range``. Only a complete, verified file is moved onto
``dest``, atomically.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import time
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import orjson

from aicc.core.errors import FeedError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK_SIZE = 1 << 20

T = TypeVar("T")


@dataclass(frozen=True)
class Download:
    """The outcome of :func:`download`."""

    url: str
    path: Path | None  # the verified file; None when not_modified
    not_modified: bool  # the server answered 304 to our conditional request
    etag: str | None  # from the response (or the one we sent, on 304)
    last_modified: str | None
    size: int  # bytes in the final file (0 when not_modified)


class _Retry(Exception):
    """A transient problem: the attempt may be repeated after a wait."""

    def __init__(self, problem: str, retry_after: float | None = None):
        super().__init__(problem)
        self.problem = problem
        self.retry_after = retry_after


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta seconds or an HTTP date), or None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _status_text(response: httpx.Response) -> str:
    reason = response.reason_phrase
    return f"HTTP {response.status_code} {reason}" if reason else f"HTTP {response.status_code}"


def _check_status(response: httpx.Response) -> None:
    """Raise _Retry for a transient status; FeedError for any other non-success status."""
    status = response.status_code
    if status in RETRY_STATUSES:
        raise _Retry(_status_text(response), parse_retry_after(response.headers.get("retry-after")))
    if status >= 300:
        raise FeedError(_status_text(response), path=str(response.request.url))


def _with_retries(
    url: str,
    attempt: Callable[[], T],
    *,
    retries: int,
    backoff: float,
    max_wait: float,
    sleep: Callable[[float], None],
) -> T:
    """Run ``attempt`` until it succeeds, waiting between transient failures."""
    attempts = max(0, retries) + 1
    problem = "no attempt made"
    for number in range(attempts):
        try:
            return attempt()
        except _Retry as exc:
            problem = exc.problem
            wait = exc.retry_after
        except httpx.TransportError as exc:
            problem = _describe(exc)
            wait = None
        except httpx.HTTPError as exc:  # not transient: too many redirects, a bad encoding
            raise FeedError(_describe(exc), path=url) from exc
        if wait is not None and wait > max_wait:
            raise FeedError(
                f"the server asked to wait {wait:g} s (more than max_wait {max_wait:g} s) "
                f"after {problem}",
                path=url,
            )
        if number + 1 < attempts:
            sleep(min(wait if wait is not None else backoff * 2**number, max_wait))
    raise FeedError(f"gave up after {attempts} attempts; last problem: {problem}", path=url)


# --------------------------------------------------------------------------- partial files


def _part_paths(dest: Path) -> tuple[Path, Path]:
    return dest.with_name(dest.name + ".part"), dest.with_name(dest.name + ".part.json")


def _read_sidecar(sidecar: Path) -> dict[str, Any]:
    try:
        data = orjson.loads(sidecar.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _discard(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _validator(etag: str | None, last_modified: str | None) -> str | None:
    """The validator to put in If-Range: a strong ETag, else Last-Modified."""
    if etag and not etag.startswith("W/"):
        return etag
    return last_modified or None


def _content_range(value: str | None) -> tuple[int, int | None] | None:
    """``(first byte, total or None)`` from ``Content-Range: bytes a-b/total``."""
    if not value:
        return None
    unit, _, spec = value.strip().partition(" ")
    span, _, total = spec.partition("/")
    first, _, _ = span.partition("-")
    if unit.lower() != "bytes" or not first.strip().isdigit():
        return None
    return int(first), int(total) if total.strip().isdigit() else None


def _int_header(response: httpx.Response, name: str) -> int | None:
    value = response.headers.get(name, "").strip()
    return int(value) if value.isdigit() else None


# --------------------------------------------------------------------------- download


def download(
    client: httpx.Client,
    url: str,
    dest: Path,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    verify: Callable[[Path], None] | None = None,
    headers: Mapping[str, str] | None = None,
    retries: int = 4,
    backoff: float = 1.0,
    max_wait: float = 120.0,
    on_progress: Callable[[int, int | None], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Download:
    """Fetch ``url`` into ``dest`` unless the server says our copy (``etag``/``last_modified``)
    is current; resume partial files, retry transient failures and verify before replacing.

    Raises FeedError for a permanent HTTP error, exhausted retries, a ``Retry-After`` beyond
    ``max_wait`` or content that ``verify`` rejects.
    """
    dest = Path(dest)
    part, sidecar = _part_paths(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FeedError(f"cannot create folder: {exc.strerror or exc}", path=str(dest)) from exc

    def attempt() -> Download:
        # A 416 on a resume is answered once by starting over, without spending a retry.
        for _ in range(2):
            outcome = _attempt(
                client,
                url,
                part,
                sidecar,
                etag=etag,
                last_modified=last_modified,
                headers=headers,
                on_progress=on_progress,
            )
            if outcome is not None:
                return outcome
        raise _Retry("HTTP 416 Range Not Satisfiable")

    result = _with_retries(
        url, attempt, retries=retries, backoff=backoff, max_wait=max_wait, sleep=sleep
    )
    if result.not_modified:
        return result

    if verify is not None:
        try:
            verify(part)
        except FeedError as exc:
            _discard(part, sidecar)
            exc.path = url  # the .part the verifier named is gone; the URL is what to check
            raise
    try:
        os.replace(part, dest)
    except OSError as exc:
        raise FeedError(
            f"cannot move the download into place: {exc.strerror or exc}", path=str(dest)
        ) from exc
    _discard(sidecar)
    return Download(url, dest, False, result.etag, result.last_modified, result.size)


def _attempt(
    client: httpx.Client,
    url: str,
    part: Path,
    sidecar: Path,
    *,
    etag: str | None,
    last_modified: str | None,
    headers: Mapping[str, str] | None,
    on_progress: Callable[[int, int | None], None] | None,
) -> Download | None:
    """One request. Returns the Download (path still pointing at the part), or None after a 416
    that discarded the part."""
    # Range offsets count encoded bytes, so ask for the file as it is stored.
    request_headers: dict[str, str] = {"Accept-Encoding": "identity"}
    request_headers.update(headers or {})
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified

    meta = _read_sidecar(sidecar)
    offset = part.stat().st_size if part.exists() else 0
    resume_validator = meta.get("validator") if meta.get("url") == url else None
    if offset and isinstance(resume_validator, str) and resume_validator:
        request_headers["Range"] = f"bytes={offset}-"
        request_headers["If-Range"] = resume_validator
    else:
        offset = 0
        _discard(part, sidecar)

    with client.stream("GET", url, headers=request_headers, follow_redirects=True) as response:
        status = response.status_code
        if status == 304:
            if not (etag or last_modified):
                raise FeedError("HTTP 304 Not Modified to an unconditional request", path=url)
            return Download(
                url,
                None,
                True,
                response.headers.get("etag") or etag,
                response.headers.get("last-modified") or last_modified,
                0,
            )
        if status == 416 and offset:
            _discard(part, sidecar)
            return None
        _check_status(response)

        resp_etag = response.headers.get("etag") or None
        resp_modified = response.headers.get("last-modified") or None
        encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
        length = None if encoded else _int_header(response, "content-length")

        if status == 206:
            crange = _content_range(response.headers.get("content-range"))
            if not offset or crange is None or crange[0] != offset:
                _discard(part, sidecar)
                raise _Retry(f"unexpected Content-Range {response.headers.get('content-range')!r}")
            total = crange[1]
            if total is None and length is not None:
                total = offset + length
            resp_etag = resp_etag or meta.get("etag")
            resp_modified = resp_modified or meta.get("last_modified")
            mode = "ab"
        elif status == 200:
            offset, total, mode = 0, length, "wb"
            validator = None if encoded else _validator(resp_etag, resp_modified)
            record = {
                "url": url,
                "validator": validator,
                "etag": resp_etag,
                "last_modified": resp_modified,
            }
            try:
                sidecar.write_bytes(orjson.dumps(record))
            except OSError as exc:
                raise FeedError(f"cannot write: {exc.strerror or exc}", path=str(sidecar)) from exc
        else:
            raise FeedError(f"unexpected {_status_text(response)}", path=url)

        size = offset
        try:
            with part.open(mode) as out:
                if on_progress is not None:
                    on_progress(size, total)
                # No re-chunking: bytes received before a cut must reach the part to be resumed.
                for chunk in response.iter_bytes():
                    out.write(chunk)
                    size += len(chunk)
                    if on_progress is not None:
                        on_progress(size, total)
        except OSError as exc:
            raise FeedError(f"cannot write: {exc.strerror or exc}", path=str(part)) from exc

    if total is not None and size < total:
        raise _Retry(f"connection closed after {size} of {total} bytes")
    return Download(url, part, False, resp_etag, resp_modified, size)


# --------------------------------------------------------------------------- JSON API pages


def get_json(
    client: httpx.Client,
    url: str,
    *,
    params: Mapping[str, str | int] | None = None,
    headers: Mapping[str, str] | None = None,
    retries: int = 4,
    backoff: float = 1.0,
    max_wait: float = 120.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """GET ``url`` (with ``params``) and return its parsed JSON body, retrying transient
    failures like :func:`download`."""

    def attempt() -> Any:
        response = client.get(url, params=params, headers=headers, follow_redirects=True)
        _check_status(response)
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError as exc:
            raise FeedError(f"invalid JSON: {exc}", path=str(response.url)) from exc

    return _with_retries(
        url, attempt, retries=retries, backoff=backoff, max_wait=max_wait, sleep=sleep
    )


# --------------------------------------------------------------------------- verifiers


def verify_zip(path: Path) -> None:
    """Raise FeedError unless ``path`` is a zip whose members all pass their CRC check."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except zipfile.BadZipFile as exc:
        raise FeedError(f"not a valid zip archive: {exc}", path=str(path)) from exc
    except (zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise FeedError(f"corrupt zip archive: {_describe(exc)}", path=str(path)) from exc
    except OSError as exc:
        raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    if bad is not None:
        raise FeedError(f"corrupt member {bad}", path=str(path), location=bad)


def verify_gzip(path: Path) -> None:
    """Raise FeedError unless ``path`` decompresses fully as gzip."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(CHUNK_SIZE):
                pass
    except (gzip.BadGzipFile, zlib.error, EOFError, OSError) as exc:
        raise FeedError(f"not a valid gzip file: {_describe(exc)}", path=str(path)) from exc


def verify_json(path: Path) -> None:
    """Raise FeedError unless ``path`` holds valid JSON."""
    try:
        orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise FeedError(f"invalid JSON: {exc}", path=str(path)) from exc
    except OSError as exc:
        raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
