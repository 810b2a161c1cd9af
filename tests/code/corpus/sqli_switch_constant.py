"""Vulnerable: the if/elif switch is on a variable that is always "legacy", which selects the
branch that concatenates the request's SKU."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/stock")
def stock():
    sku = request.args.get("sku", "")
    backend = "legacy"
    if backend == "modern":
        sql = "SELECT qty FROM stock WHERE sku = 'DEFAULT'"
    elif backend == "legacy":
        sql = "SELECT qty FROM stock WHERE sku = '" + sku + "'"
    else:
        sql = "SELECT 0"
    with sqlite3.connect("warehouse.db") as conn:
        return {"rows": len(conn.execute(sql).fetchall())}
