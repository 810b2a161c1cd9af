"""Encryption at rest: the key comes from the environment; a wrong key is a clear error."""

from __future__ import annotations

import pytest

from aicc.core.errors import ConfigError
from aicc.frontier.crypto import (
    KEY_VARIABLE,
    DecryptionError,
    cipher_from_env,
    decrypt,
    encrypt,
    new_key,
)


def test_round_trip_and_ciphertext_hides_the_data() -> None:
    cipher = cipher_from_env({KEY_VARIABLE: new_key()})
    token = encrypt(cipher, b'{"solve_rate": 0.42}')
    assert b"solve_rate" not in token
    assert decrypt(cipher, token) == b'{"solve_rate": 0.42}'


def test_another_key_cannot_read_it() -> None:
    token = encrypt(cipher_from_env({KEY_VARIABLE: new_key()}), b"secret results")
    with pytest.raises(DecryptionError, match="wrong key or damaged data"):
        decrypt(cipher_from_env({KEY_VARIABLE: new_key()}), token)


def test_damaged_data_is_refused() -> None:
    cipher = cipher_from_env({KEY_VARIABLE: new_key()})
    token = bytearray(encrypt(cipher, b"secret results"))
    token[-5] ^= 1
    with pytest.raises(DecryptionError):
        decrypt(cipher, bytes(token))


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, f"{KEY_VARIABLE} is not set"),
        ({KEY_VARIABLE: "  "}, f"{KEY_VARIABLE} is not set"),
        ({KEY_VARIABLE: "not-a-key"}, "is not a Fernet key"),
    ],
)
def test_missing_or_malformed_key(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        cipher_from_env(env)
