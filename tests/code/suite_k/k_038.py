import os

import ldap
from ldap.filter import filter_format
from flask import Flask, jsonify, request

app = Flask(__name__)


def ldap_conn():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    return conn


@app.route("/api/guests/lookup", methods=["POST"])
def guest_lookup():
    """Booking site: staff look up loyalty members by e-mail and country."""
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip()
    country = str(data.get("country", "GB"))
    flt = filter_format("(&(objectClass=loyaltyMember)(mail=%s)(c=%s))", [email, country])
    conn = ldap_conn()
    try:
        hits = conn.search_s("ou=members,dc=hotels,dc=example", ldap.SCOPE_SUBTREE,
                             flt, ["cn", "tier"])
    finally:
        conn.unbind_s()
    return jsonify([
        {"cn": attrs["cn"][0].decode(), "tier": attrs.get("tier", [b"basic"])[0].decode()}
        for _, attrs in hits
    ])
