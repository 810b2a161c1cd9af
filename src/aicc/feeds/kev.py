"""CISA Known Exploited Vulnerabilities: the catalogue JSON, every field of its schema."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from aicc.core.errors import FeedError
from aicc.core.problems import Problem
from aicc.core.times import parse_time
from aicc.feeds import jsonpath as jp
from aicc.feeds.records import Item, LoadedFeed, Record, RecordError, digest

SOURCE = "kev"
_CVE = re.compile(r"^CVE-[0-9]{4}-[0-9]{4,19}$")
_REQUIRED = (
    "cveID",
    "vendorProject",
    "product",
    "vulnerabilityName",
    "dateAdded",
    "shortDescription",
    "requiredAction",
    "dueDate",
)
_KNOWN = {*_REQUIRED, "knownRansomwareCampaignUse", "notes", "cwes", "forensicTriage"}


def _date(entry: dict[str, Any], key: str, path: str) -> str:
    value = jp.need(entry, key, str, path)
    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise RecordError(jp.join(path, key), f"expected a YYYY-MM-DD date, got {value!r}") from exc
    return value


def parse_entry(entry: Any, path: str) -> Record:
    """One catalogue entry as a store row; unknown fields are kept in ``extra``."""
    entry = jp.obj(entry, path)
    for key in _REQUIRED:
        jp.need(entry, key, str, path)
    cve_id = entry["cveID"]
    if not _CVE.match(cve_id):
        raise RecordError(jp.join(path, "cveID"), f"not a CVE id: {cve_id!r}")
    triage = entry.get("forensicTriage")
    try:
        hashed = digest(orjson.dumps(entry, option=orjson.OPT_SORT_KEYS))
    except orjson.JSONEncodeError as exc:  # nested deeper than orjson writes (255)
        raise RecordError(path, f"cannot be stored: {exc}") from exc
    row = {
        "cve_id": cve_id,
        "vendor_project": entry["vendorProject"],
        "product": entry["product"],
        "vulnerability_name": entry["vulnerabilityName"],
        "date_added": _date(entry, "dateAdded", path),
        "short_description": entry["shortDescription"],
        "required_action": entry["requiredAction"],
        "due_date": _date(entry, "dueDate", path),
        "known_ransomware_campaign_use": jp.get(entry, "knownRansomwareCampaignUse", str, path),
        "notes": jp.get(entry, "notes", str, path),
        "cwes": jp.items(entry, "cwes", str, path) or None,
        "forensic_triage": triage
        if triage is None or isinstance(triage, str)
        else orjson.dumps(triage).decode(),
        "extra": {k: v for k, v in entry.items() if k not in _KNOWN} or None,
        "digest": hashed,
    }
    return Record(cve_id, row["digest"], None, row)


def load(path: Path, known: set[str] | frozenset[str] = frozenset()) -> LoadedFeed:
    """Open the catalogue; a file that is not a KEV catalogue raises FeedError."""
    try:
        document = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    except orjson.JSONDecodeError as exc:
        raise FeedError(f"not valid JSON: {exc}", path=str(path)) from exc
    try:
        catalogue = jp.obj(document, "")
        for key in ("catalogVersion", "dateReleased"):
            jp.need(catalogue, key, str)
        entries = jp.need(catalogue, "vulnerabilities", list)
        released = parse_time(catalogue["dateReleased"])
    except RecordError as exc:
        raise FeedError(exc.problem, path=str(path), location=exc.location or "$") from exc
    except (ValueError, OverflowError) as exc:
        raise FeedError(f"not a date-time: {exc}", path=str(path), location="dateReleased") from exc

    def items() -> Iterator[Item]:
        for i, entry in enumerate(entries):
            where = f"vulnerabilities[{i}]"
            try:
                yield parse_entry(entry, where)
            except RecordError as exc:
                yield Problem(
                    "feeds",
                    str(path),
                    where,
                    f"{exc.location}: {exc.problem}" if exc.location != where else exc.problem,
                )

    details = {
        "catalog_version": catalogue["catalogVersion"],
        "date_released": released.isoformat() + "Z",
        "count": catalogue.get("count"),
    }
    return LoadedFeed(SOURCE, str(path), len(entries), items(), details, snapshot=True)


def looks_like(document: Any) -> bool:
    """Whether a parsed JSON document is a KEV catalogue."""
    return (
        isinstance(document, dict)
        and "catalogVersion" in document
        and isinstance(document.get("vulnerabilities"), list)
    )
