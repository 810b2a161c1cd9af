"""`aicc db sync cve` end to end: cvelistV5's releases API, baseline and delta archives, then
Vulnrichment, from a local HTTP server in the published shapes (tests/support/cvelist.py)."""

from __future__ import annotations

import copy
import dataclasses
import io
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from aicc.core.errors import FeedError
from aicc.core.settings import Settings
from aicc.store import tables as t
from aicc.store.knowledge import fetch_validators, knowledge_status, sync_state
from aicc.store.sync import CVELIST_PAGE, SyncResult, sync
from tests.support.cvelist import (
    RELEASES_PATH,
    asset_path,
    baseline_zip,
    delta_zip,
    release,
    sample_record,
    without_adp,
    zip_of,
)
from tests.support.feed_server import FeedServer, Reply

PAN_OS = "CVE-2024-3400"
FORTIOS = "CVE-2024-21762"
PHP = "CVE-2024-4577"
DAY1 = "2025-09-01"
BASELINE1 = f"{DAY1}_all_CVEs_at_midnight.zip.zip"
HOURLY1 = f"{DAY1}_delta_CVEs_at_1200Z.zip"
TAG1 = f"cve_{DAY1}_1200Z"


class FakeSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_settings(tmp_path: Path, server: FeedServer) -> Settings:
    settings = Settings.from_env(
        {
            "AICC_HOME": str(tmp_path / "home"),
            "AICC_CVE_URL": server.url_for("/vulnrichment.zip"),
            "AICC_CVELIST_URL": server.url_for(RELEASES_PATH),
        }
    )
    return dataclasses.replace(settings, http_timeout=5.0)


def renamed(document: dict[str, Any], when: str, title: str) -> dict[str, Any]:
    """A copy whose CNA (and record) was updated at ``when`` with ``title``."""
    changed = copy.deepcopy(document)
    changed["cveMetadata"]["dateUpdated"] = when
    changed["containers"]["cna"]["title"] = title
    changed["containers"]["cna"]["providerMetadata"]["dateUpdated"] = when
    return changed


def cisa_says(document: dict[str, Any], exploitation: str, when: str) -> dict[str, Any]:
    """A copy whose CISA-ADP container says Exploitation ``exploitation``, as of ``when``."""
    changed = copy.deepcopy(document)
    for container in changed["containers"]["adp"]:
        if container["providerMetadata"]["shortName"] == "CISA-ADP":
            container["providerMetadata"]["dateUpdated"] = when
            container["metrics"][0]["other"]["content"]["options"][0] = {
                "Exploitation": exploitation
            }
    changed["cveMetadata"]["dateUpdated"] = when
    return changed


class World:
    """What cvelistV5 and Vulnrichment publish on the server, day by day."""

    def __init__(self, server: FeedServer) -> None:
        self.server = server
        vulnrichment = sample_record(PAN_OS)
        self.vulnrichment = vulnrichment
        # cvelistV5 has PAN-OS without CISA's container (Vulnrichment brings it) and with a
        # newer CNA container; FortiOS as the sample has it.
        self.pan_os = renamed(
            without_adp(vulnrichment, "CISA-ADP"), "2025-08-20T10:00:00.000Z", "PAN-OS (cvelist)"
        )
        self.fortios = sample_record(FORTIOS)
        self.fortios_noon = renamed(self.fortios, "2025-09-01T11:30:00.000Z", "FortiOS at noon")

    def publish(self, releases: list[dict[str, Any]], assets: dict[str, bytes]) -> None:
        """Serve a releases page and its archives (``tag/name`` -> bytes)."""
        self.server.serve(RELEASES_PATH, orjson.dumps(releases), content_type="application/json")
        for path, body in assets.items():
            tag, name = path.split("/")
            self.server.serve(asset_path(tag, name), body, content_type="application/zip")

    def day_one(self) -> None:
        base = self.server.base_url
        self.publish(
            [release(base, TAG1, [BASELINE1, HOURLY1, "release_notes.md"])],
            {
                f"{TAG1}/{BASELINE1}": baseline_zip([self.pan_os, self.fortios]),
                f"{TAG1}/{HOURLY1}": delta_zip([self.fortios_noon, sample_record(PHP)]),
            },
        )
        self.serve_vulnrichment([self.vulnrichment])

    def serve_vulnrichment(self, documents: list[dict[str, Any]]) -> None:
        members = {
            f"vulnrichment-develop/2024/{d['cveMetadata']['cveId'].split('-')[2][:-3]}xxx/"
            f"{d['cveMetadata']['cveId']}.json": orjson.dumps(d)
            for d in documents
        }
        self.server.serve("/vulnrichment.zip", zip_of(members), content_type="application/zip")


