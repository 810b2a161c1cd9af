import hashlib
import os

from flask import Flask, jsonify, request

from util.db import get_connection

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)
    stored = "pbkdf2_sha256$600000$%s$%s" % (salt.hex(), dk.hex())
    with get_connection() as conn:
        conn.execute(
            "INSERT INTO users (username, pw_hash) VALUES (?, ?)", (username, stored)
        )
    return jsonify({"created": True}), 201
