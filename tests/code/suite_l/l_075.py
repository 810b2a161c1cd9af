import os

from flask import Flask, jsonify, request, session
from werkzeug.security import check_password_hash

from db import get_user_by_login

app = Flask(__name__)
app.secret_key = os.environ["CI_SECRET_KEY"]


@app.route("/login", methods=["POST"])
def login():
    creds = request.get_json(silent=True) or {}
    user = get_user_by_login(str(creds.get("login", "")))
    if user is None or not check_password_hash(user["pw_hash"], str(creds.get("password", ""))):
        return jsonify({"ok": False}), 401
    session.clear()
    session["user_id"] = user["id"]
    session["is_admin"] = bool(user["is_admin"])
    return jsonify({"ok": True})


@app.route("/whoami")
def whoami():
    return jsonify({
        "user_id": session.get("user_id"),
        "admin": session.get("is_admin", False),
    })


@app.route("/logout", methods=["POST"])
def logout():
    session.clear()
    return jsonify({"ok": True})
