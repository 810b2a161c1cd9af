"""County court: verify that a filer belongs to a registered law firm."""
import ldap
from ldap.filter import filter_format
from flask import Flask, jsonify, request

app = Flask(__name__)


class FirmDirectory:
    base = "ou=firms,dc=county-court,dc=example"

    def __init__(self, uri="ldaps://ldap.county-court.example"):
        self.conn = ldap.initialize(uri)
        self.conn.simple_bind_s()

    def member(self, uid, firm):
        flt = filter_format("(&(uid=%s)(ou=%s))", [uid, firm])
        return bool(self.conn.search_s(self.base, ldap.SCOPE_SUBTREE, flt, ["uid"]))


@app.get("/efile/firm-membership")
def firm_membership():
    uid = request.args.get("uid", "")
    firm = request.args.get("firm", "")
    return jsonify(member=FirmDirectory().member(uid, firm))
