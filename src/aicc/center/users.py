"""People who log in to the web pages: users with argon2 password hashes, and their sessions.

A user is scoped as an API token is (`aicc.center.tokens`): one organisation (``admin``,
``member``) or the center on behalf of an agency (``admin``, ``analyst``, ``read-only``), and a
logged-in user is a `Principal` like a token's holder, so every page goes through the same
library calls and tenancy rules as the API.

Passwords are guessable secrets, so they are kept as argon2id hashes (argon2-cffi's defaults:
RFC 9106's low-memory profile). A log-in with an unknown e-mail still verifies a password against
a fixed hash, so the answer takes as long as for a known one, and both answer the same words:
"wrong e-mail or password". A session is 256 random bits in an HttpOnly cookie; the store keeps
its SHA-256 (as for tokens), its CSRF token and its expiry.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from aicc.center.access import Principal
from aicc.center.errors import Conflict, InvalidInput, Unauthenticated
from aicc.center.grants import grant_fields, grants_dict, make_grants
from aicc.center.names import new_id, organisation_name
from aicc.center.organisations import organisation_row
from aicc.core.times import utcnow
from aicc.store.center_tables import (
    CENTER_ROLES,
    ORGANISATION_ROLES,
    organisations,
    user_sessions,
    users,
)
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # argon2 takes any length; a megabyte "password" is only a way to load us
SESSION_HOURS = 12
WRONG = "wrong e-mail or password"


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _decoy() -> str:
    """A hash to verify against when the e-mail is unknown: the same work as a real check."""
    return _hasher().hash(secrets.token_urlsafe(16))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _email(value: str) -> str:
    email = value.strip().lower()
    local, at, domain = email.partition("@")
    if not (local and at and "." in domain) or any(c.isspace() for c in email):
        raise InvalidInput(f"email: {value!r} is not an e-mail address")
    return email


def hash_password(password: str) -> str:
    """The argon2id hash to keep for a new password; InvalidInput when its length is not 12 to
    1024 characters."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(
            f"password: needs {MIN_PASSWORD} to {MAX_PASSWORD} characters, not {len(password)}"
        )
    return _hasher().hash(password)


def create_user(
    engine: Engine,
    *,
    email: str,
    password: str,
    role: str,
    organisation: str | None = None,
    agency: str | None = None,
    sectors: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """A new user of an ``organisation`` (id or name) or of the center for an ``agency``, which
    may be limited to ``sectors`` and ``regions`` (`aicc.center.grants`).

    InvalidInput for a bad e-mail, a password shorter than 12 characters, a role the scope does
    not have, both or neither scope; Conflict when the e-mail is taken; NotFound for an unknown
    organisation.
    """
    address = _email(email)
    if (organisation is None) == (agency is None):
        raise InvalidInput("give an organization or a center agency, one of the two")
    roles = ORGANISATION_ROLES if organisation is not None else CENTER_ROLES
    if role not in roles:
        scope = "an organization" if organisation is not None else "the center"
        raise InvalidInput(f"role: {role!r} is not a role of {scope} ({', '.join(roles)})")
    hashed = hash_password(password)
    grants = make_grants(sectors, regions, center=agency is not None)
    row: dict[str, Any] = {
        "id": new_id("usr"),
        "email": address,
        "password_hash": hashed,
        "organisation_id": None,
        "agency": organisation_name(agency, "center") if agency is not None else None,
        "role": role,
        "created_at": utcnow(),
        "disabled_at": None,
        "grants": grants,
    }
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        name = None
        if organisation is not None:
            found = organisation_row(conn, id_or_name=organisation.strip())
            row["organisation_id"], name = found["id"], found["name"]
        taken = conn.execute(select(users.c.id).where(users.c.email == address)).first()
        if taken is not None:
            raise Conflict(f"email: {address} already has a user")
        conn.execute(users.insert().values(row))
    return {
        "id": row["id"],
        "email": address,
        "organization": name,
        "center": row["agency"],
        "role": role,
        "grants": grants_dict(grants),
        "created_at": row["created_at"].isoformat(),
    }


def log_in(
    engine: Engine, *, email: str, password: str, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """A new session for the user whose e-mail and password these are: ``session`` (the cookie's
    value, shown only now), ``csrf`` and ``expires_at``. Unauthenticated, with the same words
    and about the same time whichever is wrong."""
    from argon2.exceptions import InvalidHashError, VerificationError

    address = email.strip().lower()
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.email == address)).mappings().first()
    stored = row["password_hash"] if row is not None else _decoy()
    try:
        verified: bool = _hasher().verify(stored, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        verified = False
    if not verified or row is None or row["disabled_at"] is not None:
        raise Unauthenticated(WRONG)
    return open_session(engine, row["id"], timeout=timeout)


def open_session(
    engine: Engine, user_id: str, *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """A new session of a user who proved who they are (a password, single sign-on): as
    `log_in` answers."""
    session = secrets.token_urlsafe(32)
    now = utcnow()
    made = {
        "id": _digest(session),
        "user_id": user_id,
        "csrf": secrets.token_urlsafe(32),
        "created_at": now,
        "expires_at": now + timedelta(hours=SESSION_HOURS),
    }
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(user_sessions.delete().where(user_sessions.c.expires_at <= now))
        conn.execute(user_sessions.insert().values(made))
    return {"session": session, "csrf": made["csrf"], "expires_at": made["expires_at"]}


def session_user(engine: Engine, session: str | None) -> tuple[Principal, str, datetime]:
    """The logged-in user of a session cookie, its CSRF token and its expiry; Unauthenticated
    when the cookie is missing, unknown or expired, or the user was disabled."""
    if not session:
        raise Unauthenticated("log in first")
    query = (
        select(
            user_sessions.c.csrf,
            user_sessions.c.expires_at,
            users,
            organisations.c.name.label("organisation_name"),
        )
        .select_from(user_sessions.join(users).outerjoin(organisations))
        .where(user_sessions.c.id == _digest(session))
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None or row["expires_at"] <= utcnow() or row["disabled_at"] is not None:
        raise Unauthenticated("the session ended: log in again")
    principal = Principal(
        token_id=row["id"],
        role=row["role"],
        organisation_id=row["organisation_id"],
        organisation_name=row["organisation_name"],
        agency=row["agency"],
        user=row["email"],
        sectors=grant_fields(row["grants"])[0],
        regions=grant_fields(row["grants"])[1],
    )
    return principal, row["csrf"], row["expires_at"]


def same_secret(given: str | None, expected: str) -> bool:
    """Whether a form's CSRF token is the session's, compared in constant time."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def log_out(engine: Engine, session: str | None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """End a session (nothing happens for an unknown one)."""
    if not session:
        return
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(user_sessions.delete().where(user_sessions.c.id == _digest(session)))
