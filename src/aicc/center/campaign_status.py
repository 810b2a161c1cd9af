"""Where a remediation campaign stands: its exposed organisations, assets and findings, each
finding fixed or not and by when it is due, each organisation's entry and its status.

A finding belongs to a campaign when it carries one of the campaign's ids, its organisation is
in the scope, and it was there while the campaign ran: present now, seen since the campaign was
made, or present when it was made (``campaign_findings``). It is **fixed** when the latest
inventory no longer lists it, when it is ``resolved``, or when it is ``not_affected`` with a
VEX justification an analyst accepted for this campaign. It is **due** on the campaign's date,
or (BOD 26-04 campaigns) its BOD 26-04 timeline counted from the campaign's start or from when
it was first seen, whichever is later; the timelines are the federal profile's clocks
(``aicc/data/profiles/federal.yaml``, binding). An entry (an organisation) is ``fixed`` when
all its findings are, ``overdue`` when one that is not fixed is past due, else what the
organisation said (``open``, ``acknowledged``, ``in_progress``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, RowMapping, and_, false, func, or_, select

from aicc.center.access import Principal, granted
from aicc.core.results import BOD_26_04
from aicc.prioritize.profiles import Profile, load_profile
from aicc.store.campaign_tables import campaign_entries, campaign_findings, campaign_vex
from aicc.store.center_tables import assets, finding_events, findings, organisations

BOD_PROFILE = "federal"  # whose BOD 26-04 clocks a campaign uses: binding there


@cache
def _bod_profile() -> Profile:
    return load_profile(BOD_PROFILE)


@dataclass
class CampaignFinding:
    """One finding of a campaign: fixed or not (how, when), due when, and anything undecided."""

    id: str
    vulnerability: str
    asset_id: str
    asset: str
    state: str
    present: bool
    first_seen: datetime
    fixed: str | None  # gone | resolved | vex_accepted; None: not fixed
    fixed_at: datetime | None
    due: date | None
    claim: dict[str, Any] | None  # a not_affected claim and the analyst's decision on it
    problem: str | None = None  # why no deadline could be worked out

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "vulnerability": self.vulnerability,
            "asset": {"id": self.asset_id, "name": self.asset},
            "state": self.state,
            "present": self.present,
            "fixed": self.fixed,
            "fixed_at": self.fixed_at.isoformat() if self.fixed_at else None,
            "due": self.due.isoformat() if self.due else None,
            "claim": self.claim,
            "problem": self.problem,
        }


@dataclass
class Entry:
    """One organisation's part of a campaign."""

    organisation_id: str
    name: str
    sector: str
    region: str | None
    progress: str = "open"
    note: str | None = None
    updated_by: str | None = None
    updated_at: datetime | None = None
    findings: list[CampaignFinding] = field(default_factory=list)

    @property
    def fixed(self) -> bool:
        return bool(self.findings) and all(f.fixed for f in self.findings)

    @property
    def due(self) -> date | None:
        """The earliest due date of what is not fixed (of everything once all is fixed)."""
        pending = [f.due for f in self.findings if not f.fixed and f.due is not None]
        every = [f.due for f in self.findings if f.due is not None]
        return min(pending or every, default=None)

    def status(self, today: date) -> str:
        if not self.findings:
            return "not_exposed"
        if self.fixed:
            return "fixed"
        if any(not f.fixed and f.due is not None and f.due < today for f in self.findings):
            return "overdue"
        return self.progress

    @property
    def fixed_on(self) -> date | None:
        times = [f.fixed_at for f in self.findings if f.fixed_at is not None]
        return max(times).date() if self.fixed and times else None

    def as_dict(self, today: date) -> dict[str, Any]:
        asset_list: dict[str, dict[str, Any]] = {}
        for item in self.findings:
            asset = asset_list.setdefault(
                item.asset_id, {"id": item.asset_id, "name": item.asset, "open": 0, "fixed": 0}
            )
            asset["fixed" if item.fixed else "open"] += 1
        due = self.due
        return {
            "organization": {
                "id": self.organisation_id,
                "name": self.name,
                "sector": self.sector,
                "region": self.region,
            },
            "status": self.status(today),
            "progress": self.progress,
            "note": self.note,
            "updated_by": self.updated_by,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "due": due.isoformat() if due else None,
            "days_late": (today - due).days if due and self.status(today) == "overdue" else 0,
            "fixed_on": self.fixed_on.isoformat() if self.fixed_on else None,
            "assets": sorted(asset_list.values(), key=lambda a: a["name"]),
            "findings": [f.as_dict() for f in self.findings],
            "open_findings": sum(1 for f in self.findings if not f.fixed),
            "fixed_findings": sum(1 for f in self.findings if f.fixed),
            "pending_claims": sum(
                1 for f in self.findings if f.claim and f.claim["decision"] is None
            ),
        }


