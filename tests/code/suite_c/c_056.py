from flask import Flask, jsonify, request

from app.auth import LDAP_BASE, ldap_connection

app = Flask(__name__)
DEPARTMENTS = {"eng": "Engineering", "fin": "Finance", "ops": "Operations"}


@app.route("/hr/employee")
def employee():
    try:
        number = int(request.args.get("number", ""))
    except ValueError:
        return jsonify(error="number must be numeric"), 400
    dept = DEPARTMENTS.get(request.args.get("dept", "eng"), "Engineering")
    conn = ldap_connection()
    conn.search(LDAP_BASE, "(&(employeeNumber=%d)(department=%s))" % (number, dept), attributes=["cn"])
    names = [str(e.cn) for e in conn.entries]
    conn.unbind()
    return jsonify(names=names)
