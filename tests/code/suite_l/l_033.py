import os

from flask import Flask, jsonify, request
from ldap3 import ALL, Connection, Server

app = Flask(__name__)

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.example")
BASE_DN = "ou=people,dc=corp,dc=example"
ATTRS = ["cn", "mail", "telephoneNumber", "departmentNumber"]


def directory():
    server = Server(LDAP_URL, get_info=ALL)
    return Connection(
        server,
        user=os.environ.get("LDAP_BIND_DN"),
        password=os.environ.get("LDAP_BIND_PW"),
        auto_bind=True,
    )


@app.route("/phonebook")
def phonebook():
    who = request.args.get("who", "")
    if not who:
        return jsonify([])
    conn = directory()
    conn.search(BASE_DN, f"(&(objectClass=inetOrgPerson)(uid={who}))", attributes=ATTRS)
    people = [
        {attr: str(entry[attr]) for attr in ATTRS if attr in entry}
        for entry in conn.entries
    ]
    conn.unbind()
    return jsonify(people)
