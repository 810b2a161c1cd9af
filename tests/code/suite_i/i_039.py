"""Login against LDAP for the legacy intranet."""
from flask import Flask, request, jsonify, session
from ldap3 import Connection, Server

app = Flask(__name__)
app.secret_key = "intranet"
SERVER = Server("ldap://intranet-dc")


def scrub(value):
    # wildcards would let people enumerate accounts
    return value.replace("*", "")


def lookup_dn(uid):
    conn = Connection(SERVER, auto_bind=True)
    conn.search("dc=intranet", "(&(uid=%s)(accountStatus=active))" % scrub(uid),
                attributes=["uid"])
    return conn.entries[0].entry_dn if conn.entries else None


@app.route("/login", methods=["POST"])
def login():
    dn = lookup_dn(request.form["uid"])
    if dn is None:
        return jsonify(ok=False), 401
    if not Connection(SERVER, dn, request.form["password"]).bind():
        return jsonify(ok=False), 401
    session["dn"] = dn
    return jsonify(ok=True)
