"""Trusted partners: vetted by the center, proposed per submission by the developer, confirmed
by the center, and given a scoped grant that ends on the release date unless extended.

A grant's end is stored only when it was extended (``ends_on``); otherwise it is the
submission's current release date, so moving the release moves the grant's end with it.
Every step is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import Connection, insert, select, update

from aicc.core.times import iso, utcnow
from aicc.frontier import audit, crypto
from aicc.frontier.access import (
    AccessDenied,
    Action,
    Actor,
    Grant,
    GrantState,
    Role,
    Scope,
    grants_of,
    require,
)
from aicc.frontier.records import NotFoundError, Submission, checked, find_named
from aicc.frontier.window import FrontierError
from aicc.store.frontier_tables import (
    frontier_grants,
    frontier_partner_findings,
    frontier_partners,
)


@dataclass(frozen=True)
class Partner:
    """An organisation the center has vetted."""

    id: int
    name: str
    vetted_at: datetime
    vetted_by: str | None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"name": self.name, "vetted_at": iso(self.vetted_at), "vetted_by": self.vetted_by}


@dataclass(frozen=True)
class PartnerFinding:
    """What a partner filed against a submission."""

    id: int
    submission_id: str
    partner: str
    title: str
    body: str
    filed_at: datetime

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "id": self.id,
            "submission": self.submission_id,
            "partner": self.partner,
            "title": self.title,
            "body": self.body,
            "filed_at": iso(self.filed_at),
        }


def _log(
    conn: Connection,
    actor: Actor,
    action: Action,
    subject: str | None,
    detail: dict[str, Any],
    at: datetime | None,
) -> None:
    audit.record(
        conn, actor=actor, action=action.value, subject=subject, detail=detail, at=at or utcnow()
    )


def add_partner(
    conn: Connection, *, actor: Actor, name: str, as_of: date, at: datetime | None = None
) -> Partner:
    """Record that the center has vetted ``name`` (program administrators)."""
    require(actor, Action.partner_vet, None, (), as_of)
    name = name.strip()
    if not name:
        raise FrontierError("a partner needs a name")
    exists = find_named(frontier_partners, conn, name)
    if exists is not None:
        raise FrontierError(f"partner {name!r} is already vetted (as {exists.name!r})")
    vetted = at or utcnow()
    new_id = conn.execute(
        insert(frontier_partners).values(name=name, vetted_at=vetted, vetted_by=str(actor))
    ).inserted_primary_key
    _log(conn, actor, Action.partner_vet, name, {}, at)
    return Partner(int(new_id[0]) if new_id else 0, name, vetted, str(actor))


def list_partners(
    conn: Connection, *, actor: Actor, as_of: date, at: datetime | None = None
) -> list[Partner]:
    """The vetted partners, for a developer to choose from."""
    require(actor, Action.partner_list, None, (), as_of)
    rows = conn.execute(select(frontier_partners).order_by(frontier_partners.c.name))
    found = [Partner(r.id, r.name, r.vetted_at, r.vetted_by) for r in rows]
    _log(conn, actor, Action.partner_list, None, {"count": len(found)}, at)
    return found


def _partner_id(conn: Connection, name: str) -> int:
    found = find_named(frontier_partners, conn, name)  # in any case
    if found is None:
        raise NotFoundError(
            f"{name!r} is not a vetted partner; a program administrator vets "
            f"it with `aicc frontier partners add {name!r}`"
        )
    return int(found.id)


def _current(grants: list[Grant], partner: str) -> Grant | None:
    """The partner's grant that is not revoked, if any (the name in any case)."""
    wanted = partner.strip().casefold()
    live = [
        g for g in grants if g.partner.casefold() == wanted and g.state is not GrantState.revoked
    ]
    return live[-1] if live else None


def _reload(conn: Connection, submission: Submission, grant_id: int) -> Grant:
    return next(g for g in grants_of(conn, submission) if g.id == grant_id)


def _check_until(until: date, as_of: date) -> None:
    if until <= as_of:
        raise FrontierError(
            f"a grant ending on {until.isoformat()} gives no access as of "
            f"{as_of.isoformat()}: choose a later date"
        )


def propose(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    partner: str,
    scope: Scope,
    until: date | None = None,
    as_of: date,
    at: datetime | None = None,
) -> Grant:
    """The developer proposes a vetted partner with a scope; no access until confirmed.

    ``until``: the grant ends on that day instead of on the release date.
    """
    submission, grants = checked(
        conn, actor=actor, ref=ref, action=Action.grant_propose, as_of=as_of
    )
    partner_id = _partner_id(conn, partner)
    current = _current(grants, partner)
    if current is not None:
        raise FrontierError(
            f"{partner} already has a {current.state.value} grant on "
            f"{submission.id}; revoke it before proposing a new scope"
        )
    if until is not None:
        _check_until(until, as_of)
    moment = at or utcnow()
    new_id = conn.execute(
        insert(frontier_grants).values(
            submission_id=submission.id,
            partner_id=partner_id,
            state=GrantState.proposed.value,
            scope=scope.as_dict(),
            proposed_at=moment,
            proposed_by=str(actor),
            ends_on=until,
        )
    ).inserted_primary_key
    _log(
        conn,
        actor,
        Action.grant_propose,
        submission.id,
        {
            "partner": partner,
            "scope": scope.as_dict(),
            "ends_on": until.isoformat() if until else None,
        },
        at,
    )
    return _reload(conn, submission, int(new_id[0]) if new_id else 0)


