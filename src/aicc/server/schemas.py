"""The API's documents, as OpenAPI shows them: one model per thing, apart from the store's tables.

The center's functions return plain JSON; these models name and type its keys for the OpenAPI
document and check what goes out. A finding's ``record`` and the plan are the pipeline's own JSON
(``aicc scan`` / ``aicc plan --format json``), documented in the README, typed here as objects.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

State = Literal["in_triage", "exploitable", "not_affected", "false_positive", "resolved"]
Justification = Literal[
    "component_not_present",
    "vulnerable_code_not_present",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "inline_mitigations_already_exist",
]


class Organization(BaseModel):
    id: str
    name: str
    sector: Literal["federal", "hospital", "bank", "utility", "other"]
    region: str | None
    profile: str = Field(description="the sector profile its findings are decided by")
    created_at: str


class TokenChange(BaseModel):
    """What to change of a token: its role, and a center token's sectors and regions (naming
    either replaces the grant: both empty or null, the whole portfolio)."""

    role: str | None = Field(default=None, description="one of the token's scope's roles")
    sectors: list[str] | None = Field(default=None, description="a center token's sectors")
    regions: list[str] | None = Field(default=None, description="a center token's regions")


class Token(BaseModel):
    """A token as it is now (never its secret)."""

    id: str
    organization: str | None = Field(description="an organization's token: its name")
    center: str | None = Field(description="a center token: the agency it acts for")
    role: str
    grants: dict[str, list[str]] | None = Field(description="sectors, regions; null: all")
    created_at: str
    expires_at: str | None


class Asset(BaseModel):
    id: str
    organization: str
    name: str
    kind: Literal["application", "host", "appliance"]
    exposure: Literal["open", "controlled", "small"] | None
    asset_class: str | None
    safety_critical: bool
    created_at: str


class AssetListed(Asset):
    latest_version: int | None = Field(description="its latest inventory's version")


class Problem(BaseModel):
    """What could not be read, matched or decided: the same four keys in every output."""

    stage: str
    source: str
    location: str | None
    reason: str


class Unmatched(BaseModel):
    """An inventory entry that names no product the knowledge base knows."""

    component: str
    source: str
    location: str | None
    reason: str
    suggestions: list[str]


class FindingCounts(BaseModel):
    total: int = Field(description="findings in this inventory")
    new: int = Field(description="seen for the first time (in_triage)")
    again: int = Field(description="gone from an earlier inventory, back in this one")
    reopened: int = Field(description="resolved before, still listed: in_triage again")
    gone: int = Field(description="in the asset's previous inventory, not in this one")


class UploadedFile(BaseModel):
    """One file of an upload, and whether the scan read it."""

    name: str = Field(description="relative to the asset's folder (an archive's folders kept)")
    size: int
    sent_as: str | None = Field(
        default=None,
        description="the name it was sent with, when the center placed it where its inventory's "
        "parser looks (a loose os-release: etc/os-release)",
    )
    read: bool
    why: str = Field(description="how it was read (the inventory, its go.sum...), or why not")


class UploadResult(BaseModel):
    id: str = Field(description="the inventory's id")
    asset: Asset
    version: int = Field(description="1 for the asset's first upload, then 2, 3, ...")
    filename: str = Field(description="the inventory's file (relative, of an upload of several)")
    format: str
    components: int
    files: list[UploadedFile] = Field(description="every file sent: read or not, and why")
    findings: FindingCounts
    unmatched: list[Unmatched]
    skipped: list[Problem]
    warnings: list[str] = Field(description="about the knowledge base: empty or stale sources")
    advisories: list[dict[str, Any]] = Field(
        default_factory=list,
        description="published advisories this upload made concern the organization: it joined "
        "their audience and is notified (advisory, tracking_id, title, matched components)",
    )
    advisories_undecided: list[dict[str, Any]] = Field(
        default_factory=list,
        description="components whose version could not be placed in a published TLP:CLEAR "
        "advisory's ranges, with the reason",
    )


class AssetRef(BaseModel):
    id: str
    name: str


class Inventory(BaseModel):
    id: str
    organization: str
    asset: AssetRef
    version: int
    uploaded_at: str
    uploaded_by: str
    filename: str
    format: str
    digest: str = Field(
        description="SHA-256 of the file (of an upload of several: of their "
        "bytes one after another, in files' order), hex"
    )
    size: int
    files: list[dict[str, Any]] = Field(
        description="the files of the upload: name (relative to the asset's folder) and size"
    )
    components: list[dict[str, Any]] = Field(description="as `aicc scan --format json` shows them")
    unmatched: list[Unmatched]
    skipped: list[Problem]


class Suppression(BaseModel):
    """A finding's latest suppression: it hides the finding until ``expires_on``."""

    reason: str
    expires_on: str = Field(description="the day the finding is back in lists and plans")
    suppressed_at: str
    suppressed_by: str
    lifted_at: str | None = Field(description="when it was lifted before its day")
    lifted_by: str | None
    active: bool = Field(description="whether it hides the finding today")


