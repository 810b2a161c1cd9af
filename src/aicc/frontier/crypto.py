"""Encryption at rest for results, logs and attachments: Fernet (AES-128-CBC + HMAC-SHA256).

The key comes from the environment (``AICC_FRONTIER_KEY``, a urlsafe-base64 32-byte Fernet key,
as `aicc frontier key` / ``Fernet.generate_key()`` prints), never from the store.
"""

from __future__ import annotations

from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken

from aicc.core.errors import ConfigError

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
