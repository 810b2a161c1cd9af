"""Water district: customer portal sign-up."""
import base64
import hashlib
import os
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
ITERATIONS = 600_000


def hash_password(password):
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return "pbkdf2_sha256${}${}${}".format(
        ITERATIONS, base64.b64encode(salt).decode(), base64.b64encode(key).decode()
    )


@app.route("/portal/signup", methods=["POST"])
def signup():
    body = request.get_json()
    account = body["account"]
    stored = hash_password(body["password"])
    with sqlite3.connect("portal.db") as conn:
        conn.execute("INSERT INTO logins (account, pw) VALUES (?, ?)", (account, stored))
    return jsonify({"account": account}), 201
