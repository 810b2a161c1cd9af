"""Patient portal staff tool: resolve a clinician by badge number."""
import os

from flask import Flask, abort, jsonify, request
from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
LDAP = Server(os.environ.get("HOSP_LDAP", "ldaps://ldap.stmarys.local"), use_ssl=True)


@app.route("/api/directory/badge")
def by_badge():
    badge = request.args.get("badge", "")
    if not badge:
        abort(400)
    flt = "(&(objectClass=inetOrgPerson)(employeeNumber=%s))" % escape_filter_chars(badge)
    with Connection(LDAP, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"], auto_bind=True) as conn:
        conn.search("ou=clinicians,dc=stmarys,dc=local", flt, SUBTREE, attributes=["cn", "title"])
        if not conn.entries:
            abort(404)
        entry = conn.entries[0]
    return jsonify({"cn": str(entry.cn), "title": str(entry.title)})
