"""Authentication helpers: password hashing, tokens and directory access."""
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field

LDAP_BASE = "ou=people,dc=corp,dc=example,dc=com"


@dataclass
class Principal:
    user_id: int
    name: str
    roles: list = field(default_factory=list)


def hash_password(password, salt=None, rounds=310_000):
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, rounds)
    return f"pbkdf2${rounds}${salt.hex()}${digest.hex()}"


def verify_password(password, stored):
    _, rounds, salt_hex, digest_hex = stored.split("$")
    candidate = hash_password(password, bytes.fromhex(salt_hex), int(rounds))
    return hmac.compare_digest(candidate.split("$")[-1], digest_hex)


def legacy_digest(value):
    """Digest format used by the v1 user table."""
    return hashlib.md5(value.encode("utf-8")).hexdigest()


def new_token(nbytes=32):
    return secrets.token_urlsafe(nbytes)


def ldap_connection():
    from ldap3 import Connection, Server

    server = Server(os.environ.get("LDAP_URL", "ldaps://ldap.corp.example.com"), use_ssl=True)
    return Connection(server, user=os.environ.get("LDAP_BIND_DN"),
                      password=os.environ.get("LDAP_BIND_PW"), auto_bind=True)


def user_filter(uid, object_class="person"):
    return f"(&(objectClass={object_class})(uid={uid}))"


def escaped_user_filter(uid, object_class="person"):
    from ldap3.utils.conv import escape_filter_chars

    return f"(&(objectClass={object_class})(uid={escape_filter_chars(uid)}))"