class RecheckMark(BaseModel):
    run: str = Field(description="the re-check's id (GET /api/rechecks/{id}, the center's)")
    change: Literal["new", "closed", "again", "redecided"] = Field(
        description="found by it, closed by it, found again, or its decision or KEV changed"
    )


class FindingSummary(BaseModel):
    id: str
    organization: str
    asset: AssetRef
    vulnerability: str = Field(description="the CVE when there is one, else the advisory's id")
    aliases: list[str]
    summary: str | None
    severity: str | None
    component: dict[str, Any] | None
    kev: bool
    decision: str | None = Field(description="the CERT/CC deployer decision")
    due: str | None = Field(description="the earliest due date of its decisions")
    state: State
    justification: Justification | None
    present: bool = Field(description="in the asset's latest inventory")
    first_seen: str
    last_seen: str
    inventory: str = Field(description="the inventory it was last seen in")
    suppressed: bool = Field(description="suppressed today: left out of lists and plans")
    suppression: Suppression | None = Field(description="its latest suppression, if any")
    recheck: RecheckMark | None = Field(
        description="what the latest re-check after feed updates did to it, if anything"
    )


class Finding(FindingSummary):
    record: dict[str, Any] = Field(
        description="the pipeline's record: evidence, decisions, as `aicc scan --format json`"
    )


class FindingPage(BaseModel):
    items: list[FindingSummary]
    total: int = Field(description="findings matching the filters, on every page")
    suppressed: int = Field(
        description="suppressed findings matching the other filters (listed with suppressed)"
    )
    next_cursor: str | None = Field(description="give it as `cursor` for the next page")


class StateChange(BaseModel):
    """A new analysis state, and why."""

    model_config = ConfigDict(extra="forbid")

    state: State
    reason: str = Field(min_length=1, max_length=4000)
    justification: Justification | None = Field(
        default=None, description="a VEX justification: needed for not_affected, only for it"
    )


class AuditEvent(BaseModel):
    at: str
    actor: str
    from_state: State | None = Field(description="null when the finding was first seen")
    to_state: State
    justification: Justification | None
    reason: str


class Audit(BaseModel):
    finding: str
    vulnerability: str
    state: State
    events: list[AuditEvent]


class PortfolioFinding(BaseModel):
    id: str
    vulnerability: str
    component: dict[str, Any] | None
    kev: bool
    decision: str | None
    due: str | None
    state: State
    present: bool


class PortfolioAsset(BaseModel):
    id: str
    name: str
    findings: list[PortfolioFinding]


class PortfolioOrganization(BaseModel):
    id: str
    name: str
    sector: str
    region: str | None
    assets: list[PortfolioAsset]


class PortfolioSummary(BaseModel):
    organizations: int
    assets: int
    findings: int


class Portfolio(BaseModel):
    vulnerability: str
    ids: list[str] = Field(description="the id and the aliases the knowledge base relates")
    organizations: list[PortfolioOrganization]
    summary: PortfolioSummary


class PortfolioCounts(BaseModel):
    organizations: int
    assets: int
    open_findings: int = Field(description="in triage or exploitable, in the latest inventories")
    kev_findings: int = Field(description="open findings known exploited (CISA KEV)")
    overdue_findings: int = Field(description="open findings due before as_of")


class PortfolioSector(PortfolioCounts):
    sector: str


class PortfolioRegion(PortfolioCounts):
    region: str | None


class OverdueOrganization(BaseModel):
    id: str
    name: str
    sector: str
    region: str | None
    overdue_findings: int
    oldest_due: str = Field(description="the earliest due date of its overdue findings")


class PortfolioExposure(BaseModel):
    as_of: str
    totals: PortfolioCounts
    sectors: list[PortfolioSector]
    regions: list[PortfolioRegion]
    most_overdue: list[OverdueOrganization] = Field(
        description="the organizations with the most overdue findings (at most 10)"
    )


class Error(BaseModel):
    """Every refusal: what is wrong and where; ``problems`` for a file that cannot be read."""

    detail: str
    problems: list[Problem] | None = None
