"""Order history page for customers."""
import logging
import os
import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)


def get_db():
    conn = sqlite3.connect("shop.db")
    conn.row_factory = sqlite3.Row
    return conn


@app.route("/orders")
def orders():
    customer = request.cookies.get("customer", "")
    status = request.args.get("status", "shipped")
    conn = get_db()
    cur = conn.cursor()
    cur.execute(
        f"SELECT id, total, created_at FROM orders "
        f"WHERE customer_ref = '{customer}' AND status = '{status}' "
        f"ORDER BY created_at DESC LIMIT 50"
    )
    rows = [dict(r) for r in cur.fetchall()]
    conn.close()
    return jsonify(rows)


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response
