"""LDAP connection factory."""
import os

from ldap3 import ALL, Connection, Server

BASE_DN = "ou=people,dc=example,dc=com"


def get_connection():
    server = Server(os.environ.get("LDAP_URL", "ldaps://ldap.example.com"), get_info=ALL)
    return Connection(
        server,
        user=os.environ.get("LDAP_BIND_DN"),
        password=os.environ.get("LDAP_BIND_PW"),
        auto_bind=True,
    )
