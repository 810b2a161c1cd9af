import os

from flask import Flask, request, jsonify
from ldap3 import Server, Connection, SUBTREE

app = Flask(__name__)

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.example")
BASE_DN = "ou=people,dc=corp,dc=example"
BIND_DN = os.environ.get("LDAP_BIND_DN")
BIND_PW = os.environ.get("LDAP_BIND_PW")


def directory():
    return Connection(Server(LDAP_URL), BIND_DN, BIND_PW, auto_bind=True)


@app.route("/vpn/lookup")
def vpn_lookup():
    username = request.args["user"]
    search_filter = "(&(objectClass=person)(vpnEnabled=TRUE)(uid=%s))" % username
    conn = directory()
    conn.search(BASE_DN, search_filter, SUBTREE, attributes=["uid", "vpnProfile", "mail"])
    people = [
        {
            "uid": str(e.uid),
            "profile": str(e.vpnProfile),
        }
        for e in conn.entries
    ]
    conn.unbind()
    if not people:
        return jsonify(error="no VPN access"), 404
    return jsonify(accounts=people)


if __name__ == "__main__":
    app.run()
