"""Remediation campaigns: "every hospital patches CVE-X by D", "every federal agency mitigates
the VPNs on KEV by D".

The center's analysts make a campaign from vulnerabilities (CVE ids, or a filter over the KEV
catalogue in the knowledge base: vendor, product, date added), a scope (sectors, regions, named
organisations) and a deadline (a date, or each finding's BOD 26-04 timeline). Who is exposed,
what is fixed and what is late is worked out from the stored findings whenever asked
(`aicc.center.campaign_status`): a re-scan that no longer lists a finding fixes it. An
organisation sees only the campaigns whose scope holds it, and only its own entry, which it
acknowledges and updates; an analyst accepts or rejects a finding's not_affected claim. Every
change is an event of ``campaign_events``: who, when, what, why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select
from sqlalchemy.exc import IntegrityError

from aicc.center.access import Principal, granted, require_center, require_triage
from aicc.center.campaign_status import Entry, counts, entries, in_scope
from aicc.center.errors import Conflict, Forbidden, InvalidInput, NotFound
from aicc.center.names import new_id
from aicc.core.times import utcnow
from aicc.store.campaign_tables import (
    PROGRESS,
    VEX_DECISIONS,
    campaign_entries,
    campaign_events,
    campaign_findings,
    campaign_vex,
    campaigns,
)
from aicc.store.center_tables import SECTORS, findings, organisations
from aicc.store.knowledge import related_ids
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.tables import kev_entries

MAX_TITLE = 200
MAX_TEXT = 4000
KEV_FIELDS = ("vendor", "product", "added_from", "added_to")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]+$")  # CVE-2024-1, GHSA-..., PYSEC-...


def _text(value: str | None, name: str, limit: int, *, required: bool = True) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise InvalidInput(f"{name}: must not be empty")
        return None
    if len(text) > limit:
        raise InvalidInput(f"{name}: longer than {limit} characters")
    return text


def _ids(values: Sequence[str]) -> list[str]:
    found: list[str] = []
    for index, value in enumerate(values):
        text = value.strip()
        if not _ID.match(text):
            raise InvalidInput(
                f"vulnerabilities[{index}]: {value!r} is not a vulnerability id (CVE-2024-3400, "
                "GHSA-...)"
            )
        text = text.upper() if text.upper().startswith("CVE-") else text
        if text not in found:
            found.append(text)
    return found


def _kev_ids(conn: Connection, kev: dict[str, Any]) -> list[str]:
    """The CVE ids of the KEV catalogue that the filter chooses (InvalidInput when none)."""
    unknown = sorted(set(kev) - set(KEV_FIELDS))
    if unknown:
        raise InvalidInput(f"kev.{unknown[0]}: not a filter; use {', '.join(KEV_FIELDS)}")
    query = select(kev_entries.c.cve_id).order_by(kev_entries.c.cve_id)
    given = False
    for name in ("vendor", "product"):
        text = _text(kev.get(name), f"kev.{name}", MAX_TITLE, required=False)
        if text:
            column = kev_entries.c.vendor_project if name == "vendor" else kev_entries.c.product
            query = query.where(column.ilike(f"%{text}%"))  # SQL wildcards in text match alike
            given = True
    days: dict[str, date] = {}
    for name in ("added_from", "added_to"):
        raw = kev.get(name)
        if raw in (None, ""):
            continue
        try:
            days[name] = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        except ValueError as exc:
            raise InvalidInput(f"kev.{name}: {raw!r} is not a date (YYYY-MM-DD)") from exc
        given = True
    if not given:
        raise InvalidInput("kev: give a vendor, a product or a date range (added_from, added_to)")
    if "added_from" in days:
        query = query.where(kev_entries.c.date_added >= days["added_from"].isoformat())
    if "added_to" in days:
        query = query.where(kev_entries.c.date_added <= days["added_to"].isoformat())
    if "added_from" in days and "added_to" in days and days["added_from"] > days["added_to"]:
        raise InvalidInput("kev.added_to: before kev.added_from")
    chosen = list(conn.execute(query).scalars())
    if not chosen:
        held = conn.execute(select(kev_entries.c.cve_id).limit(1)).first()
        why = "no KEV entry matches it" if held else "the knowledge base holds no KEV catalogue"
        raise InvalidInput(f"kev: {why}; nothing was made")
    return chosen


def _scope(
    conn: Connection,
    sectors: Sequence[str],
    regions: Sequence[str],
    named: Sequence[str],
) -> dict[str, list[str]]:
    for sector in sectors:
        if sector not in SECTORS:
            raise InvalidInput(f"sectors: {sector!r} is not one of {', '.join(SECTORS)}")
    regions = [r.strip() for r in regions if r.strip()]
    ids: list[str] = []
    for value in named:
        found = conn.execute(
            select(organisations.c.id).where(
                (organisations.c.id == value.strip()) | (organisations.c.name == value.strip())
            )
        ).scalar()
        if found is None:
            raise InvalidInput(f"organizations: {value!r} is not an organization of the center")
        ids.append(str(found))
    if not (sectors or regions or ids):
        raise InvalidInput("scope: name sectors, regions or organizations; nothing was made")
    return {"sectors": sorted(set(sectors)), "regions": sorted(set(regions)), "organisations": ids}


def _event(
    conn: Connection,
    campaign_id: str,
    principal: Principal,
    action: str,
    reason: str,
    *,
    now: datetime,
    organisation_id: str | None = None,
    finding_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    conn.execute(
        campaign_events.insert().values(
            campaign_id=campaign_id,
            organisation_id=organisation_id,
            finding_id=finding_id,
            actor=principal.actor,
            at=now,
            action=action,
            detail=detail or {},
            reason=reason,
        )
    )


def create_campaign(
    engine: Engine,
    principal: Principal,
    *,
    title: str,
    description: str | None = None,
    vulnerabilities: Sequence[str] = (),
    kev: dict[str, Any] | None = None,
    sectors: Sequence[str] = (),
    regions: Sequence[str] = (),
    organizations: Sequence[str] = (),
    due: date | None = None,
    bod_26_04: bool = False,
    starts: date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Make a campaign (see the module's docstring) and record who made it and why.

    Center admins and analysts only (Forbidden otherwise). InvalidInput names the field that
    cannot be used, Conflict a title in use; nothing is written then.
    """
    require_center(principal, "a campaign")
    require_triage(principal)
    title_text = _text(title, "title", MAX_TITLE)
    note = _text(description, "description", MAX_TEXT, required=False)
    named = _ids(vulnerabilities)
    if not named and not kev:
        raise InvalidInput("vulnerabilities: name CVE ids or give a KEV filter (kev)")
    if (due is None) == (not bod_26_04):
        raise InvalidInput("due: give a due date or choose the BOD 26-04 timelines, one of them")
    now = utcnow()
    start = starts or now.date()
    if due is not None and due < start:
        raise InvalidInput(f"due: {due.isoformat()} is before the campaign starts ({start})")
    campaign_id = new_id("cmp")
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        chosen = list(dict.fromkeys([*named, *(_kev_ids(conn, kev) if kev else [])]))
        scope = _scope(conn, sectors, regions, organizations)
        match = sorted({*chosen, *(alias for cve in chosen for alias in related_ids(conn, cve))})
        if conn.execute(select(campaigns.c.id).where(campaigns.c.title == title_text)).first():
            raise Conflict(f"campaign {title_text!r} exists already")
        row = {
            "id": campaign_id,
            "title": title_text,
            "description": note,
            "vulnerabilities": chosen,
            "kev_filter": {k: str(v) for k, v in kev.items() if v not in (None, "")}
            if kev
            else None,
            "match_ids": match,
            "scope": scope,
            "due_kind": "bod-26-04" if bod_26_04 else "date",
            "due": due,
            "starts": start,
            "created_by": principal.actor,
            "created_at": now,
        }
        try:
            conn.execute(campaigns.insert().values(row))
        except IntegrityError as exc:  # a title made at the same moment by another caller
            raise Conflict(f"campaign {title_text!r} exists already") from exc
        present = conn.execute(
            select(findings.c.id)
            .join(organisations, organisations.c.id == findings.c.organisation_id)
            .where(
                findings.c.vulnerability_id.in_(match),
                findings.c.present.is_(True),
                in_scope(scope),
            )
        ).scalars()
        snapshot = [{"campaign_id": campaign_id, "finding_id": f} for f in present]
        if snapshot:
            conn.execute(campaign_findings.insert(), snapshot)
        _event(
            conn,
            campaign_id,
            principal,
            "created",
            note or "campaign made",
            now=now,
            detail={
                "vulnerabilities": chosen,
                "kev_filter": row["kev_filter"],
                "scope": scope,
                "due": due.isoformat() if due else "bod-26-04",
                "findings_at_start": len(snapshot),
            },
        )
        from aicc.center.campaign_notices import notify_campaign_assigned  # it reads campaigns

        notify_campaign_assigned(conn, campaign_id, now=now)  # queued with the campaign
    return show_campaign(engine, principal, campaign_id)


