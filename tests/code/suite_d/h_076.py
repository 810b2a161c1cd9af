"""Patient portal staff tool: on-call clinician directory by department."""
import os

from flask import Flask, jsonify, request
from ldap3 import SUBTREE, Connection, Server

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
LDAP = Server(os.environ.get("HOSP_LDAP", "ldaps://ldap.stmarys.local"), use_ssl=True)
BASE = "ou=clinicians,dc=stmarys,dc=local"


@app.route("/api/directory/oncall")
def oncall():
    depts = [d.strip() for d in request.args.get("depts", "").split(",") if d.strip()]
    flt = "(&(objectClass=inetOrgPerson)(onCall=TRUE)(|"
    for dept in depts:
        flt += "(departmentNumber=" + dept + ")"
    flt += "))"
    with Connection(LDAP, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"], auto_bind=True) as conn:
        conn.search(BASE, flt, SUBTREE, attributes=["cn", "pager"])
        people = [{"cn": str(e.cn), "pager": str(e.pager)} for e in conn.entries]
    return jsonify(people)
