"""The JSON API under ``/api/``: each route authenticates, calls `aicc.center`, and answers.

Most routes are plain functions (FastAPI runs them in its thread pool): the store is
SQLAlchemy's synchronous engine, and a scan is CPU work either way. The token lookup and the
hot reads (a findings page, the portfolio views) run on the event loop itself: a page or a kept
view takes a millisecond or two, less than handing it to a thread and back, and a view computed
again after a write (0.1 s for 1,000 organisations) is computed faster there than in a thread,
where each row read waits for the interpreter lock behind the loop (measured: 5-8 s under load).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from aicc import center
from aicc.center import Principal
from aicc.center.portfolio import affected_by_json, summary_json
from aicc.server import schemas
from aicc.server.markers import MarkerReads


@dataclass(frozen=True)
class CenterState:
    """What every request needs: the store, and the limits the server was started with."""

    engine: Engine
    store_timeout: float
    max_upload_bytes: int
    secure_cookies: bool = False  # the session cookie only over HTTPS (behind a TLS proxy)
    markers: MarkerReads = field(init=False)  # the store's marker, read for requests

    def __post_init__(self) -> None:
        object.__setattr__(self, "markers", MarkerReads(self.engine))


async def _center(request: Request) -> CenterState:
    state: CenterState = request.app.state.center
    return state


_bearer = HTTPBearer(auto_error=False, description="an API token from `aicc admin token create`")

CenterDep = Annotated[CenterState, Depends(_center)]


async def _marker(state: CenterDep) -> str | None:
    """The store's change marker, read once per request (FastAPI keeps a dependency's value
    for the request) and shared with the requests that arrive with it, off the event loop
    (`aicc.server.markers`): the token and the kept answers are looked up under it."""
    return await state.markers.read()


MarkerDep = Annotated[str | None, Depends(_marker)]


async def _principal(
    state: CenterDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    marker: MarkerDep,
) -> Principal:
    return center.authenticate(
        state.engine,
        credentials.credentials if credentials else None,
        kept=True,  # `aicc.center.tokens.VerifiedTokens`
        marker=marker,
    )


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


def _json(content: bytes) -> Response:
    """An answer sent as it is: the hot routes build their JSON themselves (their
    ``response_model`` still describes it in the OpenAPI document, and tests check the two
    agree), which spares FastAPI validating and encoding each answer again."""
    return Response(content, media_type="application/json")


def read_parts(parts: list[UploadFile], max_bytes: int) -> list[tuple[str | None, bytes]]:
    """Each part's name and bytes, read no further than one byte past ``max_bytes`` in all
    (the center refuses what is over)."""
    read: list[tuple[str | None, bytes]] = []
    left = max_bytes + 1
    for part in parts:
        content = part.file.read(max(left, 0))
        left -= len(content)
        read.append((part.filename, content))
    return read


@router.post("/inventories", status_code=201, response_model=schemas.UploadResult)
def upload_inventory(
    state: CenterDep,
    principal: PrincipalDep,
    file: Annotated[
        list[UploadFile],
        File(
            description="the inventory, in any format `aicc scan` reads; repeated for the files "
            "it is read with (go.mod and go.sum, a dpkg status and os-release), or a .zip, "
            ".tar.gz or .tar of a folder"
        ),
    ],
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
    asset's next version, and its findings are stored (a re-upload keeps their analysis). The
    answer's ``files`` says which file was read, and why another was not."""
    return center.upload_inventory(
        state.engine,
        principal,
        asset=asset,
        filename=None,
        content=b"",
        files=read_parts(file, state.max_upload_bytes),
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
async def list_findings(
    state: CenterDep,
    principal: PrincipalDep,
    marker: MarkerDep,
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
    suppressed: Annotated[
        Literal["true", "false", "any"],
        Query(description="suppressed today (true), not (false, the default), or any"),
    ] = "false",
    recheck: Annotated[
        Literal["new", "closed", "again", "redecided"] | None,
        Query(description="what the latest re-check after feed updates did to it"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the page before")] = None,
    offset: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    """The findings the caller may see, most urgent first (deployer decision, due date)."""
    page = center.list_findings_json(  # on the event loop: see the module's docstring
        state.engine,
        principal,
        organisation=organization,
        asset=asset,
        states=state_,
        kev=kev,
        decision=decision,
        due_before=due_before,
        present={"true": True, "false": False, "any": None}[present],
        suppressed={"true": True, "false": False, "any": None}[suppressed],
        recheck=recheck,
        limit=limit,
        cursor=cursor,
        offset=offset,
        marker=marker,
    )
    return _json(page)


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
    suppressed: Annotated[
        bool, Query(description="true: also the findings suppressed today")
    ] = False,
) -> Response:
    """The organization's patch plan over the latest inventory of each of its assets;
    ``suppressed_findings`` lists the findings suppressed today (left out unless asked for)."""
    plan = center.organisation_plan(
        state.engine,
        principal,
        organisation=organization,
        as_of=as_of,
        include_suppressed=suppressed,
    )
    return Response(orjson.dumps(plan, default=str), media_type="application/json")


@router.get("/organizations", response_model=list[schemas.Organization])
def list_organizations(state: CenterDep, principal: PrincipalDep) -> list[dict[str, Any]]:
    """Every organization for a center token; its own for an organization's token."""
    return center.list_organisations(state.engine, principal)


@router.patch("/tokens/{token_id}", response_model=schemas.Token)
def change_token(
    state: CenterDep, principal: PrincipalDep, token_id: str, change: schemas.TokenChange
) -> dict[str, Any]:
    """Admins: change a token's role, or a center token's sectors and regions (a center admin
    of the whole portfolio; an organization's admin, its own tokens' role). It holds from the
    token's next request on; audited (``token_changed``)."""
    named = change.model_fields_set & {"sectors", "regions"}
    return center.change_token(
        state.engine,
        principal,
        token_id,
        role=change.role,
        grants=(change.sectors, change.regions) if named else None,
        timeout=state.store_timeout,
    )


@router.get("/assets", response_model=list[schemas.AssetListed])
def list_assets(
    state: CenterDep, principal: PrincipalDep, organization: OrganizationQuery = None
) -> list[dict[str, Any]]:
    """The assets the caller may see, each with its latest inventory's version."""
    return center.list_assets(state.engine, principal, organisation=organization)


@router.get("/portfolio/vulnerabilities/{vulnerability_id}", response_model=schemas.Portfolio)
async def portfolio_vulnerability(
    state: CenterDep,
    principal: PrincipalDep,
    marker: MarkerDep,
    vulnerability_id: str,
    present: Annotated[bool, Query(description="false: also findings no longer present")] = True,
) -> Response:
    """Center roles: every organization and asset affected by a vulnerability (or its aliases),
    with each finding's state, decision and due date."""
    answer = affected_by_json(
        state.engine, principal, vulnerability_id, present=present, marker=marker
    )
    return _json(answer)


@router.get("/portfolio/summary", response_model=schemas.PortfolioExposure)
async def portfolio_summary(
    state: CenterDep,
    principal: PrincipalDep,
    marker: MarkerDep,
    as_of: Annotated[date | None, Query(description="the day overdue counts from (today)")] = None,
) -> Response:
    """Center roles: organizations, assets, open, KEV and overdue findings by sector and by
    region, and the organizations with the most overdue findings."""
    return _json(summary_json(state.engine, principal, as_of, marker=marker))
