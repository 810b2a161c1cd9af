"""``GET /api/portfolio/trends``: the portfolio's daily snapshots over time
(`aicc.center.portfolio_trends`), for the center's roles."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from aicc.center.portfolio_trends import MAX_DAYS, snapshot_if_stale, trends
from aicc.server.api import ERRORS, CenterDep, PrincipalDep


class TrendPoint(BaseModel):
    day: str
    organizations: int
    open_findings: int
    kev_findings: int
    overdue_findings: int


class TrendSeries(BaseModel):
    key: str  # "all", a sector, or a region ("" for organisations without one)
    points: list[TrendPoint]


class Trend(BaseModel):
    from_: str = Field(alias="from")
    to: str
    by: Literal["total", "sector", "region"]
    series: list[TrendSeries]
    missing: list[str]  # days of the period without a snapshot


router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/portfolio/trends", response_model=Trend)
def portfolio_trends(
    state: CenterDep,
    principal: PrincipalDep,
    days: Annotated[int, Query(ge=1, le=MAX_DAYS, description="how many days, up to as_of")] = 90,
    by: Annotated[Literal["total", "sector", "region"], Query()] = "total",
    as_of: Annotated[date | None, Query(description="the last day (default today)")] = None,
) -> dict[str, Any]:
    """Center roles: open, KEV and overdue findings and organisations per day (a snapshot a
    day, today's taken now if it is older than 15 minutes), for the whole portfolio the
    caller's grant covers or per sector or region; days without a snapshot are listed."""
    found = trends(state.engine, principal, days=days, by=by, as_of=as_of)  # refuses first
    if as_of is None and snapshot_if_stale(state.engine, timeout=state.store_timeout):
        found = trends(state.engine, principal, days=days, by=by)
    return found
