"""Suppressing a finding until a day, and lifting a suppression early.

A suppression is an accepted risk with an end: an analyst of the center (role ``admin`` or
``analyst``) or the organisation's ``admin`` gives the reason and the day the finding comes back
(``expires_on``, at most `MAX_DAYS` ahead). Until that day the finding is left out of the
findings list and the plan (counted there, listed on request: `aicc.center.suppressed`); on that
day it is back by itself, worked out when it is read. Suppressing again replaces the reason and
the day. Every suppression and lift is an event of the finding's audit trail; its analysis state
does not change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center import suppressed
from aicc.center.access import Principal
from aicc.center.errors import Conflict, Forbidden, InvalidInput
from aicc.center.findings import MAX_REASON, _one, component_identity, finding_dict
from aicc.core.results import FindingRecord
from aicc.core.times import utcnow
from aicc.report.model import component_dict
from aicc.store.center_tables import finding_events, findings
from aicc.store.finding_work_tables import finding_suppressions
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

# Who may suppress a finding or lift its suppression.
SUPPRESS_ROLES = {"organisation": ("admin",), "center": ("admin", "analyst")}
MAX_DAYS = 366  # a longer acceptance is a decision to take again, not one to forget
DEFAULT_DAYS = 30  # what the page offers


def require_suppress(principal: Principal) -> None:
    """Forbidden unless the caller's role may suppress findings."""
    allowed = SUPPRESS_ROLES["center" if principal.is_center else "organisation"]
    if principal.role not in allowed:
        raise Forbidden(
            f"the {principal.role} role may not suppress findings (only: {', '.join(allowed)})"
        )


def clean_text(value: str | None, field: str, limit: int = MAX_REASON) -> str:
    """A free text a caller gives, stripped; InvalidInput naming ``field`` when it is empty,
    too long, or holds a NUL character (which no store keeps in a text)."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"{field}: must not be empty")
    if len(text) > limit:
        raise InvalidInput(f"{field}: longer than {limit} characters")
    if "\x00" in text:
        raise InvalidInput(f"{field}: holds a NUL character")
    return text


def expiry_day(value: date | str | None, today: date) -> date:
    """The day a suppression ends: after ``today``, at most `MAX_DAYS` ahead."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"expires_on: {value!r} is not a day (YYYY-MM-DD)") from None
    if value is None:
        raise InvalidInput("expires_on: give the day the finding comes back (YYYY-MM-DD)")
    if value <= today:
        raise InvalidInput(f"expires_on: {value} is not after today ({today})")
    if value > today + timedelta(days=MAX_DAYS):
        raise InvalidInput(
            f"expires_on: {value} is more than {MAX_DAYS} days ahead (at most "
            f"{today + timedelta(days=MAX_DAYS)})"
        )
    return value


def _event(conn: Connection, row: RowMapping, actor: str, reason: str) -> None:
    """An event of the audit trail that leaves the analysis state as it is."""
    conn.execute(
        finding_events.insert().values(
            finding_id=row["id"],
            actor=actor,
            at=utcnow(),
            from_state=row["state"],
            to_state=row["state"],
            justification=None,
            reason=reason,
        )
    )


def suppress_finding(
    engine: Engine,
    principal: Principal,
    finding_id: str,
    *,
    reason: str,
    expires_on: date | str | None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Suppress a finding until ``expires_on`` (the day it is back), with the reason; returns the
    finding. NotFound when the caller may not see it, Forbidden for a role that may not
    suppress, InvalidInput for a bad reason or day; nothing is changed then."""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _one(conn, principal, finding_id)
        require_suppress(principal)
        now = utcnow()
        text = clean_text(reason, "reason")
        day = expiry_day(expires_on, now.date())
        values = {
            "reason": text,
            "expires_on": day,
            "suppressed_at": now,
            "suppressed_by": principal.actor,
            "lifted_at": None,
            "lifted_by": None,
        }
        table = finding_suppressions
        known = conn.execute(select(table.c.finding_id).where(table.c.finding_id == row["id"]))
        if known.first() is None:
            conn.execute(table.insert().values(finding_id=row["id"], **values))
        else:
            conn.execute(table.update().where(table.c.finding_id == row["id"]).values(values))
        _event(conn, row, principal.actor, f"suppressed until {day} (back that day): {text}")
        return finding_dict(_one(conn, principal, finding_id), full=True)


def lift_suppression(
    engine: Engine,
    principal: Principal,
    finding_id: str,
    *,
    reason: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """End a finding's suppression before its day, with the reason; returns the finding.
    Conflict when it is not suppressed (never, expired or lifted already); NotFound, Forbidden
    and InvalidInput as `suppress_finding`."""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _one(conn, principal, finding_id)
        require_suppress(principal)
        text = clean_text(reason, "reason")
        now = utcnow()
        suppression = finding_dict(row)["suppression"]
        if suppression is None or not suppression["active"]:
            raise Conflict(f"finding {finding_id!r}: not suppressed, nothing to lift")
        conn.execute(
            finding_suppressions.update()
            .where(finding_suppressions.c.finding_id == row["id"])
            .values(lifted_at=now, lifted_by=principal.actor)
        )
        _event(conn, row, principal.actor, f"suppression lifted: {text}")
        return finding_dict(_one(conn, principal, finding_id), full=True)


def suppressed_in(conn: Connection, organisation_id: str, today: date) -> list[RowMapping]:
    """The organisation's findings suppressed on ``today``: what a plan leaves out."""
    query = suppressed.joined(
        select(
            findings.c.id,
            findings.c.asset_id,
            findings.c.vulnerability_id,
            findings.c.aliases,
            findings.c.record["component"].label("component"),
        )
    ).where(findings.c.organisation_id == organisation_id, suppressed.active(today))
    return list(conn.execute(query).mappings())


def without_suppressed(
    records: Sequence[FindingRecord],
    hidden: Sequence[RowMapping],
    assets_by_folder: Mapping[Path, str],
) -> tuple[list[FindingRecord], list[str]]:
    """The pipeline's records less those of suppressed findings, and the ids of the findings
    left out. A record is a stored finding's when it comes from the finding's asset (its file is
    in the asset's folder, ``assets_by_folder``), names the same component, and shares an id or
    alias with it, as `aicc.center.findings.store_findings` finds a finding again."""
    by_place: dict[tuple[str, tuple[str, ...]], list[RowMapping]] = {}
    for row in hidden:
        identity = component_identity(row["component"] or {})
        by_place.setdefault((row["asset_id"], identity), []).append(row)
    kept: list[FindingRecord] = []
    left_out: dict[str, None] = {}
    for record in records:
        finding = record.finding
        folder = Path(finding.component.source or "").parent
        asset_id = assets_by_folder.get(folder)
        identity = component_identity(component_dict(finding.component))
        ids = {finding.id, *finding.aliases}
        match = next(
            (
                row
                for row in by_place.get((asset_id or "", identity), [])
                if ids & {row["vulnerability_id"], *row["aliases"]}
            ),
            None,
        )
        if match is None:
            kept.append(record)
        else:
            left_out[match["id"]] = None
    return kept, list(left_out)
