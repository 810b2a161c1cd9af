"""Vulnerable: both values of the tuple given to the % operator come from the request, and
the formatted SQL is executed."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/bookings")
def bookings():
    start = request.args.get("from", "2024-01-01")
    end = request.args.get("to", "2024-12-31")
    window = (start, end)
    sql = "SELECT id FROM bookings WHERE day BETWEEN '%s' AND '%s'" % window
    with sqlite3.connect("hotel.db") as conn:
        return {"count": len(conn.execute(sql).fetchall())}
