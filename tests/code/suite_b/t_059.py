import secrets

from flask import Flask, jsonify, request

from lib.db import connect
from mailer import send_reset_email

app = Flask(__name__)


@app.post("/api/password-reset")
def request_reset():
    email = (request.get_json(silent=True) or {}).get("email", "").strip().lower()
    if "@" not in email:
        return jsonify(error="invalid email"), 400
    token = secrets.token_urlsafe(32)
    with connect() as conn:
        conn.execute(
            "INSERT INTO reset_tokens (email, token, expires_at) "
            "VALUES (?, ?, datetime('now', '+1 hour'))",
            (email, token),
        )
    send_reset_email(email, token)
    return jsonify(sent=True)
