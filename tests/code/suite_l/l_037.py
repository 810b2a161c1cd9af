import ldap
from ldap.filter import filter_format
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

LDAP_URI = "ldaps://ldap.payroll.internal"
BASE = "ou=employees,dc=payroll,dc=internal"


class EmployeeLookup:
    def __init__(self, uri):
        self.uri = uri

    def by_email(self, email):
        conn = ldap.initialize(self.uri)
        conn.sasl_external_bind_s()
        flt = filter_format("(&(objectClass=person)(mail=%s))", [email])
        try:
            return conn.search_s(BASE, ldap.SCOPE_SUBTREE, flt, ["cn", "employeeNumber"])
        finally:
            conn.unbind_s()


lookup = EmployeeLookup(LDAP_URI)


@app.route("/payroll/employee")
def employee():
    email = request.args["email"]
    rows = lookup.by_email(email)
    if not rows:
        abort(404)
    _, attrs = rows[0]
    return jsonify({
        "name": attrs["cn"][0].decode(),
        "number": attrs["employeeNumber"][0].decode(),
    })
