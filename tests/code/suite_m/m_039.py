import os

import ldap
from flask import Flask, request, jsonify, abort

app = Flask(__name__)

LDAP_URI = os.environ.get("PORTAL_LDAP", "ldap://ldap.citsci.example")
PROJECT_TEAMS = {"birds", "pollinators", "water-quality", "light-pollution"}


def reviewer_query(user, team):
    return "(&(objectClass=account)(uid=" + user + ")(projectTeam=" + team + "))"


def lookup(query):
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s(os.environ["PORTAL_LDAP_DN"], os.environ["PORTAL_LDAP_PW"])
    try:
        return conn.search_s("ou=volunteers,dc=citsci,dc=example", ldap.SCOPE_SUBTREE, query, ["uid"])
    finally:
        conn.unbind_s()


@app.route("/projects/<team>/reviewer-check")
def reviewer_check(team):
    if team not in PROJECT_TEAMS:
        abort(404)
    user = request.args.get("volunteer", "").strip()
    if not user:
        abort(400)
    hits = lookup(reviewer_query(user, team))
    return jsonify(team=team, reviewer=bool(hits))


if __name__ == "__main__":
    app.run()
