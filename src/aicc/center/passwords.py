"""A logged-in user changes their own password, giving the current one.

The current password is checked as a log-in checks it (argon2, `aicc.center.users`), under the
same limits on failures (`aicc.center.login_limits`): a wrong one counts against the account and
the client address, and past the limit the change is refused without checking. The new one is
kept as an argon2id hash; every other session of the user ends (the one that asked stays), the
account's failed log-ins are forgotten, and the change is written to the center's audit log
(`aicc.center.audit_log`) in the same transaction.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Engine, select

from aicc.center.access import Principal
from aicc.center.audit_log import audit
from aicc.center.errors import Forbidden, InvalidInput, Unauthenticated
from aicc.center.login_limits import LoginLimits, account_key, check, count_failure
from aicc.core.times import utcnow
from aicc.store.center_auth_tables import login_failures
from aicc.store.center_tables import user_sessions, users
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

WRONG_CURRENT = "current_password: this is not your current password"


def change_password(
    engine: Engine,
    principal: Principal,
    *,
    session: str | None,
    current: str,
    new: str,
    address: str | None = None,
    limits: LoginLimits | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Set the logged-in user's new password (see the module's docstring); the e-mail and how
    many other sessions ended.

    Forbidden for an API token (a token has no password); TooManyAttempts over the log-in
    limits; InvalidInput for a wrong current password (counted as a failed log-in), a new one of
    the wrong length or the same as the current one. Nothing changes then.
    """
    from argon2.exceptions import InvalidHashError, VerificationError

    from aicc.center.users import MAX_PASSWORD, _hasher, hash_password

    if principal.user is None:
        raise Forbidden("a password is a user's: API tokens have none (log in to change yours)")
    limits = limits or LoginLimits()
    email = principal.user
    now = utcnow()
    with engine.connect() as conn:
        check(conn, limits, email=email, address=address, now=now)
        row = conn.execute(select(users).where(users.c.id == principal.token_id)).mappings().first()
    if row is None or row["disabled_at"] is not None:
        raise Unauthenticated("the session ended: log in again")
    try:
        verified: bool = _hasher().verify(row["password_hash"], current[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        verified = False
    if not verified:
        with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
            count_failure(conn, limits, email=email, address=address, now=now)
        raise InvalidInput(WRONG_CURRENT)
    if new == current:
        raise InvalidInput("new_password: the same as the current one")
    try:
        hashed = hash_password(new)
    except InvalidInput as exc:  # "password: needs 12 to 1024 characters"
        raise InvalidInput(f"new_{exc.message}") from exc
    kept = hashlib.sha256(session.encode()).hexdigest() if session else ""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(users.update().where(users.c.id == row["id"]).values(password_hash=hashed))
        ended = conn.execute(
            user_sessions.delete().where(
                user_sessions.c.user_id == row["id"], user_sessions.c.id != kept
            )
        ).rowcount
        conn.execute(login_failures.delete().where(login_failures.c.key == account_key(email)))
        audit(
            conn,
            actor=principal.actor,
            action="password_changed",
            subject=email,
            at=now,
            organisation_id=row["organisation_id"],
            detail={"user": row["id"], "other_sessions_ended": ended},
        )
    return {"email": email, "other_sessions_ended": ended}
