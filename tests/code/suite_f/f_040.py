"""Electric co-op payroll: resolve an employee number to a directory entry."""
from flask import Flask, abort, jsonify, request
from ldap3 import Connection, Server

app = Flask(__name__)


def employee_number(raw):
    value = raw.strip()
    if not value.isdigit() or len(value) > 8:
        abort(400, "employee number must be digits")
    return value


@app.get("/payroll/employees")
def employee():
    number = employee_number(request.args.get("number", ""))
    conn = Connection(Server("ldaps://ldap.hvec.example"), auto_bind=True)
    conn.search("ou=employees,dc=hvec,dc=example", f"(employeeNumber={number})", attributes=["cn", "departmentNumber"])
    if not conn.entries:
        abort(404)
    return jsonify(conn.entries[0].entry_attributes_as_dict)
