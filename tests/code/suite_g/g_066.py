"""Water district: account balance lookup by account number and ZIP."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/balance", methods=["POST"])
def balance():
    body = request.get_json()
    account = body.get("account", "")
    zip_code = body.get("zip", "")
    conn = sqlite3.connect("billing.db")
    row = conn.execute(
        "SELECT balance, due_date FROM accounts WHERE account_no = ? AND zip = ?",
        (account, zip_code),
    ).fetchone()
    conn.close()
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify({"balance": row[0], "due": row[1]})