def _grant_for(
    conn: Connection, actor: Actor, ref: str, partner: str, action: Action, as_of: date
) -> tuple[Submission, Grant]:
    submission, grants = checked(conn, actor=actor, ref=ref, action=action, as_of=as_of)
    current = _current(grants, partner)
    if current is None:
        raise NotFoundError(f"{partner} has no proposed or confirmed grant on {submission.id}")
    return submission, current


def confirm(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    partner: str,
    as_of: date,
    at: datetime | None = None,
) -> Grant:
    """The center confirms a proposed grant: the partner's access starts."""
    submission, grant = _grant_for(conn, actor, ref, partner, Action.grant_confirm, as_of)
    if grant.state is GrantState.confirmed:
        raise FrontierError(f"the grant of {partner} on {submission.id} is already confirmed")
    if grant.ends_on <= as_of:
        raise FrontierError(
            f"the grant of {partner} on {submission.id} would end on "
            f"{grant.ends_on.isoformat()}, before it starts: extend it first "
            "(`aicc frontier partners extend ... --until DATE`)"
        )
    moment = at or utcnow()
    conn.execute(
        update(frontier_grants)
        .where(frontier_grants.c.id == grant.id)
        .values(state=GrantState.confirmed.value, confirmed_at=moment, confirmed_by=str(actor))
    )
    _log(
        conn,
        actor,
        Action.grant_confirm,
        submission.id,
        {"partner": partner, "ends_on": grant.ends_on.isoformat()},
        at,
    )
    return _reload(conn, submission, grant.id)


def revoke(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    partner: str,
    reason: str | None = None,
    as_of: date,
    at: datetime | None = None,
) -> Grant:
    """End a partner's proposed or confirmed grant now (the center or the developer)."""
    submission, grant = _grant_for(conn, actor, ref, partner, Action.grant_revoke, as_of)
    moment = at or utcnow()
    conn.execute(
        update(frontier_grants)
        .where(frontier_grants.c.id == grant.id)
        .values(state=GrantState.revoked.value, revoked_at=moment, revoked_by=str(actor))
    )
    _log(
        conn,
        actor,
        Action.grant_revoke,
        submission.id,
        {"partner": partner, "was": grant.state.value, "reason": reason},
        at,
    )
    return _reload(conn, submission, grant.id)


def extend(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    partner: str,
    until: date,
    as_of: date,
    at: datetime | None = None,
) -> Grant:
    """Let a grant end on ``until`` instead of on the release date."""
    submission, grant = _grant_for(conn, actor, ref, partner, Action.grant_extend, as_of)
    _check_until(until, as_of)
    conn.execute(
        update(frontier_grants).where(frontier_grants.c.id == grant.id).values(ends_on=until)
    )
    _log(
        conn,
        actor,
        Action.grant_extend,
        submission.id,
        {"partner": partner, "from": grant.ends_on.isoformat(), "to": until.isoformat()},
        at,
    )
    return _reload(conn, submission, grant.id)


def list_grants(
    conn: Connection, *, actor: Actor, ref: str, as_of: date, at: datetime | None = None
) -> list[Grant]:
    """A submission's grants with state, scope and dates; a partner sees only its own."""
    submission, grants = checked(conn, actor=actor, ref=ref, action=Action.grant_list, as_of=as_of)
    if actor.role is Role.partner:
        grants = [g for g in grants if g.partner == actor.name]
    _log(conn, actor, Action.grant_list, submission.id, {"count": len(grants)}, at)
    return grants


def file_finding(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    title: str,
    body: str,
    cipher: Fernet,
    as_of: date,
    at: datetime | None = None,
) -> PartnerFinding:
    """A partner files its own finding; the body is stored encrypted."""
    if actor.role is not Role.partner:
        raise AccessDenied(
            f"{actor} may not file a partner finding: partners file their own "
            "findings (act as partner:NAME)"
        )
    submission, _ = checked(conn, actor=actor, ref=ref, action=Action.finding_file, as_of=as_of)
    if not title.strip() or not body.strip():
        raise FrontierError("a finding needs a title and a body")
    partner_id = _partner_id(conn, actor.name)
    filed = at or utcnow()
    new_id = conn.execute(
        insert(frontier_partner_findings).values(
            submission_id=submission.id,
            partner_id=partner_id,
            title=title,
            body=crypto.encrypt(cipher, body.encode("utf-8")),
            filed_at=filed,
        )
    ).inserted_primary_key
    finding_id = int(new_id[0]) if new_id else 0
    _log(
        conn, actor, Action.finding_file, submission.id, {"finding": finding_id, "title": title}, at
    )
    return PartnerFinding(finding_id, submission.id, actor.name, title, body, filed)


def list_findings(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    cipher: Fernet,
    as_of: date,
    at: datetime | None = None,
) -> list[PartnerFinding]:
    """The partners' findings on a submission, decrypted; a partner reads only its own."""
    submission, _ = checked(conn, actor=actor, ref=ref, action=Action.finding_read, as_of=as_of)
    query = (
        select(frontier_partner_findings, frontier_partners.c.name.label("partner"))
        .join(frontier_partners, frontier_partners.c.id == frontier_partner_findings.c.partner_id)
        .where(frontier_partner_findings.c.submission_id == submission.id)
        .order_by(frontier_partner_findings.c.id)
    )
    if actor.role is Role.partner:
        query = query.where(frontier_partners.c.name == actor.name)
    found = [
        PartnerFinding(
            r.id,
            r.submission_id,
            r.partner,
            r.title,
            crypto.decrypt(cipher, r.body).decode("utf-8"),
            r.filed_at,
        )
        for r in conn.execute(query)
    ]
    _log(conn, actor, Action.finding_read, submission.id, {"findings": [f.id for f in found]}, at)
    return found
