"""Tables of remediation campaigns ("every hospital patches CVE-X by D"; `aicc.center.campaigns`).

A campaign names its vulnerabilities (the CVE ids given, or those a KEV filter chose when it was
made, with their aliases), its scope (sectors, regions, named organisations) and its deadline (a
date, or each finding's BOD 26-04 timeline). Who is exposed is computed from the findings when
asked; ``campaign_findings`` keeps the findings that were present when the campaign was made, so
one fixed later still counts as fixed rather than dropping out. ``campaign_entries`` holds what
an organisation said of its own entry (acknowledged, in progress), ``campaign_vex`` an analyst's
decision on a not_affected claim, and ``campaign_events`` (append-only) who did what, when, why.
Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from aicc.store.tables import Json, metadata, one_of

DUE_KINDS = ("date", "bod-26-04")
PROGRESS = ("open", "acknowledged", "in_progress")  # what an organisation says of its entry
VEX_DECISIONS = ("accepted", "rejected")


campaigns = Table(
    "campaigns",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False, unique=True),
    Column("description", Text),
    Column("vulnerabilities", Json, nullable=False),  # the CVE ids named or chosen by the filter
    Column("kev_filter", Json),  # {vendor, product, added_from, added_to} as given, or None
    Column("match_ids", Json, nullable=False),  # the ids a finding may carry: CVEs and aliases
    Column("scope", Json, nullable=False),  # {sectors: [...], regions: [...], organisations: [...]}
    Column("due_kind", String(16), nullable=False),
    Column("due", Date),  # the deadline of a "date" campaign
    Column("starts", Date, nullable=False),  # BOD 26-04 clocks run from here (or a later find)
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("closed_at", DateTime),  # None: open; closed: no more deadline notices
    Column("closed_by", Text),
    Column("final_counts", Json),  # the counts by status when it was closed
    one_of("due_kind", DUE_KINDS, "ck_campaigns_due_kind"),
    CheckConstraint("(due_kind = 'date') = (due IS NOT NULL)", name="ck_campaigns_due"),
)

campaign_findings = Table(  # the findings present when the campaign was made
    "campaign_findings",
    metadata,
    Column("campaign_id", String(32), ForeignKey("campaigns.id"), primary_key=True),
    Column("finding_id", String(32), ForeignKey("findings.id"), primary_key=True),
)

campaign_entries = Table(  # what an organisation said of its own entry, when it said anything
    "campaign_entries",
    metadata,
    Column("campaign_id", String(32), ForeignKey("campaigns.id"), primary_key=True),
    Column("organisation_id", String(32), ForeignKey("organisations.id"), primary_key=True),
    Column("progress", String(16), nullable=False),
    Column("note", Text),
    Column("updated_by", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    one_of("progress", PROGRESS, "ck_campaign_entries_progress"),
)

campaign_vex = Table(  # an analyst's decision on a finding's not_affected claim, per campaign
    "campaign_vex",
    metadata,
    Column("campaign_id", String(32), ForeignKey("campaigns.id"), primary_key=True),
    Column("finding_id", String(32), ForeignKey("findings.id"), primary_key=True),
    Column("justification", Text, nullable=False),  # the claim's justification decided on
    Column("decision", String(16), nullable=False),
    Column("decided_by", Text, nullable=False),
    Column("decided_at", DateTime, nullable=False),
    Column("reason", Text, nullable=False),
    one_of("decision", VEX_DECISIONS, "ck_campaign_vex_decision"),
)

campaign_events = Table(  # append-only: who did what to a campaign or an entry, when and why
    "campaign_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", String(32), ForeignKey("campaigns.id"), nullable=False, index=True),
    Column("organisation_id", String(32), ForeignKey("organisations.id")),  # None: the campaign
    Column("finding_id", String(32), ForeignKey("findings.id")),
    Column("actor", Text, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("action", String(32), nullable=False),  # created, acknowledged, vex_accepted, ...
    Column("detail", Json, nullable=False),
    Column("reason", Text, nullable=False),
)
