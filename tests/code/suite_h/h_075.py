"""Classic username/password login that puts the account id into the session."""
import sqlite3

from flask import Flask, request, session, jsonify
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = "login-demo"


def find_account(username):
    conn = sqlite3.connect("accounts.db")
    try:
        return conn.execute(
            "SELECT id, username, pw_hash, is_admin FROM accounts WHERE username = ?", (username,)
        ).fetchone()
    finally:
        conn.close()


@app.route("/login", methods=["POST"])
def login():
    account = find_account(request.form.get("username", ""))
    if account is None or not check_password_hash(account[2], request.form.get("password", "")):
        return jsonify({"error": "invalid credentials"}), 401
    session.clear()
    session["account_id"] = account[0]
    session["username"] = account[1]
    session["is_admin"] = bool(account[3])
    return jsonify({"ok": True})
