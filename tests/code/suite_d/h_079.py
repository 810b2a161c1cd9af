"""Patient portal: legacy password check kept from the old portal."""
import hashlib
import hmac
import os

from flask import Flask, jsonify, request, session

from common.db import fetch_one

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.route("/legacy/login", methods=["POST"])
def legacy_login():
    email = request.form.get("email", "")
    password = request.form.get("password", "")
    user = fetch_one("SELECT id, salt, pw_sha1 FROM legacy_users WHERE email = ?", (email,))
    if user is None:
        return jsonify({"ok": False}), 401
    candidate = hashlib.sha1((user["salt"] + password).encode()).hexdigest()
    if not hmac.compare_digest(candidate, user["pw_sha1"]):
        return jsonify({"ok": False}), 401
    session["uid"] = user["id"]
    return jsonify({"ok": True})
