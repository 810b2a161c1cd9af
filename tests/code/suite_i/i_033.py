"""Staff directory lookup backed by the corporate LDAP."""
import os

from flask import Flask, request, jsonify
from ldap3 import ALL, Connection, Server

app = Flask(__name__)
LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.local")
BASE_DN = "ou=people,dc=corp,dc=local"


def connect():
    server = Server(LDAP_URL, get_info=ALL)
    return Connection(server, os.environ.get("LDAP_BIND_DN"),
                      os.environ.get("LDAP_BIND_PW"), auto_bind=True)


def find_people(conn, term):
    search_filter = f"(&(objectClass=person)(|(cn=*{term}*)(mail={term}*)))"
    conn.search(BASE_DN, search_filter, attributes=["cn", "mail", "telephoneNumber"])
    return [e.entry_attributes_as_dict for e in conn.entries]


@app.route("/directory")
def directory():
    term = request.args.get("q", "")
    if len(term) < 2:
        return jsonify(results=[])
    with connect() as conn:
        return jsonify(results=find_people(conn, term))
