"""The API of remediation campaigns: the center makes them and follows their board; each
organisation sees the campaigns that concern it and updates its own entry.

Each route authenticates, calls `aicc.center.campaigns`, and answers, as `aicc.server.api`
does: another organisation's entry, or a campaign outside an organisation's scope, is the same
404 as nothing at all.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from aicc.center.campaign_board import campaign_progress
from aicc.center.campaign_changes import close_campaign, edit_campaign
from aicc.center.campaigns import (
    campaign_audit,
    create_campaign,
    decide_claim,
    list_campaigns,
    show_campaign,
    update_entry,
)
from aicc.server import campaign_schemas as shapes
from aicc.server import schemas
from aicc.server.api import ERRORS, CenterDep, PrincipalDep

router = APIRouter(prefix="/api", responses=ERRORS | {409: {"model": schemas.Error}})
AsOf = Annotated[date | None, Query(description="count overdue as of this day (default today)")]


class KevFilter(BaseModel):
    """The KEV catalogue entries a campaign takes (each given field must match)."""

    model_config = ConfigDict(extra="forbid")

    vendor: str | None = Field(default=None, description="part of vendorProject, any case")
    product: str | None = Field(default=None, description="part of product, any case")
    added_from: date | None = None
    added_to: date | None = None


class CampaignRequest(BaseModel):
    """A new campaign: vulnerabilities (or a KEV filter), a scope, and a due date or the BOD
    26-04 timelines."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=4000)
    vulnerabilities: list[str] = Field(default_factory=list, description="CVE ids (or GHSA...)")
    kev: KevFilter | None = None
    sectors: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list, description="ids or names")
    due: date | None = Field(default=None, description="the deadline; or set bod_26_04")
    bod_26_04: bool = Field(default=False, description="each finding's BOD 26-04 timeline")
    starts: date | None = Field(default=None, description="when BOD 26-04 clocks start (today)")


class CampaignChange(BaseModel):
    """What changes (a scope part given replaces that part), and why."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=4000)
    title: str | None = Field(default=None, min_length=1, max_length=200)
    due: date | None = None
    sectors: list[str] | None = None
    regions: list[str] | None = None
    organizations: list[str] | None = Field(default=None, description="ids or names")


class CampaignClose(BaseModel):
    """Why the campaign is closed."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=4000)


class EntryUpdate(BaseModel):
    """Where an organisation's entry stands, and why (fixed is seen by a re-scan)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["open", "acknowledged", "in_progress"]
    reason: str = Field(min_length=1, max_length=4000)


class ClaimDecision(BaseModel):
    """An analyst's decision on a finding's not_affected claim, and why."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["accepted", "rejected"]
    reason: str = Field(min_length=1, max_length=4000)


@router.post("/campaigns", status_code=201, response_model=shapes.CampaignShown)
def create(state: CenterDep, principal: PrincipalDep, request: CampaignRequest) -> dict[str, Any]:
    """Make a campaign (center admins and analysts); the answer lists who is exposed."""
    return create_campaign(
        state.engine,
        principal,
        title=request.title,
        description=request.description,
        vulnerabilities=request.vulnerabilities,
        kev=request.kev.model_dump(exclude_none=True) if request.kev else None,
        sectors=request.sectors,
        regions=request.regions,
        organizations=request.organizations,
        due=request.due,
        bod_26_04=request.bod_26_04,
        starts=request.starts,
        timeout=state.store_timeout,
    )


@router.get("/campaigns", response_model=list[shapes.CampaignListed])
def list_all(state: CenterDep, principal: PrincipalDep, as_of: AsOf = None) -> list[dict[str, Any]]:
    """The campaigns the caller may see, newest first (an organisation: those concerning it)."""
    return list_campaigns(state.engine, principal, as_of=as_of)


@router.get("/campaigns/{campaign_id}", response_model=shapes.CampaignShown)
def show(
    state: CenterDep, principal: PrincipalDep, campaign_id: str, as_of: AsOf = None
) -> dict[str, Any]:
    """A campaign and its entries (an organisation: its own entry only)."""
    return show_campaign(state.engine, principal, campaign_id, as_of=as_of)


@router.get("/campaigns/{campaign_id}/progress", response_model=shapes.Board)
def progress(
    state: CenterDep, principal: PrincipalDep, campaign_id: str, as_of: AsOf = None
) -> dict[str, Any]:
    """The board: totals, by sector and region, who is late, the burn-down (center roles)."""
    return campaign_progress(state.engine, principal, campaign_id, as_of=as_of)


@router.get("/campaigns/{campaign_id}/audit", response_model=shapes.CampaignAudit)
def audit(state: CenterDep, principal: PrincipalDep, campaign_id: str) -> dict[str, Any]:
    """Every change to the campaign and its entries: who, when, what, why."""
    return campaign_audit(state.engine, principal, campaign_id)


@router.patch("/campaigns/{campaign_id}", response_model=shapes.CampaignShown)
def change(
    state: CenterDep, principal: PrincipalDep, campaign_id: str, change: CampaignChange
) -> dict[str, Any]:
    """Change a campaign's title, due date or scope, with a reason (center admins and
    analysts); the organisations assigned before and those new to it are told."""
    return edit_campaign(
        state.engine,
        principal,
        campaign_id,
        reason=change.reason,
        title=change.title,
        due=change.due,
        sectors=change.sectors,
        regions=change.regions,
        organizations=change.organizations,
        timeout=state.store_timeout,
    )


@router.post("/campaigns/{campaign_id}/close", response_model=shapes.CampaignShown)
def close(
    state: CenterDep, principal: PrincipalDep, campaign_id: str, closing: CampaignClose
) -> dict[str, Any]:
    """Close a campaign, with a reason: its final numbers are kept, no deadline notice follows."""
    return close_campaign(
        state.engine, principal, campaign_id, reason=closing.reason, timeout=state.store_timeout
    )


@router.put("/campaigns/{campaign_id}/entries/{organization}", response_model=shapes.CampaignShown)
def update(
    state: CenterDep,
    principal: PrincipalDep,
    campaign_id: str,
    organization: str,
    change: EntryUpdate,
) -> dict[str, Any]:
    """An organisation acknowledges its entry or says the work is in progress."""
    return update_entry(
        state.engine,
        principal,
        campaign_id,
        progress=change.status,
        reason=change.reason,
        organisation=organization,
        timeout=state.store_timeout,
    )


@router.put("/campaigns/{campaign_id}/claims/{finding_id}", response_model=shapes.CampaignShown)
def decide(
    state: CenterDep,
    principal: PrincipalDep,
    campaign_id: str,
    finding_id: str,
    decision: ClaimDecision,
) -> dict[str, Any]:
    """An analyst accepts or rejects a finding's not_affected claim for the campaign."""
    return decide_claim(
        state.engine,
        principal,
        campaign_id,
        finding_id,
        decision=decision.decision,
        reason=decision.reason,
        timeout=state.store_timeout,
    )
