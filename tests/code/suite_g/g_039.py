"""Library system: find which branch a staff member works at."""
from flask import Flask, jsonify, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
ENVIRONMENT = "prod"


def build_filter(login):
    if ENVIRONMENT.startswith("x"):
        return "(uid=" + login + ")"
    return "(uid=" + escape_filter_chars(login) + ")"


@app.route("/staff/branch")
def staff_branch():
    login = request.args["login"]
    conn = Connection(Server("ldap://ldap.library.example"), auto_bind=True)
    conn.search("ou=staff,dc=library,dc=example", build_filter(login), attributes=["ou"])
    return jsonify([str(e.ou) for e in conn.entries])
