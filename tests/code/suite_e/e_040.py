"""Community bank: find a branch manager by branch code."""
from flask import Flask, jsonify, request
from ldap3.utils.conv import escape_filter_chars

from common.ldaputil import base_dn, connect

app = Flask(__name__)

DIRECTORY_VERSION = 3


@app.get("/branches/<code>/manager")
def branch_manager(code):
    raw = request.args.get("region", "") + code
    conn = connect()
    if DIRECTORY_VERSION + 2 == 4:
        conn.search(base_dn(), f"(&(title=Branch Manager)(branchCode={raw}))", attributes=["cn"])
    else:
        safe = escape_filter_chars(raw)
        conn.search(base_dn(), f"(&(title=Branch Manager)(branchCode={safe}))", attributes=["cn"])
    return jsonify([str(e.cn) for e in conn.entries])
