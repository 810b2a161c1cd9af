"""The JSON API under ``/api/``: each route authenticates, calls `aicc.center`, and answers.

Routes are plain functions (FastAPI runs them in its thread pool): the store is SQLAlchemy's
synchronous engine, and a scan is CPU work either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from aicc import center
from aicc.center import Principal
from aicc.server import schemas


@dataclass(frozen=True)
class CenterState:
    """What every request needs: the store, and the limits the server was started with."""

    engine: Engine
    store_timeout: float
    max_upload_bytes: int
    secure_cookies: bool = False  # the session cookie only over HTTPS (behind a TLS proxy)


def _center(request: Request) -> CenterState:
    state: CenterState = request.app.state.center
    return state


_bearer = HTTPBearer(auto_error=False, description="an API token from `aicc admin token create`")

CenterDep = Annotated[CenterState, Depends(_center)]


def _principal(
    state: CenterDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    return center.authenticate(state.engine, credentials.credentials if credentials else None)


PrincipalDep = Annotated[Principal, Depends(_principal)]
OrganizationQuery = Annotated[
    str | None,
    Query(
        description="a center token: the organization (id or name); an organization's token: "
        "its own or nothing"
    ),
]

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": schemas.Error} for status in (401, 403, 404, 413, 422)
}

router = APIRouter(prefix="/api", responses=ERRORS)


@router.post("/inventories", status_code=201, response_model=schemas.UploadResult)
def upload_inventory(
    state: CenterDep,
    principal: PrincipalDep,
    file: Annotated[UploadFile, File(description="the inventory, in any format `aicc scan` reads")],
    asset: Annotated[str, Form(description="the asset's name; made on its first upload")],
    kind: Annotated[
        Literal["application", "host", "appliance"] | None,
        Form(description="default: from the format (appliance list, OS packages: host)"),
    ] = None,
    exposure: Annotated[Literal["open", "controlled", "small"] | None, Form()] = None,
    asset_class: Annotated[str | None, Form(description="a class of the sector profile")] = None,
    safety_critical: Annotated[bool | None, Form()] = None,
) -> dict[str, Any]:
    """Upload an asset's inventory: it is scanned with the organization's profile, kept as the
    asset's next version, and its findings are stored (a re-upload keeps their analysis)."""
    content = file.file.read(state.max_upload_bytes + 1)
    return center.upload_inventory(
        state.engine,
        principal,
        asset=asset,
        filename=file.filename,
        content=content,
        kind=kind,
        exposure=exposure,
        asset_class=asset_class,
        safety_critical=safety_critical,
        max_bytes=state.max_upload_bytes,
        timeout=state.store_timeout,
    )


@router.get("/inventories/{inventory_id}", response_model=schemas.Inventory)
def get_inventory(state: CenterDep, principal: PrincipalDep, inventory_id: str) -> dict[str, Any]:
    """One uploaded inventory: its components, what was not identified or skipped."""
    return center.get_inventory(state.engine, principal, inventory_id)


@router.get("/findings", response_model=schemas.FindingPage)
def list_findings(
    state: CenterDep,
    principal: PrincipalDep,
    organization: OrganizationQuery = None,
    asset: Annotated[str | None, Query(description="an asset's id or name")] = None,
    state_: Annotated[
        list[schemas.State], Query(alias="state", description="any of these states")
    ] = [],  # noqa: B006  (FastAPI copies a default list per request)
    kev: Annotated[bool | None, Query(description="known exploited (CISA KEV) or not")] = None,
    decision: Annotated[
        str | None, Query(description="the deployer decision: immediate, out-of-cycle, ...")
    ] = None,
    due_before: Annotated[date | None, Query(description="due before this day")] = None,
    present: Annotated[
        Literal["true", "false", "any"],
        Query(description="in the asset's latest inventory (true), gone (false), or any"),
    ] = "true",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the page before")] = None,
    offset: Annotated[int | None, Query(ge=0)] = None,
) -> dict[str, Any]:
    """The findings the caller may see, most urgent first (deployer decision, due date)."""
    return center.list_findings(
        state.engine,
        principal,
        organisation=organization,
        asset=asset,
        states=state_,
        kev=kev,
        decision=decision,
        due_before=due_before,
        present={"true": True, "false": False, "any": None}[present],
        limit=limit,
        cursor=cursor,
        offset=offset,
    )


@router.get("/findings/{finding_id}", response_model=schemas.Finding)
def get_finding(state: CenterDep, principal: PrincipalDep, finding_id: str) -> dict[str, Any]:
    """One finding with its evidence and decisions."""
    return center.get_finding(state.engine, principal, finding_id)


@router.patch("/findings/{finding_id}", response_model=schemas.Finding)
def change_finding(
    state: CenterDep, principal: PrincipalDep, finding_id: str, change: schemas.StateChange
) -> dict[str, Any]:
    """Set a finding's analysis state with the reason (not_affected: with a VEX justification);
    the change is added to its audit trail."""
    return center.change_state(
        state.engine,
        principal,
        finding_id,
        state=change.state,
        reason=change.reason,
        justification=change.justification,
        timeout=state.store_timeout,
    )


@router.get("/findings/{finding_id}/audit", response_model=schemas.Audit)
def finding_audit(state: CenterDep, principal: PrincipalDep, finding_id: str) -> dict[str, Any]:
    """Every change of a finding, oldest first: who, when, from which state to which, why."""
    return center.finding_audit(state.engine, principal, finding_id)


@router.get(
    "/plan",
    responses={200: {"description": "the plan, as `aicc plan --format json` gives it"}},
)
def get_plan(
    state: CenterDep,
    principal: PrincipalDep,
    organization: OrganizationQuery = None,
    as_of: Annotated[date | None, Query(description="the day the due dates count from")] = None,
) -> Response:
    """The organization's patch plan over the latest inventory of each of its assets."""
    plan = center.organisation_plan(state.engine, principal, organisation=organization, as_of=as_of)
    return Response(orjson.dumps(plan, default=str), media_type="application/json")


@router.get("/organizations", response_model=list[schemas.Organization])
def list_organizations(state: CenterDep, principal: PrincipalDep) -> list[dict[str, Any]]:
    """Every organization for a center token; its own for an organization's token."""
    return center.list_organisations(state.engine, principal)


@router.get("/assets", response_model=list[schemas.AssetListed])
def list_assets(
    state: CenterDep, principal: PrincipalDep, organization: OrganizationQuery = None
) -> list[dict[str, Any]]:
    """The assets the caller may see, each with its latest inventory's version."""
    return center.list_assets(state.engine, principal, organisation=organization)


@router.get("/portfolio/vulnerabilities/{vulnerability_id}", response_model=schemas.Portfolio)
def portfolio_vulnerability(
    state: CenterDep,
    principal: PrincipalDep,
    vulnerability_id: str,
    present: Annotated[bool, Query(description="false: also findings no longer present")] = True,
) -> dict[str, Any]:
    """Center roles: every organization and asset affected by a vulnerability (or its aliases),
    with each finding's state, decision and due date."""
    return center.affected_by(state.engine, principal, vulnerability_id, present=present)


@router.get("/portfolio/summary", response_model=schemas.PortfolioExposure)
def portfolio_summary(
    state: CenterDep,
    principal: PrincipalDep,
    as_of: Annotated[date | None, Query(description="the day overdue counts from (today)")] = None,
) -> dict[str, Any]:
    """Center roles: organizations, assets, open, KEV and overdue findings by sector and by
    region, and the organizations with the most overdue findings."""
    return center.summary(state.engine, principal, as_of)
