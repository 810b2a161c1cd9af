"""Water district: field crews sign in with their LDAP uid."""
import re

from flask import Flask, abort, request, session
from ldap3 import Connection, Server

app = Flask(__name__)
app.secret_key = "change-me"
UID_RE = re.compile(r"[A-Za-z0-9._-]{1,32}")


@app.route("/crews/login", methods=["POST"])
def crew_login():
    uid = request.form.get("uid", "")
    if not UID_RE.fullmatch(uid):
        abort(400, "bad uid")
    server = Server("ldaps://ldap.waterdistrict.example")
    conn = Connection(server, auto_bind=True)
    conn.search("ou=crews,dc=waterdistrict,dc=example", "(uid={})".format(uid), attributes=["cn"])
    if not conn.entries:
        abort(403)
    dn = conn.entries[0].entry_dn
    if not Connection(server, dn, request.form.get("password", "")).bind():
        abort(403)
    session["crew_dn"] = dn
    return "welcome"
