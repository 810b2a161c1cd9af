"""The feed downloader against a real local HTTP server."""

from __future__ import annotations

import gzip
import io
import os
import random
import socket
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, formatdate
from pathlib import Path

import httpx
import orjson
import pytest

from aicc.core.errors import FeedError
from aicc.feeds.download import (
    Download,
    download,
    get_json,
    parse_retry_after,
    verify_gzip,
    verify_json,
    verify_zip,
)
from tests.support.feed_server import DEFAULT_LAST_MODIFIED, FeedServer, Reply


class FakeSleep:
    """Records the waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    # Plain HTTP on loopback: skip loading the CA bundle, which costs ~50 ms per client.
    with httpx.Client(timeout=5.0, verify=False) as c:
        yield c


@pytest.fixture
def sleep() -> FakeSleep:
    return FakeSleep()


def make_zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def noise(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.parent.iterdir() if p.name.startswith(dest.name + "."))


# --------------------------------------------------------------------------- plain downloads


def test_full_download_verified(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    data = make_zip({f"CVE-2024-{i}.json": noise(5000, i) for i in range(20)})
    resource = feed_server.serve("/feed.zip", data)
    dest = tmp_path / "feed.zip"
    progress: list[tuple[int, int | None]] = []

    result = download(
        client,
        feed_server.url_for("/feed.zip"),
        dest,
        verify=verify_zip,
        on_progress=lambda done, total: progress.append((done, total)),
        sleep=sleep,
    )

    assert result == Download(
        feed_server.url_for("/feed.zip"),
        dest,
        False,
        resource.etag,
        DEFAULT_LAST_MODIFIED,
        len(data),
    )
    assert dest.read_bytes() == data
    assert leftovers(dest) == []
    assert progress[-1] == (len(data), len(data))
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    (request,) = feed_server.requests
    assert request.headers["accept-encoding"] == "identity"
    assert "range" not in request.headers
    assert "if-none-match" not in request.headers
    assert sleep.waits == []


def test_creates_missing_folder_and_passes_headers(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    feed_server.serve("/a.json", b"[]")
    dest = tmp_path / "deep" / "er" / "a.json"
    download(
        client,
        feed_server.url_for("/a.json"),
        dest,
        verify=verify_json,
        headers={"apiKey": "secret"},
    )
    assert dest.read_bytes() == b"[]"
    assert feed_server.requests[0].headers["apikey"] == "secret"


def test_redirect_is_followed(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    feed_server.serve("/real.gz", gzip.compress(b"x" * 1000))
    feed_server.script("/latest.gz", [Reply(302, {"Location": feed_server.url_for("/real.gz")})])
    result = download(
        client, feed_server.url_for("/latest.gz"), tmp_path / "f.gz", verify=verify_gzip
    )
    assert result.url == feed_server.url_for("/latest.gz")
    assert gzip.decompress((tmp_path / "f.gz").read_bytes()) == b"x" * 1000


def test_redirect_loop_is_a_feed_error(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    url = feed_server.url_for("/loop")
    feed_server.script("/loop", [Reply(302, {"Location": url})] * 30)
    with pytest.raises(FeedError, match="TooManyRedirects") as info:
        download(client, url, tmp_path / "f", sleep=sleep)
    assert info.value.path == url
    assert sleep.waits == []


# --------------------------------------------------------------------------- conditional GET


def test_etag_hit_leaves_the_file_alone(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    resource = feed_server.serve("/feed.zip", make_zip({"a": b"a"}))
    dest = tmp_path / "feed.zip"
    dest.write_bytes(b"the copy we already have")
    os.utime(dest, ns=(1_000_000_000, 1_000_000_000))

    result = download(
        client, feed_server.url_for("/feed.zip"), dest, etag=resource.etag, verify=verify_zip
    )

    assert result.not_modified
    assert result.path is None
    assert result.size == 0
    assert result.etag == resource.etag
    assert dest.read_bytes() == b"the copy we already have"
    assert dest.stat().st_mtime_ns == 1_000_000_000
    assert leftovers(dest) == []
    assert feed_server.requests[0].headers["if-none-match"] == resource.etag


def test_if_modified_since_hit(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    feed_server.serve("/f.json", b"{}", etag=None)
    result = download(
        client,
        feed_server.url_for("/f.json"),
        tmp_path / "f.json",
        last_modified=DEFAULT_LAST_MODIFIED,
    )
    assert result.not_modified
    assert result.last_modified == DEFAULT_LAST_MODIFIED
    assert result.etag is None
    assert not (tmp_path / "f.json").exists()
    assert feed_server.requests[0].headers["if-modified-since"] == DEFAULT_LAST_MODIFIED


def test_changed_validators_download_again(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    resource = feed_server.serve("/f.json", b'{"v": 2}')
    dest = tmp_path / "f.json"
    dest.write_bytes(b'{"v": 1}')
    result = download(
        client,
        feed_server.url_for("/f.json"),
        dest,
        etag='"old"',
        last_modified="Sun, 01 Jan 2023 00:00:00 GMT",
    )
    assert not result.not_modified
    assert result.etag == resource.etag
    assert dest.read_bytes() == b'{"v": 2}'

    older = download(
        client, feed_server.url_for("/f.json"), dest, last_modified="Sun, 01 Jan 2023 00:00:00 GMT"
    )
    assert not older.not_modified


# --------------------------------------------------------------------------- retries


def test_503_then_429_wait_as_told(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    feed_server.serve("/f.zip", make_zip({"a": b"1"}))
    feed_server.script(
        "/f.zip", [Reply(503, {"Retry-After": "2"}), Reply(429, {"Retry-After": "3"}, b"slow down")]
    )
    result = download(
        client, feed_server.url_for("/f.zip"), tmp_path / "f.zip", verify=verify_zip, sleep=sleep
    )
    assert result.size == len(make_zip({"a": b"1"}))
    assert sleep.waits == [2.0, 3.0]
    assert len(feed_server.requests) == 3


def test_retry_after_http_date(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    feed_server.serve("/f", b"ok")
    feed_server.script(
        "/f", [Reply(503, {"Retry-After": formatdate(time.time() + 30, usegmt=True)})]
    )
    download(client, feed_server.url_for("/f"), tmp_path / "f", sleep=sleep)
    (wait,) = sleep.waits
    assert 25 < wait <= 30


def test_retry_after_beyond_max_wait_gives_up_at_once(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    feed_server.serve("/f", b"ok")
    feed_server.script("/f", [Reply(429, {"Retry-After": "600"})])
    with pytest.raises(FeedError, match="asked to wait 600 s") as info:
        download(client, feed_server.url_for("/f"), tmp_path / "f", max_wait=120, sleep=sleep)
    assert info.value.path == feed_server.url_for("/f")
    assert sleep.waits == []
    assert len(feed_server.requests) == 1
    assert not (tmp_path / "f").exists()


def test_exponential_backoff_capped_by_max_wait(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    feed_server.serve("/f", b"ok")
    feed_server.script("/f", [Reply(500), Reply(502), Reply(504), Reply(503)])
    download(
        client, feed_server.url_for("/f"), tmp_path / "f", backoff=1.5, max_wait=5, sleep=sleep
    )
    assert sleep.waits == [1.5, 3.0, 5.0, 5.0]


def test_retries_exhausted(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    feed_server.serve("/f", b"ok")
    feed_server.script("/f", [Reply(503)] * 5)
    with pytest.raises(FeedError, match=r"gave up after 3 attempts.*HTTP 503") as info:
        download(client, feed_server.url_for("/f"), tmp_path / "f", retries=2, sleep=sleep)
    assert info.value.path == feed_server.url_for("/f")
    assert sleep.waits == [1.0, 2.0]
    assert len(feed_server.requests) == 3
    assert not (tmp_path / "f").exists()


def test_connection_refused_is_retried_then_reported(
    client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/f"
    with pytest.raises(FeedError, match=r"gave up after 2 attempts.*ConnectError"):
        download(client, url, tmp_path / "f", retries=1, sleep=sleep)
    assert sleep.waits == [1.0]


def test_read_timeout_is_retried(feed_server: FeedServer, tmp_path: Path, sleep: FakeSleep) -> None:
    feed_server.serve("/f", b"ok")
    feed_server.script("/f", [Reply(200, body=b"late", delay=0.6)])
    with httpx.Client(timeout=0.2, verify=False) as quick:
        result = download(quick, feed_server.url_for("/f"), tmp_path / "f", sleep=sleep)
    assert (tmp_path / "f").read_bytes() == b"ok"
    assert result.size == 2
    assert sleep.waits == [1.0]


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_client_errors_are_not_retried(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep, status: int
) -> None:
    url = feed_server.url_for("/missing.zip")
    feed_server.script("/missing.zip", [Reply(status)])
    with pytest.raises(FeedError, match=f"HTTP {status}") as info:
        download(client, url, tmp_path / "missing.zip", sleep=sleep)
    assert info.value.path == url
    assert len(feed_server.requests) == 1
    assert sleep.waits == []


def test_404_names_url_and_status(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    url = feed_server.url_for("/nope.zip")
    with pytest.raises(FeedError) as info:
        download(client, url, tmp_path / "nope.zip")
    assert str(info.value) == f"{url}: HTTP 404 Not Found"
    assert leftovers(tmp_path / "nope.zip") == []


# --------------------------------------------------------------------------- resuming


def test_cut_mid_body_resumes_with_range(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    data = make_zip({"big.bin": noise(300_000)}, compression=zipfile.ZIP_STORED)
    resource = feed_server.serve("/big.zip", data)
    feed_server.cut_after("/big.zip", 100_000)
    dest = tmp_path / "big.zip"
    progress: list[tuple[int, int | None]] = []

    result = download(
        client,
        feed_server.url_for("/big.zip"),
        dest,
        verify=verify_zip,
        on_progress=lambda done, total: progress.append((done, total)),
        sleep=sleep,
    )

    assert dest.read_bytes() == data
    assert result.size == len(data)
    assert result.etag == resource.etag
    assert leftovers(dest) == []
    first, second = feed_server.requests
    assert "range" not in first.headers
    assert second.headers["range"] == "bytes=100000-"
    assert second.headers["if-range"] == resource.etag
    assert sleep.waits == [1.0]
    assert (100_000, len(data)) in progress
    assert progress[-1] == (len(data), len(data))


def test_resume_uses_last_modified_without_etag(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    data = noise(50_000)
    feed_server.serve("/f.bin", data, etag=None)
    feed_server.cut_after("/f.bin", 20_000)
    download(client, feed_server.url_for("/f.bin"), tmp_path / "f.bin", sleep=sleep)
    assert (tmp_path / "f.bin").read_bytes() == data
    second = feed_server.requests[1]
    assert second.headers["range"] == "bytes=20000-"
    assert second.headers["if-range"] == DEFAULT_LAST_MODIFIED


def test_cut_without_validators_starts_over(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    data = noise(50_000)
    feed_server.serve("/f.bin", data, etag=None, last_modified=None)
    feed_server.cut_after("/f.bin", 20_000)
    download(client, feed_server.url_for("/f.bin"), tmp_path / "f.bin", sleep=sleep)
    assert (tmp_path / "f.bin").read_bytes() == data
    assert all("range" not in r.headers for r in feed_server.requests)
    assert len(feed_server.requests) == 2


def test_part_left_by_an_earlier_run_is_resumed(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    data = noise(40_000)
    resource = feed_server.serve("/f.bin", data)
    url = feed_server.url_for("/f.bin")
    dest = tmp_path / "f.bin"
    (tmp_path / "f.bin.part").write_bytes(data[:12_345])
    (tmp_path / "f.bin.part.json").write_bytes(
        orjson.dumps({"url": url, "validator": resource.etag})
    )

    download(client, url, dest)

    assert dest.read_bytes() == data
    assert feed_server.requests[0].headers["range"] == "bytes=12345-"
    assert leftovers(dest) == []


def test_stale_part_is_replaced_by_the_full_body(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    data = noise(40_000)
    feed_server.serve("/f.bin", data)
    url = feed_server.url_for("/f.bin")
    dest = tmp_path / "f.bin"
    (tmp_path / "f.bin.part").write_bytes(b"old version " * 1000)
    (tmp_path / "f.bin.part.json").write_bytes(orjson.dumps({"url": url, "validator": '"v1"'}))

    result = download(client, url, dest)

    assert dest.read_bytes() == data
    assert result.size == len(data)
    (request,) = feed_server.requests
    assert request.headers["range"] == "bytes=12000-"
    assert request.headers["if-range"] == '"v1"'
    assert leftovers(dest) == []


def test_part_for_another_url_is_not_resumed(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    data = noise(10_000)
    resource = feed_server.serve("/f.bin", data)
    (tmp_path / "f.bin.part").write_bytes(data[:5000])
    (tmp_path / "f.bin.part.json").write_bytes(
        orjson.dumps({"url": feed_server.url_for("/other.bin"), "validator": resource.etag})
    )
    download(client, feed_server.url_for("/f.bin"), tmp_path / "f.bin")
    assert (tmp_path / "f.bin").read_bytes() == data
    assert "range" not in feed_server.requests[0].headers


def test_416_discards_the_part_and_starts_over(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, sleep: FakeSleep
) -> None:
    data = noise(10_000)
    resource = feed_server.serve("/f.bin", data)
    url = feed_server.url_for("/f.bin")
    (tmp_path / "f.bin.part").write_bytes(noise(12_000, seed=1))
    (tmp_path / "f.bin.part.json").write_bytes(
        orjson.dumps({"url": url, "validator": resource.etag})
    )

    download(client, url, tmp_path / "f.bin", sleep=sleep)

    assert (tmp_path / "f.bin").read_bytes() == data
    first, second = feed_server.requests
    assert first.headers["range"] == "bytes=12000-"
    assert "range" not in second.headers
    assert sleep.waits == []


# --------------------------------------------------------------------------- verification


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>maintenance</html>", "not a valid zip archive"),
        (make_zip({"a.json": noise(20_000)})[:15_000], "not a valid zip archive"),
    ],
    ids=["not-a-zip", "truncated"],
)
def test_corrupt_zip_is_rejected_and_cleaned_up(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path, body: bytes, message: str
) -> None:
    feed_server.serve("/f.zip", body)
    dest = tmp_path / "f.zip"
    with pytest.raises(FeedError, match=message):
        download(client, feed_server.url_for("/f.zip"), dest, verify=verify_zip)
    assert not dest.exists()
    assert leftovers(dest) == []


def test_corrupt_zip_member_is_named(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    data = bytearray(
        make_zip({"ok.json": b"{}", "bad.json": b"A" * 1000}, compression=zipfile.ZIP_STORED)
    )
    at = data.index(b"A" * 1000)
    data[at + 500] = ord("B")
    feed_server.serve("/f.zip", bytes(data))
    dest = tmp_path / "f.zip"
    with pytest.raises(FeedError, match=r"corrupt member bad\.json") as info:
        download(client, feed_server.url_for("/f.zip"), dest, verify=verify_zip)
    assert info.value.location == "bad.json"
    assert not dest.exists()
    assert leftovers(dest) == []


def test_verify_error_without_path_gets_the_url(
    feed_server: FeedServer, client: httpx.Client, tmp_path: Path
) -> None:
    feed_server.serve("/f", b"ok")
    dest = tmp_path / "f"
    dest.write_bytes(b"previous good copy")

    def reject(path: Path) -> None:
        raise FeedError("wrong schema")

    with pytest.raises(FeedError) as info:
        download(client, feed_server.url_for("/f"), dest, verify=reject)
    assert info.value.path == feed_server.url_for("/f")
    assert dest.read_bytes() == b"previous good copy"
    assert leftovers(dest) == []


def test_verifiers(tmp_path: Path) -> None:
    good_gz = tmp_path / "good.gz"
    good_gz.write_bytes(gzip.compress(b"data" * 1000))
    verify_gzip(good_gz)
    for name, body in [("bad.gz", b"plain text"), ("short.gz", gzip.compress(noise(5000))[:-100])]:
        path = tmp_path / name
        path.write_bytes(body)
        with pytest.raises(FeedError, match="not a valid gzip file"):
            verify_gzip(path)

    good_json = tmp_path / "good.json"
    good_json.write_bytes(b'{"a": [1, 2]}')
    verify_json(good_json)
    bad_json = tmp_path / "bad.json"
    bad_json.write_bytes(b'{"a": [1, 2')
    with pytest.raises(FeedError, match="invalid JSON"):
        verify_json(bad_json)

    good_zip = tmp_path / "good.zip"
    good_zip.write_bytes(make_zip({"x": b"y"}))
    verify_zip(good_zip)
    with pytest.raises(FeedError, match="cannot read"):
        verify_zip(tmp_path / "absent.zip")


def test_parse_retry_after() -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert (
        parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now)
        == 90.0
    )
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None


# --------------------------------------------------------------------------- get_json


def test_get_json_happy_path(feed_server: FeedServer, client: httpx.Client) -> None:
    page = {
        "resultsPerPage": 2,
        "startIndex": 0,
        "totalResults": 2,
        "vulnerabilities": [{"cve": {"id": "CVE-2024-0001"}}, {"cve": {"id": "CVE-2024-0002"}}],
    }
    feed_server.serve("/rest/json/cves/2.0", orjson.dumps(page), content_type="application/json")
    result = get_json(
        client,
        feed_server.url_for("/rest/json/cves/2.0"),
        params={"startIndex": 0, "resultsPerPage": 2000},
        headers={"apiKey": "k"},
    )
    assert result == page
    (request,) = feed_server.requests
    assert request.query == {"startIndex": ["0"], "resultsPerPage": ["2000"]}
    assert request.headers["apikey"] == "k"


def test_get_json_retries_503_and_cut(
    feed_server: FeedServer, client: httpx.Client, sleep: FakeSleep
) -> None:
    body = orjson.dumps({"ok": True, "pad": "x" * 5000})
    feed_server.serve("/api", body)
    feed_server.script(
        "/api", [Reply(503, {"Retry-After": "6"}), Reply(200, body=body, cut_after=100)]
    )
    assert get_json(client, feed_server.url_for("/api"), sleep=sleep)["ok"] is True
    assert sleep.waits == [6.0, 2.0]
    assert len(feed_server.requests) == 3


def test_get_json_invalid_json(
    feed_server: FeedServer, client: httpx.Client, sleep: FakeSleep
) -> None:
    feed_server.serve("/api", b"<html>rate limited</html>")
    url = feed_server.url_for("/api")
    with pytest.raises(FeedError, match="invalid JSON") as info:
        get_json(client, url, params={"startIndex": 2000}, sleep=sleep)
    assert info.value.path is not None and info.value.path.startswith(url)
    assert "startIndex=2000" in info.value.path
    assert len(feed_server.requests) == 1


def test_get_json_errors(feed_server: FeedServer, client: httpx.Client, sleep: FakeSleep) -> None:
    url = feed_server.url_for("/api")
    feed_server.script("/api", [Reply(403, body=b"forbidden")])
    with pytest.raises(FeedError, match="HTTP 403 Forbidden"):
        get_json(client, url, sleep=sleep)
    feed_server.script("/api", [Reply(429, {"Retry-After": "3600"})])
    with pytest.raises(FeedError, match="asked to wait 3600 s"):
        get_json(client, url, sleep=sleep)
    feed_server.script("/api", [Reply(500)] * 3)
    with pytest.raises(FeedError, match=r"gave up after 2 attempts.*HTTP 500"):
        get_json(client, url, retries=1, sleep=sleep)
    assert sleep.waits == [1.0]
