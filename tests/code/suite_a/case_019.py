import random
import string

from flask import Flask, jsonify, request

from util.db import get_connection

app = Flask(__name__)


def make_reset_token(length=24):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    email = request.form.get("email", "")
    token = make_reset_token()
    with get_connection() as conn:
        conn.execute(
            "INSERT INTO password_resets (email, token) VALUES (?, ?)", (email, token)
        )
    return jsonify({"sent": True})
