"""Vulnerable: passwords are stored as unsalted MD5 digests, which are cracked in seconds."""

import hashlib
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()
    with sqlite3.connect("users.db") as conn:
        conn.execute("INSERT INTO users (name, pw_hash) VALUES (?, ?)", (username, digest))
    return {"created": True}
