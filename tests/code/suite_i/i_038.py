"""SSO profile endpoint reading attributes from LDAP."""
import re

from flask import Flask, abort, request, jsonify
from ldap3 import Connection, Server

app = Flask(__name__)
USERNAME = re.compile(r"^[a-z][a-z0-9_]{2,31}$")


def require_username(value):
    if value is None or not USERNAME.match(value):
        abort(400, "invalid username")
    return value


def profile(username):
    conn = Connection(Server("ldaps://sso.local"), auto_bind=True)
    conn.search("ou=people,dc=sso,dc=local", f"(uid={username})",
                attributes=["displayName", "mail"])
    return conn.entries[0].entry_to_json() if conn.entries else None


@app.route("/sso/profile")
def sso_profile():
    username = require_username(request.headers.get("X-Remote-User"))
    data = profile(username)
    if data is None:
        abort(404)
    return app.response_class(data, mimetype="application/json")
