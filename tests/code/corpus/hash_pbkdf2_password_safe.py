"""Safe: passwords are stretched with PBKDF2-HMAC-SHA256, a random salt and many iterations."""

import hashlib
import os
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    password = request.form["password"]
    salt = os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    with sqlite3.connect("users.db") as conn:
        conn.execute("INSERT INTO users (name, salt, pw_hash) VALUES (?, ?, ?)",
                     (request.form["username"], salt.hex(), derived.hex()))
    return {"created": True}
