"""Clinic portal: password-reset links e-mailed to patients."""
import random
import sqlite3
import string

from flask import Flask, jsonify, request

app = Flask(__name__)
ALPHABET = string.ascii_letters + string.digits


def reset_token(length=32):
    return "".join(random.choice(ALPHABET) for _ in range(length))


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    email = request.form["email"]
    token = reset_token()
    with sqlite3.connect("portal.db") as conn:
        conn.execute("INSERT INTO resets (email, token) VALUES (?, ?)", (email, token))
    # mailer.send(email, f"https://portal.example/reset/{token}")
    return jsonify({"sent": True})
