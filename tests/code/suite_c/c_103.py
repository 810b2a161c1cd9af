import hashlib

from flask import Blueprint, jsonify, request

from app.storage import db

accounts = Blueprint("accounts", __name__)


@accounts.route("/register", methods=["POST"])
def register():
    data = request.get_json(silent=True) or {}
    email, password = data.get("email", ""), data.get("password", "")
    if len(password) < 10:
        return jsonify(error="password too short"), 400
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()
    db.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)", (email, digest))
    return jsonify(created=True), 201
