"""Safe: the sort column is formatted into the SQL only after abort(400) has refused any
value outside the allow-list."""

import sqlite3

from flask import Flask, abort, request

app = Flask(__name__)
SORTABLE = ("name", "price", "created_at")


@app.route("/catalogue")
def catalogue():
    column = request.args.get("sort", "name")
    if column not in SORTABLE:
        abort(400)
    sql = f"SELECT id, name FROM products ORDER BY {column}"
    with sqlite3.connect("shop.db") as conn:
        return {"count": len(conn.execute(sql).fetchall())}
