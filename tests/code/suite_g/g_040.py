"""County clerk: list employees of a department, optionally filtered by name."""
import re

from flask import Flask, abort, jsonify, request
from ldap3 import Connection, Server

app = Flask(__name__)
SAFE = re.compile(r"^[A-Za-z ]{1,40}$")


@app.route("/departments/people")
def department_people():
    dept = request.args.get("dept", "Recording")
    name = request.args.get("name", "*")
    if not SAFE.match(dept):
        abort(400)
    flt = f"(&(department={dept})(cn={name}))"
    conn = Connection(Server("ldap://dc.county.example"), auto_bind=True)
    conn.search("dc=county,dc=example", flt, attributes=["cn", "title"])
    return jsonify([{"cn": str(e.cn), "title": str(e.title)} for e in conn.entries])