def in_scope(scope: dict[str, Any]) -> ColumnElement[bool]:
    """The condition on ``organisations`` of a campaign's scope: named organisations, or those
    of every dimension given (sectors and regions)."""
    sectors, regions = scope.get("sectors") or [], scope.get("regions") or []
    named = scope.get("organisations") or []
    conditions: list[ColumnElement[bool]] = []
    if named:
        conditions.append(organisations.c.id.in_(named))
    if sectors or regions:
        parts = []
        if sectors:
            parts.append(organisations.c.sector.in_(sectors))
        if regions:
            parts.append(organisations.c.region.in_(regions))
        conditions.append(and_(*parts))
    return or_(*conditions) if conditions else false()


def _bod_due(decisions: Any, start: date, first_seen: datetime) -> tuple[date | None, str | None]:
    """A finding's BOD 26-04 deadline from its stored decisions, or why there is none."""
    outcome = next(
        (
            d.get("outcome")
            for d in decisions or []
            if isinstance(d, dict) and d.get("table") == BOD_26_04
        ),
        None,
    )
    if outcome is None:
        return None, "no BOD 26-04 decision is stored for this finding (it was not decided)"
    clock_start = max(start, first_seen.date())
    due = _bod_profile().due(BOD_26_04, str(outcome), clock_start)
    if due is None:
        return None, f"BOD 26-04 outcome {outcome}: no deadline (fix on the next system upgrade)"
    return due, None


