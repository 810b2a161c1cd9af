"""Phone book API for the intranet, python-ldap edition."""
import ldap
from ldap.filter import filter_format
from flask import Flask, request, jsonify

app = Flask(__name__)

URI = "ldap://phonebook.corp"
BASE = "ou=people,dc=corp"
ATTRS = ["cn", "telephoneNumber", "roomNumber"]


def lookup(surname, department):
    conn = ldap.initialize(URI)
    conn.simple_bind_s()
    try:
        flt = filter_format("(&(sn=%s)(departmentNumber=%s))", [surname, department])
        return conn.search_s(BASE, ldap.SCOPE_ONELEVEL, flt, ATTRS)
    finally:
        conn.unbind_s()


@app.route("/phonebook")
def phonebook():
    surname = request.args.get("sn", "")
    department = request.headers.get("X-Department", "general")
    rows = lookup(surname, department)
    out = []
    for dn, attrs in rows:
        out.append({k: [v.decode() for v in vals] for k, vals in attrs.items()})
    return jsonify(out)
