"""`aicc.store.sync` end to end: a real local HTTP server, a real store, a recorded sleep."""

from __future__ import annotations

import copy
import dataclasses
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from aicc.core.errors import FeedError
from aicc.core.settings import Settings
from aicc.core.times import parse_time
from aicc.store import tables as t
from aicc.store.knowledge import fetch_validators, knowledge_status, sync_state
from aicc.store.sync import NVD_DELAY, NVD_WINDOW, SYNC_SOURCES, SyncResult, sync
from tests.support.feed_server import DEFAULT_LAST_MODIFIED, FeedServer, Reply

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "sample"
OSV_PATH = "/osv/PyPI/all.zip"
NOW = datetime(2025, 9, 1, 12, 0, 0)
JSON = {"Content-Type": "application/json"}


class FakeSleep:
    """Records the waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_settings(tmp_path: Path, server: FeedServer, **changes: Any) -> Settings:
    settings = Settings.from_env(
        {
            "AICC_HOME": str(tmp_path / "home"),
            "AICC_OSV_URL": server.url_for("/osv"),
            "AICC_KEV_URL": server.url_for("/kev.json"),
            "AICC_EPSS_URL": server.url_for("/epss.csv.gz"),
            "AICC_CVE_URL": server.url_for("/vulnrichment.zip"),
            "AICC_CVELIST_URL": server.url_for("/repos/CVEProject/cvelistV5/releases"),
            "AICC_NVD_URL": server.url_for("/nvd"),
        }
    )
    return dataclasses.replace(settings, http_timeout=5.0, **changes)


def records(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {source: entry["records"] for source, entry in knowledge_status(conn).items()}


def state_of(engine: Engine, source: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        return sync_state(conn, source)


def validators_of(engine: Engine, url: str) -> tuple[str | None, str | None]:
    with engine.connect() as conn:
        return fetch_validators(conn, url)


def only(results: list[SyncResult]) -> SyncResult:
    assert len(results) == 1
    return results[0]


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------- OSV


def test_osv_imports_then_revalidates_with_etag(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    resource = feed_server.serve(OSV_PATH, (fixtures / "osv.all.zip").read_bytes())
    settings = make_settings(tmp_path, feed_server)
    url = feed_server.url_for(OSV_PATH)
    sleep = FakeSleep()

    first = only(sync(engine, settings, ["osv"], ecosystems=["PyPI"], sleep=sleep))

    assert (first.source, first.url, first.not_modified) == ("osv", url, False)
    assert first.summary is not None
    assert first.summary.counts.as_dict() == {
        "added": 3,
        "updated": 0,
        "unchanged": 0,
        "older": 0,
        "removed": 0,
        "skipped": 0,
    }
    with engine.connect() as conn:
        osv = knowledge_status(conn)["osv"]
    assert osv["records"] == 3
    assert osv["ecosystems"] == {"PyPI": 3}
    assert osv["location"] == url
    assert validators_of(engine, url) == (resource.etag, DEFAULT_LAST_MODIFIED)
    assert (settings.cache_dir / "osv" / "PyPI-all.zip").read_bytes() == resource.body
    assert "if-none-match" not in feed_server.requests_for(OSV_PATH)[0].headers
    before = state_of(engine, "osv")
    assert before is not None and before["last_sync_at"] is not None

    second = only(sync(engine, settings, ["osv"], ecosystems=["PyPI"], sleep=sleep))

    request = feed_server.requests_for(OSV_PATH)[-1]
    assert request.headers["if-none-match"] == resource.etag
    assert request.headers["if-modified-since"] == DEFAULT_LAST_MODIFIED
    assert second.not_modified is True
    assert second.summary is None
    assert second.as_dict() == {"source": "osv", "url": url, "not_modified": True, "import": None}
    assert records(engine)["osv"] == 3
    after = state_of(engine, "osv")
    assert after is not None
    assert after["last_sync_at"] > before["last_sync_at"]
    # Nothing was imported: the last import, its counts and location stay as they were.
    assert after["last_import_at"] == before["last_import_at"]
    assert after["counts"] == before["counts"]
    assert after["location"] == url
    assert sleep.waits == []


def test_a_lost_local_copy_is_fetched_unconditionally(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    feed_server.serve(OSV_PATH, (fixtures / "osv.all.zip").read_bytes())
    settings = make_settings(tmp_path, feed_server)
    sync(engine, settings, ["osv"], ecosystems=["PyPI"], sleep=FakeSleep())
    (settings.cache_dir / "osv" / "PyPI-all.zip").unlink()

    again = only(sync(engine, settings, ["osv"], ecosystems=["PyPI"], sleep=FakeSleep()))

    assert "if-none-match" not in feed_server.requests_for(OSV_PATH)[-1].headers
    assert again.not_modified is False
    assert again.summary is not None and again.summary.counts.unchanged == 3
    assert (settings.cache_dir / "osv" / "PyPI-all.zip").is_file()


def test_osv_ecosystems_default_to_the_settings(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    go = {p.name: p.read_bytes() for p in sorted((SAMPLE / "osv").glob("GO-*.json"))}
    feed_server.serve(OSV_PATH, (fixtures / "osv.all.zip").read_bytes())
    feed_server.serve("/osv/Go/all.zip", zip_of(go))
    settings = make_settings(tmp_path, feed_server, osv_ecosystems=("PyPI", "Go"))

    results = sync(engine, settings, ["osv"], sleep=FakeSleep())

    assert [r.url for r in results] == [
        feed_server.url_for(OSV_PATH),
        feed_server.url_for("/osv/Go/all.zip"),
    ]
    with engine.connect() as conn:
        assert knowledge_status(conn)["osv"]["ecosystems"] == {"Go": len(go), "PyPI": 3}


# --------------------------------------------------------------------------- KEV, EPSS, CVE


def test_kev_and_epss_keep_their_catalogue_details(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    feed_server.serve(
        "/kev.json",
        (SAMPLE / "known_exploited_vulnerabilities.json").read_bytes(),
        content_type="application/json",
    )
    feed_server.serve(
        "/epss.csv.gz",
        (fixtures / "epss.sample.csv.gz").read_bytes(),
        content_type="application/gzip",
    )
    settings = make_settings(tmp_path, feed_server)

    results = sync(engine, settings, ["kev", "epss"], sleep=FakeSleep())

    assert [(r.source, r.not_modified) for r in results] == [("kev", False), ("epss", False)]
    assert [r.summary.counts.added for r in results if r.summary] == [19, 3]
    counts = records(engine)
    assert (counts["kev"], counts["epss"]) == (19, 3)
    kev = state_of(engine, "kev")
    epss = state_of(engine, "epss")
    assert kev is not None and epss is not None
    assert kev["details"]["catalog_version"] == "2025.08.25"
    assert kev["location"] == settings.kev_url
    assert epss["details"]["model_version"] == "v2025.03.14"
    assert epss["details"]["score_date"] == "2025-08-25T12:55:00Z"
    assert epss["location"] == settings.epss_url
    assert kev["last_sync_at"] is not None and epss["last_sync_at"] is not None
    # A 304 keeps the details of the last import.
    sync(engine, settings, ["kev", "epss"], sleep=FakeSleep())
    kev_again = state_of(engine, "kev")
    assert kev_again is not None and kev_again["details"] == kev["details"]


def test_cve_archive_with_a_top_folder(
    engine: Engine, feed_server: FeedServer, tmp_path: Path
) -> None:
    files = sorted((SAMPLE / "cve").rglob("*.json"))
    members = {
        f"vulnrichment-develop/{p.relative_to(SAMPLE / 'cve').as_posix()}": p.read_bytes()
        for p in files
    }
    members["vulnrichment-develop/README.md"] = b"# Vulnrichment\n"
    members["vulnrichment-develop/.github/workflows/ci.json"] = b"{}"
    assert "vulnrichment-develop/2024/3xxx/CVE-2024-3400.json" in members
    feed_server.serve("/vulnrichment.zip", zip_of(members), content_type="application/zip")
    settings = make_settings(tmp_path, feed_server)

    result = only(sync(engine, settings, ["vulnrichment"], sleep=FakeSleep()))

    assert result.summary is not None
    assert result.summary.counts.added == len(files)
    assert result.summary.skipped == []
    assert records(engine)["cve"] == len(files)
    with engine.connect() as conn:
        ids = set(conn.execute(select(t.cve_records.c.cve_id)).scalars())
    assert ids == {p.stem for p in files}


# --------------------------------------------------------------------------- failures


def test_retry_after_is_honoured(engine: Engine, feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.script(
        "/kev.json", [Reply(503, {"Retry-After": "7"}), Reply(429, {"Retry-After": "3"})]
    )
    feed_server.serve("/kev.json", (SAMPLE / "known_exploited_vulnerabilities.json").read_bytes())
    sleep = FakeSleep()

    result = only(sync(engine, make_settings(tmp_path, feed_server), ["kev"], sleep=sleep))

    assert sleep.waits == [7.0, 3.0]
    assert len(feed_server.requests_for("/kev.json")) == 3
    assert result.summary is not None and result.summary.counts.added == 19


def test_a_corrupt_zip_changes_nothing(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    good = (fixtures / "osv.all.zip").read_bytes()
    bad = (fixtures / "osv.truncated.zip").read_bytes()
    settings = make_settings(tmp_path, feed_server)
    url = feed_server.url_for(OSV_PATH)
    dest = settings.cache_dir / "osv" / "PyPI-all.zip"
    empty = records(engine)

    feed_server.serve(OSV_PATH, bad)
    with pytest.raises(FeedError, match="zip"):
        sync(engine, settings, ["osv"], ecosystems=["PyPI"], sleep=FakeSleep())
    assert records(engine) == empty
    assert validators_of(engine, url) == (None, None)
    assert state_of(engine, "osv") is None
    assert not dest.exists()
    assert sorted(p.name for p in dest.parent.iterdir()) == []  # no .part left to resume

    resource = feed_server.serve(OSV_PATH, good)
    result = only(sync(engine, settings, ["osv"], ecosystems=["PyPI"], sleep=FakeSleep()))
    assert result.summary is not None and result.summary.counts.added == 3
    assert validators_of(engine, url) == (resource.etag, DEFAULT_LAST_MODIFIED)

    # Corrupt again, now over a good store and a good local copy: both stay as they were.
    imported = records(engine)
    feed_server.serve(OSV_PATH, bad)
    with pytest.raises(FeedError):
        sync(engine, settings, ["osv"], ecosystems=["PyPI"], sleep=FakeSleep())
    assert records(engine) == imported
    assert validators_of(engine, url) == (resource.etag, DEFAULT_LAST_MODIFIED)
    assert dest.read_bytes() == good


def test_a_cut_download_is_resumed(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    resource = feed_server.serve(OSV_PATH, (fixtures / "osv.all.zip").read_bytes())
    feed_server.cut_after(OSV_PATH, 1000)
    sleep = FakeSleep()

    result = only(
        sync(
            engine, make_settings(tmp_path, feed_server), ["osv"], ecosystems=["PyPI"], sleep=sleep
        )
    )

    first, second = feed_server.requests_for(OSV_PATH)
    assert "range" not in first.headers
    assert second.headers["range"] == "bytes=1000-"
    assert second.headers["if-range"] == resource.etag
    assert len(sleep.waits) == 1
    assert result.summary is not None and result.summary.counts.added == 3
    assert records(engine)["osv"] == 3


def test_an_http_error_names_the_url(
    engine: Engine, feed_server: FeedServer, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, feed_server)
    with pytest.raises(FeedError, match="404") as caught:
        sync(engine, settings, ["kev"], sleep=FakeSleep())
    assert caught.value.path == settings.kev_url
    assert state_of(engine, "kev") is None


def test_unknown_sources_are_refused_before_any_download(
    engine: Engine, feed_server: FeedServer, tmp_path: Path
) -> None:
    with pytest.raises(FeedError) as caught:
        sync(engine, make_settings(tmp_path, feed_server), ["kev", "bogus"], sleep=FakeSleep())
    message = str(caught.value)
    assert "bogus" in message
    for source in SYNC_SOURCES:
        assert source in message
    assert feed_server.requests == []


# --------------------------------------------------------------------------- NVD


def nvd_page(fixtures: Path, ids: list[str], *, total: int, start: int = 0) -> bytes:
    """A CVE API 2.0 page holding copies of the fixture's vulnerabilities renamed to ``ids``."""
    page = orjson.loads((fixtures / "nvd.page.json").read_bytes())
    templates = page["vulnerabilities"]
    vulnerabilities = []
    for i, cve_id in enumerate(ids):
        item = copy.deepcopy(templates[i % len(templates)])
        item["cve"]["id"] = cve_id
        vulnerabilities.append(item)
    page.update(
        resultsPerPage=len(ids),
        startIndex=start,
        totalResults=total,
        vulnerabilities=vulnerabilities,
    )
    return orjson.dumps(page)


