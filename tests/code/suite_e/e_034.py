"""Rural hospital staff directory: search by department."""
from flask import Flask, jsonify, request
from ldap3.utils.conv import escape_filter_chars

from common.ldaputil import base_dn, build_filter, connect
from common.textutil import normalize

app = Flask(__name__)


@app.get("/directory/department")
def department_lookup():
    dept = escape_filter_chars(normalize(request.args.get("dept", "")))
    conn = connect()
    conn.search(base_dn(), build_filter("departmentNumber", dept), attributes=["cn", "mail"])
    return jsonify([{"name": str(e.cn), "mail": str(e.mail)} for e in conn.entries])
