"""Vulnerable: the status list's second element is the query parameter, and that element is
formatted into the SQL."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/tasks")
def tasks():
    statuses = ["archived", request.args.get("status", "open")]
    sql = "SELECT id FROM tasks WHERE status = '{}'".format(statuses[1])
    with sqlite3.connect("todo.db") as conn:
        return {"count": len(conn.execute(sql).fetchall())}
