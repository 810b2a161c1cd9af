import hashlib
import os
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB = "/var/lib/clinic/staff.db"


def digest_password(password, salt=None):
    salt = salt or os.urandom(8).hex()
    digest = hashlib.sha1((salt + password).encode("utf-8")).hexdigest()
    return salt, digest


def db():
    return sqlite3.connect(DB)


@app.route("/staff/register", methods=["POST"])
def register():
    username = request.form["username"].strip().lower()
    password = request.form["password"]
    if len(password) < 10:
        return jsonify({"error": "password too short"}), 400
    salt, digest = digest_password(password)
    with db() as conn:
        conn.execute(
            "INSERT INTO staff (username, salt, pw_hash) VALUES (?, ?, ?)",
            (username, salt, digest),
        )
    return jsonify({"created": username}), 201


@app.route("/staff/login", methods=["POST"])
def login():
    username = request.form["username"].strip().lower()
    with db() as conn:
        row = conn.execute(
            "SELECT salt, pw_hash FROM staff WHERE username = ?", (username,)
        ).fetchone()
    if row is None:
        return jsonify({"ok": False}), 401
    _, digest = digest_password(request.form["password"], row[0])
    return jsonify({"ok": digest == row[1]}), (200 if digest == row[1] else 401)
