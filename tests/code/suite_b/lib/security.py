"""Password hashing and token helpers."""
import hashlib
import hmac
import os
import secrets

PBKDF2_ITERATIONS = 600_000


def hash_password(password, salt=None):
    salt = salt or os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)
    return salt.hex() + "$" + dk.hex()


def verify_password(password, stored):
    salt_hex, _, expected = stored.partition("$")
    candidate = hash_password(password, bytes.fromhex(salt_hex)).partition("$")[2]
    return hmac.compare_digest(candidate, expected)


def legacy_digest(password):
    """Digest format used by the pre-2019 accounts table."""
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def new_token(nbytes=32):
    return secrets.token_urlsafe(nbytes)


def cache_key(*parts):
    joined = "|".join(str(p) for p in parts)
    return hashlib.md5(joined.encode("utf-8"), usedforsecurity=False).hexdigest()
