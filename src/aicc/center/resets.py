"""Password resets: a one-time link an admin issues, valid for a limited time, kept as a hash.

The center's operator (``aicc admin user reset EMAIL``) or a center admin (``POST
/api/users/reset``, the ``/admin/reset`` page) issues a link ``/reset/TOKEN`` and passes it on;
its token is 256 random bits, and the store keeps only its SHA-256 (as for sessions and API
tokens). A newer link voids the older ones of the same user. The person opens the link and sets a
new password (`use_reset`): the link is used up, and every session of that user ends, so whoever
held one is logged out. A center admin may reset the users of the organisations its grant covers
(`aicc.center.grants`) and the center users of its own agency; anyone else reads as unknown.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, granted
from aicc.center.errors import Forbidden, InvalidInput, NotFound
from aicc.core.times import utcnow
from aicc.store.center_auth_tables import login_failures, password_resets
from aicc.store.center_tables import user_sessions, users
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

DEFAULT_HOURS = 24
MAX_HOURS = 24 * 7
PATH = "/reset/"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user(conn: Connection, email: str, principal: Principal | None) -> RowMapping:
    """The user of ``email`` the caller may reset (any, for the operator: ``principal`` None)."""
    address = email.strip().lower()
    query = select(users).where(users.c.email == address)
    if principal is not None:
        if not principal.is_center or principal.role != "admin":
            raise Forbidden("password resets are for the center's admins")
        theirs = users.c.organisation_id.is_not(None) & granted(principal, users.c.organisation_id)
        query = query.where(theirs | (users.c.agency == principal.agency))
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFound(f"user {address!r}: not found")
    return row


def issue_reset(
    engine: Engine,
    *,
    email: str,
    issued_by: str,
    principal: Principal | None = None,
    hours: int = DEFAULT_HOURS,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """A new reset link for the user of ``email``: ``path`` (``/reset/TOKEN``, shown only now)
    and ``expires_at``; the user's older links are void. ``principal`` is the center admin who
    asks (None: the operator at the command line).

    InvalidInput for ``hours`` outside 1 to 168; Forbidden for a caller who is not a center
    admin; NotFound for an unknown user or one the admin may not reset (the same answer).
    """
    if not 1 <= hours <= MAX_HOURS:
        raise InvalidInput(f"hours: {hours} is not between 1 and {MAX_HOURS}")
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _user(conn, email, principal)
        conn.execute(
            password_resets.update()
            .where(password_resets.c.user_id == row["id"], password_resets.c.used_at.is_(None))
            .values(used_at=now)
        )
        expires = now + timedelta(hours=hours)
        conn.execute(
            password_resets.insert().values(
                id=_digest(token),
                user_id=row["id"],
                issued_by=issued_by,
                created_at=now,
                expires_at=expires,
                used_at=None,
            )
        )
    return {"email": row["email"], "path": PATH + token, "expires_at": expires.isoformat()}


def _valid(conn: Connection, token: str) -> RowMapping:
    row = (
        conn.execute(
            select(password_resets, users.c.email, users.c.disabled_at)
            .join(users, users.c.id == password_resets.c.user_id)
            .where(password_resets.c.id == _digest(token))
        )
        .mappings()
        .first()
    )
    if row is None or row["disabled_at"] is not None:
        raise NotFound("this reset link is not known: ask the center for a new one")
    if row["used_at"] is not None:
        raise NotFound(
            "this reset link was already used, or a newer one was issued: ask the center for a "
            "new one"
        )
    if row["expires_at"] <= utcnow():
        raise NotFound(
            f"this reset link expired at {row['expires_at'].isoformat(timespec='minutes')} UTC: "
            "ask the center for a new one"
        )
    return row


def reset_email(engine: Engine, token: str) -> str:
    """The e-mail of the user a reset link is for; NotFound saying why it cannot be used."""
    with engine.connect() as conn:
        return str(_valid(conn, token)["email"])


def use_reset(
    engine: Engine, token: str, password: str, *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """Set the new ``password`` with a reset link: the link is used up, every session of the
    user ends and the account's failed log-ins are forgotten. NotFound saying why a link cannot
    be used; InvalidInput for a password of the wrong length (the link stays usable then)."""
    from aicc.center.login_limits import account_key
    from aicc.center.users import hash_password

    hashed = hash_password(password)
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _valid(conn, token)
        done = conn.execute(
            password_resets.update()
            .where(password_resets.c.id == row["id"], password_resets.c.used_at.is_(None))
            .values(used_at=now)
        )
        if done.rowcount != 1:
            raise NotFound("this reset link was already used: ask the center for a new one")
        conn.execute(
            users.update().where(users.c.id == row["user_id"]).values(password_hash=hashed)
        )
        ended = conn.execute(
            user_sessions.delete().where(user_sessions.c.user_id == row["user_id"])
        )
        conn.execute(
            login_failures.delete().where(login_failures.c.key == account_key(row["email"]))
        )
    return {"email": row["email"], "sessions_ended": ended.rowcount}
