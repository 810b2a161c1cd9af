"""Safe: the list mixes a constant and the query parameter, but only the constant at index 0
(taken with pop(0)) is formatted into the SQL."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/tasks/archived")
def archived_tasks():
    statuses = ["archived", request.args.get("status", "open")]
    chosen = statuses.pop(0)
    sql = "SELECT id FROM tasks WHERE status = '{}'".format(chosen)
    with sqlite3.connect("todo.db") as conn:
        return {"count": len(conn.execute(sql).fetchall())}
