"""Employee directory lookup against Active Directory."""
import os

from flask import Flask, request, jsonify
from ldap3 import Server, Connection, SUBTREE
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://dc1.corp.example")
BASE_DN = "OU=Staff,DC=corp,DC=example"


def connection():
    server = Server(LDAP_URL, use_ssl=True)
    return Connection(server, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"], auto_bind=True)


@app.route("/directory/search")
def search():
    term = request.args.get("name", "").strip()
    if len(term) < 2:
        return jsonify([])
    flt = "(&(objectClass=user)(displayName=*{}*))".format(escape_filter_chars(term))
    conn = connection()
    conn.search(BASE_DN, flt, SUBTREE, attributes=["displayName", "mail", "telephoneNumber"], size_limit=50)
    people = [
        {"name": str(e.displayName), "mail": str(e.mail), "phone": str(e.telephoneNumber)}
        for e in conn.entries
    ]
    conn.unbind()
    return jsonify(people)
