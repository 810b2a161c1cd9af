"""The portfolio over time: a daily snapshot of the summary's counts, and the trend they draw.

A snapshot counts, per sector and region, the organisations and their open findings (in triage
or exploitable, in the latest inventories), the open KEV findings and the open findings overdue
on that day, as `aicc.center.portfolio.summary` counts them. Only the present can be counted, so
the snapshot of a day is taken during that day: when the portfolio page or the trend is asked
for (at most every ``MAX_AGE``, replacing that day's earlier one, so the last one of a day stands
for it), by `take_snapshot`, and in the background by `daily_snapshot` (``aicc serve``'s outbox
thread on the embedded default, ``aicc worker --beat`` with Celery), which takes one on a day
that has none yet and leaves a day that has one alone. A day the center did not run has no
snapshot: the trend names those days (``missing``) instead of drawing a value it does not have.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, case, func, select

from aicc.center.access import Principal, require_center
from aicc.center.errors import InvalidInput
from aicc.center.portfolio import OPEN_STATES
from aicc.core.times import utcnow
from aicc.store.center_admin_tables import portfolio_snapshots
from aicc.store.center_tables import findings, organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

MAX_AGE = timedelta(minutes=15)
MAX_DAYS = 366
COUNTS = ("organizations", "open_findings", "kev_findings", "overdue_findings")  # as answered
COLUMNS = ("organisations", "open_findings", "kev_findings", "overdue_findings")  # as stored
GROUPS = ("total", "sector", "region")


def take_snapshot(
    engine: Engine,
    *,
    day: date | None = None,
    now: datetime | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Count the whole portfolio now, overdue as of ``day`` (``now``'s by default), and keep it
    as that day's snapshot (replacing an earlier one of the day); the rows kept."""
    now = now or utcnow()
    day = day or now.date()
    overdue = findings.c.due < day
    with engine.connect() as conn:
        orgs = conn.execute(
            select(organisations.c.id, organisations.c.sector, organisations.c.region)
        ).all()
        counted = {
            row[0]: (int(row[1]), int(row[2] or 0), int(row[3] or 0))
            for row in conn.execute(
                select(
                    findings.c.organisation_id,
                    func.count(),
                    func.sum(case((findings.c.kev.is_(True), 1), else_=0)),
                    func.sum(case((overdue, 1), else_=0)),
                )
                .where(findings.c.present.is_(True), findings.c.state.in_(OPEN_STATES))
                .group_by(findings.c.organisation_id)
            )
        }
    groups: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for org_id, sector, region in orgs:
        numbers = groups[(sector, region or "")]
        numbers[0] += 1
        for n, value in enumerate(counted.get(org_id, (0, 0, 0)), start=1):
            numbers[n] += value
    rows = [
        {"day": day, "sector": sector, "region": region, "taken_at": now}
        | dict(zip(COLUMNS, numbers, strict=True))
        for (sector, region), numbers in sorted(groups.items())
    ]
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(portfolio_snapshots.delete().where(portfolio_snapshots.c.day == day))
        if rows:
            conn.execute(portfolio_snapshots.insert(), rows)
    return len(rows)


def snapshot_if_stale(
    engine: Engine, *, now: datetime | None = None, timeout: float = DEFAULT_TIMEOUT
) -> bool:
    """Take today's snapshot when there is none yet or it is older than ``MAX_AGE``; whether
    one was taken."""
    now = now or utcnow()
    with engine.connect() as conn:
        taken = conn.execute(
            select(func.max(portfolio_snapshots.c.taken_at)).where(
                portfolio_snapshots.c.day == now.date()
            )
        ).scalar()
    if taken is not None and now - taken < MAX_AGE:
        return False
    take_snapshot(engine, now=now, timeout=timeout)
    return True


def daily_snapshot(
    engine: Engine, *, now: datetime | None = None, timeout: float = DEFAULT_TIMEOUT
) -> bool:
    """Take today's snapshot when today has none yet (idempotent per day: a later call, or a
    second worker's, finds it and does nothing); whether one was taken."""
    now = now or utcnow()
    with engine.connect() as conn:
        taken = conn.execute(
            select(portfolio_snapshots.c.day).where(portfolio_snapshots.c.day == now.date())
        ).first()
    if taken is not None:
        return False
    take_snapshot(engine, now=now, timeout=timeout)
    return True


def trends(
    engine: Engine,
    principal: Principal,
    *,
    days: int = 90,
    by: str = "total",
    as_of: date | None = None,
) -> dict[str, Any]:
    """The daily snapshots of the last ``days`` days up to ``as_of`` (today) that the caller's
    grant covers, added up per day for the whole portfolio (``by`` total) or per sector or
    region; ``missing`` lists the days without a snapshot.

    Center roles only (Forbidden otherwise); InvalidInput for ``days`` outside 1 to 366 or an
    unknown ``by``.
    """
    require_center(principal, "the portfolio's trend")
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"days: {days} is not between 1 and {MAX_DAYS}")
    if by not in GROUPS:
        raise InvalidInput(f"by: {by!r} is not one of {', '.join(GROUPS)}")
    end = as_of or utcnow().date()
    start = end - timedelta(days=days - 1)
    snap = portfolio_snapshots
    query = select(snap).where(snap.c.day >= start, snap.c.day <= end)
    if principal.sectors is not None:
        query = query.where(snap.c.sector.in_(principal.sectors))
    if principal.regions is not None:
        query = query.where(snap.c.region.in_(principal.regions))
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(snap.c.day)).mappings().all()
    series: dict[str, dict[date, dict[str, int]]] = defaultdict(dict)
    seen: set[date] = set()
    for row in rows:
        seen.add(row["day"])
        key = "all" if by == "total" else (row[by] or "")
        point = series[key].setdefault(row["day"], dict.fromkeys(COUNTS, 0))
        for count, column in zip(COUNTS, COLUMNS, strict=True):
            point[count] += row[column]
    all_days = [start + timedelta(days=n) for n in range(days)]
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "by": by,
        "series": [
            {
                "key": key,
                "points": [
                    {"day": day.isoformat(), **points[day]} for day in all_days if day in points
                ],
            }
            for key, points in sorted(series.items())
        ],
        "missing": [day.isoformat() for day in all_days if day not in seen],
    }
