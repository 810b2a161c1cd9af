import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/orders")
def orders():
    customer = request.args.get("customer", "")
    cursor = sqlite3.connect("shop.db").cursor()
    cursor.execute("SELECT id, total FROM orders WHERE customer = ?", (customer,))
    return {"rows": cursor.fetchall()}
