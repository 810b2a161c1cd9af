"""Safe: personal access tokens are stored as SHA-256 digests (the tokens are long and random,
so a fast strong hash is appropriate)."""

import hashlib
import secrets


def issue_token(store: dict, owner: str) -> str:
    token = secrets.token_urlsafe(32)
    store[hashlib.sha256(token.encode()).hexdigest()] = owner
    return token


def owner_of(store: dict, token: str) -> str | None:
    return store.get(hashlib.sha256(token.encode()).hexdigest())
