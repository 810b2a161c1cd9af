"""HR integration for the inventory system: look up employees by badge number."""
import os
from dataclasses import dataclass

from flask import Flask, abort, jsonify, request
from ldap3 import Connection, Server


@dataclass(frozen=True)
class LdapConfig:
    url: str = os.environ.get("LDAP_URL", "ldaps://hr-ldap")
    base: str = "ou=employees,dc=acme,dc=example"


class BadgeDirectory:
    def __init__(self, config: LdapConfig):
        self.config = config

    def by_badge(self, badge: int):
        query = "(&(objectClass=employee)(employeeNumber=%d))" % badge
        with Connection(Server(self.config.url), auto_bind=True) as conn:
            conn.search(self.config.base, query, attributes=["cn", "title"])
            return conn.entries[0].entry_attributes_as_dict if conn.entries else None


app = Flask(__name__)
badges = BadgeDirectory(LdapConfig())


@app.get("/badges/lookup")
def badge_lookup():
    raw = request.args.get("badge", "")
    try:
        badge = int(raw)
    except ValueError:
        abort(400)
    if badge <= 0:
        abort(400)
    entry = badges.by_badge(badge)
    if entry is None:
        abort(404)
    return jsonify(entry)
