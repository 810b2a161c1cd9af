"""Patient portal: account registration."""
import hashlib
import os
import secrets

from flask import Flask, jsonify, request

from common.db import execute

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/register", methods=["POST"])
def register():
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if "@" not in email or len(password) < 12:
        return jsonify({"error": "invalid email or password too short"}), 400
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    execute("INSERT INTO portal_users (email, pw_scrypt, pw_salt) VALUES (?, ?, ?)",
            (email, key.hex(), salt.hex()))
    return jsonify({"registered": True}), 201