def nvd_ids(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(t.nvd_cves.c.cve_id)).scalars())


def nvd_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")


def cursor_of(engine: Engine) -> datetime:
    state = state_of(engine, "nvd")
    assert state is not None and state["cursor"]
    return parse_time(state["cursor"])


@pytest.mark.parametrize("api_key", [None, "secret-key"])
def test_nvd_first_run_pages_everything(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path, api_key: str | None
) -> None:
    feed_server.script(
        "/nvd",
        [
            Reply(200, JSON, nvd_page(fixtures, ["CVE-2024-3400", "CVE-2021-44228"], total=3)),
            Reply(200, JSON, nvd_page(fixtures, ["CVE-2024-0001"], total=3, start=2)),
        ],
    )
    settings = make_settings(tmp_path, feed_server, nvd_api_key=api_key)
    sleep = FakeSleep()

    result = only(sync(engine, settings, ["nvd"], sleep=sleep, now=NOW))

    requests = feed_server.requests_for("/nvd")
    assert [(r.query["resultsPerPage"], r.query["startIndex"]) for r in requests] == [
        (["2000"], ["0"]),
        (["2000"], ["2"]),
    ]
    for request in requests:
        assert "lastModStartDate" not in request.query
        assert "lastModEndDate" not in request.query
        assert request.headers.get("apikey") == api_key
    assert sleep.waits == [NVD_DELAY[api_key is not None]]
    assert sleep.waits == [0.6 if api_key else 6.0]
    assert result.url == settings.nvd_url
    assert result.summary is not None and result.summary.counts.added == 3
    assert nvd_ids(engine) == {"CVE-2024-3400", "CVE-2021-44228", "CVE-2024-0001"}
    assert cursor_of(engine) == NOW
    assert list((settings.cache_dir / "nvd").iterdir()) == []  # the saved pages are cleaned up


