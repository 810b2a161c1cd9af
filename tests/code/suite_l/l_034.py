import os

from flask import Flask, jsonify, request
from ldap3 import Connection, Server, SUBTREE
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

BASE_DN = "ou=staff,dc=clinic,dc=local"


def connect():
    server = Server(os.environ["LDAP_HOST"], use_ssl=True)
    return Connection(server, os.environ["LDAP_USER"], os.environ["LDAP_PASS"], auto_bind=True)


def staff_filter(surname, role):
    parts = ["(objectClass=person)"]
    parts.append("(sn=%s*)" % escape_filter_chars(surname))
    if role:
        parts.append("(title=%s)" % escape_filter_chars(role))
    return "(&" + "".join(parts) + ")"


@app.route("/staff/search", methods=["POST"])
def search_staff():
    surname = request.form.get("surname", "").strip()
    role = request.form.get("role", "").strip()
    if len(surname) < 2:
        return jsonify({"error": "type at least two letters"}), 400
    conn = connect()
    conn.search(BASE_DN, staff_filter(surname, role), SUBTREE, attributes=["cn", "title"])
    found = [{"name": str(e.cn), "title": str(e.title)} for e in conn.entries]
    conn.unbind()
    return jsonify(found)
