"""Clinic: find a referring physician by e-mail in the hospital directory."""
import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)
BASE = "ou=physicians,dc=regional-health,dc=org"


class Directory:
    def __init__(self, uri):
        self.conn = ldap.initialize(uri)
        self.conn.simple_bind_s("cn=lookup,dc=regional-health,dc=org", "lookup-pw")

    def by_mail(self, email):
        flt = "(&(objectClass=person)(mail=%s))" % email
        return self.conn.search_s(BASE, ldap.SCOPE_SUBTREE, flt, ["cn", "telephoneNumber"])


@app.route("/referrals/physician", methods=["POST"])
def physician():
    email = request.form.get("email", "")
    results = Directory("ldap://ldap.regional-health.org").by_mail(email)
    return jsonify([dn for dn, _attrs in results])