def test_nvd_later_runs_ask_for_windows_from_the_cursor(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, feed_server)
    feed_server.script("/nvd", [Reply(200, JSON, nvd_page(fixtures, ["CVE-2024-3400"], total=1))])
    sync(engine, settings, ["nvd"], sleep=FakeSleep(), now=NOW)
    assert cursor_of(engine) == NOW

    later = NOW + timedelta(days=200)
    feed_server.script(
        "/nvd",
        [
            Reply(200, JSON, nvd_page(fixtures, ["CVE-2021-44228"], total=1)),
            Reply(200, JSON, nvd_page(fixtures, ["CVE-2024-0002", "CVE-2024-0003"], total=2)),
        ],
    )
    sleep = FakeSleep()
    result = only(sync(engine, settings, ["nvd"], sleep=sleep, now=later))

    windows = [
        (r.query["lastModStartDate"], r.query["lastModEndDate"], r.query["startIndex"])
        for r in feed_server.requests_for("/nvd")[1:]
    ]
    middle = NOW + NVD_WINDOW
    assert windows == [
        ([nvd_time(NOW)], [nvd_time(middle)], ["0"]),
        ([nvd_time(middle)], [nvd_time(later)], ["0"]),
    ]
    for start, end, _index in windows:
        span = parse_time(end[0]) - parse_time(start[0])
        assert timedelta(0) < span <= timedelta(days=120)
    assert sleep.waits == [6.0]
    assert result.summary is not None and result.summary.counts.added == 3
    assert nvd_ids(engine) == {"CVE-2024-3400", "CVE-2021-44228", "CVE-2024-0002", "CVE-2024-0003"}
    assert cursor_of(engine) == later


