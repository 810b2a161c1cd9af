"""Vulnerable: the LDAP filter template is filled with str.format_map from a dict that holds
the unescaped user name."""

import ldap
from flask import Flask, request

app = Flask(__name__)
FILTER = "(&(objectClass=person)(uid={uid}))"


@app.route("/directory/user")
def directory_user():
    values = {"uid": request.args.get("uid", "")}
    conn = ldap.initialize("ldap://ldap.example.org")
    results = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE,
                            FILTER.format_map(values), ["cn"])
    return {"found": len(results)}
