"""Login helper authenticating users against the LDAP directory."""
import ldap
import ldap.filter
from flask import Flask, abort, current_app, jsonify, request

app = Flask(__name__)
app.config.from_envvar("PORTAL_SETTINGS")


def find_user_dn(conn, username):
    flt = ldap.filter.filter_format("(&(objectClass=person)(sAMAccountName=%s))", [username])
    results = conn.search_s(current_app.config["LDAP_BASE"], ldap.SCOPE_SUBTREE, flt, ["dn"])
    return results[0][0] if results else None


def authenticate(username, password):
    conn = ldap.initialize(current_app.config["LDAP_URI"])
    conn.set_option(ldap.OPT_REFERRALS, 0)
    try:
        conn.simple_bind_s(current_app.config["LDAP_BIND_DN"], current_app.config["LDAP_BIND_PASSWORD"])
        dn = find_user_dn(conn, username)
        if dn is None:
            return False
        conn.simple_bind_s(dn, password)
        return True
    except ldap.INVALID_CREDENTIALS:
        return False
    finally:
        conn.unbind_s()


@app.post("/auth/ldap")
def ldap_login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if not username or not password:
        abort(400)
    return jsonify({"authenticated": authenticate(username, password)})