def test_nvd_accepts_an_aware_now(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, feed_server)
    feed_server.script("/nvd", [Reply(200, JSON, nvd_page(fixtures, ["CVE-2024-3400"], total=1))])
    sync(engine, settings, ["nvd"], sleep=FakeSleep(), now=NOW.replace(tzinfo=UTC))
    assert cursor_of(engine) == NOW

    later = (NOW + timedelta(days=1)).replace(tzinfo=UTC)
    feed_server.script("/nvd", [Reply(200, JSON, nvd_page(fixtures, [], total=0))])
    sync(engine, settings, ["nvd"], sleep=FakeSleep(), now=later)

    request = feed_server.requests_for("/nvd")[-1]
    assert request.query["lastModStartDate"] == [nvd_time(NOW)]
    assert request.query["lastModEndDate"] == [nvd_time(NOW + timedelta(days=1))]
    assert cursor_of(engine) == NOW + timedelta(days=1)


def test_nvd_failure_keeps_the_cursor_and_the_store(
    engine: Engine, feed_server: FeedServer, fixtures: Path, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, feed_server)
    feed_server.script("/nvd", [Reply(200, JSON, nvd_page(fixtures, ["CVE-2024-3400"], total=1))])
    sync(engine, settings, ["nvd"], sleep=FakeSleep(), now=NOW)

    feed_server.script(
        "/nvd",
        [
            Reply(200, JSON, nvd_page(fixtures, ["CVE-2021-44228"], total=2)),
            Reply(404, {"Content-Type": "text/plain"}, b"gone"),
        ],
    )
    with pytest.raises(FeedError, match="404"):
        sync(engine, settings, ["nvd"], sleep=FakeSleep(), now=NOW + timedelta(days=3))

    assert nvd_ids(engine) == {"CVE-2024-3400"}  # the first page of the run is not imported
    assert cursor_of(engine) == NOW
    assert list((settings.cache_dir / "nvd").iterdir()) == []

    feed_server.script("/nvd", [Reply(200, JSON, b'{"message": "not a page"}')])
    with pytest.raises(FeedError, match="vulnerabilities"):
        sync(engine, settings, ["nvd"], sleep=FakeSleep(), now=NOW + timedelta(days=3))
    assert cursor_of(engine) == NOW
