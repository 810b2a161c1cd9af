"""Self-service group membership lookup."""
import re

from flask import Flask, request, jsonify, abort
from ldap3 import Server, Connection

app = Flask(__name__)

USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]{2,31}$")
server = Server("ldaps://ldap.example.com", use_ssl=True)


def groups_of(username):
    conn = Connection(server, auto_bind=True)
    conn.search(
        "ou=groups,dc=example,dc=com",
        "(&(objectClass=posixGroup)(memberUid=%s))" % username,
        attributes=["cn"],
    )
    names = [str(e.cn) for e in conn.entries]
    conn.unbind()
    return names


@app.route("/me/groups")
def my_groups():
    username = request.cookies.get("uname", "")
    if not USERNAME_RE.fullmatch(username):
        abort(400, "bad username")
    return jsonify({"user": username, "groups": groups_of(username)})
