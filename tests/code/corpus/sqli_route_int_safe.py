"""Safe: the <int:invoice_id> converter only lets digits through, and Flask passes an int, so
the formatted SQL cannot carry a payload."""

import sqlite3

from flask import Flask

app = Flask(__name__)


@app.route("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    sql = "SELECT number, total FROM invoices WHERE id = %d" % invoice_id
    with sqlite3.connect("billing.db") as conn:
        row = conn.execute(sql).fetchone()
    return {"found": row is not None}
