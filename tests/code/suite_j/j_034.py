"""Employee directory lookups backed by the corporate LDAP (escaped)."""
import os

from flask import Flask, jsonify, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

SERVER = Server(os.environ["LDAP_URL"])
BASE_DN = "ou=people,dc=corp,dc=example"


def _conn():
    return Connection(
        SERVER,
        os.environ["LDAP_BIND_DN"],
        os.environ["LDAP_BIND_PASSWORD"],
        auto_bind=True,
    )


class PeopleQuery:
    template = "(&(objectClass=inetOrgPerson)(|(cn=*{term}*)(mail={term})))"

    def __init__(self, term):
        self.term = escape_filter_chars(term)

    def __str__(self):
        return self.template.format(term=self.term)


@app.post("/directory/search")
def search_people():
    payload = request.get_json(silent=True) or {}
    term = str(payload.get("term", "")).strip()
    if len(term) < 2:
        return jsonify([])
    with _conn() as conn:
        conn.search(BASE_DN, str(PeopleQuery(term)), attributes=["cn", "mail"])
        return jsonify([e.entry_attributes_as_dict for e in conn.entries])
