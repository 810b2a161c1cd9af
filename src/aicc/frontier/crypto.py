"""Encryption at rest for results, logs and attachments: Fernet (AES-128-CBC + HMAC-SHA256).

The key comes from the environment (``AICC_FRONTIER_KEY``, a urlsafe-base64 32-byte Fernet key,
as `aicc frontier key` / ``Fernet.generate_key()`` prints), never from the store.

The audit log is keyed too (`aicc.frontier.audit`), with a sub-key of its own: HKDF-SHA256
(RFC 5869) over the key's 32 bytes with the fixed label `AUDIT_KEY_LABEL`, so the key that
encrypts is never the key that authenticates the log, and neither can be computed from the
other without the program key.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
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
    key = _key_text(env)
    try:
        return Fernet(key.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise ConfigError(
            f"{KEY_VARIABLE} is not a Fernet key (32 bytes, urlsafe base64): {exc}"
        ) from exc


def _key_text(env: Mapping[str, str]) -> str:
    key = env.get(KEY_VARIABLE, "").strip()
    if not key:
        raise ConfigError(
            f"{KEY_VARIABLE} is not set: the frontier program encrypts results "
            "at rest and keys its audit log with it; create a key with `aicc frontier key` "
            "and keep it secret"
        )
    return key


#: The HKDF label of the audit log's MAC key; a new label is a new key (and a re-keyed log).
AUDIT_KEY_LABEL = b"aicc frontier audit chain MAC key v1"


def audit_key_from_env(env: Mapping[str, str]) -> bytes:
    """The audit log's MAC key, derived from the program key in ``env`` (see the module)."""
    cipher_from_env(env)  # the same checks and messages for a missing or malformed key
    raw = base64.urlsafe_b64decode(_key_text(env).encode("ascii"))
    return audit_key(raw)


def audit_key(program_key: bytes) -> bytes:
    """HKDF-SHA256 of the program key's 32 raw bytes, labelled for the audit log."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=AUDIT_KEY_LABEL).derive(
        program_key
    )


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
