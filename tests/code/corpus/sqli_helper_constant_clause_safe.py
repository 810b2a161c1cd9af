"""Safe: the sort direction from the request only selects one of two constant ORDER BY
clauses returned by helpers.text.order_clause."""

import sqlite3

from flask import Flask, request
from helpers.text import order_clause

app = Flask(__name__)


@app.route("/events")
def events():
    direction = request.args.get("dir", "asc")
    sql = "SELECT id, title FROM events " + order_clause(direction)
    with sqlite3.connect("calendar.db") as conn:
        return {"count": len(conn.execute(sql).fetchall())}
