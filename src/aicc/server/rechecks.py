"""The API of the re-checks after feed updates: the runs, for the center's roles (an
organisation's token gets 403), and what the latest run changed in the caller's findings.

Each route authenticates, calls `aicc.center.recheck`, and answers, as `aicc.server.api` does.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from aicc.center.recheck_views import get_run, list_runs, rechecked_findings
from aicc.server.api import ERRORS, CenterDep, OrganizationQuery, PrincipalDep

router = APIRouter(prefix="/api", responses=ERRORS)


class RunProgress(BaseModel):
    chunks_done: int
    chunks_total: int | None  # None until the run's work is planned


class RunFindings(BaseModel):
    new: int
    closed: int
    again: int  # closed before, found again
    redecided: int  # decision, due date or KEV changed


class Recheck(BaseModel):
    """One re-check run: what triggered it, where it stands and what it found."""

    id: str
    trigger: str  # sync | import | manual
    full: bool
    state: str  # pending | running | done | failed
    reason: str | None  # why it failed
    created_at: str
    started_at: str | None
    finished_at: str | None
    changes: dict[str, dict[str, int]]  # per source: added, updated, removed
    progress: RunProgress
    inventories: int
    components: int
    findings: RunFindings
    new_exploited: int = Field(
        description="findings newly known exploited: new ones in KEV, and ones found before "
        "whose vulnerability joined KEV (counted re-decided too)"
    )
    problems: list[dict[str, Any]]
    scope: Literal["all", "grant"] = Field(
        description="grant: counted within the organisations a limited center caller may see"
    )


class RecheckDetail(Recheck):
    new_exploited_vulnerabilities: list[str]


class RecheckList(BaseModel):
    items: list[Recheck]


class RecheckedRun(BaseModel):
    id: str
    trigger: str
    finished_at: str


class RecheckedFinding(BaseModel):
    """A finding the latest re-check changed, with the change and why."""

    id: str
    organization: str
    asset: dict[str, str]
    vulnerability: str
    aliases: list[str]
    component: dict[str, Any] | None
    kev: bool
    decision: str | None
    due: str | None
    state: str
    present: bool
    change: str  # new | closed | again | redecided
    reason: str


class RecheckedFindings(BaseModel):
    run: RecheckedRun | None  # None before the first re-check
    items: list[RecheckedFinding]


@router.get("/rechecks", response_model=RecheckList)
def rechecks(
    state: CenterDep,
    principal: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """The re-checks, newest first (the center's roles)."""
    return {"items": list_runs(state.engine, principal, limit=limit)}


@router.get("/rechecks/{run_id}", response_model=RecheckDetail)
def recheck(state: CenterDep, principal: PrincipalDep, run_id: str) -> dict[str, Any]:
    """One re-check with the CVEs of its new exploited findings (the center's roles)."""
    return get_run(state.engine, principal, run_id)


@router.get("/findings/rechecked/latest", response_model=RecheckedFindings)
def latest_rechecked(
    state: CenterDep, principal: PrincipalDep, organization: OrganizationQuery = None
) -> dict[str, Any]:
    """The caller's findings the latest re-check changed: new, closed, found again or
    re-decided, each with the reason."""
    return rechecked_findings(state.engine, principal, organisation=organization)
