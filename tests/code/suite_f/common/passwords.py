"""Password and checksum helpers."""
import hashlib
import hmac
import os

ITERATIONS = 390_000


def legacy_digest(password):
    return hashlib.sha1(password.encode("utf-8")).hexdigest()


def derive(password, salt=None):
    salt = salt or os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)
    return salt.hex() + "$" + key.hex()


def verify(password, stored):
    salt_hex, key_hex = stored.split("$", 1)
    candidate = derive(password, bytes.fromhex(salt_hex)).split("$", 1)[1]
    return hmac.compare_digest(candidate, key_hex)


def file_checksum(data):
    return hashlib.md5(data, usedforsecurity=False).hexdigest()
