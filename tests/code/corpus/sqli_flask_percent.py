import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/orders")
def orders():
    customer = request.args.get("customer", "")
    sql = "SELECT id, total FROM orders WHERE customer = '%s'" % customer
    rows = sqlite3.connect("shop.db").execute(sql).fetchall()
    return {"rows": rows}
