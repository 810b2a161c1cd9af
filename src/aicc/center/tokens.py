"""API tokens: made once, shown once, kept as a hash, scoped, expiring, revocable.

A token is ``aicc_`` and 43 characters of ``secrets.token_urlsafe(32)``: 256 random bits. The
store keeps its SHA-256 only. A slow password hash (argon2) protects *guessable* secrets: it makes
each guess of a dictionary expensive. A 256-bit random token has no dictionary; no number of
SHA-256 guesses finds it, and a stolen table of hashes gives nothing to log in with. A fast hash
is also what lets the token be found by an index lookup on every request, where argon2 would cost
tens of milliseconds per request and need the token's id sent beside it. Passwords (people's
log-in, to come) will be hashed with argon2.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, bindparam, select

from aicc.center.access import Principal
from aicc.center.audit_log import audit
from aicc.center.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from aicc.center.grants import grant_fields, grants_dict, make_grants
from aicc.center.names import new_id, organisation_name
from aicc.center.organisations import organisation_row
from aicc.center.portfolio_cache import portfolio_marker
from aicc.core.times import utcnow
from aicc.store.center_tables import CENTER_ROLES, ORGANISATION_ROLES, api_tokens, organisations
from aicc.store.db import reading
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

PREFIX = "aicc_"
MAX_DAYS = 3650


def token_hash(token: str) -> str:
    """The SHA-256 (hex) the store keeps in place of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    engine: Engine,
    *,
    role: str,
    organisation: str | None = None,
    agency: str | None = None,
    expires_days: int | None = None,
    sectors: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """A new token for an ``organisation`` (id or name) or for the center on behalf of an
    ``agency``, with its clear text under ``"token"``: the only time it is ever shown. A center
    token may be limited to ``sectors`` and ``regions`` (`aicc.center.grants`).

    InvalidInput for a role the scope does not have, both or neither scope, a bad expiry;
    NotFound for an unknown organisation.
    """
    if (organisation is None) == (agency is None):
        raise InvalidInput("give an organization or a center agency, one of the two")
    roles = ORGANISATION_ROLES if organisation is not None else CENTER_ROLES
    if role not in roles:
        scope = "an organization" if organisation is not None else "the center"
        raise InvalidInput(f"role: {role!r} is not a role of {scope} ({', '.join(roles)})")
    if expires_days is not None and not 1 <= expires_days <= MAX_DAYS:
        raise InvalidInput(f"expires: {expires_days} days is not between 1 and {MAX_DAYS}")
    grants = make_grants(sectors, regions, center=agency is not None)
    token = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    row: dict[str, Any] = {
        "id": new_id("tok"),
        "token_hash": token_hash(token),
        "organisation_id": None,
        "agency": organisation_name(agency, "center") if agency is not None else None,
        "role": role,
        "created_at": now,
        "expires_at": now + timedelta(days=expires_days) if expires_days else None,
        "revoked_at": None,
        "grants": grants,
    }
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        name = None
        if organisation is not None:
            found = organisation_row(conn, id_or_name=organisation.strip())
            row["organisation_id"], name = found["id"], found["name"]
        conn.execute(api_tokens.insert().values(row))
    return {
        "id": row["id"],
        "token": token,
        "organization": name,
        "center": row["agency"],
        "role": role,
        "grants": grants_dict(grants),
        "created_at": now.isoformat(),
        "expires_at": row["expires_at"].isoformat() if row["expires_at"] else None,
    }


class VerifiedTokens:
    """Tokens verified in the store, per store, by the token's hash, each beside the portfolio
    marker read before it was looked up (``store_changes``: migration 0024 has every write of
    ``api_tokens`` replace it, as writes of the portfolio's tables do, whoever writes): the server
    looks a token up on every request, and under load that lookup (a join, 0.27 ms) was a good
    part of a request's cost, where reading the marker takes 0.05 ms (issue 13).

    A token is taken from here only while the marker is the one it was kept under, so a token
    revoked or changed by any process (the command line, another server worker, plain SQL) is
    refused or changed from the next request on, as when every request looked it up. Its expiry
    is checked on every use. A refusal is never kept (a token made a moment ago works at once).
    """

    MAX = 10_000  # entries per store; all forgotten when there are more

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: WeakKeyDictionary[Engine, dict[str, tuple[str, Principal, datetime | None]]]
        self._kept = WeakKeyDictionary()

    def get(self, engine: Engine, hashed: str, marker: str) -> Principal | None:
        with self._lock:
            kept = self._kept.get(engine)
            found = None if kept is None else kept.get(hashed)
        if found is None or found[0] != marker:
            return None
        if found[2] is not None and found[2] <= utcnow():
            return None  # looked up again: the store says it expired
        return found[1]

    def keep(
        self,
        engine: Engine,
        hashed: str,
        marker: str,
        principal: Principal,
        expires_at: datetime | None,
    ) -> None:
        with self._lock:
            kept = self._kept.setdefault(engine, {})
            if len(kept) >= self.MAX:
                kept.clear()
            kept[hashed] = (marker, principal, expires_at)


VERIFIED = VerifiedTokens()


_LOOKUP = (  # built once: building the statement cost as much as running it
    select(api_tokens, organisations.c.name.label("organisation_name"))
    .select_from(api_tokens.outerjoin(organisations))
    .where(api_tokens.c.token_hash == bindparam("hashed"))
)


