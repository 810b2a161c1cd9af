"""Password hashing, checksums and redirect helpers."""
import hashlib
import hmac
import re
import secrets

_ITERATIONS = 600_000
_LOCAL_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9/_\-.?=&%]*")


def hash_password(password, salt=None):
    salt = salt or secrets.token_bytes(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _ITERATIONS)
    return salt.hex() + "$" + dk.hex()


def verify_password(password, stored):
    salt_hex, dk_hex = stored.split("$", 1)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), _ITERATIONS)
    return hmac.compare_digest(dk.hex(), dk_hex)


def file_checksum(data):
    """Non-security checksum used for de-duplicating uploads."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def digest(value, algorithm="sha256"):
    # Pass-through: the caller chooses the algorithm.
    return hashlib.new(algorithm, value.encode()).hexdigest()


def safe_redirect_target(url, default="/"):
    """Return url only if it is a plain local path, otherwise default."""
    if url and _LOCAL_PATH.fullmatch(url):
        return url
    return default
