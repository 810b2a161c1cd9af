import re

from flask import Flask, jsonify, request
from ldap3 import Connection, Server

app = Flask(__name__)

SEARCHABLE = {"login": "uid", "room": "roomNumber", "badge": "employeeNumber"}
VALUE_RE = re.compile(r"[A-Za-z0-9]{2,20}")
BASE_DN = "ou=residents,dc=home,dc=lan"


def open_directory():
    return Connection(Server("ldap://127.0.0.1"), auto_bind=True)


@app.route("/residents/find")
def find_resident():
    field = request.args.get("by", "login")
    value = request.args.get("value", "")
    attribute = SEARCHABLE.get(field)
    if attribute is None:
        return jsonify({"error": "unsupported field"}), 400
    if not VALUE_RE.fullmatch(value):
        return jsonify({"error": "invalid value"}), 400
    conn = open_directory()
    conn.search(BASE_DN, "(%s=%s)" % (attribute, value), attributes=["cn", "roomNumber"])
    result = [{"name": str(e.cn), "room": str(e.roomNumber)} for e in conn.entries]
    conn.unbind()
    return jsonify(result)
