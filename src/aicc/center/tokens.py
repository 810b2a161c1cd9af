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
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, select

from aicc.center.access import Principal
from aicc.center.errors import InvalidInput, NotFound, Unauthenticated
from aicc.center.names import new_id, organisation_name
from aicc.center.organisations import organisation_row
from aicc.core.times import utcnow
from aicc.store.center_tables import CENTER_ROLES, ORGANISATION_ROLES, api_tokens, organisations
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
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """A new token for an ``organisation`` (id or name) or for the center on behalf of an
    ``agency``, with its clear text under ``"token"``: the only time it is ever shown.

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
        "created_at": now.isoformat(),
        "expires_at": row["expires_at"].isoformat() if row["expires_at"] else None,
    }


def authenticate(engine: Engine, token: str | None) -> Principal:
    """The holder of ``token``; Unauthenticated when it is missing, unknown, expired or revoked."""
    if not token:
        raise Unauthenticated("an API token is needed: Authorization: Bearer <token>")
    query = (
        select(api_tokens, organisations.c.name.label("organisation_name"))
        .select_from(api_tokens.outerjoin(organisations))
        .where(api_tokens.c.token_hash == token_hash(token))
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        raise Unauthenticated("the API token is not known")
    if row["revoked_at"] is not None:
        raise Unauthenticated("the API token was revoked")
    if row["expires_at"] is not None and row["expires_at"] <= utcnow():
        raise Unauthenticated(f"the API token expired at {row['expires_at'].isoformat()}")
    return Principal(
        token_id=row["id"],
        role=row["role"],
        organisation_id=row["organisation_id"],
        organisation_name=row["organisation_name"],
        agency=row["agency"],
    )


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
