"""Mailing-list subscription check using python-ldap."""
import ldap

from flask import Flask, request, jsonify

app = Flask(__name__)

LDAP_URI = "ldap://mail-dir.example.org"
BASE = "ou=lists,dc=example,dc=org"


def ldap_conn():
    conn = ldap.initialize(LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s()
    return conn


@app.route("/lists/<list_name>/member")
def is_member(list_name):
    email = request.args.get("email", "")
    conn = ldap_conn()
    filterstr = "(&(objectClass=mailRecipient)(mail=%s)(memberOf=cn=%s,%s))" % (email, list_name, BASE)
    results = conn.search_s(BASE, ldap.SCOPE_SUBTREE, filterstr, ["mail"])
    conn.unbind_s()
    return jsonify({"list": list_name, "member": bool(results)})


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response
