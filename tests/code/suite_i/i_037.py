"""Advanced search over the LDAP address book with arbitrary attribute filters."""
from flask import Flask, request, jsonify
from ldap3 import Connection, Server, SUBTREE

app = Flask(__name__)
SEARCHABLE = ("cn", "mail", "department", "title")


def build_filter(criteria):
    parts = []
    for attr in SEARCHABLE:
        value = criteria.get(attr)
        if value:
            parts.append("(" + attr + "=" + value + ")")
    if not parts:
        return "(objectClass=person)"
    return "(&(objectClass=person)" + "".join(parts) + ")"


@app.route("/addressbook/search", methods=["POST"])
def search():
    criteria = request.get_json() or {}
    conn = Connection(Server("ldap://ldap.local"), auto_bind=True)
    conn.search("dc=local", build_filter(criteria), search_scope=SUBTREE,
                attributes=["cn", "mail"])
    return jsonify(results=[str(e.cn) for e in conn.entries])


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