def visible_campaign(conn: Connection, principal: Principal, campaign_id: str) -> RowMapping:
    """A campaign the caller may see: any for the center, one whose scope holds its
    organisation for an organisation (NotFound otherwise, as for no campaign at all)."""
    row = conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).mappings().first()
    if row is not None and not principal.is_center:
        member = conn.execute(
            select(organisations.c.id).where(
                organisations.c.id == principal.organisation_id, in_scope(row["scope"])
            )
        ).first()
        row = row if member else None
    if row is None:
        raise NotFound(f"campaign {campaign_id!r}: not found")
    return row


def campaign_dict(conn: Connection, row: RowMapping, principal: Principal) -> dict[str, Any]:
    """A campaign's definition; of the organisations it names, the caller is told only those
    it may see (an organisation: itself; a center caller: those of its grant)."""
    scope = dict(row["scope"])
    if scope["organisations"]:
        seen = set(
            conn.execute(
                select(organisations.c.id).where(
                    organisations.c.id.in_(scope["organisations"]),
                    granted(principal, organisations.c.id),
                )
            ).scalars()
        )
        scope["organisations"] = [o for o in scope["organisations"] if o in seen]
    return {
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "vulnerabilities": row["vulnerabilities"],
        "kev_filter": row["kev_filter"],
        "scope": scope,
        "due": row["due"].isoformat() if row["due"] else None,
        "due_kind": row["due_kind"],
        "starts": row["starts"].isoformat(),
        "created_by": row["created_by"] if principal.is_center else None,
        "created_at": row["created_at"].isoformat(),
        "closed": None
        if row["closed_at"] is None
        else {
            "at": row["closed_at"].isoformat(),
            "by": row["closed_by"] if principal.is_center else None,
            "final_counts": row["final_counts"],
        },
    }


