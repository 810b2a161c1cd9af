"""Invoice detail page (MySQL)."""
import pymysql
from flask import Flask, abort, jsonify

app = Flask(__name__)


def invoice(invoice_id):
    conn = pymysql.connect(host="db", user="billing", password="billing", database="billing")
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT id, customer, amount FROM invoices WHERE id = {invoice_id}")
            return cur.fetchone()
    finally:
        conn.close()


@app.route("/invoices/<raw_id>")
def show(raw_id):
    try:
        invoice_id = int(raw_id)
    except ValueError:
        abort(404)
    row = invoice(invoice_id)
    if row is None:
        abort(404)
    return jsonify(id=row[0], customer=row[1], amount=float(row[2]))


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
