"""Transit agency: operators look up a driver's badge by employee id."""
from flask import Flask, jsonify, request
from ldap3 import Connection, Server

app = Flask(__name__)
BASE_DN = "ou=operators,dc=transit,dc=example"


def strip_wildcards(value):
    # stop people listing everyone with "*"
    return value.replace("*", "")


@app.route("/badges")
def badge_lookup():
    employee = strip_wildcards(request.args.get("employee", ""))
    query = "(&(objectClass=person)(employeeNumber=" + employee + "))"
    conn = Connection(Server("ldap://ldap.transit.example"), auto_bind=True)
    conn.search(BASE_DN, query, attributes=["badgeId", "cn"])
    return jsonify([e.entry_to_json() for e in conn.entries])