def default_day(row: RowMapping, as_of: date | None) -> date:
    """The day counts are worked out for: ``as_of``, else the day a closed campaign was closed
    (nothing becomes overdue after), else today."""
    if as_of is not None:
        return as_of
    return row["closed_at"].date() if row["closed_at"] is not None else utcnow().date()


def _own(principal: Principal) -> str | None:
    return None if principal.is_center else principal.organisation_id


def show_campaign(
    engine: Engine, principal: Principal, campaign_id: str, *, as_of: date | None = None
) -> dict[str, Any]:
    """A campaign with its entries (the center: every exposed organisation; an organisation:
    its own entry, ``not_exposed`` when none of its findings is concerned) and their counts."""
    with engine.connect() as conn:
        row = visible_campaign(conn, principal, campaign_id)
        today = default_day(row, as_of)
        found = entries(
            conn,
            row,
            principal,
            organisation_id=_own(principal),
            with_unexposed=not principal.is_center,
        )
        definition = campaign_dict(conn, row, principal)
    exposed = [e for e in found if e.findings]
    return definition | {
        "as_of": today.isoformat(),
        "counts": counts(exposed, today),
        "entries": [e.as_dict(today) for e in found],
        "problems": deadline_problems(found),
    }


def deadline_problems(found: Sequence[Entry]) -> list[dict[str, Any]]:
    """Each finding whose deadline could not be worked out, and why: nothing is left unsaid."""
    return [
        {"organization": e.organisation_id, "finding": f.id, "reason": f.problem}
        for e in found
        for f in e.findings
        if f.problem
    ]


