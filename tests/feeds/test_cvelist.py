"""cvelistV5's releases: asset names, the releases API page, and which archives to apply."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from aicc.core.errors import FeedError
from aicc.feeds import cvelist
from aicc.feeds.cve5 import CVELIST, FILE, VULNRICHMENT, compare, origin_of, plan_merge
from tests.support.cvelist import release

BASE = "https://github.com"


def releases() -> list[dict[str, Any]]:
    """Releases as the API lists them on 2025-09-03 at 12:03, newest first: two hourly ones of
    that day, the end-of-day ones of the two days before, and an hourly one of 2025-09-01."""
    return [
        release(
            BASE,
            "cve_2025-09-03_1200Z",
            [
                "2025-09-03_all_CVEs_at_midnight.zip.zip",
                "2025-09-03_delta_CVEs_at_1200Z.zip",
                "release_notes.md",
            ],
            number=5,
        ),
        release(
            BASE,
            "cve_2025-09-03_1100Z",
            ["2025-09-03_all_CVEs_at_midnight.zip.zip", "2025-09-03_delta_CVEs_at_1100Z.zip"],
            number=4,
        ),
        release(
            BASE,
            "cve_2025-09-02_at_end_of_day",
            ["2025-09-02_delta_CVEs_at_end_of_day.zip", "release_notes.md"],
            number=3,
        ),
        release(
            BASE,
            "cve_2025-09-01_at_end_of_day",
            ["2025-09-01_delta_CVEs_at_end_of_day.zip"],
            number=2,
        ),
        release(
            BASE,
            "cve_2025-09-01_2300Z",
            ["2025-09-01_all_CVEs_at_midnight.zip.zip", "2025-09-01_delta_CVEs_at_2300Z.zip"],
            number=1,
        ),
    ]


def names(steps: list[cvelist.Asset]) -> list[str]:
    return [step.name for step in steps]


@pytest.mark.parametrize(
    ("name", "kind", "until"),
    [
        ("2025-09-03_all_CVEs_at_midnight.zip.zip", cvelist.BASELINE, datetime(2025, 9, 3)),
        ("2024-04-04_all_CVEs_at_midnight.zip", cvelist.BASELINE, datetime(2024, 4, 4)),
        ("2025-09-03_delta_CVEs_at_1200Z.zip", cvelist.DELTA, datetime(2025, 9, 3, 12)),
        ("2025-09-02_delta_CVEs_at_end_of_day.zip", cvelist.END_OF_DAY, datetime(2025, 9, 3)),
    ],
)
def test_asset_names(name: str, kind: str, until: datetime) -> None:
    asset = cvelist.asset_of(name, f"{BASE}/x/{name}", "tag")
    assert asset is not None
    assert (asset.kind, asset.until, asset.tag) == (kind, until, "tag")


@pytest.mark.parametrize(
    "name", ["release_notes.md", "2025-02-30_all_CVEs_at_midnight.zip.zip", "cves.zip"]
)
def test_other_files_are_no_assets(name: str) -> None:
    assert cvelist.asset_of(name, f"{BASE}/{name}") is None


def test_the_releases_page_lists_every_archive() -> None:
    assets = cvelist.parse_releases(releases(), "api")
    assert len(assets) == 8  # release notes are no archive
    first = assets[0]
    assert (first.name, first.kind, first.day, first.tag) == (
        "2025-09-03_all_CVEs_at_midnight.zip.zip",
        cvelist.BASELINE,
        date(2025, 9, 3),
        "cve_2025-09-03_1200Z",
    )
    assert first.url == (
        f"{BASE}/CVEProject/cvelistV5/releases/download/cve_2025-09-03_1200Z/{first.name}"
    )


def test_an_api_error_is_not_a_releases_page() -> None:
    with pytest.raises(FeedError, match="API rate limit exceeded") as caught:
        cvelist.parse_releases({"message": "API rate limit exceeded for 192.0.2.1."}, "api")
    assert caught.value.path == "api"
    with pytest.raises(FeedError, match="'assets'"):
        cvelist.parse_releases([{"tag_name": "cve_2025-09-03_1200Z"}], "api")


@pytest.mark.parametrize(
    ("cursor", "expected"),
    [
        # An empty store: the newest baseline, then the newest hourly delta of its day.
        (None, ["2025-09-03_all_CVEs_at_midnight.zip.zip", "2025-09-03_delta_CVEs_at_1200Z.zip"]),
        # Synced earlier today: only the newest hourly delta (it holds the whole day so far).
        (datetime(2025, 9, 3, 11), ["2025-09-03_delta_CVEs_at_1200Z.zip"]),
        (datetime(2025, 9, 3, 12), []),
        # Two days behind: the end-of-day deltas of those days, then today's hourly one.
        (
            datetime(2025, 9, 1, 23),
            [
                "2025-09-01_delta_CVEs_at_end_of_day.zip",
                "2025-09-02_delta_CVEs_at_end_of_day.zip",
                "2025-09-03_delta_CVEs_at_1200Z.zip",
            ],
        ),
        # Further behind than the end-of-day deltas listed: a new baseline.
        (
            datetime(2025, 8, 30, 6),
            ["2025-09-03_all_CVEs_at_midnight.zip.zip", "2025-09-03_delta_CVEs_at_1200Z.zip"],
        ),
    ],
)
def test_the_plan_follows_the_cursor(cursor: datetime | None, expected: list[str]) -> None:
    steps = cvelist.plan(cvelist.parse_releases(releases(), "api"), cursor)
    assert names(steps) == expected
    assert [s.until for s in steps] == sorted(s.until for s in steps)


def test_no_baseline_is_an_error() -> None:
    assets = cvelist.parse_releases(releases()[2:4], "api")
    with pytest.raises(FeedError, match="no baseline archive"):
        cvelist.plan(assets, None)


# --------------------------------------------------------------------------- merge rules


@pytest.mark.parametrize(
    ("path", "name", "origin"),
    [
        (
            "2025-09-03_all_CVEs_at_midnight.zip.zip",
            "cves.zip/cves/2024/3xxx/CVE-2024-3400.json",
            CVELIST,
        ),
        ("2025-09-03_delta_CVEs_at_1200Z.zip", "deltaCves/CVE-2024-3400.json", CVELIST),
        ("cvelistV5", "cves/2024/3xxx/CVE-2024-3400.json", CVELIST),
        ("vulnrichment.zip", "vulnrichment-develop/2024/3xxx/CVE-2024-3400.json", VULNRICHMENT),
        ("vulnrichment", "2024/3xxx/CVE-2024-3400.json", VULNRICHMENT),
        ("cve", "2024/3xxx/CVE-2024-3400.json", FILE),
        ("CVE-2024-3400.json", "CVE-2024-3400.json", FILE),
    ],
)
def test_origin_from_the_names(path: str, name: str, origin: str) -> None:
    assert origin_of(Path("/data") / path, name) == origin


def _row(when: str | None, origin: str, digest: str) -> dict[str, Any]:
    moment = datetime.fromisoformat(when) if when else None
    return {"date_updated": moment, "origin": origin, "digest": digest}


@pytest.mark.parametrize(
    ("incoming", "stored", "verdict"),
    [
        (_row("2024-06-01", VULNRICHMENT, "b"), None, 1),
        (_row("2024-06-01", VULNRICHMENT, "b"), _row("2024-05-01", CVELIST, "a"), 1),
        (_row("2024-04-01", CVELIST, "b"), _row("2024-05-01", VULNRICHMENT, "a"), -1),
        (_row(None, CVELIST, "b"), _row("2024-05-01", VULNRICHMENT, "a"), -1),
        # a tie of dates, other content: cvelistV5 over Vulnrichment, a later file of one origin
        (_row("2024-05-01", VULNRICHMENT, "b"), _row("2024-05-01", CVELIST, "a"), 0),
        (_row("2024-05-01", CVELIST, "b"), _row("2024-05-01", VULNRICHMENT, "a"), 1),
        (_row("2024-05-01", VULNRICHMENT, "b"), _row("2024-05-01", VULNRICHMENT, "a"), 1),
        # the same content: kept, named after cvelistV5 when it brings it
        (_row("2024-05-01", VULNRICHMENT, "a"), _row("2024-05-01", VULNRICHMENT, "a"), 0),
        (_row("2024-05-01", CVELIST, "a"), _row("2024-05-01", VULNRICHMENT, "a"), 1),
        (_row("2024-05-01", VULNRICHMENT, "a"), _row("2024-05-01", CVELIST, "a"), 0),
    ],
)
def test_container_verdicts(
    incoming: dict[str, Any], stored: dict[str, Any] | None, verdict: int
) -> None:
    assert compare(incoming, stored) == verdict


def test_a_merge_takes_only_the_newer_containers() -> None:
    stored = {
        "cna": _row("2024-10-01", CVELIST, "c2"),
        "CVE": _row("2024-08-01", CVELIST, "p"),
    }
    incoming = {
        "cna": _row("2024-04-19", VULNRICHMENT, "c1"),
        "CVE": _row("2024-08-01", VULNRICHMENT, "p"),
        "CISA-ADP": _row("2024-05-01", VULNRICHMENT, "k"),
    }
    merge = plan_merge(stored, "PUBLISHED", incoming, "PUBLISHED")
    assert (merge.take_cna, merge.take, merge.older, merge.whole) == (
        False,
        ("CISA-ADP",),
        True,
        False,
    )
    assert merge.changed
