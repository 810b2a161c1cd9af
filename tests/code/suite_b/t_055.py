import hashlib
import os
import sqlite3

from flask import Flask, jsonify, request

from lib.db import connect

app = Flask(__name__)


@app.post("/api/register")
def register():
    data = request.get_json(silent=True) or {}
    username = str(data.get("username", "")).strip()
    password = str(data.get("password", ""))
    if not username or len(password) < 10:
        return jsonify(error="username and a 10+ char password required"), 400
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)
    try:
        with connect() as conn:
            conn.execute(
                "INSERT INTO users (username, password_hash) VALUES (?, ?)",
                (username, salt.hex() + "$" + digest.hex()),
            )
    except sqlite3.IntegrityError:
        return jsonify(error="username taken"), 409
    return jsonify(created=username), 201
