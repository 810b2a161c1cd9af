"""Vulnerable: the algorithm name is held in a variable, but it is "sha1", and it hashes the
API keys the service checks on every call."""

import hashlib


class ApiKeyStore:
    def __init__(self):
        self.digests = set()

    def fingerprint(self, api_key: str) -> str:
        algo = "sha1"
        hasher = hashlib.new(algo)
        hasher.update(api_key.encode())
        return hasher.hexdigest()

    def add(self, api_key: str) -> None:
        self.digests.add(self.fingerprint(api_key))

    def is_valid(self, api_key: str) -> bool:
        return self.fingerprint(api_key) in self.digests
