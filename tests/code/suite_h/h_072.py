"""Invoice lookup for the accounting dashboard (Python 3.12)."""
import logging
import os
import sqlite3

from flask import Flask, request, jsonify, abort

app = Flask(__name__)


def fetch_one(statement):
    conn = sqlite3.connect("accounting.db")
    try:
        row = conn.execute(statement).fetchone()
    finally:
        conn.close()
    return row


@app.route("/invoice")
def invoice():
    try:
        row = fetch_one(f"SELECT number, amount, due FROM invoices WHERE id = {int(request.args["id"])}")
    except (KeyError, ValueError):
        abort(400)
    if row is None:
        abort(404)
    return jsonify({"number": row[0], "amount": row[1], "due": row[2]})


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response
