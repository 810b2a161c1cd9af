"""Patient portal: e-mail verification link."""
import os
import secrets

from flask import Flask, jsonify, request

from common.db import execute, fetch_one

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/email/verify/send", methods=["POST"])
def send_verification():
    user = fetch_one("SELECT id FROM portal_users WHERE email = ?", (request.form.get("email", ""),))
    if user is None:
        return jsonify({"sent": True})
    token = secrets.token_urlsafe(32)
    execute("INSERT INTO email_verifications (user_id, token) VALUES (?, ?)", (user["id"], token))
    return jsonify({"sent": True})
