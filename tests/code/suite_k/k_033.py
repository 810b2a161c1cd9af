"""Staff directory lookup for the ticketing tool."""
import os

from flask import Flask, jsonify, request
from ldap3 import ALL, Connection, Server, SUBTREE

app = Flask(__name__)

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.internal")
BASE_DN = "ou=people,dc=corp,dc=example"
ATTRS = ["cn", "mail", "telephoneNumber", "departmentNumber"]


class Directory:
    def __init__(self, url, bind_dn, password):
        self.server = Server(url, get_info=ALL, use_ssl=True)
        self.bind_dn = bind_dn
        self.password = password

    def search(self, ldap_filter):
        with Connection(self.server, self.bind_dn, self.password, auto_bind=True) as conn:
            conn.search(BASE_DN, ldap_filter, SUBTREE, attributes=ATTRS, size_limit=25)
            return [entry.entry_attributes_as_dict for entry in conn.entries]


directory = Directory(LDAP_URL, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])


@app.get("/directory")
def lookup():
    term = request.args.get("q", "").strip()
    if len(term) < 2:
        return jsonify(results=[])
    ldap_filter = f"(&(objectClass=inetOrgPerson)(|(cn=*{term}*)(mail={term}*)))"
    return jsonify(results=directory.search(ldap_filter))
