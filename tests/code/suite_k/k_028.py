import functools
import hashlib
import os

from flask import Blueprint, jsonify, request

from .db import get_db

auth = Blueprint("auth", __name__, url_prefix="/auth")


def _digest(algorithm, password, salt):
    h = hashlib.new(algorithm)
    h.update(salt.encode())
    h.update(password.encode())
    return h.hexdigest()


hash_password = functools.partial(_digest, "sha1")


@auth.route("/register", methods=["POST"])
def register():
    form = request.form
    username = form.get("username", "").strip().lower()
    password = form.get("password", "")
    if not username or len(password) < 8:
        return jsonify(error="invalid username or password"), 400
    salt = os.urandom(8).hex()
    db = get_db()
    db.execute(
        "INSERT INTO agents (username, salt, password_hash) VALUES (?, ?, ?)",
        (username, salt, hash_password(password, salt)),
    )
    db.commit()
    return jsonify(created=username), 201


@auth.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "").strip().lower()
    row = get_db().execute(
        "SELECT salt, password_hash FROM agents WHERE username = ?", (username,)
    ).fetchone()
    if row is None or hash_password(request.form.get("password", ""), row["salt"]) != row["password_hash"]:
        return jsonify(error="bad credentials"), 401
    return jsonify(ok=True)
