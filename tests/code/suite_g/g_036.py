"""Credit union: branch managers look up a member-services rep."""
import ldap
import ldap.filter
from flask import Flask, jsonify, request

app = Flask(__name__)
BASE = "ou=employees,dc=cu,dc=local"


@app.route("/reps/search")
def search_reps():
    name = request.args.get("name", "")
    branch = request.args.get("branch", "main")
    flt = ldap.filter.filter_format("(&(cn=%s*)(ou=%s))", [name, branch])
    conn = ldap.initialize("ldaps://ldap.cu.local")
    conn.simple_bind_s()
    rows = conn.search_s(BASE, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])
    return jsonify([{"dn": dn, "mail": [m.decode() for m in attrs.get("mail", [])]} for dn, attrs in rows])
