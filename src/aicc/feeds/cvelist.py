"""The CVE Program's cvelistV5 releases: which archives bring a store up to date.

cvelistV5 (github.com/CVEProject/cvelistV5) publishes, as assets of its GitHub releases:

- every hour, release ``cve_<YYYY-MM-DD>_<HH>00Z`` with the day's baseline
  ``<YYYY-MM-DD>_all_CVEs_at_midnight.zip.zip`` (a zip holding ``cves.zip``, which holds
  ``cves/<year>/<nnxxx>/CVE-<year>-<n>.json``: every record as of midnight UTC) and
  ``<YYYY-MM-DD>_delta_CVEs_at_<HH>00Z.zip`` (``deltaCves/CVE-….json``: the records added or
  updated since that midnight);
- just after midnight, release ``cve_<YYYY-MM-DD>_at_end_of_day`` with
  ``<YYYY-MM-DD>_delta_CVEs_at_end_of_day.zip``: every record added or updated that day.

The releases API (``GET /repos/CVEProject/cvelistV5/releases``) lists them newest first, each
with ``tag_name`` and ``assets`` of ``name`` and ``browser_download_url``. `plan` turns that list
and a cursor (the moment up to which the store holds every change) into the archives to apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from aicc.core.errors import FeedError

BASELINE = "baseline"
DELTA = "delta"  # hourly: the changes since the day's baseline
END_OF_DAY = "end_of_day"  # the changes of one whole day

_NAMES = (
    (BASELINE, re.compile(r"^(\d{4}-\d{2}-\d{2})_all_CVEs_at_midnight\.zip(?:\.zip)?$")),
    (DELTA, re.compile(r"^(\d{4}-\d{2}-\d{2})_delta_CVEs_at_(\d{2})(\d{2})Z\.zip$")),
    (END_OF_DAY, re.compile(r"^(\d{4}-\d{2}-\d{2})_delta_CVEs_at_end_of_day\.zip$")),
)


@dataclass(frozen=True)
class Asset:
    """One archive of a release, and the moment up to which the store is current once every
    archive of the plan up to this one is imported."""

    name: str
    url: str
    kind: str  # BASELINE, DELTA or END_OF_DAY
    day: date
    until: datetime  # naive UTC
    tag: str


def asset_of(name: str, url: str, tag: str = "") -> Asset | None:
    """The `Asset` an archive name describes, or None for any other file of a release."""
    for kind, pattern in _NAMES:
        found = pattern.match(name)
        if found is None:
            continue
        try:
            day = date.fromisoformat(found.group(1))
            if kind == BASELINE:
                until = datetime.combine(day, time())
            elif kind == END_OF_DAY:
                until = datetime.combine(day + timedelta(days=1), time())
            else:
                until = datetime.combine(day, time(int(found.group(2)), int(found.group(3))))
        except ValueError:  # a date or hour that does not exist
            return None
        return Asset(name, url, kind, day, until, tag)
    return None


def parse_releases(document: Any, url: str) -> list[Asset]:
    """The archives of a releases API page (a JSON list of releases), newest release first.

    Raises FeedError when the page is not a list of releases."""
    if not isinstance(document, list):
        message = document.get("message") if isinstance(document, dict) else None
        raise FeedError(
            "not a GitHub releases list"
            + (f" (the API said: {message})" if isinstance(message, str) else ""),
            path=url,
        )
    found: list[Asset] = []
    for i, release in enumerate(document):
        if not isinstance(release, dict) or not isinstance(release.get("assets"), list):
            raise FeedError("a release without an 'assets' list", path=url, location=f"[{i}]")
        tag = release.get("tag_name")
        for asset in release["assets"]:
            if not isinstance(asset, dict):
                continue
            name, link = asset.get("name"), asset.get("browser_download_url")
            if not isinstance(name, str) or not isinstance(link, str):
                continue
            if not link.startswith(("https://", "http://")):
                continue
            parsed = asset_of(name, link, tag if isinstance(tag, str) else "")
            if parsed is not None:
                found.append(parsed)
    return found


def plan(assets: list[Asset], cursor: datetime | None) -> list[Asset]:
    """The archives to import, in order, to bring a store current up to ``cursor`` (None for
    an empty one) to the newest release.

    The newest baseline when there is no cursor, or when the end-of-day deltas listed do not
    cover every day from the cursor to that baseline; else those deltas. Then the newest hourly
    delta of the baseline's day, when it is later than what the store holds.
    """
    baselines: dict[date, Asset] = {}
    ends: dict[date, Asset] = {}
    for asset in assets:  # newest release first: the first copy of a name is kept
        if asset.kind == BASELINE:
            baselines.setdefault(asset.day, asset)
        elif asset.kind == END_OF_DAY:
            ends.setdefault(asset.day, asset)
    if not baselines:
        raise FeedError(
            "no baseline archive (<date>_all_CVEs_at_midnight.zip.zip) among the releases listed"
        )
    day = max(baselines)
    midnight = datetime.combine(day, time())
    steps: list[Asset] = []
    position = cursor
    if position is None or position < midnight:
        days = (
            [position.date() + timedelta(days=n) for n in range((day - position.date()).days)]
            if position is not None
            else []
        )
        if days and all(d in ends for d in days):
            steps += [ends[d] for d in days]
        else:
            steps.append(baselines[day])
        position = midnight
    hourly = [a for a in assets if a.kind == DELTA and a.day == day and a.until > position]
    if hourly:
        steps.append(max(hourly, key=lambda a: a.until))
    return steps
