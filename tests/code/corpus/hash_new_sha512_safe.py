"""Safe: hashlib.new() is called with an algorithm variable, but the variable is the constant
"sha512"."""

import hashlib

DIGEST = "sha512"


def integrity_tag(payload: bytes, key: bytes) -> str:
    algo = DIGEST
    hasher = hashlib.new(algo)
    hasher.update(key)
    hasher.update(payload)
    return hasher.hexdigest()
