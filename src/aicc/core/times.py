"""Timestamps in feeds are ISO 8601 in many spellings; the store keeps naive UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: str) -> datetime:
    """Parse an ISO 8601 date or timestamp into a naive UTC datetime.

    Accepts ``Z``, offsets, a bare date, and more than six fractional digits (which
    `datetime.fromisoformat` rejects), as found in CVE and NVD records.
    """
    text = value.strip()
    if "." in text:
        head, _, tail = text.partition(".")
        digits = len(tail) - len(tail.lstrip("0123456789"))
        if digits > 6:
            text = f"{head}.{tail[:6]}{tail[digits:]}"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def utcnow() -> datetime:
    """The current time as a naive UTC datetime, the form the store keeps."""
    return datetime.now(UTC).replace(tzinfo=None)


def iso(moment: datetime | None) -> str | None:
    """A stored naive UTC datetime as ISO 8601 with ``Z``."""
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"
