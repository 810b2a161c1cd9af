"""Patient portal: forgot-password e-mail."""
import os
import random
import string

from flask import Flask, jsonify, request

from common.db import execute, fetch_one

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
ALPHABET = string.ascii_letters + string.digits


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    user = fetch_one("SELECT id FROM portal_users WHERE email = ?", (request.form.get("email", ""),))
    if user is not None:
        token = "".join(random.choice(ALPHABET) for _ in range(32))
        execute("INSERT INTO reset_tokens (user_id, token) VALUES (?, ?)", (user["id"], token))
        # mailer picks up reset_tokens rows and sends the link
    return jsonify({"message": "If the address is registered, a link has been sent."})
