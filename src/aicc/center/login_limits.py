"""A limit on failed password log-ins, per account and per client address, kept in the store.

Guessing passwords is slowed down twice: at most ``account`` failed log-ins for one e-mail
address, and ``address`` from one client address, within ``window``; past that a log-in is
refused, without checking the password, until the oldest failure that counts leaves the window.
The counts are rows of ``login_failures`` in the store, so every server process counts the same
failures. An e-mail address that has no user is counted like one that has, and the refusal reads
the same, so the limit never tells whether an account exists. Keys are SHA-256 hashes: the table
holds neither e-mail addresses nor client addresses. A successful log-in clears its account's
failures (not its address's: one address may try many accounts).
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select

from aicc.center.errors import CenterError, InvalidInput, Unauthenticated
from aicc.center.users import log_in
from aicc.core.times import utcnow
from aicc.store.center_auth_tables import login_failures
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing


class TooManyAttempts(CenterError):
    """Too many failed log-ins: ``retry_after`` is how many seconds to wait."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class LoginLimits:
    """How many failed log-ins an account and a client address may have within ``window``."""

    account: int = 5
    address: int = 20
    window: timedelta = timedelta(minutes=15)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LoginLimits:
        """``AICC_LOGIN_ACCOUNT_FAILURES``, ``AICC_LOGIN_ADDRESS_FAILURES``,
        ``AICC_LOGIN_WINDOW_MINUTES``; InvalidInput naming the one that is not a whole number
        of at least 1."""
        environ = os.environ if env is None else env
        numbers = {}
        for name, default in (
            ("AICC_LOGIN_ACCOUNT_FAILURES", cls.account),
            ("AICC_LOGIN_ADDRESS_FAILURES", cls.address),
            ("AICC_LOGIN_WINDOW_MINUTES", int(cls.window.total_seconds() // 60)),
        ):
            text = environ.get(name, "").strip()
            try:
                numbers[name] = int(text) if text else default
            except ValueError:
                numbers[name] = 0
            if numbers[name] < 1:
                raise InvalidInput(f"{name}: {text!r} is not a whole number of at least 1")
        return cls(
            account=numbers["AICC_LOGIN_ACCOUNT_FAILURES"],
            address=numbers["AICC_LOGIN_ADDRESS_FAILURES"],
            window=timedelta(minutes=numbers["AICC_LOGIN_WINDOW_MINUTES"]),
        )


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def account_key(email: str) -> str:
    """The key an account's failures are counted under."""
    return _key("account", email.strip().lower())


def _keys(email: str, address: str | None) -> dict[str, str]:
    keys = {"account": account_key(email)}
    if address:
        keys["address"] = _key("address", address)
    return keys


def _waiting(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    if seconds < 60:
        return f"{seconds} second{'s' * (seconds != 1)}"
    return f"{minutes} minute{'s' * (minutes != 1)}"


def check(
    conn: Connection, limits: LoginLimits, *, email: str, address: str | None, now: datetime
) -> None:
    """TooManyAttempts when the account or the address is over its limit, with the wait."""
    since = now - limits.window
    for kind, key in _keys(email, address).items():
        limit = limits.account if kind == "account" else limits.address
        recent = list(
            conn.execute(
                select(login_failures.c.at)
                .where(login_failures.c.key == key, login_failures.c.at > since)
                .order_by(login_failures.c.at.desc())
                .limit(limit)
            ).scalars()
        )
        if len(recent) >= limit:
            lifted = recent[-1] + limits.window
            wait = max(1, math.ceil((lifted - now).total_seconds()))
            who = "for this e-mail address" if kind == "account" else "from your network address"
            raise TooManyAttempts(
                f"too many failed log-ins {who}: wait {_waiting(wait)} and try again "
                f"(at most {limit} in {_waiting(int(limits.window.total_seconds()))})",
                retry_after=wait,
            )


def count_failure(
    conn: Connection, limits: LoginLimits, *, email: str, address: str | None, now: datetime
) -> None:
    """Count one failed password check against the account and the address (and forget the
    failures older than the window)."""
    oldest = now - max(limits.window, timedelta(minutes=1))
    conn.execute(login_failures.delete().where(login_failures.c.at <= oldest))
    keys = _keys(email, address)
    conn.execute(login_failures.insert(), [{"key": k, "at": now} for k in keys.values()])


def limited_log_in(
    engine: Engine,
    *,
    email: str,
    password: str,
    address: str | None,
    limits: LoginLimits | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """`aicc.center.users.log_in` under the limits: TooManyAttempts (nothing checked) when the
    account or the client ``address`` had too many failures lately; a failure is counted
    against both, a success clears the account's."""
    limits = limits or LoginLimits()
    now = utcnow()
    keys = _keys(email, address)
    with engine.connect() as conn:
        check(conn, limits, email=email, address=address, now=now)
    try:
        made = log_in(engine, email=email, password=password, timeout=timeout)
    except Unauthenticated:
        with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
            count_failure(conn, limits, email=email, address=address, now=now)
        raise
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(login_failures.delete().where(login_failures.c.key == keys["account"]))
    return made
