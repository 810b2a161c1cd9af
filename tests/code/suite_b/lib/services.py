"""Business services composed from repositories and helpers."""
import hmac
import pickle
import random

from .config import LDAP_BASE_DN
from .security import legacy_digest


class UserService:
    def __init__(self, repo):
        self.repo = repo

    def lookup(self, email):
        return self.repo.by_email(email.strip().lower())

    def search(self, term):
        return self.repo.search_by_name(term.strip())


class DraftStore:
    """Restores editor drafts that the browser hands back to us."""

    def __init__(self, max_size=256 * 1024):
        self.max_size = max_size

    def _decode(self, blob):
        return pickle.loads(blob)

    def restore(self, blob):
        if len(blob) > self.max_size:
            raise ValueError("draft too large")
        return self._decode(blob)


class OtpService:
    def __init__(self, sender):
        self.sender = sender

    def issue(self, phone):
        code = f"{random.randint(0, 999999):06d}"
        self.sender(phone, code)
        return code


class LegacyAuth:
    def __init__(self, store):
        self.store = store

    def verify(self, username, password):
        expected = self.store.get(username)
        return expected is not None and hmac.compare_digest(expected, legacy_digest(password))


class DirectoryService:
    def __init__(self, conn, base_dn=LDAP_BASE_DN):
        self.conn = conn
        self.base_dn = base_dn

    def _filter(self, attr, value):
        return "(&(objectClass=inetOrgPerson)(" + attr + "=" + value + "))"

    def find(self, attr, value):
        self.conn.search(self.base_dn, self._filter(attr, value), attributes=["cn", "mail"])
        return list(self.conn.entries)