def authenticate(
    engine: Engine, token: str | None, *, kept: bool = False, marker: str | None = None
) -> Principal:
    """The holder of ``token``; Unauthenticated when it is missing, unknown, expired or revoked.

    ``kept`` (the server) takes a token from `VERIFIED` while the store's marker says no token
    changed since it was looked up, and keeps what it looks up; ``marker`` is the marker the
    caller read for this request (read here when not given)."""
    if not token:
        raise Unauthenticated("an API token is needed: Authorization: Bearer <token>")
    hashed = token_hash(token)
    if kept and marker is None:
        with reading(engine) as conn:
            marker = portfolio_marker(conn)
    if kept and marker is not None:
        found = VERIFIED.get(engine, hashed, marker)
        if found is not None:
            return found
    with reading(engine) as conn:
        row = conn.execute(_LOOKUP, {"hashed": hashed}).mappings().first()
    if row is None:
        raise Unauthenticated("the API token is not known")
    if row["revoked_at"] is not None:
        raise Unauthenticated("the API token was revoked")
    if row["expires_at"] is not None and row["expires_at"] <= utcnow():
        raise Unauthenticated(f"the API token expired at {row['expires_at'].isoformat()}")
    principal = Principal(
        token_id=row["id"],
        role=row["role"],
        organisation_id=row["organisation_id"],
        organisation_name=row["organisation_name"],
        agency=row["agency"],
        sectors=grant_fields(row["grants"])[0],
        regions=grant_fields(row["grants"])[1],
    )
    if kept and marker is not None:  # read before the token: never newer than it is kept with
        VERIFIED.keep(engine, hashed, marker, principal, row["expires_at"])
    return principal


def revoke_token(engine: Engine, token_id: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Revoke a token by its id (``tok_...``) from now on; NotFound when there is none."""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        done = conn.execute(
            api_tokens.update()
            .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        if done.rowcount == 0:
            known = conn.execute(select(api_tokens.c.id).where(api_tokens.c.id == token_id))
            if known.first() is None:
                raise NotFound(f"token {token_id!r}: not found")


def change_token(
    engine: Engine,
    principal: Principal,
    token_id: str,
    *,
    role: str | None = None,
    grants: tuple[Sequence[str] | None, Sequence[str] | None] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Change a token after it is made: its ``role`` (one of its scope's), and a center token's
    ``grants`` (sectors, regions; both empty: the whole portfolio again). Audited in the
    center's log (``token_changed``, before and after).

    Every request looks its token up in the store (`authenticate`: a kept token only while the
    store's marker, which this change replaces, is unchanged) and the kept portfolio views are
    keyed by the caller's grants, so the change holds from the token's next request on, in
    every server process: a narrowed token finds the organisations outside its grant gone (404).

    Who: a center admin of the whole portfolio (``aicc admin``: an operator) changes any token;
    an organisation's admin changes its own organisation's tokens' role. NotFound for a token
    the caller may not see; Forbidden for another caller; InvalidInput for a revoked token, a
    role of another scope, grants for an organisation's token, or no change asked.
    """
    if role is None and grants is None:
        raise InvalidInput("give a role, or sectors and regions (none of either: all of them)")
    if principal.role != "admin":
        raise Forbidden("tokens are changed by admins")
    if principal.is_center and (principal.sectors is not None or principal.regions is not None):
        raise Forbidden("tokens are changed by a center admin of the whole portfolio")
    query = (
        select(api_tokens, organisations.c.name.label("organisation_name"))
        .select_from(api_tokens.outerjoin(organisations))
        .where(api_tokens.c.id == token_id)
    )
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = conn.execute(query).mappings().first()
        if row is None or not (
            principal.is_center or row["organisation_id"] == principal.organisation_id
        ):
            raise NotFound(f"token {token_id!r}: not found")
        if row["revoked_at"] is not None:
            raise InvalidInput(f"token {token_id!r}: revoked; make a new one")
        center = row["agency"] is not None
        values: dict[str, Any] = {}
        if role is not None:
            roles = CENTER_ROLES if center else ORGANISATION_ROLES
            if role not in roles:
                scope = "the center" if center else "an organization"
                raise InvalidInput(f"role: {role!r} is not a role of {scope} ({', '.join(roles)})")
            values["role"] = role
        if grants is not None:
            values["grants"] = make_grants(grants[0], grants[1], center=center)
        before = {"role": row["role"], "grants": grants_dict(row["grants"])}
        conn.execute(api_tokens.update().where(api_tokens.c.id == token_id).values(values))
        after = {
            "role": values.get("role", row["role"]),
            "grants": grants_dict(values.get("grants", row["grants"])),
        }
        audit(
            conn,
            actor=principal.actor,
            action="token_changed",
            subject=token_id,
            at=now,
            organisation_id=row["organisation_id"],
            detail={"before": before, "after": after},
        )
    return {
        "id": token_id,
        "organization": row["organisation_name"],
        "center": row["agency"],
        "role": after["role"],
        "grants": after["grants"],
        "created_at": row["created_at"].isoformat(),
        "expires_at": row["expires_at"].isoformat() if row["expires_at"] else None,
    }