def list_campaigns(
    engine: Engine, principal: Principal, *, as_of: date | None = None
) -> list[dict[str, Any]]:
    """The campaigns the caller may see, newest first, each with its counts (an organisation:
    those whose scope holds it, with its own entry's status)."""
    with engine.connect() as conn:
        rows = list(
            conn.execute(
                select(campaigns).order_by(campaigns.c.created_at.desc(), campaigns.c.id)
            ).mappings()
        )
        listed = []
        for row in rows:
            if not principal.is_center:
                try:
                    visible_campaign(conn, principal, row["id"])
                except NotFound:
                    continue
            found = entries(
                conn,
                row,
                principal,
                organisation_id=_own(principal),
                with_unexposed=not principal.is_center,
            )
            today = default_day(row, as_of)
            item = campaign_dict(conn, row, principal) | {
                "counts": counts([e for e in found if e.findings], today)
            }
            if not principal.is_center:
                mine = found[0] if found else None
                item["status"] = mine.status(today) if mine else "not_exposed"
                item["entry_due"] = mine.due.isoformat() if mine and mine.due else None
            listed.append(item)
    return listed


def update_entry(
    engine: Engine,
    principal: Principal,
    campaign_id: str,
    *,
    progress: str,
    reason: str,
    organisation: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """An organisation says where its entry stands (open, acknowledged, in_progress) and why.

    Only the organisation's own admins and members may (the center: Forbidden; another
    organisation's entry: NotFound). ``fixed`` and ``overdue`` are not said but seen: from the
    next inventory, and from the date.
    """
    if principal.is_center:
        raise Forbidden("an organization updates its own campaign entry; the center does not")
    require_triage(principal)
    if organisation not in (None, "", principal.organisation_id, principal.organisation_name):
        raise NotFound(f"organization {organisation!r}: not found")
    if progress not in PROGRESS:
        hint = (
            " (fixed is seen by a re-scan, overdue from the date)"
            if progress in ("fixed", "overdue")
            else ""
        )
        raise InvalidInput(f"status: {progress!r} is not one of {', '.join(PROGRESS)}{hint}")
    why = _text(reason, "reason", MAX_TEXT)
    assert why is not None and principal.organisation_id is not None
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = visible_campaign(conn, principal, campaign_id)
        key = (campaign_entries.c.campaign_id == row["id"]) & (
            campaign_entries.c.organisation_id == principal.organisation_id
        )
        before = conn.execute(select(campaign_entries.c.progress).where(key)).scalar()
        values = {
            "progress": progress,
            "note": why,
            "updated_by": principal.actor,
            "updated_at": now,
        }
        if before is None:
            conn.execute(
                campaign_entries.insert().values(
                    campaign_id=row["id"], organisation_id=principal.organisation_id, **values
                )
            )
        else:
            conn.execute(campaign_entries.update().where(key).values(values))
        _event(
            conn,
            row["id"],
            principal,
            progress,
            why,
            now=now,
            organisation_id=principal.organisation_id,
            detail={"from": before or "open", "to": progress},
        )
    return show_campaign(engine, principal, campaign_id)


def decide_claim(
    engine: Engine,
    principal: Principal,
    campaign_id: str,
    finding_id: str,
    *,
    decision: str,
    reason: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """An analyst accepts or rejects a finding's not_affected claim (its VEX justification) for
    the campaign; accepted, the finding counts as fixed while the claim stands unchanged.

    Center admins and analysts only; NotFound when the finding is not one of the campaign's,
    InvalidInput when it claims nothing (not not_affected) or the decision is not one.
    """
    require_center(principal, "accepting a VEX claim")
    require_triage(principal)
    if decision not in VEX_DECISIONS:
        raise InvalidInput(f"decision: {decision!r} is not one of {', '.join(VEX_DECISIONS)}")
    why = _text(reason, "reason", MAX_TEXT)
    assert why is not None
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = visible_campaign(conn, principal, campaign_id)
        item = next(
            (
                (entry, f)
                for entry in entries(conn, row, principal)
                for f in entry.findings
                if f.id == finding_id
            ),
            None,
        )
        if item is None:
            raise NotFound(f"finding {finding_id!r}: not found in campaign {campaign_id!r}")
        entry, found = item
        if found.claim is None:
            raise InvalidInput(
                f"finding {finding_id}: its state is {found.state}, not not_affected: there is "
                "no VEX claim to decide on"
            )
        key = (campaign_vex.c.campaign_id == row["id"]) & (campaign_vex.c.finding_id == finding_id)
        values = {
            "justification": found.claim["justification"],
            "decision": decision,
            "decided_by": principal.actor,
            "decided_at": now,
            "reason": why,
        }
        if conn.execute(select(campaign_vex.c.decision).where(key)).first() is None:
            conn.execute(
                campaign_vex.insert().values(campaign_id=row["id"], finding_id=finding_id, **values)
            )
        else:
            conn.execute(campaign_vex.update().where(key).values(values))
        _event(
            conn,
            row["id"],
            principal,
            f"vex_{decision}",
            why,
            now=now,
            organisation_id=entry.organisation_id,
            finding_id=finding_id,
            detail={"justification": found.claim["justification"]},
        )
    return show_campaign(engine, principal, campaign_id)


def campaign_audit(engine: Engine, principal: Principal, campaign_id: str) -> dict[str, Any]:
    """Every event of a campaign, oldest first (an organisation: the campaign's own and its
    entry's, never another organisation's)."""
    with engine.connect() as conn:
        row = visible_campaign(conn, principal, campaign_id)
        query = select(campaign_events).where(campaign_events.c.campaign_id == row["id"])
        if not principal.is_center:
            query = query.where(
                campaign_events.c.organisation_id.is_(None)
                | (campaign_events.c.organisation_id == principal.organisation_id)
            )
        else:
            query = query.where(
                campaign_events.c.organisation_id.is_(None)
                | granted(principal, campaign_events.c.organisation_id)
            )
        events = conn.execute(query.order_by(campaign_events.c.id)).mappings()
        return {
            "campaign": row["id"],
            "events": [
                {
                    "at": e["at"].isoformat(),
                    "actor": e["actor"]
                    if principal.is_center or e["organisation_id"]
                    else "the center",
                    "action": e["action"],
                    "organization": e["organisation_id"],
                    "finding": e["finding_id"],
                    "detail": e["detail"] if principal.is_center or e["organisation_id"] else {},
                    "reason": e["reason"],
                }
                for e in events
            ],
        }


SYSTEM = Principal(token_id="system", role="admin", agency="AICC")  # the center's own reads


def campaign_deadlines(
    engine: Engine, *, since: date, until: date, warn_days: int = 7
) -> list[dict[str, Any]]:
    """What changed between two days for notifications: each entry not fixed that became
    ``overdue`` (its due date passed: due < day) or came ``due_soon`` (within ``warn_days``)
    on a day after ``since`` up to ``until``; one item per campaign, organisation and kind.
    A closed campaign has no deadlines left."""
    if until < since:
        raise InvalidInput("until: before since")
    found: list[dict[str, Any]] = []
    with engine.connect() as conn:
        open_campaigns = select(campaigns).where(campaigns.c.closed_at.is_(None))
        for row in conn.execute(open_campaigns.order_by(campaigns.c.id)).mappings():
            for entry in entries(conn, row, SYSTEM):
                if entry.fixed or entry.due is None:
                    continue
                due = entry.due
                for kind, day in (
                    ("due_soon", due - timedelta(days=warn_days)),
                    ("overdue", due + timedelta(days=1)),
                ):
                    if since < day <= until:
                        found.append(
                            {
                                "kind": kind,
                                "on": day.isoformat(),
                                "campaign": {"id": row["id"], "title": row["title"]},
                                "organization": {"id": entry.organisation_id, "name": entry.name},
                                "due": due.isoformat(),
                                "open_findings": sum(1 for f in entry.findings if not f.fixed),
                            }
                        )
    return found