def entries(
    conn: Connection,
    campaign: RowMapping,
    principal: Principal,
    *,
    organisation_id: str | None = None,
    with_unexposed: bool = False,
) -> list[Entry]:
    """The campaign's entries the caller may see (only ``organisation_id``'s when given), by
    organisation name; ``with_unexposed`` adds the organisations in scope with no finding."""
    bod = campaign["due_kind"] == "bod-26-04"
    snapshot = select(campaign_findings.c.finding_id).where(
        campaign_findings.c.campaign_id == campaign["id"]
    )
    concerned = select(findings.c.id).where(findings.c.vulnerability_id.in_(campaign["match_ids"]))
    latest_event = (  # when each concerned finding last changed: when it was fixed, if it is
        select(finding_events.c.finding_id, func.max(finding_events.c.at).label("at"))
        .where(finding_events.c.finding_id.in_(concerned))
        .group_by(finding_events.c.finding_id)
        .subquery()
    )
    vex = campaign_vex.alias("vex")
    columns = [
        findings.c.id,
        findings.c.vulnerability_id,
        findings.c.state,
        findings.c.justification,
        findings.c.present,
        findings.c.first_seen,
        findings.c.asset_id,
        assets.c.name.label("asset_name"),
        findings.c.organisation_id,
        latest_event.c.at.label("changed_at"),
        vex.c.justification.label("vex_justification"),
        vex.c.decision.label("vex_decision"),
        vex.c.decided_by.label("vex_by"),
        vex.c.decided_at.label("vex_at"),
        vex.c.reason.label("vex_reason"),
    ]
    if bod:
        columns.append(findings.c.record["decisions"].label("decisions"))
    organisation_filter = [in_scope(campaign["scope"]), granted(principal, organisations.c.id)]
    if organisation_id is not None:
        organisation_filter.append(organisations.c.id == organisation_id)
    query = (
        select(*columns)
        .join(assets, assets.c.id == findings.c.asset_id)
        .join(organisations, organisations.c.id == findings.c.organisation_id)
        .outerjoin(latest_event, latest_event.c.finding_id == findings.c.id)
        .outerjoin(
            vex, and_(vex.c.finding_id == findings.c.id, vex.c.campaign_id == campaign["id"])
        )
        .where(findings.c.vulnerability_id.in_(campaign["match_ids"]))
        .where(*organisation_filter)
        .where(
            or_(
                findings.c.present.is_(True),
                findings.c.last_seen >= campaign["created_at"],
                findings.c.id.in_(snapshot),
            )
        )
        .order_by(assets.c.name, findings.c.vulnerability_id, findings.c.id)
    )
    by_organisation: dict[str, list[CampaignFinding]] = {}
    for row in conn.execute(query).mappings():
        by_organisation.setdefault(row["organisation_id"], []).append(_finding(row, campaign, bod))
    wanted = list(by_organisation)
    org_query = select(organisations).where(*organisation_filter)
    if not with_unexposed:
        org_query = org_query.where(organisations.c.id.in_(wanted))
    said = {
        row["organisation_id"]: row
        for row in conn.execute(
            select(campaign_entries).where(campaign_entries.c.campaign_id == campaign["id"])
        ).mappings()
    }
    found = []
    for org in conn.execute(org_query.order_by(organisations.c.name)).mappings():
        entry = Entry(org["id"], org["name"], org["sector"], org["region"])
        entry.findings = by_organisation.get(org["id"], [])
        if org["id"] in said:
            row = said[org["id"]]
            entry.progress, entry.note = row["progress"], row["note"]
            entry.updated_by, entry.updated_at = row["updated_by"], row["updated_at"]
        found.append(entry)
    return found


def _finding(row: RowMapping, campaign: RowMapping, bod: bool) -> CampaignFinding:
    claim = None
    fixed: str | None = None
    fixed_at: datetime | None = None
    if row["state"] == "not_affected":
        decided = row["vex_decision"] if row["vex_justification"] == row["justification"] else None
        claim = {
            "justification": row["justification"],
            "decision": decided,
            "decided_by": row["vex_by"] if decided else None,
            "decided_at": row["vex_at"].isoformat() if decided else None,
            "reason": row["vex_reason"] if decided else None,
        }
    if not row["present"]:
        fixed, fixed_at = "gone", row["changed_at"]
    elif row["state"] == "resolved":
        fixed, fixed_at = "resolved", row["changed_at"]
    elif claim is not None and claim["decision"] == "accepted":
        fixed, fixed_at = "vex_accepted", row["vex_at"]
    problem = None
    if bod:
        due, problem = _bod_due(row["decisions"], campaign["starts"], row["first_seen"])
    else:
        due = campaign["due"]
    return CampaignFinding(
        id=row["id"],
        vulnerability=row["vulnerability_id"],
        asset_id=row["asset_id"],
        asset=row["asset_name"],
        state=row["state"],
        present=row["present"],
        first_seen=row["first_seen"],
        fixed=fixed,
        fixed_at=fixed_at,
        due=due,
        claim=claim,
        problem=problem,
    )


STATUSES = ("open", "acknowledged", "in_progress", "overdue", "fixed")


def counts(found: Iterable[Entry], today: date) -> dict[str, int]:
    """How many entries are in each status, and the findings open and fixed."""
    numbers = dict.fromkeys(("organizations", *STATUSES, "open_findings", "fixed_findings"), 0)
    for entry in found:
        numbers["organizations"] += 1
        numbers[entry.status(today)] += 1
        fixed = sum(1 for f in entry.findings if f.fixed)
        numbers["fixed_findings"] += fixed
        numbers["open_findings"] += len(entry.findings) - fixed
    return numbers
