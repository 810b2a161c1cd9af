"""The OpenAPI shapes of the campaign routes (`aicc.server.campaigns`), as
`aicc.center.campaigns` and `aicc.center.campaign_board` give them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Scope(BaseModel):
    sectors: list[str]
    regions: list[str]
    organisations: list[str] = Field(description="ids; an organisation sees only its own")


class Closed(BaseModel):
    """When and by whom a campaign was closed, and its numbers then."""

    at: str
    by: str | None = Field(description="who closed it (null for an organisation)")
    final_counts: dict[str, Any] = Field(
        description="the counts by status when it was closed, and as_of: the day counted"
    )


class Campaign(BaseModel):
    """A campaign's definition."""

    id: str
    title: str
    description: str | None
    vulnerabilities: list[str] = Field(description="the CVE ids named, or chosen by the filter")
    kev_filter: dict[str, str] | None
    scope: Scope
    due: str | None = Field(description="the deadline; null for BOD 26-04 timelines")
    due_kind: str = Field(description="date or bod-26-04")
    starts: str
    created_by: str | None = Field(description="who made it (null for an organisation)")
    created_at: str
    closed: Closed | None = Field(
        default=None, description="null while open; a closed campaign sends no deadline notice"
    )


class Counts(BaseModel):
    """Entries by status, and the findings open and fixed."""

    organizations: int
    open: int
    acknowledged: int
    in_progress: int
    overdue: int
    fixed: int
    open_findings: int
    fixed_findings: int


class Claim(BaseModel):
    justification: str | None
    decision: str | None = Field(description="accepted, rejected, or null: not decided yet")
    decided_by: str | None
    decided_at: str | None
    reason: str | None


class AssetRef(BaseModel):
    id: str
    name: str


class CampaignFinding(BaseModel):
    id: str
    vulnerability: str
    asset: AssetRef
    state: str
    present: bool
    fixed: str | None = Field(description="gone, resolved, vex_accepted; null: not fixed")
    fixed_at: str | None
    due: str | None
    claim: Claim | None
    problem: str | None = Field(description="why no deadline could be worked out")


class OrganizationRef(BaseModel):
    id: str
    name: str
    sector: str
    region: str | None


class EntryAsset(BaseModel):
    id: str
    name: str
    open: int
    fixed: int


class Entry(BaseModel):
    """One organisation's part of a campaign."""

    organization: OrganizationRef
    status: str = Field(description="open, acknowledged, in_progress, overdue, fixed, not_exposed")
    progress: str = Field(description="what the organisation said: open, acknowledged, in_progress")
    note: str | None
    updated_by: str | None
    updated_at: str | None
    due: str | None
    days_late: int
    fixed_on: str | None
    assets: list[EntryAsset]
    findings: list[CampaignFinding]
    open_findings: int
    fixed_findings: int
    pending_claims: int


class Problem(BaseModel):
    organization: str
    finding: str
    reason: str


class CampaignShown(Campaign):
    as_of: str
    counts: Counts
    entries: list[Entry]
    problems: list[Problem]


class CampaignListed(Campaign):
    counts: Counts
    status: str | None = Field(default=None, description="an organisation's own entry")
    entry_due: str | None = None


class SectorCounts(Counts):
    sector: str


class RegionCounts(Counts):
    region: str | None


class Late(BaseModel):
    organization: OrganizationRef
    due: str | None
    days_late: int
    progress: str
    open_findings: int


class DayCount(BaseModel):
    day: str
    open: int


class Board(Campaign):
    as_of: str
    statuses: list[str]
    totals: Counts
    sectors: list[SectorCounts]
    regions: list[RegionCounts]
    late: list[Late]
    burn_down: list[DayCount]
    problems: list[Problem]


class Event(BaseModel):
    at: str
    actor: str
    action: str
    organization: str | None
    finding: str | None
    detail: dict[str, Any]
    reason: str


class CampaignAudit(BaseModel):
    campaign: str
    events: list[Event]
