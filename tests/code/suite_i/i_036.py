"""Looks up a user's manager for the approval workflow."""
import ldap
from ldap.filter import filter_format
from flask import Flask, request, jsonify

app = Flask(__name__)
BASE = "ou=staff,dc=acme,dc=com"


def open_conn():
    conn = ldap.initialize("ldap://ldap.acme.com")
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s("cn=reader,dc=acme,dc=com", "reader")
    return conn


def manager_of(conn, employee):
    flt = filter_format("(&(objectClass=person)(employeeNumber=%s))", [employee])
    res = conn.search_s(BASE, ldap.SCOPE_SUBTREE, flt, ["manager"])
    if not res:
        return None
    return res[0][1].get("manager", [b""])[0].decode()


@app.route("/approvals/manager/<employee>")
def manager(employee):
    return jsonify(manager=manager_of(open_conn(), employee))


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
