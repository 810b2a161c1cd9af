"""The API of the work on findings: suppressions with an expiry date, comments, an
organisation's analysis as VEX, and what changed between two uploads of an asset.

Each route authenticates, calls `aicc.center`, and answers, as `aicc.server.api` does.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from aicc.center.comments import add_comment, list_comments
from aicc.center.diffs import inventory_diff
from aicc.center.suppressions import lift_suppression, suppress_finding
from aicc.center.vex_export import organisation_vex
from aicc.server import schemas
from aicc.server.api import ERRORS, CenterDep, PrincipalDep

router = APIRouter(prefix="/api", responses=ERRORS | {409: {"model": schemas.Error}})


class SuppressionRequest(BaseModel):
    """Hide a finding from lists and plans until a day, and why."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=4000)
    expires_on: date = Field(
        description="the day the finding is back (after today, at most 366 days ahead)"
    )


class LiftRequest(BaseModel):
    """End a suppression before its day, and why."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=4000)


class CommentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=10_000)


class Comment(BaseModel):
    id: str
    finding: str
    author: str = Field(description="who wrote it, as the audit trail names callers")
    at: str
    body: str


class Comments(BaseModel):
    finding: str
    comments: list[Comment] = Field(description="oldest first")


class InventoryVersion(BaseModel):
    id: str
    version: int
    uploaded_at: str
    uploaded_by: str
    filename: str


class ChangedComponent(BaseModel):
    model_config = ConfigDict(extra="allow")  # its ecosystem and name, or vendor and product

    name: str | None = None
    from_: list[str] = Field(alias="from", description="its versions before")
    to: list[str] = Field(description="its versions after")


class ComponentChanges(BaseModel):
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    changed: list[ChangedComponent]
    unchanged: int


class DiffFinding(BaseModel):
    vulnerability: str
    aliases: list[str]
    component: dict[str, Any]
    finding: str | None = Field(description="the stored finding's id, when the asset has one")
    state: schemas.State | None


class FindingChanges(BaseModel):
    new: list[DiffFinding] = Field(description="in the later upload, not in the earlier one")
    gone: list[DiffFinding] = Field(description="in the earlier upload, not in the later one")


class InventoryDiff(BaseModel):
    asset: schemas.AssetRef
    from_: InventoryVersion | None = Field(
        alias="from", description="null when the asset has one upload"
    )
    to: InventoryVersion
    components: ComponentChanges
    findings: FindingChanges = Field(description="both uploads scanned with today's knowledge base")
    skipped: list[schemas.Problem] = Field(description="what either scan could not read")


@router.post("/findings/{finding_id}/suppression", response_model=schemas.Finding)
def suppress(
    state: CenterDep, principal: PrincipalDep, finding_id: str, request: SuppressionRequest
) -> dict[str, Any]:
    """Center analysts and admins, or the organization's admin: hide a finding from lists and
    plans until ``expires_on``, with the reason (audited). It comes back by itself that day."""
    return suppress_finding(
        state.engine,
        principal,
        finding_id,
        reason=request.reason,
        expires_on=request.expires_on,
        timeout=state.store_timeout,
    )


@router.post("/findings/{finding_id}/suppression/lift", response_model=schemas.Finding)
def lift(
    state: CenterDep, principal: PrincipalDep, finding_id: str, request: LiftRequest
) -> dict[str, Any]:
    """End a finding's suppression before its day, with the reason (audited)."""
    return lift_suppression(
        state.engine, principal, finding_id, reason=request.reason, timeout=state.store_timeout
    )


@router.get("/findings/{finding_id}/comments", response_model=Comments)
def comments(state: CenterDep, principal: PrincipalDep, finding_id: str) -> dict[str, Any]:
    """A finding's comments, oldest first."""
    return list_comments(state.engine, principal, finding_id)


@router.post("/findings/{finding_id}/comments", status_code=201, response_model=Comment)
def comment(
    state: CenterDep, principal: PrincipalDep, finding_id: str, request: CommentRequest
) -> dict[str, Any]:
    """Add a comment to a finding (append-only; audited)."""
    return add_comment(
        state.engine, principal, finding_id, body=request.body, timeout=state.store_timeout
    )


CycloneDxSpec = Annotated[
    Literal["1.5", "1.6"], Query(description="the CycloneDX version, for format=cyclonedx")
]


def _vex(
    state: CenterDep,
    principal: PrincipalDep,
    organization_id: str,
    format: Literal["cyclonedx", "openvex"],
    spec: Literal["1.5", "1.6"],
) -> Response:
    document = organisation_vex(
        state.engine, principal, organization_id, format=format, cyclonedx_version=spec
    )
    media = "application/vnd.cyclonedx+json" if format == "cyclonedx" else "application/json"
    return Response(orjson.dumps(document), media_type=media)


@router.get(
    "/organizations/{organization_id}/vex",
    responses={200: {"description": "a CycloneDX 1.6/1.5 VEX BOM or an OpenVEX 0.2.0 document"}},
)
def organization_vex(
    state: CenterDep,
    principal: PrincipalDep,
    organization_id: str,
    format: Annotated[
        Literal["cyclonedx", "openvex"],
        Query(description="CycloneDX 1.6 (or 1.5) VEX or OpenVEX 0.2.0"),
    ] = "cyclonedx",
    spec: CycloneDxSpec = "1.6",
) -> Response:
    """The organization's analysis (id or name) as VEX: one statement per finding in its
    latest inventories, with its state, justification, response and the analyst's reason."""
    return _vex(state, principal, organization_id, format, spec)


@router.get("/organisations/{organization_id}/vex", include_in_schema=False)
def organisation_vex_alias(
    state: CenterDep,
    principal: PrincipalDep,
    organization_id: str,
    format: Literal["cyclonedx", "openvex"] = "cyclonedx",
    spec: CycloneDxSpec = "1.6",
) -> Response:
    """The same, under the British spelling the issue uses."""
    return _vex(state, principal, organization_id, format, spec)


@router.get("/assets/{asset_id}/diff", response_model=InventoryDiff, response_model_by_alias=True)
def asset_diff(
    state: CenterDep,
    principal: PrincipalDep,
    asset_id: str,
    from_: Annotated[
        int | None, Query(alias="from", ge=1, description="default: the one before `to`")
    ] = None,
    to: Annotated[int | None, Query(ge=1, description="default: the latest")] = None,
) -> dict[str, Any]:
    """What changed between two uploads of an asset: components added, removed and changed in
    version; findings new and gone."""
    return inventory_diff(state.engine, principal, asset_id, from_version=from_, to_version=to)
