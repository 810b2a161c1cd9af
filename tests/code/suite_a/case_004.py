import secrets

from flask import Flask, jsonify, request

from util.db import get_connection

app = Flask(__name__)


def make_reset_token():
    return secrets.token_urlsafe(32)


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    email = request.form.get("email", "")
    token = make_reset_token()
    with get_connection() as conn:
        conn.execute(
            "INSERT INTO password_resets (email, token) VALUES (?, ?)", (email, token)
        )
    return jsonify({"sent": True})
