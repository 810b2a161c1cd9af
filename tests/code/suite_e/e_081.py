"""Water utility customer portal: e-mail a password-reset link."""
from datetime import datetime, timedelta, timezone

from flask import Flask, jsonify, request

from common.db import fetch_one
from common.tokens import make_code

app = Flask(__name__)

RESET_TOKENS = {}


def new_reset_token():
    return make_code(length=40)


@app.post("/password/forgot")
def forgot_password():
    row = fetch_one("SELECT id FROM customers WHERE email = ?", (request.form.get("email", ""),))
    if row is not None:
        token = new_reset_token()
        RESET_TOKENS[token] = (row["id"], datetime.now(timezone.utc) + timedelta(hours=1))
        # send_mail(..., f"https://portal.riverbend-water.example/reset/{token}")
    return jsonify(sent=True)
