"""The portfolio over time (`aicc.center.portfolio_trends`): a daily snapshot of the summary's
counts per sector and region, and the trend they draw for the caller's grant, the days without
a snapshot named. Real stores (SQLite and PostgreSQL); the clock is given to each call."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine, select, update

from aicc.center import Forbidden, InvalidInput, Principal, summary
from aicc.center.portfolio_trends import daily_snapshot, snapshot_if_stale, take_snapshot, trends
from aicc.store.center_admin_tables import portfolio_snapshots
from aicc.store.center_tables import findings
from tests.center.test_portfolio import _finding, _organisation

CENTER = Principal("tok_c", "read-only", agency="CISA")
HOSPITALS = Principal("tok_h", "analyst", agency="HHS", sectors=("hospital",))
DAY1 = date(2026, 11, 18)


def _at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0)


def _setup(engine: Engine) -> None:
    _organisation(engine, "mercy", "hospital", "Iowa", 1)
    _organisation(engine, "first", "bank", "Ohio", 1)
    _organisation(engine, "grace", "hospital", None, 1)
    _finding(engine, "mercy", 1, kev=True, due=date(2026, 11, 20))  # overdue from the 21st
    _finding(engine, "mercy", 2, due=date(2026, 12, 30), state="exploitable")
    _finding(engine, "first", 1, due=date(2026, 11, 19))  # overdue from the 20th
    _finding(engine, "grace", 1, state="resolved", due=date(2026, 11, 1))  # not open


def test_daily_snapshots_draw_the_trend(engine: Engine) -> None:
    _setup(engine)
    assert take_snapshot(engine, now=_at(DAY1)) == 3  # (hospital, Iowa), (hospital, ""), (bank)
    # two days later: a new KEV finding at First, Mercy's exploitable one resolved
    _finding(engine, "first", 2, kev=True, due=date(2026, 12, 1))
    with engine.begin() as conn:
        conn.execute(update(findings).where(findings.c.id == "mercy_f2").values(state="resolved"))
    day3 = DAY1 + timedelta(days=2)
    take_snapshot(engine, now=_at(day3))

    got = trends(engine, CENTER, days=3, as_of=day3)
    assert (got["from"], got["to"], got["by"]) == ("2026-11-18", "2026-11-20", "total")
    assert got["missing"] == ["2026-11-19"]  # named, not made up
    day_1 = {"organizations": 3, "open_findings": 3, "kev_findings": 1, "overdue_findings": 0}
    day_3 = {"organizations": 3, "open_findings": 3, "kev_findings": 2, "overdue_findings": 1}
    assert got["series"] == [
        {
            "key": "all",
            "points": [{"day": "2026-11-18", **day_1}, {"day": "2026-11-20", **day_3}],
        }
    ]
    # the last snapshot agrees with the summary of that day
    totals = summary(engine, CENTER, day3)["totals"]
    assert {k: totals[k] for k in day_3} == day_3

    by_sector = trends(engine, CENTER, days=3, by="sector", as_of=day3)
    assert [s["key"] for s in by_sector["series"]] == ["bank", "hospital"]
    bank = by_sector["series"][0]["points"]
    assert [(p["open_findings"], p["kev_findings"]) for p in bank] == [(1, 0), (2, 1)]
    by_region = trends(engine, CENTER, days=3, by="region", as_of=day3)
    assert [s["key"] for s in by_region["series"]] == ["", "Iowa", "Ohio"]

    # a grant to hospitals sees the hospitals' counts only
    theirs = trends(engine, HOSPITALS, days=3, as_of=day3)["series"][0]["points"]
    assert [(p["organizations"], p["open_findings"]) for p in theirs] == [(2, 2), (2, 1)]


def test_a_days_snapshot_is_replaced_and_taken_when_stale(engine: Engine) -> None:
    _setup(engine)
    morning = _at(DAY1, 8)
    assert snapshot_if_stale(engine, now=morning) is True
    assert snapshot_if_stale(engine, now=morning + timedelta(minutes=5)) is False
    _finding(engine, "mercy", 3, kev=True, due=date(2026, 12, 1))
    assert snapshot_if_stale(engine, now=morning + timedelta(minutes=20)) is True
    with engine.connect() as conn:
        rows = conn.execute(select(portfolio_snapshots.c.day)).scalars().all()
    assert rows == [DAY1] * 3  # the day's rows replaced, not added
    points = trends(engine, CENTER, days=1, as_of=DAY1)["series"][0]["points"]
    assert points[0]["kev_findings"] == 2


def test_the_background_snapshot_is_taken_once_a_day(engine: Engine) -> None:
    _setup(engine)
    assert daily_snapshot(engine, now=_at(DAY1, 0)) is True  # the first round of the day
    _finding(engine, "mercy", 3, kev=True, due=date(2026, 12, 1))
    assert daily_snapshot(engine, now=_at(DAY1, 1)) is False  # the day has its snapshot
    with engine.connect() as conn:
        kept = conn.execute(select(portfolio_snapshots.c.taken_at).distinct()).scalars().all()
    assert kept == [_at(DAY1, 0)]
    assert daily_snapshot(engine, now=_at(DAY1 + timedelta(days=1), 0)) is True
    points = trends(engine, CENTER, days=2, as_of=DAY1 + timedelta(days=1))["series"][0]["points"]
    assert [p["kev_findings"] for p in points] == [1, 2]  # each day as it was when taken
    # a look later on the same day still takes a fresher one (the last of a day stands)
    assert snapshot_if_stale(engine, now=_at(DAY1 + timedelta(days=1), 12)) is True


def test_trends_refuse_organisations_and_bad_values(engine: Engine) -> None:
    with pytest.raises(Forbidden):
        trends(engine, Principal("tok_o", "admin", organisation_id="org_1"))
    with pytest.raises(InvalidInput, match="days: 0 is not between 1 and 366"):
        trends(engine, CENTER, days=0)
    with pytest.raises(InvalidInput, match="by: 'asset' is not one of total, sector, region"):
        trends(engine, CENTER, by="asset")
    empty = trends(engine, CENTER, days=2, as_of=DAY1)
    assert empty["series"] == [] and empty["missing"] == ["2026-11-17", "2026-11-18"]