def record(engine: Engine, cve_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(select(t.cve_records).where(t.cve_records.c.cve_id == cve_id)).one()
    return dict(row._mapping)


def ids(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(t.cve_records.c.cve_id)).scalars())


def cursor(engine: Engine) -> str | None:
    with engine.connect() as conn:
        state = sync_state(conn, "cve")
    return None if state is None else state["cursor"]


def urls(results: list[SyncResult]) -> list[str]:
    return [r.url.rsplit("/", 1)[-1] for r in results]


@pytest.fixture
def world(feed_server: FeedServer) -> World:
    return World(feed_server)


# --------------------------------------------------------------------------- first and later


def test_first_sync_takes_the_baseline_the_delta_then_vulnrichment(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    settings = make_settings(tmp_path, feed_server)

    results = sync(engine, settings, ["cve"], sleep=FakeSleep())

    assert urls(results) == [BASELINE1, HOURLY1, "vulnrichment.zip"]
    assert [r.summary.counts.as_dict() for r in results if r.summary] == [
        {"added": 2, "updated": 0, "unchanged": 0, "older": 0, "removed": 0, "skipped": 0},
        {"added": 1, "updated": 1, "unchanged": 0, "older": 0, "removed": 0, "skipped": 0},
        {"added": 0, "updated": 1, "unchanged": 0, "older": 0, "removed": 0, "skipped": 0},
    ]
    assert ids(engine) == {PAN_OS, FORTIOS, PHP}
    pan_os = record(engine, PAN_OS)
    assert pan_os["title"] == "PAN-OS (cvelist)"  # cvelistV5's newer CNA container
    assert pan_os["ssvc_exploitation"] == "active"  # Vulnrichment's CISA-ADP container
    assert pan_os["adp_kev_date_added"] == "2024-04-12"
    assert record(engine, FORTIOS)["title"] == "FortiOS at noon"
    assert cursor(engine) == f"{DAY1}T12:00:00Z"
    [listing] = feed_server.requests_for(RELEASES_PATH)
    assert listing.query == {"per_page": [str(CVELIST_PAGE)]}
    assert listing.headers["accept"] == "application/vnd.github+json"
    assert "authorization" not in listing.headers
    # Archives are deleted once imported; only the releases page stays, for the next 304.
    assert [p.name for p in (settings.cache_dir / "cvelist").iterdir()] == ["releases.json"]
    with engine.connect() as conn:
        status = knowledge_status(conn)["cve"]
    assert status["records"] == 3
    assert status["cvelist"] == HOURLY1


def test_a_second_sync_is_conditional(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    settings = make_settings(tmp_path, feed_server)
    sync(engine, settings, ["cve"], sleep=FakeSleep())
    before = record(engine, PAN_OS)
    requests = len(feed_server.requests)

    again = sync(engine, settings, ["cve"], sleep=FakeSleep())

    assert [(r.url, r.not_modified, r.summary) for r in again] == [
        (f"{settings.cvelist_url}?per_page={CVELIST_PAGE}", True, None),
        (settings.cve_url, True, None),
    ]
    listing, archive = feed_server.requests[requests:]
    assert listing.path == RELEASES_PATH and listing.headers["if-none-match"]
    assert archive.path == "/vulnrichment.zip" and archive.headers["if-none-match"]
    assert record(engine, PAN_OS) == before
    assert cursor(engine) == f"{DAY1}T12:00:00Z"


def test_later_syncs_apply_the_deltas_after_the_cursor(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    settings = make_settings(tmp_path, feed_server)
    sync(engine, settings, ["cve"], sleep=FakeSleep())

    # Two days on: CISA's container for PAN-OS is newer in cvelistV5 than in Vulnrichment.
    base = feed_server.base_url
    newer = cisa_says(world.vulnrichment, "PoC", "2025-09-02T08:00:00.000Z")
    newer = renamed(newer, "2025-09-02T08:00:00.000Z", "PAN-OS (cvelist, day two)")
    day3 = "2025-09-03"
    tag3 = f"cve_{day3}_0900Z"
    names3 = [f"{day3}_all_CVEs_at_midnight.zip.zip", f"{day3}_delta_CVEs_at_0900Z.zip"]
    end1 = f"{DAY1}_delta_CVEs_at_end_of_day.zip"
    end2 = "2025-09-02_delta_CVEs_at_end_of_day.zip"
    world.publish(
        [
            release(base, tag3, names3, number=4),
            release(base, "cve_2025-09-02_at_end_of_day", [end2], number=3),
            release(base, f"cve_{DAY1}_at_end_of_day", [end1], number=2),
            release(base, TAG1, [BASELINE1, HOURLY1], number=1),
        ],
        {
            f"{tag3}/{names3[1]}": delta_zip([]),
            f"cve_2025-09-02_at_end_of_day/{end2}": delta_zip([newer]),
            f"cve_{DAY1}_at_end_of_day/{end1}": delta_zip([world.fortios_noon]),
        },
    )

    results = sync(engine, settings, ["cve"], sleep=FakeSleep())

    assert urls(results) == [end1, end2, names3[1], "vulnrichment.zip"]
    assert results[-1].not_modified  # Vulnrichment did not change
    assert results[0].summary is not None and results[0].summary.counts.unchanged == 1
    assert feed_server.requests_for(asset_path(tag3, names3[0])) == []  # no new baseline
    pan_os = record(engine, PAN_OS)
    assert (pan_os["title"], pan_os["ssvc_exploitation"]) == ("PAN-OS (cvelist, day two)", "poc")
    assert cursor(engine) == f"{day3}T09:00:00Z"

    # Vulnrichment changes (an unrelated record), its older PAN-OS copy is merged again: kept out.
    world.serve_vulnrichment([world.vulnrichment, sample_record(FORTIOS)])
    last = sync(engine, settings, ["vulnrichment"], sleep=FakeSleep())
    assert last[0].summary is not None
    assert (last[0].summary.counts.unchanged, last[0].summary.counts.older) == (1, 1)
    assert record(engine, PAN_OS)["ssvc_exploitation"] == "poc"


def test_a_cursor_older_than_the_deltas_takes_a_new_baseline(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    settings = make_settings(tmp_path, feed_server)
    sync(engine, settings, ["cvelist"], sleep=FakeSleep())

    day9 = "2025-09-09"
    tag9 = f"cve_{day9}_0100Z"
    baseline9 = f"{day9}_all_CVEs_at_midnight.zip.zip"
    later = renamed(world.pan_os, "2025-09-08T00:00:00.000Z", "PAN-OS (day nine)")
    world.publish(
        [
            release(feed_server.base_url, tag9, [baseline9], number=9),
            release(feed_server.base_url, f"cve_{DAY1}_at_end_of_day", [], number=8),
        ],
        {f"{tag9}/{baseline9}": baseline_zip([later, world.fortios_noon])},
    )

    results = sync(engine, settings, ["cvelist"], sleep=FakeSleep())

    assert urls(results) == [baseline9]
    assert record(engine, PAN_OS)["title"] == "PAN-OS (day nine)"
    assert cursor(engine) == f"{day9}T00:00:00Z"
    assert ids(engine) == {PAN_OS, FORTIOS, PHP}  # a baseline adds and updates, never removes


def test_a_github_token_is_sent_to_the_api_only(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    settings = dataclasses.replace(make_settings(tmp_path, feed_server), github_token="t0ken")

    sync(engine, settings, ["cvelist"], sleep=FakeSleep())

    assert feed_server.requests_for(RELEASES_PATH)[0].headers["authorization"] == "Bearer t0ken"
    archive = feed_server.requests_for(asset_path(TAG1, BASELINE1))[0]
    assert "authorization" not in archive.headers


# --------------------------------------------------------------------------- failures


def test_a_failed_sync_resumes_from_the_last_archive_imported(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    settings = make_settings(tmp_path, feed_server)
    hourly = asset_path(TAG1, HOURLY1)
    body = delta_zip([world.fortios_noon, sample_record(PHP)])
    feed_server.serve(hourly, b"not found", content_type="text/plain")
    feed_server.script(hourly, [Reply(404, {"Content-Type": "text/plain"}, b"gone")])
    feed_server.cut_after(asset_path(TAG1, BASELINE1), 300)  # and the baseline is cut once
    sleep = FakeSleep()

    with pytest.raises(FeedError, match="404") as caught:
        sync(engine, settings, ["cve"], sleep=sleep)

    assert caught.value.path is not None and caught.value.path.endswith(HOURLY1)
    _first, second = feed_server.requests_for(asset_path(TAG1, BASELINE1))
    assert second.headers["range"] == "bytes=300-"  # the cut download resumed
    assert ids(engine) == {PAN_OS, FORTIOS}  # the baseline is in
    assert cursor(engine) == f"{DAY1}T00:00:00Z"
    listing_url = f"{settings.cvelist_url}?per_page={CVELIST_PAGE}"
    with engine.connect() as conn:  # the run did not finish: the next one lists again in full
        assert fetch_validators(conn, listing_url) == (None, None)

    feed_server.serve(hourly, body, content_type="application/zip")
    results = sync(engine, settings, ["cve"], sleep=sleep)

    assert urls(results) == [HOURLY1, "vulnrichment.zip"]
    assert len(feed_server.requests_for(asset_path(TAG1, BASELINE1))) == 2  # not fetched again
    assert ids(engine) == {PAN_OS, FORTIOS, PHP}
    assert cursor(engine) == f"{DAY1}T12:00:00Z"


def test_a_corrupt_nested_baseline_changes_nothing(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    good = baseline_zip([world.pan_os, world.fortios])
    inner = zipfile.ZipFile(io.BytesIO(good)).read("cves.zip")
    feed_server.serve(
        asset_path(TAG1, BASELINE1), baseline_zip([], inner=inner[:-200]), content_type="x/zip"
    )
    settings = make_settings(tmp_path, feed_server)

    with pytest.raises(FeedError, match="nested archive is not a valid zip") as caught:
        sync(engine, settings, ["cve"], sleep=FakeSleep())

    assert caught.value.location == "cves.zip"
    assert ids(engine) == set()
    assert cursor(engine) is None
    assert feed_server.requests_for("/vulnrichment.zip") == []
    assert not (settings.cache_dir / "cvelist" / BASELINE1).exists()  # fetched again next time

    feed_server.serve(asset_path(TAG1, BASELINE1), good, content_type="application/zip")
    results = sync(engine, settings, ["cve"], sleep=FakeSleep())
    assert urls(results) == [BASELINE1, HOURLY1, "vulnrichment.zip"]
    assert ids(engine) == {PAN_OS, FORTIOS, PHP}


def test_an_api_error_names_the_releases_url(
    engine: Engine, feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.serve(
        RELEASES_PATH,
        b'{"message": "API rate limit exceeded for 192.0.2.1."}',
        content_type="application/json",
    )
    settings = make_settings(tmp_path, feed_server)

    with pytest.raises(FeedError, match="rate limit exceeded") as caught:
        sync(engine, settings, ["cve"], sleep=FakeSleep())

    assert caught.value.path == f"{settings.cvelist_url}?per_page={CVELIST_PAGE}"
    assert cursor(engine) is None


def test_nothing_new_since_the_cursor_is_not_modified(
    engine: Engine, feed_server: FeedServer, world: World, tmp_path: Path
) -> None:
    world.day_one()
    settings = make_settings(tmp_path, feed_server)
    sync(engine, settings, ["cvelist"], sleep=FakeSleep())
    # A new page (an end-of-day release was added) with nothing after the cursor.
    world.publish(
        [
            release(feed_server.base_url, f"cve_{DAY1}_at_end_of_day", ["release_notes.md"]),
            release(feed_server.base_url, TAG1, [BASELINE1, HOURLY1]),
        ],
        {},
    )

    [result] = sync(engine, settings, ["cvelist"], sleep=FakeSleep())

    assert (result.not_modified, result.summary) == (True, None)
    assert cursor(engine) == f"{DAY1}T12:00:00Z"


def test_a_refusal_of_the_api_suggests_a_token(
    engine: Engine, feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.script(
        RELEASES_PATH,
        [Reply(403, {"Content-Type": "application/json"}, b'{"message": "API rate limit"}')],
    )

    with pytest.raises(FeedError, match=r"HTTP 403.*AICC_GITHUB_TOKEN"):
        sync(engine, make_settings(tmp_path, feed_server), ["cvelist"], sleep=FakeSleep())
