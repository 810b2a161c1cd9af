"""Safe: the if/elif switch is on a variable that is always 2, so only the branch with the
constant query runs."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/stock")
def stock():
    sku = request.args.get("sku", "")
    mode = 2
    if mode == 1:
        sql = "SELECT qty FROM stock WHERE sku = '" + sku + "'"
    elif mode == 2:
        sql = "SELECT qty FROM stock WHERE sku = 'DEFAULT'"
    else:
        sql = "SELECT qty FROM stock WHERE sku = '%s'" % sku
    with sqlite3.connect("warehouse.db") as conn:
        return {"rows": len(conn.execute(sql).fetchall())}
