"""A campaign's board for the center: progress by sector and region, who is late, and the
burn-down (findings still open, day by day, beside the straight line to the deadline)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from aicc.center.access import Principal, require_center
from aicc.center.campaign_status import STATUSES, Entry, counts, entries
from aicc.center.campaigns import (
    campaign_dict,
    deadline_problems,
    default_day,
    visible_campaign,
)

MAX_POINTS = 120  # a long campaign's burn-down is sampled down to this many days


def _groups(found: Sequence[Entry], key: str, today: date) -> list[dict[str, Any]]:
    grouped: dict[str | None, list[Entry]] = {}
    for entry in found:
        grouped.setdefault(getattr(entry, key), []).append(entry)
    order = sorted(grouped, key=lambda k: (k is None, k or ""))
    return [{key: name} | counts(grouped[name], today) for name in order]


def burn_down(found: Sequence[Entry], start: date, today: date) -> list[dict[str, Any]]:
    """Findings open at the end of each day from ``start`` to ``today``: a finding counts from
    the later of the start and its first sighting until the day it was fixed."""
    if today < start:
        return []
    span = (today - start).days
    step = max(1, -(-span // (MAX_POINTS - 1)))
    delta: dict[date, int] = {}
    for entry in found:
        for item in entry.findings:
            opened = max(start, item.first_seen.date())
            delta[opened] = delta.get(opened, 0) + 1
            if item.fixed and item.fixed_at is not None:
                closed = max(item.fixed_at.date(), opened)
                delta[closed] = delta.get(closed, 0) - 1
            elif item.fixed:  # fixed with no time recorded: counted fixed from the start
                delta[opened] -= 1
    points: list[dict[str, Any]] = []
    open_now = 0
    day = start
    while day <= today:
        open_now += delta.get(day, 0)
        if (day - start).days % step == 0 or day == today:
            points.append({"day": day.isoformat(), "open": open_now})
        day += timedelta(days=1)
    return points


def campaign_progress(
    engine: Engine,
    principal: Principal,
    campaign_id: str,
    *,
    as_of: date | None = None,
    with_entries: bool = False,
) -> dict[str, Any]:
    """The board of one campaign (center roles only; an organisation's token: Forbidden, as for
    the portfolio): totals, by sector, by region, the late entries (most days late first), the
    burn-down, and the findings whose deadline could not be worked out; ``with_entries`` adds
    every entry (as `show_campaign` gives them), worked out once for both."""
    require_center(principal, "a campaign's board")
    with engine.connect() as conn:
        row = visible_campaign(conn, principal, campaign_id)
        today = default_day(row, as_of)
        found = entries(conn, row, principal)
        definition = campaign_dict(conn, row, principal)
    late = [e.as_dict(today) for e in found if e.status(today) == "overdue"]
    late.sort(key=lambda e: (-e["days_late"], e["organization"]["name"]))
    start = row["created_at"].date()
    every = {"entries": [e.as_dict(today) for e in found]} if with_entries else {}
    return (
        definition
        | every
        | {
            "as_of": today.isoformat(),
            "statuses": list(STATUSES),
            "totals": counts(found, today),
            "sectors": _groups(found, "sector", today),
            "regions": _groups(found, "region", today),
            "late": [
                {k: e[k] for k in ("organization", "due", "days_late", "progress", "open_findings")}
                for e in late
            ],
            "burn_down": burn_down(found, start, today),
            "problems": deadline_problems(found),
        }
    )
