"""Login that records the authenticated user's id in the session."""
import sqlite3

from flask import Flask, request, session, jsonify
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = "dev-key"


def find_user(username):
    conn = sqlite3.connect("app.db")
    row = conn.execute("SELECT id, password_hash, is_admin FROM users WHERE username = ?",
                       (username,)).fetchone()
    conn.close()
    return row


@app.route("/login", methods=["POST"])
def login():
    row = find_user(request.form.get("username", ""))
    if row is None or not check_password_hash(row[1], request.form.get("password", "")):
        return jsonify(ok=False), 401
    session.clear()
    session["user_id"] = row[0]
    session["is_admin"] = bool(row[2])
    return jsonify(ok=True)


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
