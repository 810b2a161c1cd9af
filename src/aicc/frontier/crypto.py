"""Encryption at rest for results, logs and attachments: Fernet (AES-128-CBC + HMAC-SHA256).

The key comes from the environment (``AICC_FRONTIER_KEY``, a urlsafe-base64 32-byte Fernet key,
as `aicc frontier key` / ``Fernet.generate_key()`` prints), never from the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Connection, insert, select

from aicc.core.errors import ConfigError
from aicc.store.frontier_tables import (
    frontier_attachments,
    frontier_evaluations,
    frontier_key_check,
    frontier_partner_findings,
)

KEY_VARIABLE = "AICC_FRONTIER_KEY"


class DecryptionError(ConfigError):
    """A blob cannot be decrypted with the configured key (wrong key, or damaged data)."""


def new_key() -> str:
    """A fresh key to put in ``AICC_FRONTIER_KEY``."""
    return Fernet.generate_key().decode("ascii")


def cipher_from_env(env: Mapping[str, str]) -> Fernet:
    """The cipher for the key in ``env``; a clear error when it is missing or malformed."""
    key = env.get(KEY_VARIABLE, "").strip()
    if not key:
        raise ConfigError(
            f"{KEY_VARIABLE} is not set: the frontier program encrypts results "
            "at rest; create a key with `aicc frontier key` and keep it secret"
        )
    try:
        return Fernet(key.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise ConfigError(
            f"{KEY_VARIABLE} is not a Fernet key (32 bytes, urlsafe base64): {exc}"
        ) from exc


def encrypt(cipher: Fernet, data: bytes) -> bytes:
    """The token to store for ``data``."""
    return cipher.encrypt(data)


def decrypt(cipher: Fernet, token: bytes) -> bytes:
    """The data behind a stored token."""
    try:
        return cipher.decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError(
            f"cannot decrypt with the key in {KEY_VARIABLE}: wrong key or damaged data"
        ) from exc


KEY_CHECK = b"aicc frontier key check v1"


class WrongKey(DecryptionError):
    """The configured key is not the one the program's data is encrypted with."""


def check_key(conn: Connection, cipher: Fernet, *, now: datetime) -> None:
    """Refuse a key the store's data was not encrypted with, before anything is read or written.

    The first key used is recorded as a token encrypted with it. A store that holds encrypted
    data from before the check existed is first checked against one of its blobs.
    """
    token = conn.execute(select(frontier_key_check.c.token)).scalar()
    if token is not None:
        try:
            if cipher.decrypt(bytes(token)) == KEY_CHECK:
                return
        except InvalidToken:
            pass
        raise WrongKey(_WRONG)
    for column in (
        frontier_attachments.c.content,
        frontier_partner_findings.c.body,
        frontier_evaluations.c.results,
    ):
        blob = conn.execute(select(column).where(column.is_not(None)).limit(1)).scalar()
        if blob is not None:
            try:
                cipher.decrypt(bytes(blob))
            except InvalidToken as exc:
                raise WrongKey(_WRONG) from exc
            break
    conn.execute(
        insert(frontier_key_check).values(id=1, token=cipher.encrypt(KEY_CHECK), created_at=now)
    )


_WRONG = (
    f"{KEY_VARIABLE} is not the key this program's data is encrypted with: nothing was read "
    "or written (use the key the program started with)"
)
