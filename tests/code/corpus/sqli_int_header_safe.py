"""Safe: the page number comes from a header but is converted with int() before it is
formatted into the OFFSET clause."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)
PAGE = 50


@app.route("/audit")
def audit_log():
    page = int(request.headers.get("X-Page", "0"))
    sql = "SELECT id, action FROM audit ORDER BY id LIMIT %d OFFSET %d" % (PAGE, page * PAGE)
    with sqlite3.connect("audit.db") as conn:
        return {"count": len(conn.execute(sql).fetchall())}
